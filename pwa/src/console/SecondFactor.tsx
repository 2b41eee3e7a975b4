// A staff account's second factor, turned on before anything else where the service requires it:
// the QR code (or the key, typed by hand) for an authenticator app, then its first code.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import type { Route } from '../lib/router';
import { refreshMe } from '../lib/store';
import { ErrorText } from '../ui';
import { ConsoleShell } from './Shell';

type Setup = components['schemas']['TotpSetupOut'];

export function SecondFactorSetup(props: { route: Route }) {
  const [setup, setSetup] = useState<Setup | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api<Setup>('POST', '/api/auth/totp/setup').then(setSetup, (e: unknown) => setError(errorMessage(e)));
  }, []);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setError(null);
    if (!/^\d{6}$/.test(code.trim())) {
      setError(t('c.2fa.codeFormat'));
      return;
    }
    setBusy(true);
    try {
      await api('POST', '/api/auth/totp/enable', { code: code.trim() });
      await refreshMe();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConsoleShell route={props.route} title={t('c.2fa.title')}>
      <section class="card second-factor" data-testid="second-factor">
        <p class="lead">{t('c.2fa.intro')}</p>
        {!setup && !error && (
          <p role="status" class="loading">
            {t('status.loading')}
          </p>
        )}
        {setup && (
          <form class="form" onSubmit={(e) => void submit(e)} noValidate>
            <ol>
              <li>
                {t('c.2fa.step1')}
                <div
                  class="qr"
                  role="img"
                  aria-label={t('c.2fa.qr')}
                  dangerouslySetInnerHTML={{ __html: setup.qr_svg }}
                />
                <details>
                  <summary>{t('c.2fa.manual')}</summary>
                  <code class="secret">{setup.secret}</code>
                </details>
              </li>
              <li>
                <label for="totp-code">{t('c.2fa.step2')}</label>
                <input
                  id="totp-code"
                  inputMode="numeric"
                  autocomplete="one-time-code"
                  maxLength={6}
                  required
                  value={code}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? 'totp-error' : undefined}
                  onInput={(e) => setCode((e.target as HTMLInputElement).value)}
                />
              </li>
            </ol>
            <ErrorText id="totp-error" text={error} />
            <button type="submit" class="button primary" disabled={busy}>
              {busy ? t('status.wait') : t('c.2fa.submit')}
            </button>
          </form>
        )}
        {!setup && error && <ErrorText id="totp-error" text={error} />}
      </section>
    </ConsoleShell>
  );
}
