// A child's follow-up for the parent: the development check, the growth chart, the
// return-to-school checklist and the wellbeing screens (the child's and the parent's own), each
// on its own screen, for the child chosen on the home screen.

import { DevelopmentCheck, GrowthChart, SchoolChecklist, WellbeingScreens } from '../children';
import { fillPlaceholders, t, type MessageKey } from '../i18n';
import { crisisLine, emergencyNumber, placeholderValues, teamPhone } from '../lib/numbers';
import type { Route } from '../lib/router';
import { currentPerson, personData, useStore } from '../lib/store';
import type { Person } from '../lib/types';
import { PersonSwitcher, Shell } from '../ui';

export type ChildRoute = Extract<
  Route,
  { name: 'child-development' | 'child-growth' | 'child-school' | 'child-wellbeing' }
>;

const PAGES: { name: ChildRoute['name']; path: string; label: MessageKey; title: MessageKey }[] = [
  { name: 'child-development', path: '/child/development', label: 'child.development', title: 'child.developmentOf' },
  { name: 'child-growth', path: '/child/growth', label: 'child.growth', title: 'child.growthOf' },
  { name: 'child-school', path: '/child/school', label: 'child.school', title: 'child.schoolOf' },
  { name: 'child-wellbeing', path: '/child/wellbeing', label: 'child.wellbeing', title: 'child.wellbeingOf' },
];

/** Links to the child's screens; `current` marks the one on screen. */
export function ChildLinks(props: { current?: ChildRoute['name'] }) {
  return (
    <nav class="child-links" aria-label={t('child.title')}>
      <ul class="plain">
        {PAGES.map((page) => (
          <li>
            <a
              class="button"
              href={page.path}
              data-child={page.name.slice('child-'.length)}
              aria-current={page.name === props.current ? 'page' : undefined}
            >
              {t(page.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The card on the home screen, shown when the person followed is a child. */
export function ChildCard(props: { person: Person }) {
  if (!props.person.is_child) return null;
  return (
    <section class="card" aria-labelledby="child-title">
      <h2 id="child-title">{t('child.title')}</h2>
      <ChildLinks />
    </section>
  );
}

export function ChildScreen(props: { route: ChildRoute }) {
  const s = useStore();
  const person = currentPerson(s);
  const page = PAGES.find((p) => p.name === props.route.name) ?? PAGES[0];
  if (!person || !person.is_child || !page) {
    return (
      <Shell route={props.route} title={t('child.title')}>
        <p>{t('child.notChild')}</p>
        <a class="button" href="/">
          {t('nav.home')}
        </a>
      </Shell>
    );
  }
  const id = person.patient_id;
  const values = placeholderValues(s.bundle, person, personData(s).schedule);
  const fill = (text: string): string => fillPlaceholders(text, values);
  return (
    <Shell route={props.route} title={t(page.title, { name: person.given_name })}>
      <PersonSwitcher />
      <ChildLinks current={props.route.name} />
      {props.route.name === 'child-development' && <DevelopmentCheck key={id} patientId={id} fill={fill} />}
      {props.route.name === 'child-growth' && <GrowthChart key={id} patientId={id} fill={fill} />}
      {props.route.name === 'child-school' && <SchoolChecklist key={id} patientId={id} />}
      {props.route.name === 'child-wellbeing' && (
        <WellbeingScreens
          key={id}
          patientId={id}
          questionnaires={s.bundle?.questionnaires ?? null}
          fill={fill}
          numbers={{
            team: teamPhone(s.bundle, person),
            teamName: person.team?.name ?? null,
            crisis: crisisLine(s.bundle),
            emergency: emergencyNumber(s.bundle),
          }}
        />
      )}
    </Shell>
  );
}
