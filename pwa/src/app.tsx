// Which screen to show: signed-out people see sign-in or the invitation form (and the public
// booklet); everything else needs an account.

import { t } from './i18n';
import { useRoute } from './lib/router';
import { useStore } from './lib/store';
import { Booklet, BookletPage } from './screens/Booklet';
import { Inbox, PatientPage, Patients, Summary, TeamSettings } from './console';
import { DevReview } from './console/DevReview';
import { Messages } from './screens/Messages';
import { AccessHistory, MyData } from './screens/MyData';
import { AccountClosed, CloseAccount } from './screens/CloseAccount';
import { ConsentGate, useConsentGate } from './screens/Consent';
import { Sharing } from './screens/Sharing';
import { Checkin } from './screens/Checkin';
import { ChildScreen } from './screens/Child';
import { Guidance } from './screens/Guidance';
import { Home } from './screens/Home';
import { Join } from './screens/Join';
import { EmergencyScreen, Result } from './screens/Result';
import { Schedule } from './screens/Schedule';
import { Settings } from './screens/Settings';
import { SignIn } from './screens/SignIn';
import { Trends } from './screens/Trends';
import { Shell } from './ui';

export function App() {
  const route = useRoute();
  const s = useStore();
  const consentPending = useConsentGate(s);
  if (s.booting && !s.user && route.name !== 'join' && route.name !== 'emergency') {
    return (
      <p class="booting" role="status">
        {t('status.loading')}
      </p>
    );
  }
  // Screens open to anyone: the invitation, the booklet, the guidance, the emergency page.
  switch (route.name) {
    case 'join':
      return <Join route={route} />;
    case 'emergency':
      return <EmergencyScreen route={route} />;
    case 'booklet':
      return <Booklet route={route} />;
    case 'page':
      return <BookletPage route={route} id={route.id} />;
    case 'guidance':
      return <Guidance route={route} />;
    case 'account-closed':
      return <AccountClosed route={route} />;
    default:
  }
  if (!s.user) return <SignIn route={route} />;
  // Staff who sign in land in the care team's console.
  if (s.user.role === 'clinician' || s.user.role === 'admin') {
    switch (route.name) {
      case 'console-patients':
        return <Patients route={route} />;
      case 'console-patient':
        return <PatientPage route={route} id={route.id} />;
      case 'console-summary':
        return <Summary route={route} id={route.id} />;
      case 'console-reviews':
        return <DevReview route={route} />;
      case 'console-team':
        return <TeamSettings route={route} id={route.id} />;
      default:
        return <Inbox route={route} />;
    }
  }
  // New terms or privacy notice: accepted before anything else (closing the account stays open).
  if (consentPending && route.name !== 'my-data-close') return <ConsentGate route={route} />;
  switch (route.name) {
    case 'messages':
      return <Messages route={route} />;
    case 'home':
    case 'signin':
      return <Home route={route} />;
    case 'checkin':
      return <Checkin route={route} />;
    case 'result':
      return <Result route={route} />;
    case 'schedule':
      return <Schedule route={route} />;
    case 'trends':
      return <Trends route={route} />;
    case 'settings':
      return <Settings route={route} />;
    case 'my-data':
      return <MyData route={route} />;
    case 'my-data-access':
      return <AccessHistory route={route} />;
    case 'my-data-sharing':
      return <Sharing route={route} />;
    case 'my-data-close':
      return <CloseAccount route={route} />;
    case 'child-development':
    case 'child-growth':
    case 'child-school':
    case 'child-wellbeing':
      return <ChildScreen route={route} />;
    default:
      return (
        <Shell route={route} title={t('notfound.title')}>
          <p>{t('notfound.text')}</p>
          <a class="button" href="/">
            {t('nav.home')}
          </a>
        </Shell>
      );
  }
}
