// Passwords a person can manage: "forgot password?" (a link sent by email, or, where the service
// sends no email, who to ask), the page that link opens, and the change of password in Settings.
// The server's success sentences are English: these screens say their own, in the app's language.

import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { components } from '../api/schema';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import type { Route } from '../lib/router';
import { useStore } from '../lib/store';
import { ErrorText, Shell } from '../ui';

type ResetAvailable = components['schemas']['ResetAvailableOut'];

// The server asks for 12 (relais.accounts.passwords.MIN_LENGTH).
const MIN_LENGTH = 12;

/** The server's field errors by field name (the last part of `new_password`, `current_password`). */
function byField(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.errors.map((f) => [f.field.split('.').pop() ?? f.field, f.message]));
}

/** A new password typed twice, with the length the server asks for checked first. */
function NewPassword(props: {
  value: string;
  again: string;
  error: string | null;
  onInput: (value: string) => void;
  onAgain: (value: string) => void;
}) {
  return (
    <>
      <label for="new-password">{t('password.new')}</label>
      <p class="hint" id="new-password-hint">
        {t('join.passwordHint')}
      </p>
      <input
        id="new-password"
        type="password"
        autocomplete="new-password"
        required
        aria-describedby={props.error ? 'new-password-hint new-password-error' : 'new-password-hint'}
        aria-invalid={props.error ? true : undefined}
        value={props.value}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
      <ErrorText id="new-password-error" text={props.error} />
      <label for="new-password-again">{t('password.again')}</label>
      <input
        id="new-password-again"
        type="password"
        autocomplete="new-password"
        required
        value={props.again}
        onInput={(e) => props.onAgain((e.target as HTMLInputElement).value)}
      />
    </>
  );
}

/** What is wrong with a new password before it is sent, or null. */
function newPasswordProblem(value: string, again: string): string | null {
  if (value.length < MIN_LENGTH) return t('join.passwordLength');
  if (value !== again) return t('password.mismatch');
  return null;
}

export function ForgotPassword(props: { route: Route }) {
  const s = useStore();
  const [available, setAvailable] = useState<ResetAvailable | null>(null);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api<ResetAvailable>('GET', '/api/auth/password-reset').then(setAvailable, (e: unknown) =>
      setError(errorMessage(e)),
    );
  }, []);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setError(null);
    if (!email.trim().includes('@')) {
      setError(t('password.emailNeeded'));
      return;
    }
    setBusy(true);
    try {
      await api('POST', '/api/auth/password-reset', { email: email.trim() });
      setSent(email.trim());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Shell route={props.route} title={t('forgot.title')} hideNav>
      {!available && !error && (
        <p role="status" class="loading">
          {t('status.loading')}
        </p>
      )}
      {available && !available.by_email && (
        <p class="lead" data-state="no-email">
          {t('forgot.noEmail')}
        </p>
      )}
      {available?.by_email && sent && (
        <p class="lead" role="status" data-state="sent">
          {t('forgot.sent', { email: sent, minutes: available.minutes })}
        </p>
      )}
      {available?.by_email && !sent && (
        <form class="form" onSubmit={(e) => void submit(e)} noValidate>
          <p class="lead">{t('forgot.intro')}</p>
          <label for="email">{t('signin.email')}</label>
          <input
            id="email"
            type="email"
            autocomplete="username"
            inputMode="email"
            required
            value={email}
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
          />
          {!s.online && <p class="hint">{t('signin.offline')}</p>}
          <button type="submit" class="button primary" disabled={busy}>
            {busy ? t('status.wait') : t('forgot.submit')}
          </button>
        </form>
      )}
      <ErrorText text={error} />
      <p>
        <a class="button" href="/signin">
          {t('forgot.back')}
        </a>
      </p>
    </Shell>
  );
}

/** The token of a reset link: after `#token=`, never sent to the server in the URL. */
function tokenOf(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

export function ResetPassword(props: { route: Route }) {
  const [token] = useState(() => tokenOf(location.hash));
  // A staff account's first password (the link of its set-up email), not a reset.
  const [setup] = useState(() => new URLSearchParams(location.hash.replace(/^#/, '')).get('setup') === '1');
  const [value, setValue] = useState('');
  const [again, setAgain] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // The token has been read: it leaves the address bar (and the history).
    if (location.hash) history.replaceState(history.state, '', location.pathname);
  }, []);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setError(null);
    const problem = newPasswordProblem(value, again);
    setFieldError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await api('POST', '/api/auth/password-reset/confirm', { token, new_password: value });
      setDone(true);
    } catch (e) {
      // A refused password is said beside its field; anything else below the form.
      const field = byField(e).new_password ?? null;
      setFieldError(field);
      setError(field ? null : errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Shell route={props.route} title={setup ? t('setup.title') : t('reset.title')} hideNav>
      {done ? (
        <>
          <p class="lead" role="status" data-state="done">
            {t('reset.done')}
          </p>
          <a class="button primary" href="/signin">
            {t('signin.submit')}
          </a>
        </>
      ) : !token ? (
        <>
          <p class="error" role="alert">
            {t('reset.noToken')}
          </p>
          <a class="button" href="/forgot-password">
            {t('signin.forgot')}
          </a>
        </>
      ) : (
        <form class="form" onSubmit={(e) => void submit(e)} noValidate>
          {setup && <p class="lead">{t('setup.intro')}</p>}
          <NewPassword value={value} again={again} error={fieldError} onInput={setValue} onAgain={setAgain} />
          <ErrorText text={error} />
          <button type="submit" class="button primary" disabled={busy}>
            {busy ? t('status.wait') : t('reset.submit')}
          </button>
          <a class="button" href="/forgot-password">
            {t('reset.askAgain')}
          </a>
        </form>
      )}
    </Shell>
  );
}

/** Settings: change the password, the current one asked first. */
export function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState('');
  const [again, setAgain] = useState('');
  const [currentError, setCurrentError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setError(null);
    setDone(false);
    setCurrentError(current ? null : t('password.currentNeeded'));
    const problem = newPasswordProblem(value, again);
    setFieldError(problem);
    if (!current || problem) return;
    setBusy(true);
    try {
      await api('POST', '/api/auth/password', { current_password: current, new_password: value });
      setDone(true);
      setCurrent('');
      setValue('');
      setAgain('');
    } catch (e) {
      const fields = byField(e);
      setCurrentError(fields.current_password ?? null);
      setFieldError(fields.new_password ?? null);
      setError(fields.current_password || fields.new_password ? null : errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        <label for="current-password">{t('password.current')}</label>
        <input
          id="current-password"
          type="password"
          autocomplete="current-password"
          required
          aria-describedby={currentError ? 'current-password-error' : undefined}
          aria-invalid={currentError ? true : undefined}
          value={current}
          onInput={(e) => setCurrent((e.target as HTMLInputElement).value)}
        />
        <ErrorText id="current-password-error" text={currentError} />
        <NewPassword value={value} again={again} error={fieldError} onInput={setValue} onAgain={setAgain} />
        <ErrorText text={error} />
        {done && (
          <p class="status status-sent" role="status" data-state="changed">
            {t('password.changed')}
          </p>
        )}
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t('status.wait') : t('password.change')}
        </button>
      </form>
    </section>
  );
}
