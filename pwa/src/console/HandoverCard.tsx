// The discharge hand-over on the patient's page: read, and edited by the team. What is saved here
// is what the patient and their family read in "My discharge papers" (next appointment, what for,
// prescriptions and instructions, the 24/7 referent), on their phone at its next sync.

import { useState } from 'preact/hooks';
import { consoleApi, type Handover } from '../api/console';
import type { components } from '../api/schema';
import { localInputToIso } from '../api/team';
import { formatDate, t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { ErrorText } from '../ui';

type HandoverBody = components['schemas']['HandoverIn'];

/** An ISO instant as a local date-time input's value ("2026-11-23T08:00"). */
function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export type HandoverDraft = {
  summary: string;
  referent_name: string;
  referent_phone: string;
  prescriptions: string;
  next_at: string;
  next_place: string;
  next_reason: string;
  documents: string;
};
type Draft = HandoverDraft;

export function draftOf(h: Handover | null): Draft {
  return {
    summary: h?.summary ?? '',
    referent_name: h?.referent_name ?? '',
    referent_phone: h?.referent_phone ?? '',
    prescriptions: h?.prescriptions ?? '',
    next_at: toLocalInput(h?.next_appointment_at),
    next_place: h?.next_appointment_place ?? '',
    next_reason: h?.next_appointment_reason ?? '',
    documents: (h?.documents_given ?? []).join('\n'),
  };
}

/** What the server takes, or null when the next appointment's date and time is not one. */
export function handoverIn(draft: Draft): HandoverBody | null {
  const at = draft.next_at ? localInputToIso(draft.next_at) : null;
  if (draft.next_at && !at) return null;
  return {
    summary: draft.summary.trim(),
    referent_name: draft.referent_name.trim(),
    referent_phone: draft.referent_phone.trim(),
    prescriptions: draft.prescriptions.trim(),
    next_appointment_at: at,
    next_appointment_place: draft.next_place.trim(),
    next_appointment_reason: draft.next_reason.trim(),
    documents_given: draft.documents
      .split('\n')
      .map((d) => d.trim())
      .filter(Boolean),
  };
}

/** The hand-over's server field for each of the draft's fields (to place the server's refusals). */
export const HANDOVER_FIELDS: Record<keyof Draft, string> = {
  summary: 'summary',
  referent_name: 'referent_name',
  referent_phone: 'referent_phone',
  prescriptions: 'prescriptions',
  next_at: 'next_appointment_at',
  next_place: 'next_appointment_place',
  next_reason: 'next_appointment_reason',
  documents: 'documents_given',
};

/** The hand-over's fields, in the order the team writes them; `prefix` makes their ids. */
export function HandoverFields(props: {
  prefix: string;
  draft: Draft;
  onChange: (draft: Draft) => void;
  errors?: Partial<Record<keyof Draft, string>>;
}) {
  const { draft, prefix } = props;
  const field = (key: keyof Draft, label: string, multiline = false) => {
    const id = `${prefix}-${key}`;
    const error = props.errors?.[key];
    const common = {
      id,
      value: draft[key],
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-error` : undefined,
      onInput: (e: Event) => props.onChange({ ...draft, [key]: (e.target as HTMLInputElement).value }),
    };
    return (
      <>
        <label for={id}>{label}</label>
        {multiline ? (
          <textarea rows={3} {...common} />
        ) : key === 'next_at' ? (
          <input type="datetime-local" {...common} />
        ) : (
          <input type="text" inputMode={key === 'referent_phone' ? 'tel' : undefined} {...common} />
        )}
        {error && <ErrorText id={`${id}-error`} text={error} />}
      </>
    );
  };
  return (
    <>
      {field('next_at', t('c.ho.nextAt'))}
      {field('next_reason', t('c.ho.nextReason'))}
      {field('next_place', t('c.ho.nextPlace'))}
      {field('referent_name', t('c.ho.referentName'))}
      {field('referent_phone', t('c.ho.referentPhone'))}
      {field('prescriptions', t('c.ho.prescriptions'), true)}
      {field('documents', t('c.ho.documents'), true)}
      {field('summary', t('c.ho.summary'), true)}
    </>
  );
}

export function HandoverCard(props: { patientId: string; handover: Handover | null; onSaved: () => void }) {
  // What was just saved shows at once, before the page's data comes back.
  const [saved, setSaved] = useState<Handover | null>(null);
  const h = saved ?? props.handover;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    if (!draft) return;
    setError(null);
    const body = handoverIn(draft);
    if (!body) {
      setError(t('c.ho.badDate'));
      return;
    }
    setBusy(true);
    try {
      const out = await consoleApi.saveHandover(props.patientId, body);
      setSaved(out);
      setDraft(null);
      props.onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="ho-title">
      <h2 id="ho-title">{t('c.handover')}</h2>
      {!draft && (
        <>
          {!h && <p>{t('c.handover.none')}</p>}
          {h && (
            <>
              <p class="pre">{h.summary}</p>
              {h.referent_name && <p>{t('c.referent', { name: h.referent_name, phone: h.referent_phone })}</p>}
              {h.prescriptions && <p class="pre">{h.prescriptions}</p>}
              {h.next_appointment_at && (
                <p data-section="next-appointment">
                  {t('c.next', {
                    when: formatDate(h.next_appointment_at, true),
                    place: [h.next_appointment_reason, h.next_appointment_place].filter(Boolean).join(' — '),
                  })}
                </p>
              )}
            </>
          )}
          <button type="button" class="button" data-action="edit-handover" onClick={() => setDraft(draftOf(h))}>
            {h ? t('c.ho.edit') : t('c.ho.write')}
          </button>
        </>
      )}
      {draft && (
        <form class="form" onSubmit={(e) => void save(e)} noValidate>
          <p class="hint">{t('c.ho.intro')}</p>
          <HandoverFields prefix="ho" draft={draft} onChange={setDraft} />
          <ErrorText text={error} />
          <div class="stack">
            <button type="submit" class="button primary" disabled={busy}>
              {busy ? t('c.saving') : t('c.ho.save')}
            </button>
            <button type="button" class="button" onClick={() => setDraft(null)}>
              {t('c.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
