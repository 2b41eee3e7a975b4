// The password asked again before a sensitive action (an export, a second-factor change, adding
// a family member, linking an invitation): a dialog over whatever screen asked, for patients,
// families and staff alike. The action goes on once the password is confirmed.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, onReauthNeeded } from '../api/client';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useStore } from '../lib/store';
import { ErrorText } from './index';

let open: ((resolve: (ok: boolean) => void) => void) | null = null;

onReauthNeeded(
  () =>
    new Promise<boolean>((resolve) => {
      if (open) open(resolve);
      else resolve(false);
    }),
);

export function ReauthDialog() {
  const s = useStore();
  const dialog = useRef<HTMLDialogElement>(null);
  const pending = useRef<((ok: boolean) => void) | null>(null);
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    open = (resolve) => {
      pending.current?.(false);
      pending.current = resolve;
      setPassword('');
      setCode('');
      setError(null);
      setAsking(true);
    };
    return () => {
      open = null;
    };
  }, []);

  useEffect(() => {
    if (asking && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [asking]);

  function finish(ok: boolean): void {
    const resolve = pending.current;
    pending.current = null;
    setAsking(false);
    if (dialog.current?.open) dialog.current.close();
    resolve?.(ok);
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!password) {
      setError(t('password.currentNeeded'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { password };
      if (s.user?.totp_enabled) body.totp_code = code.trim();
      await api('POST', '/api/auth/confirm', body);
      finish(true);
    } catch (e) {
      const field = e instanceof ApiError ? e.errors[0]?.message : undefined;
      setError(field ?? errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog reauth"
      aria-labelledby="reauth-title"
      aria-describedby="reauth-text"
      onClose={() => pending.current && finish(false)}
    >
      {asking && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <h2 id="reauth-title" tabIndex={-1} autoFocus>
            {t('reauth.title')}
          </h2>
          <p id="reauth-text">{t('reauth.intro')}</p>
          <label for="reauth-password">{t('password.current')}</label>
          <input
            id="reauth-password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'reauth-error' : undefined}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
          {s.user?.totp_enabled && (
            <>
              <label for="reauth-code">{t('signin.totp')}</label>
              <input
                id="reauth-code"
                inputMode="numeric"
                autocomplete="one-time-code"
                maxLength={6}
                value={code}
                onInput={(e) => setCode((e.target as HTMLInputElement).value)}
              />
            </>
          )}
          <ErrorText id="reauth-error" text={error} />
          <div class="row">
            <button type="button" class="button" onClick={() => finish(false)}>
              {t('sharing.cancel')}
            </button>
            <button type="submit" class="button primary" data-action="reauth" disabled={busy}>
              {busy ? t('status.wait') : t('reauth.submit')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
