// Closing one's account: what it does here (the deployment's erasure mode and retention periods,
// from the server), the password typed again and a box ticked to confirm, then the erasure, the
// phone wiped, and a last page that needs no account.

import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import { closeAccount, dataPolicy, type DataPolicy } from '../lib/consent';
import { errorMessage } from '../lib/errors';
import { navigate, type Route } from '../lib/router';
import { signOut, useStore } from '../lib/store';
import { ErrorText, Shell } from '../ui';

const CLOSED_KEY = 'relais.closed';

export function CloseAccount(props: { route: Route }) {
  const s = useStore();
  const [policy, setPolicy] = useState<DataPolicy | null>(null);
  const [failed, setFailed] = useState(false);
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const staff = s.user?.role === 'clinician' || s.user?.role === 'admin';
  const self = s.circle.some((p) => p.relation === 'self');
  const cared = s.circle.filter((p) => p.relation === 'proxy').map((p) => p.given_name);

  useEffect(() => {
    dataPolicy()
      .then(setPolicy)
      .catch(() => setFailed(true));
  }, []);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setError(null);
    const problems: Record<string, string> = {};
    if (!password) problems.password = t('close.passwordRequired');
    if (!understood) problems.understand = t('close.understandRequired');
    setFieldErrors(problems);
    if (problems.password) {
      document.getElementById('close-password')?.focus();
      return;
    }
    if (problems.understand) {
      document.getElementById('close-understand')?.focus();
      return;
    }
    setBusy(true);
    try {
      const done = await closeAccount(password);
      try {
        sessionStorage.setItem(CLOSED_KEY, done.mode);
      } catch {
        // The last page then says the general words.
      }
      // The session is gone on the server: the phone forgets everything it kept.
      await signOut().catch(() => undefined);
      navigate('/account-closed', true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'bad-password') {
        setFieldErrors({ password: t('close.badPassword') });
        document.getElementById('close-password')?.focus();
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  }

  if (staff) {
    return (
      <Shell route={props.route} title={t('close.title')}>
        <p>{t('close.staff')}</p>
      </Shell>
    );
  }
  return (
    <Shell route={props.route} title={t('close.title')}>
      <section class="card" aria-labelledby="close-what">
        <h2 id="close-what">{t('close.what')}</h2>
        {!policy && !failed && (
          <p role="status" class="loading">
            {t('status.loading')}
          </p>
        )}
        {failed && (
          <p class="error" role="alert">
            {t('error.network')}
          </p>
        )}
        {policy && (
          <ul class="close-effects">
            <li>{t('close.account')}</li>
            {self && policy.erasure_mode === 'delete' && <li>{t('close.delete')}</li>}
            {self && policy.erasure_mode === 'pseudonymise' && (
              <li>
                {t('close.pseudonymise')} {t('close.pseudonymiseKept', { days: policy.retention_health_days })}
              </li>
            )}
            {cared.length > 0 && <li>{t('close.proxy', { names: cared.join(', ') })}</li>}
            {self && <li>{t('close.team')}</li>}
            <li>{t('close.audit', { days: policy.retention_audit_days })}</li>
          </ul>
        )}
        {policy?.dpo && <p>{t('close.dpo', { dpo: policy.dpo })}</p>}
        <p>{t('close.download')}</p>
        <a class="button" href="/my-data">
          {t('close.downloadLink')}
        </a>
      </section>
      <form class="form card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="close-confirm">
        <h2 id="close-confirm">{t('close.confirmTitle')}</h2>
        <p class="error">{t('close.undone')}</p>
        {!s.online && <p class="hint">{t('close.offline')}</p>}
        <label for="close-password">{t('close.password')}</label>
        <input
          id="close-password"
          type="password"
          autocomplete="current-password"
          required
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={fieldErrors.password ? 'close-password-error' : undefined}
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
        />
        <ErrorText id="close-password-error" text={fieldErrors.password ?? null} />
        <div class="consent-check">
          <input
            type="checkbox"
            id="close-understand"
            required
            checked={understood}
            aria-invalid={fieldErrors.understand ? true : undefined}
            aria-describedby={fieldErrors.understand ? 'close-understand-error' : undefined}
            onChange={(e) => setUnderstood((e.target as HTMLInputElement).checked)}
          />
          <label for="close-understand">{t('close.understand')}</label>
        </div>
        <ErrorText id="close-understand-error" text={fieldErrors.understand ?? null} />
        <ErrorText text={error} />
        <button type="submit" class="button warn" disabled={busy} data-action="close-account">
          {busy ? t('status.wait') : t('close.submit')}
        </button>
      </form>
      <a class="button" href="/my-data">
        {t('data.back')}
      </a>
    </Shell>
  );
}

/** The last page, open without an account. */
export function AccountClosed(props: { route: Route }) {
  const [mode] = useState<string | null>(() => {
    try {
      return sessionStorage.getItem(CLOSED_KEY);
    } catch {
      return null;
    }
  });
  return (
    <Shell route={props.route} title={t('closed.title')} hideNav>
      <p class="lead" data-closed={mode ?? ''}>
        {mode === 'pseudonymise' ? t('closed.pseudonymised') : t('closed.deleted')}
      </p>
      <p>{t('closed.care')}</p>
      <a class="button warn" href="/emergency">
        {t('home.emergencyLink')}
      </a>
      <a class="button" href="/booklet">
        {t('signin.readBooklet')}
      </a>
      <p>{t('closed.thanks')}</p>
    </Shell>
  );
}
