// Small pieces shared by the screens: the frame (header, main, bottom navigation), level badges,
// phone links and notices.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import { changeLanguage, currentPerson, personData, selectPerson, useStore } from '../lib/store';
import type { Route } from '../lib/router';
import type { Level } from '../lib/types';

/** Lets the waiting service worker take over, then reloads into the new version. */
async function applyUpdate(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  const waiting = registration?.waiting;
  if (!waiting) {
    location.reload();
    return;
  }
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  waiting.postMessage('skip-waiting');
}

const NAV: { name: Route['name']; path: string; label: MessageKey; icon: string }[] = [
  { name: 'home', path: '/', label: 'nav.home', icon: '⌂' },
  { name: 'booklet', path: '/booklet', label: 'nav.booklet', icon: '▤' },
  { name: 'trends', path: '/trends', label: 'nav.trends', icon: '∿' },
  { name: 'schedule', path: '/schedule', label: 'nav.schedule', icon: '▦' },
  { name: 'messages', path: '/messages', label: 'nav.messages', icon: '✉' },
  { name: 'settings', path: '/settings', label: 'nav.settings', icon: '⚙' },
];

export function LanguageSwitch() {
  const s = useStore();
  const other = s.lang === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" class="lang-switch" lang={other} onClick={() => void changeLanguage(other)}>
      {t('lang.switch')}
    </button>
  );
}

/** The frame of every signed-in screen. `title` is the page's h1, focused on arrival. */
export function Shell(props: { route: Route; title: string; children: ComponentChildren; hideNav?: boolean }) {
  const s = useStore();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Relais`;
    heading.current?.focus({ preventScroll: true });
  }, [props.title, props.route.name]);
  const pending = s.outbox.filter((e) => e.state === 'pending').length;
  const unread = personData(s).today?.unread_messages ?? 0;
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('a11y.skip')}
      </a>
      <header class="top">
        <a class="brand" href="/">
          Relais
        </a>
        <LanguageSwitch />
      </header>
      {!s.online && (
        <p class="notice offline" role="status">
          {t('status.offline')}
        </p>
      )}
      {pending > 0 && (
        <p class="notice waiting" role="status">
          {t(pending === 1 ? 'status.waitingOne' : 'status.waiting', { n: pending })}
        </p>
      )}
      {s.updateReady && (
        <p class="notice update" role="status">
          {t('status.update')}{' '}
          <button type="button" class="link" onClick={() => void applyUpdate()}>
            {t('status.reload')}
          </button>
        </p>
      )}
      <main id="main" class="main">
        <h1 ref={heading} tabIndex={-1}>
          {props.title}
        </h1>
        {props.children}
      </main>
      {!props.hideNav && (
        <nav class="tabs" aria-label={t('nav.label')}>
          {NAV.map((item) => {
            const active =
              item.name === props.route.name ||
              (item.name === 'booklet' && (props.route.name === 'page' || props.route.name === 'guidance')) ||
              (item.name === 'settings' && props.route.name.startsWith('my-data'));
            return (
              <a href={item.path} aria-current={active ? 'page' : undefined}>
                <span aria-hidden="true" class="tab-icon">
                  {item.icon}
                </span>
                <span>
                  {t(item.label)}
                  {item.name === 'messages' && unread > 0 && (
                    <span class="tab-count" data-unread={unread}>
                      {' '}
                      <span aria-hidden="true">{unread}</span>
                      <span class="visually-hidden">{t('nav.unread', { n: unread })}</span>
                    </span>
                  )}
                </span>
              </a>
            );
          })}
        </nav>
      )}
    </div>
  );
}

const LEVEL_ICON: Record<Level, string> = { red: '!', amber: '▲', green: '✓' };

/** A level is never told by colour alone: icon and word too. */
export function LevelBadge(props: { level: Level }) {
  const key = `level.${props.level}` as MessageKey;
  return (
    <span class={`badge badge-${props.level}`}>
      <span aria-hidden="true" class="badge-icon">
        {LEVEL_ICON[props.level]}
      </span>
      {t(key)}
    </span>
  );
}

export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

export function CallButton(props: { number: string; label: string; kind?: 'emergency' | 'team' | 'plain' }) {
  return (
    <a class={`call call-${props.kind ?? 'plain'}`} href={telHref(props.number)}>
      <span aria-hidden="true" class="call-icon">
        ☎
      </span>
      <span>
        {props.label}
        <span class="call-number">{props.number}</span>
      </span>
    </a>
  );
}

/** Who the app logs for; a proxy with several people switches here. */
export function PersonSwitcher() {
  const s = useStore();
  const person = currentPerson(s);
  if (s.circle.length < 2 || !person) return null;
  return (
    <fieldset class="switcher">
      <legend>{t('home.switch')}</legend>
      <div class="switcher-list">
        {s.circle.map((p) => {
          const selected = p.patient_id === person.patient_id;
          return (
            <button
              type="button"
              class={selected ? 'chip chip-on' : 'chip'}
              aria-pressed={selected}
              onClick={() => void selectPerson(p.patient_id)}
            >
              {p.relation === 'self' ? t('home.me') : p.given_name}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

export function ErrorText(props: { id?: string; text: string | null }) {
  if (!props.text) return null;
  return (
    <p id={props.id} class="error" role="alert">
      {props.text}
    </p>
  );
}
