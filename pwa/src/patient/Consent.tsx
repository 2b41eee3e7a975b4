// The terms of use and the privacy notice: one field per document (read it, tick to accept), used
// by the sign-up form, and the screen a signed-in person sees when a document has a new version:
// it comes before every other screen until they accept (the emergency page and closing the
// account stay open).

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { lang, t } from '../i18n';
import { acceptDocuments, checkConsent, forgetConsent, usePendingConsent, type ConsentDocument } from '../lib/consent';
import { errorMessage } from '../lib/errors';
import { renderMarkdown } from '../lib/markdown';
import { navigate, type Route } from '../lib/router';
import { signOut, useStore, type State } from '../lib/store';
import { ErrorText, Shell } from '../ui';

/** A calendar day ("23 novembre 2026"); a date without time is read at noon, never a day off. */
export function formatDay(iso: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** Which version a tick box is for: a new version unticks it. */
export function consentKey(doc: ConsentDocument): string {
  return `${doc.document}:${doc.version}`;
}

export function ConsentField(props: {
  doc: ConsentDocument;
  checked: boolean;
  error: string | null;
  onChange: (checked: boolean) => void;
  children?: ComponentChildren;
}) {
  const { doc } = props;
  const id = `consent-${doc.document}`;
  return (
    <div class="consent-doc" data-document={doc.document}>
      {props.children}
      <details class="consent-read">
        <summary>{t('consent.read', { title: doc.title })}</summary>
        <div class="prose consent-text">
          <p class="hint">{t('consent.effective', { version: doc.version, date: formatDay(doc.effective_on) })}</p>
          <p>
            <strong>{doc.summary}</strong>
          </p>
          {renderMarkdown(doc.body)}
        </div>
      </details>
      <div class="consent-check">
        <input
          type="checkbox"
          id={id}
          name={id}
          required
          checked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
          onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
        />
        <label for={id}>{t('consent.accept', { title: doc.title, version: doc.version })}</label>
      </div>
      <ErrorText id={`${id}-error`} text={props.error} />
    </div>
  );
}

/** Focus the first unticked box, so a keyboard or screen-reader user lands where to act. */
export function focusFirstUnticked(docs: ConsentDocument[], ticked: Record<string, boolean>): void {
  const first = docs.find((d) => !ticked[consentKey(d)]);
  if (first) document.getElementById(`consent-${first.document}`)?.focus();
}

const RECHECK_MS = 10 * 60 * 1000;

/** True when the signed-in person (patient or family) has documents to accept again. */
export function useConsentGate(s: State): boolean {
  const pending = usePendingConsent();
  const userId = s.user?.id ?? null;
  const staff = s.user?.role === 'clinician' || s.user?.role === 'admin';
  useEffect(() => {
    if (!userId || staff) {
      forgetConsent();
      return undefined;
    }
    void checkConsent(s.lang);
    // A new version can come while the app stays open: look again when it comes back to view.
    let last = Date.now();
    const onVisible = (): void => {
      if (document.visibilityState === 'visible' && Date.now() - last > RECHECK_MS) {
        last = Date.now();
        void checkConsent(lang());
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [userId, staff, s.lang]);
  return Boolean(userId) && !staff && pending.length > 0;
}

export function ConsentGate(props: { route: Route }) {
  const s = useStore();
  const pending = usePendingConsent();
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setError(null);
    const missing = pending.filter((d) => !ticked[consentKey(d)]);
    setErrors(Object.fromEntries(missing.map((d) => [d.document, t('consent.required')])));
    if (missing.length > 0) {
      focusFirstUnticked(pending, ticked);
      return;
    }
    setBusy(true);
    try {
      await acceptDocuments(
        pending.map((d) => ({ document: d.document, version: d.version })),
        s.lang,
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'document-version-changed') {
        await checkConsent(s.lang);
        setError(t('consent.versionChanged'));
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  }

  async function leave(): Promise<void> {
    await signOut();
    navigate('/signin', true);
  }

  return (
    <Shell route={props.route} title={t('consent.title')} hideNav>
      <p class="lead">{t('consent.intro')}</p>
      <form class="form consent-gate" onSubmit={(e) => void submit(e)} noValidate>
        {pending.map((doc) => (
          <section class="card" aria-labelledby={`doc-${doc.document}-title`}>
            <ConsentField
              doc={doc}
              checked={Boolean(ticked[consentKey(doc)])}
              error={errors[doc.document] ?? null}
              onChange={(checked) => {
                setTicked({ ...ticked, [consentKey(doc)]: checked });
                if (checked) setErrors({ ...errors, [doc.document]: '' });
              }}
            >
              <h2 id={`doc-${doc.document}-title`}>{doc.title}</h2>
              <p class="consent-change">
                {doc.accepted_version && doc.accepted_at
                  ? t('consent.changedFrom', {
                      old: doc.accepted_version,
                      date: formatDay(doc.accepted_at),
                      version: doc.version,
                    })
                  : t('consent.firstTime')}
              </p>
            </ConsentField>
          </section>
        ))}
        <ErrorText text={error} />
        <button type="submit" class="button primary" disabled={busy} data-action="accept-consent">
          {busy ? t('status.wait') : t('consent.submit')}
        </button>
      </form>
      <a class="button warn" href="/emergency">
        {t('home.emergencyLink')}
      </a>
      <p>{t('consent.refuse')}</p>
      <a class="button subtle" href="/my-data/close">
        {t('close.title')}
      </a>
      <button type="button" class="button subtle" onClick={() => void leave()}>
        {t('settings.signOut')}
      </button>
    </Shell>
  );
}
