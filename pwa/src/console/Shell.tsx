// The console's frame: wide layout for desktops, the spaces (alerts, messages with what waits for me,
// patients, reviews, team; for an administrator: staff accounts and care teams), the alert sound
// switch, language, live connection state, sign-out; the unseen alerts' count in the title.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TeamSummary } from '../api/console';
import { t } from '../i18n';
import { signOut, useStore } from '../lib/store';
import type { Route } from '../lib/router';
import { LanguageSwitch } from '../ui';
import { setSoundOn, soundOn, useAttention } from './attention';
import { useInboxCount } from './inboxCount';

export function ConsoleShell(props: {
  route: Route;
  title: string;
  live?: boolean | null;
  children: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const me = useStore().user;
  const watching = Boolean(me) && !me?.second_factor_needed && me?.role !== 'admin';
  const unread = useAttention(watching);
  const waiting = useInboxCount(watching);
  const toRead = waiting.messages + waiting.notes;
  const [sound, setSound] = useState(soundOn);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [props.title, props.route.name]);
  const admin = me?.role === 'admin';
  useEffect(() => {
    // The tab says how many alerts nobody has seen yet, from any screen of the console.
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${props.title} · Relais`;
  }, [props.title, unread]);
  const inbox = !props.route.name.startsWith('console-');
  const team = props.route.name === 'console-team';
  const reviews = props.route.name === 'console-reviews';
  const messages = props.route.name === 'console-messages';
  // An administrator reads no clinical data: their console is the staff accounts and the teams.
  const adminTeams = team || props.route.name === 'console-admin-teams';
  return (
    <div class="shell console">
      <a class="skip" href="#main">
        {t('c.nav')}
      </a>
      <header class="top">
        <a class="brand" href="/console">
          Relais
        </a>
        {admin ? (
          <nav class="console-nav" aria-label={t('c.nav')}>
            <a href="/console/admin" aria-current={!adminTeams ? 'page' : undefined}>
              {t('a.nav.staff')}
            </a>
            <a href="/console/admin/teams" aria-current={adminTeams ? 'page' : undefined}>
              {t('a.nav.teams')}
            </a>
          </nav>
        ) : (
          <nav class="console-nav" aria-label={t('c.nav')}>
            <a href="/console" aria-current={inbox ? 'page' : undefined}>
              {t('c.inbox')}
            </a>
            <a href="/console/messages" aria-current={messages ? 'page' : undefined} data-nav="messages">
              {t('c.msg.nav')}
              {toRead > 0 && (
                <>
                  {' '}
                  <span class="nav-count" aria-hidden="true">
                    {toRead}
                  </span>
                  <span class="visually-hidden">{t('c.msg.navCount', { n: toRead })}</span>
                </>
              )}
            </a>
            <a href="/console/patients" aria-current={!inbox && !team && !reviews && !messages ? 'page' : undefined}>
              {t('c.patients')}
            </a>
            <a href="/console/reviews" aria-current={reviews ? 'page' : undefined}>
              {t('c.reviews')}
            </a>
            <a href="/console/team" aria-current={team ? 'page' : undefined}>
              {t('c.team')}
            </a>
          </nav>
        )}
        {!admin && (
          <button
            type="button"
            class="lang-switch sound-switch"
            aria-pressed={sound}
            data-action="sound"
            onClick={() => {
              setSoundOn(!sound);
              setSound(!sound);
            }}
          >
            <span aria-hidden="true">♪ </span>
            <span class="sound-label">{t('c.sound')}</span>
          </button>
        )}
        <LanguageSwitch />
        <button type="button" class="lang-switch" onClick={() => void signOut()}>
          {t('c.signout')}
        </button>
      </header>
      {props.live !== undefined && props.live !== null && (
        <p class={props.live ? 'live live-on' : 'live live-off'} role="status">
          <span aria-hidden="true">{props.live ? '● ' : '○ '}</span>
          {props.live ? t('c.live.on') : t('c.live.off')}
        </p>
      )}
      <main id="main" class="main">
        <h1 ref={heading} tabIndex={-1}>
          {props.title}
        </h1>
        {props.children}
      </main>
    </div>
  );
}

const ICON: Record<string, string> = { red: '!', amber: '▲', green: '✓' };

/** A level: icon, word and colour, never colour alone. */
export function Level(props: { level: string; big?: boolean }) {
  const key = `c.level.${props.level}` as 'c.level.red';
  return (
    <span class={`badge badge-${props.level}${props.big ? ' badge-big' : ''}`}>
      <span aria-hidden="true" class="badge-icon">
        {ICON[props.level] ?? '?'}
      </span>
      {t(key)}
    </span>
  );
}

// The "Team" filter of the console's lists: all of my teams, or one.
export function TeamSelect(props: { teams: TeamSummary[]; value: string; onChange: (team: string) => void }) {
  return (
    <label>
      {t('c.filter.team')}
      <select value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{t('c.filter.all')}</option>
        {props.teams.map((tm) => (
          <option value={tm.id}>{tm.name}</option>
        ))}
      </select>
    </label>
  );
}
