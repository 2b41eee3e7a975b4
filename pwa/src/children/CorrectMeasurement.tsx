// Correcting a measurement entered wrong (a typo: 8.1 kg for 9.1 kg), or removing it: the family
// for its own entries within 24 hours, the team at any time with a reason the family will read.
// The server computes the centiles again and withdraws an alert the wrong value had opened.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type FieldError } from '../api/client';
import { correctGrowth, removeGrowth, type GrowthResult, type Measurement } from '../api/children';
import { formatDate, formatDay, t } from '../i18n';
import { errorText } from '../lib/errors';
import { parseMeasure } from './growth';
import { MeasureInput } from './MeasureInput';

const show = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/** What changed about a measurement, in words: "corrected by the family on …; was 8.1 kg". */
export function ChangeNote(props: { m: Measurement }) {
  const changes = props.m.changes ?? [];
  if (!changes.length) return null;
  return (
    <ul class="plain hint changes">
      {changes.map((c) => {
        const was = Object.entries(c.before)
          .filter(([, v]) => v !== null && v !== undefined)
          .map(([k, v]) => `${v} ${k === 'weight_kg' ? 'kg' : 'cm'}`)
          .join(', ');
        return (
          <li key={c.at}>
            {t(c.by_as === 'staff' ? 'growth.fix.byTeam' : 'growth.fix.byFamily', { when: formatDate(c.at, true) })}
            {was && ` ${t('growth.fix.was', { values: was })}`}
            {c.reason && ` ${t('growth.fix.reason', { reason: c.reason })}`}
            {c.withdrew_alert && ` ${t('growth.fix.withdrawn')}`}
          </li>
        );
      })}
    </ul>
  );
}

export function CorrectMeasurement(props: {
  patientId: string;
  m: Measurement;
  team: boolean;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { m } = props;
  const [form, setForm] = useState({
    date: m.measured_on,
    w: show(m.weight_kg),
    l: show(m.length_cm),
    h: show(m.head_cm),
    reason: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [m.id]);

  const fail = (err: unknown): void => {
    setFieldErrors(err instanceof ApiError ? err.errors : []);
    setError(errorText(err));
  };
  const done = (result: GrowthResult | null): void => {
    const words = [t(result ? 'growth.fix.saved' : 'growth.fix.removed')];
    if (result?.alert?.withdrawn || (!result && m.alert && m.alert.state !== 'resolved')) {
      words.push(t('growth.fix.alertWithdrawn'));
    }
    props.onDone(words.join(' '));
  };

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      done(
        await correctGrowth(props.patientId, m.id, {
          measured_on: form.date,
          weight_kg: parseMeasure(form.w),
          length_cm: parseMeasure(form.l),
          position: m.position ?? undefined,
          head_cm: parseMeasure(form.h),
          note: m.note,
          reason: form.reason,
        }),
      );
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await removeGrowth(props.patientId, m.id, form.reason);
      done(null);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const invalid = (name: string) => (fieldErrors.some((f) => f.field === name) ? 'true' : undefined);
  const input = (key: 'w' | 'l' | 'h', name: string, label: string) => (
    <MeasureInput
      name={name}
      label={label}
      value={form[key]}
      invalid={invalid(name) === 'true'}
      onValue={(text) => setForm({ ...form, [key]: text })}
    />
  );
  return (
    <form class="form card correct-measurement" onSubmit={(e) => void save(e)} aria-labelledby="fix-title" noValidate>
      <h3 id="fix-title" ref={heading} tabIndex={-1}>
        {t('growth.fix.title', { date: formatDay(m.measured_on) })}
      </h3>
      {!props.team && m.change_until && (
        <p class="hint">{t('growth.fix.until', { when: formatDate(m.change_until, true) })}</p>
      )}
      <label>
        {t('growth.date')}
        <input
          type="date"
          name="measured_on"
          value={form.date}
          aria-invalid={invalid('measured_on')}
          onInput={(e) => setForm({ ...form, date: (e.target as HTMLInputElement).value })}
        />
      </label>
      {input('w', 'weight_kg', t('growth.weight'))}
      {input('l', 'length_cm', t('growth.length'))}
      {input('h', 'head_cm', t('growth.head'))}
      <label>
        {t(props.team ? 'growth.fix.reasonTeam' : 'growth.fix.reasonFamily')}
        <input
          name="reason"
          maxLength={300}
          required={props.team}
          aria-invalid={invalid('reason')}
          value={form.reason}
          onInput={(e) => setForm({ ...form, reason: (e.target as HTMLInputElement).value })}
        />
      </label>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy} data-action="save-correction">
          {t('growth.fix.save')}
        </button>
        <button
          type="button"
          class="button"
          disabled={busy}
          data-action="remove-measurement"
          onClick={() => void remove()}
        >
          {t('growth.fix.remove')}
        </button>
        <button type="button" class="button link" disabled={busy} onClick={props.onCancel}>
          {t('growth.fix.cancel')}
        </button>
      </div>
    </form>
  );
}
