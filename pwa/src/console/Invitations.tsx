// Inviting the patient (or a family member) to the app: a new invitation's link, 8-character code
// and QR, shown once; a page to print in the person's language and a text to send; the
// invitations already made, with their status, to make again or revoke.

import { useEffect, useState } from 'preact/hooks';
import { consoleApi, type InvitationRow, type NewInvitation, type PatientRecord } from '../api/console';
import { formatDate, type MessageKey, t } from '../i18n';
import { en } from '../i18n/console/en';
import { fr } from '../i18n/console/fr';
import { errorMessage } from '../lib/errors';
import { emergencyNumber } from '../lib/numbers';
import type { Route } from '../lib/router';
import { getState } from '../lib/store';
import { ErrorText } from '../ui';
import { ConsoleShell } from './Shell';

const RELATIONSHIPS = ['parent', 'partner', 'child', 'sibling', 'caregiver', 'other'] as const;
type Relationship = (typeof RELATIONSHIPS)[number];
type Lang = 'fr' | 'en';

/** A console message in a given language (the patient's, for what they are handed). */
function tIn(language: Lang, key: keyof typeof fr, vars: Record<string, string> = {}): string {
  const text = (language === 'en' ? en : fr)[key];
  // The deployment's emergency number (15 in France, 112 elsewhere in Europe), never a fixed one.
  const filled: Record<string, string> = { emergency: emergencyNumber(getState().bundle), ...vars };
  return text.replace(/\{(\w+)\}/g, (all, name: string) => filled[name] ?? all);
}

function dayIn(language: Lang, iso: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long' }).format(new Date(iso));
}

/** The ready-to-send text: who it is for, the link, the code and until when. */
export function invitationText(language: Lang, patient: { given_name: string }, inv: NewInvitation): string {
  const vars = {
    name: patient.given_name,
    link: inv.link,
    code: inv.code,
    until: dayIn(language, inv.expires_at),
  };
  return tIn(language, inv.kind === 'proxy' ? 'c.inv.message.proxy' : 'c.inv.message', vars);
}

/** The server's QR as an SVG that scales (its size given as a viewBox too), for print. */
export function scalableSvg(svg: string): string {
  if (/viewBox=/i.test(svg)) return svg;
  const w = /\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1];
  const h = /\sheight="(\d+(?:\.\d+)?)"/.exec(svg)?.[1];
  return w && h ? svg.replace('<svg ', `<svg viewBox="0 0 ${w} ${h}" `) : svg;
}

function who(row: { kind: string; relationship: string }): string {
  if (row.kind !== 'proxy') return t('c.inv.kind.patient');
  return row.relationship ? t(`c.inv.rel.${row.relationship}` as MessageKey) : t('c.inv.kind.proxy');
}

async function copy(text: string, field: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without the clipboard (plain http, refused): the text is selected for Ctrl+C.
    field?.select();
    return false;
  }
}

function Created(props: { patient: PatientRecord; inv: NewInvitation }) {
  const { patient, inv } = props;
  const language: Lang = patient.locale === 'en' ? 'en' : 'fr';
  const message = invitationText(language, patient, inv);
  const proxy = inv.kind === 'proxy';
  const [copied, setCopied] = useState<string | null>(null);
  let area: HTMLTextAreaElement | null = null;
  const s = (key: keyof typeof fr, vars: Record<string, string> = {}) => tIn(language, key, vars);
  return (
    <section class="card invite-new" aria-labelledby="inv-new-title" data-testid="invitation">
      <h2 id="inv-new-title" class="no-print" tabIndex={-1}>
        {t('c.inv.new', { who: who(inv) })}
      </h2>
      <p class="hint no-print">{t('c.inv.once')}</p>
      {/* What is printed: one page, in the person's language. */}
      <div class="invite-sheet" lang={language}>
        <p class="print-only invite-brand">Relais</p>
        <h2 class="print-only">
          {s(proxy ? 'c.inv.sheet.titleProxy' : 'c.inv.sheet.title', {
            name: `${patient.given_name} ${patient.family_name}`,
          })}
        </h2>
        <p class="print-only">
          {s(proxy ? 'c.inv.sheet.introProxy' : 'c.inv.sheet.intro', { name: patient.given_name })}
        </p>
        <div class="invite-codes">
          <div
            class="invite-qr"
            role="img"
            aria-label={t('c.inv.qr')}
            // The server's own SVG, made from the link.
            dangerouslySetInnerHTML={{ __html: scalableSvg(inv.qr_svg) }}
          />
          <dl>
            <dt>{s('c.inv.sheet.code')}</dt>
            <dd class="invite-code" data-testid="code">
              {inv.code}
            </dd>
            <dt>{s('c.inv.sheet.link')}</dt>
            <dd class="invite-link">
              <a href={inv.link} data-testid="link">
                {inv.link}
              </a>
            </dd>
            <dt>{s('c.inv.sheet.until')}</dt>
            <dd>{dayIn(language, inv.expires_at)}</dd>
          </dl>
        </div>
        <ol class="print-only">
          <li>{s('c.inv.sheet.step1')}</li>
          <li>{s('c.inv.sheet.step2')}</li>
          <li>{s('c.inv.sheet.step3')}</li>
        </ol>
        <p class="print-only">{s('c.inv.sheet.help')}</p>
      </div>
      <div class="no-print">
        <button type="button" class="button primary" data-action="print" onClick={() => window.print()}>
          {t('c.inv.print')}
        </button>
        <label for="inv-message">{t('c.inv.messageLabel', { lang: language === 'en' ? 'English' : 'français' })}</label>
        <textarea
          id="inv-message"
          rows={6}
          readOnly
          value={message}
          ref={(el) => {
            area = el;
          }}
        />
        <button
          type="button"
          class="button"
          data-action="copy"
          onClick={() =>
            void copy(message, area).then((ok) => setCopied(ok ? t('c.inv.copied') : t('c.inv.copySelect')))
          }
        >
          {t('c.inv.copy')}
        </button>
        <p role="status" class="hint">
          {copied}
        </p>
      </div>
    </section>
  );
}

export function Invitations(props: { route: Route; id: string }) {
  const [patient, setPatient] = useState<PatientRecord | null>(null);
  const [rows, setRows] = useState<InvitationRow[] | null>(null);
  const [created, setCreated] = useState<NewInvitation | null>(null);
  const [kind, setKind] = useState<'patient' | 'proxy'>('patient');
  const [relationship, setRelationship] = useState<Relationship | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [relError, setRelError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    consoleApi.patient(props.id).then(
      (p) => {
        setPatient(p);
        if (p.is_child) setKind('proxy');
      },
      () => setError(t('c.error')),
    );
  }, [props.id]);
  useEffect(() => {
    consoleApi.invitations(props.id).then(setRows, () => setError(t('c.error')));
  }, [props.id, tick]);

  async function invite(k: 'patient' | 'proxy', rel: string): Promise<void> {
    setError(null);
    setBusy(true);
    try {
      const inv = await consoleApi.invite(props.id, {
        kind: k,
        relationship: k === 'proxy' ? (rel as Relationship) : null,
        can_log: true,
        can_read_results: true,
        can_read_messages: true,
      });
      setCreated(inv);
      setTick((n) => n + 1);
      // The new invitation is what the nurse reads next.
      requestAnimationFrame(() => document.getElementById('inv-new-title')?.focus());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(row: InvitationRow): Promise<void> {
    setError(null);
    try {
      await consoleApi.revokeInvitation(props.id, row.id);
      if (created?.id === row.id) setCreated(null);
      setTick((n) => n + 1);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  function submit(event: Event): void {
    event.preventDefault();
    if (kind === 'proxy' && !relationship) {
      setRelError(t('c.inv.relNeeded'));
      return;
    }
    setRelError(null);
    void invite(kind, relationship);
  }

  const name = patient ? `${patient.given_name} ${patient.family_name}` : t('c.loading');
  return (
    <ConsoleShell route={props.route} title={t('c.inv.title', { name })}>
      <p class="no-print">
        <a href={`/console/patients/${props.id}`}>← {t('c.inv.back')}</a>
      </p>
      <ErrorText text={error} />
      {patient && created && <Created patient={patient} inv={created} />}
      <section class="card no-print" aria-labelledby="inv-make-title">
        <h2 id="inv-make-title">{t('c.inv.make')}</h2>
        <form class="form" onSubmit={submit} noValidate data-testid="invite">
          <fieldset>
            <legend>{t('c.inv.for')}</legend>
            <div class="consent-check">
              <input
                id="inv-kind-patient"
                type="radio"
                name="inv-kind"
                checked={kind === 'patient'}
                onChange={() => setKind('patient')}
              />
              <label for="inv-kind-patient">{t('c.inv.kind.patientLong', { name })}</label>
            </div>
            <div class="consent-check">
              <input
                id="inv-kind-proxy"
                type="radio"
                name="inv-kind"
                checked={kind === 'proxy'}
                onChange={() => setKind('proxy')}
              />
              <label for="inv-kind-proxy">{t('c.inv.kind.proxy')}</label>
            </div>
          </fieldset>
          {kind === 'proxy' && (
            <>
              <label for="inv-rel">{t('c.inv.rel')}</label>
              <select
                id="inv-rel"
                value={relationship}
                aria-invalid={relError ? true : undefined}
                aria-describedby={relError ? 'inv-rel-error' : undefined}
                onChange={(e) => setRelationship((e.target as HTMLSelectElement).value as Relationship)}
              >
                <option value="">{t('c.en.choose')}</option>
                {RELATIONSHIPS.map((r) => (
                  <option value={r}>{t(`c.inv.rel.${r}` as MessageKey)}</option>
                ))}
              </select>
              <ErrorText id="inv-rel-error" text={relError} />
            </>
          )}
          <button type="submit" class="button primary" disabled={busy || !patient} data-action="invite">
            {busy ? t('c.saving') : t('c.inv.create')}
          </button>
        </form>
      </section>
      <section class="card no-print" aria-labelledby="inv-list-title">
        <h2 id="inv-list-title">{t('c.inv.list')}</h2>
        {rows === null && <p role="status">{t('c.loading')}</p>}
        {rows?.length === 0 && <p>{t('c.inv.none')}</p>}
        {rows && rows.length > 0 && (
          <table class="invitations">
            <thead>
              <tr>
                <th scope="col">{t('c.inv.col.for')}</th>
                <th scope="col">{t('c.inv.col.made')}</th>
                <th scope="col">{t('c.inv.col.until')}</th>
                <th scope="col">{t('c.inv.col.status')}</th>
                <th scope="col">{t('c.inv.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-invitation={r.id} data-state={r.state}>
                  <td>{who(r)}</td>
                  <td>{formatDate(r.created_at, true)}</td>
                  <td>{formatDate(r.expires_at, true)}</td>
                  <td>
                    <span class={`tag inv-${r.state}`}>{t(`c.inv.state.${r.state}` as MessageKey)}</span>
                  </td>
                  <td class="inv-actions">
                    {r.state !== 'used' && (
                      <button
                        type="button"
                        class="button"
                        data-action="resend"
                        disabled={busy}
                        aria-label={t('c.inv.resendFor', { who: who(r) })}
                        onClick={() => void invite(r.kind === 'proxy' ? 'proxy' : 'patient', r.relationship)}
                      >
                        {t('c.inv.resend')}
                      </button>
                    )}
                    {r.state === 'pending' && (
                      <button
                        type="button"
                        class="button"
                        data-action="revoke"
                        aria-label={t('c.inv.revokeFor', { who: who(r), when: formatDate(r.created_at, true) })}
                        onClick={() => void revoke(r)}
                      >
                        {t('c.inv.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </ConsoleShell>
  );
}
