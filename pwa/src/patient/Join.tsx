// Joining from an invitation: the link carries its token in the fragment (/join#token=...), which
// never reaches a server log; it is read once and removed from the address bar. Without a link,
// the 8-character code given by the team is typed by hand. The terms of use and the privacy
// notice are read and accepted here: the server records the versions accepted with the account.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import { currentDocuments, type ConsentDocument } from '../lib/consent';
import { errorMessage } from '../lib/errors';
import { navigate, type Route } from '../lib/router';
import { acceptInvitation, useStore } from '../lib/store';
import { ErrorText, Shell } from '../ui';
import { ConsentField, consentKey, focusFirstUnticked } from './Consent';

function tokenFromFragment(): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  return params.get('token');
}

export function Join(props: { route: Route }) {
  const [token] = useState<string | null>(() => tokenFromFragment());
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const s = useStore();
  const [docs, setDocs] = useState<ConsentDocument[] | null>(null);
  const [docsFailed, setDocsFailed] = useState(false);
  const [ticked, setTicked] = useState<Record<string, boolean>>({});

  useEffect(() => {
    if (location.hash) history.replaceState(null, '', '/join');
  }, []);

  const loadDocuments = useCallback(async (): Promise<ConsentDocument[] | null> => {
    setDocsFailed(false);
    try {
      const fresh = await currentDocuments(s.lang);
      setDocs(fresh);
      return fresh;
    } catch {
      setDocsFailed(true);
      return null;
    }
  }, [s.lang]);

  useEffect(() => {
    void loadDocuments();
  }, [loadDocuments]);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    const cleanCode = code.replace(/[\s-]/g, '').toUpperCase();
    if (!token && cleanCode.length !== 8) {
      setFieldErrors({ code: t('join.codeLength') });
      return;
    }
    if (password.length < 12) {
      setFieldErrors({ password: t('join.passwordLength') });
      return;
    }
    if (!docs) {
      setError(t(docsFailed ? 'consent.loadError' : 'consent.loading'));
      return;
    }
    const unticked = docs.filter((d) => !ticked[consentKey(d)]);
    if (unticked.length > 0) {
      setFieldErrors(Object.fromEntries(unticked.map((d) => [d.document, t('consent.required')])));
      focusFirstUnticked(docs, ticked);
      return;
    }
    setBusy(true);
    try {
      await acceptInvitation({
        ...(token ? { token } : { code: cleanCode }),
        email: email.trim(),
        display_name: name.trim(),
        password,
        consents: docs.map((d) => ({ document: d.document, version: d.version })),
      });
      navigate('/', true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'document-version-changed') {
        // A document changed while the form was open: show the new text, ask again.
        await loadDocuments();
        setError(t('consent.versionChanged'));
        return;
      }
      if (e instanceof ApiError && e.errors.length > 0) {
        setFieldErrors(Object.fromEntries(e.errors.map((f) => [f.field.split('.').pop() ?? f.field, f.message])));
      }
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const described = (field: string): string | undefined => (fieldErrors[field] ? `${field}-error` : undefined);

  return (
    <Shell route={props.route} title={t('join.title')} hideNav>
      <p class="lead">{token ? t('join.introLink') : t('join.introCode')}</p>
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        {!token && (
          <>
            <label for="code">{t('join.code')}</label>
            <p class="hint" id="code-hint">
              {t('join.codeHint')}
            </p>
            <input
              id="code"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={12}
              class="code-input"
              aria-describedby={['code-hint', described('code')].filter(Boolean).join(' ')}
              aria-invalid={fieldErrors.code ? true : undefined}
              value={code}
              onInput={(e) => setCode((e.target as HTMLInputElement).value)}
            />
            <ErrorText id="code-error" text={fieldErrors.code ?? null} />
          </>
        )}
        <label for="name">{t('join.name')}</label>
        <input
          id="name"
          autocomplete="name"
          required
          aria-describedby={described('display_name')}
          value={name}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
        <ErrorText id="display_name-error" text={fieldErrors.display_name ?? null} />
        <label for="email">{t('signin.email')}</label>
        <input
          id="email"
          type="email"
          autocomplete="username"
          required
          aria-describedby={described('email')}
          value={email}
          onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
        />
        <ErrorText id="email-error" text={fieldErrors.email ?? null} />
        <label for="password">{t('join.password')}</label>
        <p class="hint" id="password-hint">
          {t('join.passwordHint')}
        </p>
        <input
          id="password"
          type="password"
          autocomplete="new-password"
          required
          aria-describedby={['password-hint', described('password')].filter(Boolean).join(' ')}
          aria-invalid={fieldErrors.password ? true : undefined}
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
        />
        <ErrorText id="password-error" text={fieldErrors.password ?? null} />
        <fieldset class="consent" aria-describedby="consent-intro">
          <legend>{t('consent.joinTitle')}</legend>
          <p class="hint" id="consent-intro">
            {t('consent.joinIntro')}
          </p>
          {!docs && !docsFailed && (
            <p role="status" class="loading">
              {t('consent.loading')}
            </p>
          )}
          {docsFailed && (
            <>
              <p class="error" role="alert">
                {t('consent.loadError')}
              </p>
              <button type="button" class="button" onClick={() => void loadDocuments()}>
                {t('consent.retry')}
              </button>
            </>
          )}
          {docs?.map((doc) => (
            <ConsentField
              doc={doc}
              checked={Boolean(ticked[consentKey(doc)])}
              error={fieldErrors[doc.document] ?? null}
              onChange={(checked) => {
                setTicked({ ...ticked, [consentKey(doc)]: checked });
                if (checked) setFieldErrors({ ...fieldErrors, [doc.document]: '' });
              }}
            />
          ))}
        </fieldset>
        <ErrorText text={error} />
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t('status.wait') : t('join.submit')}
        </button>
      </form>
      <a class="button" href="/signin">
        {t('join.haveAccount')}
      </a>
    </Shell>
  );
}
