// Settings: language, text size, notifications, sign-out.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { disablePush, enablePush, isIos, isStandalone, pushStatus, type PushStatus } from '../lib/push';
import { navigate, type Route } from '../lib/router';
import { changeLanguage, signOut, useStore } from '../lib/store';
import type { Lang } from '../lib/types';
import { ErrorText, Shell } from '../ui';
import { TextSizeControl } from './Booklet';
import { FollowCard } from './FamilyAlerts';
import { ChangePassword } from './Password';
import { Sessions } from './Sessions';

/** This phone's notifications. The status is Settings' own: the family-alerts card below says
 * whether notifications are on from the same value. */
function Notifications(props: { status: PushStatus | null; setStatus: (status: PushStatus) => void }) {
  const { status, setStatus } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<PushStatus>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setStatus(await action());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card" aria-labelledby="push-title">
      <h2 id="push-title">{t('push.title')}</h2>
      <p>{t('push.intro')}</p>
      {status === 'ios-home-screen' && <p class="hint">{t('push.ios')}</p>}
      {status === 'unsupported' && <p>{t('push.unsupported')}</p>}
      {status === 'denied' && <p>{t('push.denied')}</p>}
      {status === 'on' && (
        <>
          <p class="status status-sent">{t('push.on')}</p>
          <button type="button" class="button" disabled={busy} onClick={() => void run(disablePush)}>
            {t('push.disable')}
          </button>
        </>
      )}
      {status === 'off' && (
        <>
          {isIos() && !isStandalone() && <p class="hint">{t('push.ios')}</p>}
          <button type="button" class="button primary" disabled={busy} onClick={() => void run(enablePush)}>
            {t('push.enable')}
          </button>
        </>
      )}
      <ErrorText text={error} />
    </section>
  );
}

export function Settings(props: { route: Route }) {
  const s = useStore();
  const [push, setPush] = useState<PushStatus | null>(null);
  useEffect(() => {
    void pushStatus().then(setPush);
  }, []);
  const [confirm, setConfirm] = useState(false);
  const pending = s.outbox.filter((e) => e.state === 'pending').length;
  async function leave(): Promise<void> {
    if (pending > 0 && !confirm) {
      setConfirm(true);
      return;
    }
    await signOut();
    navigate('/signin', true);
  }
  const langs: { code: Lang; label: string }[] = [
    { code: 'fr', label: 'Français' },
    { code: 'en', label: 'English' },
  ];
  return (
    <Shell route={props.route} title={t('settings.title')}>
      <p>{t('settings.signedInAs', { name: s.user?.display_name ?? '', email: s.user?.email ?? '' })}</p>
      <section class="card" aria-labelledby="lang-title">
        <h2 id="lang-title">{t('settings.language')}</h2>
        <div class="switcher-list" role="group" aria-labelledby="lang-title">
          {langs.map((l) => (
            <button
              type="button"
              lang={l.code}
              class={s.lang === l.code ? 'chip chip-on' : 'chip'}
              aria-pressed={s.lang === l.code}
              onClick={() => void changeLanguage(l.code)}
            >
              {l.label}
            </button>
          ))}
        </div>
      </section>
      <p>
        <a class="button" href="/my-data" data-action="my-data">
          {t('data.link')}
        </a>
      </p>
      <section class="card" aria-labelledby="size-title">
        <h2 id="size-title">{t('textsize.title')}</h2>
        <TextSizeControl />
      </section>
      <Notifications status={push} setStatus={setPush} />
      <FollowCard push={push} />
      <ChangePassword />
      <Sessions />
      <section class="card" aria-labelledby="install-title">
        <h2 id="install-title">{t('install.title')}</h2>
        <p>{isIos() ? t('install.ios') : t('install.android')}</p>
      </section>
      <section class="card" aria-labelledby="out-title">
        <h2 id="out-title">{t('settings.signOut')}</h2>
        <p>{t('settings.signOutText')}</p>
        {confirm && (
          <p class="error" role="alert">
            {t('settings.signOutPending', { n: pending })}
          </p>
        )}
        <button type="button" class="button danger" onClick={() => void leave()}>
          {confirm ? t('settings.signOutAnyway') : t('settings.signOut')}
        </button>
      </section>
      <p class="source">{t('settings.version', { version: s.bundle?.version ?? '—' })}</p>
    </Shell>
  );
}
