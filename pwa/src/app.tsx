// Which screen to show: signed-out people see sign-in or the invitation form (and the public
// booklet); everything else needs an account.

import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';
import { type Route, useRoute } from './lib/router';
import { useStore } from './lib/store';
import { Booklet, BookletPage } from './patient/Booklet';
import { Messages } from './patient/Messages';
import { AccessHistory, MyData } from './patient/MyData';
import { AccountClosed, CloseAccount } from './patient/CloseAccount';
import { ConsentGate, useConsentGate } from './patient/Consent';
import { Sharing } from './patient/Sharing';
import { Checkin } from './patient/Checkin';
import { ChildScreen } from './patient/Child';
import { Guidance } from './patient/Guidance';
import { Home } from './patient/Home';
import { Join } from './patient/Join';
import { EmergencyScreen, Result } from './patient/Result';
import { Schedule } from './patient/Schedule';
import { Settings } from './patient/Settings';
import { ForgotPassword, ResetPassword } from './patient/Password';
import { SignIn } from './patient/SignIn';
import { Discharge } from './patient/Discharge';
import { Trends } from './patient/Trends';
import { Shell } from './ui';

// The care team's console loads on first use, in a chunk of its own: a patient's phone never
// downloads it (the service worker still keeps it with the app, as every built file).
type ConsoleScreens = typeof import('./console');
let consoleScreens: ConsoleScreens | null = null;
let consoleLoading: Promise<ConsoleScreens> | null = null;

function loadConsole(): Promise<ConsoleScreens> {
  consoleLoading ??= import('./console').then(
    (screens) => (consoleScreens = screens),
    (error: unknown) => {
      consoleLoading = null; // asked again on the next try
      throw error;
    },
  );
  return consoleLoading;
}

function Console(props: { route: Route; needsSecondFactor: boolean; admin: boolean }) {
  const { route } = props;
  const [screens, setScreens] = useState(consoleScreens);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (screens) return;
    let gone = false;
    loadConsole().then(
      (loaded) => !gone && setScreens(loaded),
      () => !gone && setFailed(true),
    );
    return () => {
      gone = true;
    };
  }, [screens, attempt]);
  if (!screens) {
    if (!failed) {
      return (
        <p class="booting" role="status">
          {t('status.loading')}
        </p>
      );
    }
    return (
      <div class="booting" role="alert">
        <p>{t('error.network')}</p>
        <button
          type="button"
          class="button"
          onClick={() => {
            setFailed(false);
            setAttempt((n) => n + 1);
          }}
        >
          {t('common.retry')}
        </button>
      </div>
    );
  }
  const {
    DevReview,
    Enrol,
    Inbox,
    Invitations,
    Messages,
    PatientPage,
    Patients,
    SecondFactorSetup,
    Summary,
    TeamSettings,
  } = screens;
  // Where the service requires it, the second factor is turned on before anything else.
  if (props.needsSecondFactor) return <SecondFactorSetup route={route} />;
  if (props.admin) {
    // An administrator reads no clinical data: staff accounts and care teams only.
    const { AdminTeams, StaffList, StaffPerson } = screens;
    switch (route.name) {
      case 'console-admin-person':
        return <StaffPerson route={route} id={route.id} />;
      case 'console-admin-teams':
        return <AdminTeams route={route} />;
      case 'console-team':
        return <TeamSettings route={route} id={route.id} />;
      default:
        return <StaffList route={route} />;
    }
  }
  switch (route.name) {
    case 'console-patients':
      return <Patients route={route} />;
    case 'console-patient':
      return <PatientPage route={route} id={route.id} />;
    case 'console-summary':
      return <Summary route={route} id={route.id} />;
    case 'console-enrol':
      return <Enrol route={route} />;
    case 'console-invite':
      return <Invitations route={route} id={route.id} />;
    case 'console-reviews':
      return <DevReview route={route} />;
    case 'console-messages':
      return <Messages route={route} />;
    case 'console-team':
      return <TeamSettings route={route} id={route.id} />;
    default:
      return <Inbox route={route} />;
  }
}

export function App() {
  const route = useRoute();
  const s = useStore();
  const consentPending = useConsentGate(s);
  const open = ['join', 'emergency', 'forgot-password', 'reset-password'];
  if (s.booting && !s.user && !open.includes(route.name)) {
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
    case 'forgot-password':
      return <ForgotPassword route={route} />;
    case 'reset-password':
      return <ResetPassword route={route} />;
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
  if (s.user.role === 'clinician' || s.user.role === 'admin')
    return (
      <Console route={route} needsSecondFactor={Boolean(s.user.second_factor_needed)} admin={s.user.role === 'admin'} />
    );
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
    case 'discharge':
      return <Discharge route={route} />;
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
