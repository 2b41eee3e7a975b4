import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { components } from '../api/schema';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { navigate, parse, type Route } from '../lib/router';
import { signIn, useStore } from '../lib/store';
import { ErrorText, Shell } from '../ui';

type StaffSignIn = components['schemas']['OidcOut'];

/** How staff sign in here (the hospital's provider, passwords), and why the last sign-in at the
 * provider was refused: the server says it once, in the person's language. */
function useStaffSignIn(): StaffSignIn | null {
  const [about, setAbout] = useState<StaffSignIn | null>(null);
  useEffect(() => {
    api<StaffSignIn>('GET', '/api/auth/oidc').then(setAbout, () => setAbout(null));
  }, []);
  return about;
}

export function SignIn(props: { route: Route }) {
  const s = useStore();
  const staff = useStaffSignIn();
  // The console's address: the care team's sign-in comes first, the password form only when
  // staff may still use one here.
  const forStaff = props.route.name.startsWith('console');
  const provider = staff?.enabled ? (staff.provider_name ?? '') : null;
  const passwords = !forStaff || !staff || staff.staff_passwords || provider === null;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password, needsTotp ? totp.trim() : undefined);
      // Home shows as soon as the person is known, while the rest of their data still loads:
      // someone who has already tapped "I feel worse" must not be taken back home.
      if (parse(location.pathname).name === 'signin') navigate('/', true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'totp-required') {
        setNeedsTotp(true);
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  }

  const providerButton =
    provider !== null ? (
      <section class="stack" aria-labelledby="staff-signin">
        <h2 id="staff-signin">{t('signin.staffTitle')}</h2>
        <p>{t('signin.staffIntro')}</p>
        <ErrorText text={staff?.refusal?.detail ?? null} />
        <a class={forStaff ? 'button primary' : 'button'} href="/api/auth/oidc/start" data-action="provider-signin">
          {t('signin.withProvider', { name: provider })}
        </a>
      </section>
    ) : null;

  return (
    <Shell route={props.route} title={t('signin.title')} hideNav>
      {forStaff && providerButton}
      {passwords && (
        <>
          {forStaff && provider !== null && <h2>{t('signin.passwordTitle')}</h2>}
          <p class="lead">{t('signin.intro')}</p>
          {passwordForm()}
        </>
      )}
      {!forStaff && providerButton}
      <div class="stack">
        <a class="button" href="/join">
          {t('signin.haveCode')}
        </a>
        <a class="button" href="/booklet">
          {t('signin.readBooklet')}
        </a>
      </div>
    </Shell>
  );

  function passwordForm() {
    return (
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
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
        <label for="password">{t('signin.password')}</label>
        <input
          id="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
        />
        {needsTotp && (
          <>
            <label for="totp">{t('signin.totp')}</label>
            <input
              id="totp"
              inputMode="numeric"
              autocomplete="one-time-code"
              value={totp}
              onInput={(e) => setTotp((e.target as HTMLInputElement).value)}
            />
          </>
        )}
        <ErrorText text={error} />
        {!s.online && <p class="hint">{t('signin.offline')}</p>}
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t('status.wait') : t('signin.submit')}
        </button>
        <a class="link forgot" href="/forgot-password" data-action="forgot">
          {t('signin.forgot')}
        </a>
      </form>
    );
  }
}
