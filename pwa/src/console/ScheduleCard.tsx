// The patient's follow-up schedule for the team: mark an item done, or move it to another date
// with the reason (kept with who moved it and when, shown under the item).

import { useEffect, useState } from 'preact/hooks';
import { consoleApi, type ScheduleChange, type ScheduleRow } from '../api/console';
import { formatDate, formatShortDate, labelled, type MessageKey, t } from '../i18n';
import { isoDate } from '../lib/phone-triage';
import { itemTitle, shownStatus } from '../lib/schedule-status';
import { useStore } from '../lib/store';
import { ErrorText } from '../ui';

/** The same local time of day as `dueIso`, on the local date `date` ("2026-12-01"), as ISO. */
export function movedTo(dueIso: string, date: string): string | null {
  const due = new Date(dueIso);
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return null;
  const at = new Date(y, m - 1, d, due.getHours(), due.getMinutes());
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

function RescheduleForm(props: {
  patientId: string;
  item: ScheduleRow;
  label: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [date, setDate] = useState(isoDate(new Date(props.item.due_at)));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `rs-${props.item.id}`;
  async function save(): Promise<void> {
    const dueAt = movedTo(props.item.due_at, date);
    if (!dueAt) return;
    setBusy(true);
    try {
      await consoleApi.reschedule(props.patientId, props.item.id, dueAt, reason.trim());
      setError(null);
      props.onDone();
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : t('c.error'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      class="form reschedule-form"
      aria-label={t('c.reschedule.of', { item: props.label, when: formatShortDate(props.item.due_at) })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label for={`${id}-date`}>{t('c.reschedule.date')}</label>
      <input
        id={`${id}-date`}
        type="date"
        required
        min={isoDate(new Date())}
        value={date}
        onInput={(e) => setDate((e.target as HTMLInputElement).value)}
      />
      <label for={`${id}-reason`}>{t('c.reschedule.reason')}</label>
      <input
        id={`${id}-reason`}
        required
        minLength={3}
        maxLength={300}
        value={reason}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => setReason((e.target as HTMLInputElement).value)}
      />
      <ErrorText id={`${id}-error`} text={error} />
      <div class="alert-actions">
        <button type="submit" class="button primary" disabled={busy}>
          {t('c.reschedule.save')}
        </button>
        <button type="button" class="button subtle" onClick={props.onCancel}>
          {t('c.cancel')}
        </button>
      </div>
    </form>
  );
}

const LATER_AFTER_DAYS = 42;

export function ScheduleCard(props: { patientId: string; planId: string; rows: ScheduleRow[]; onChanged: () => void }) {
  const { bundle } = useStore();
  const [changes, setChanges] = useState<ScheduleChange[]>([]);
  const [moving, setMoving] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    consoleApi.scheduleChanges(props.patientId).then(setChanges, () => setChanges([]));
  }, [props.patientId, tick, props.rows]);
  const title = (s: ScheduleRow): string => itemTitle(bundle, props.planId, s);
  const shown = props.rows.filter((s) => s.kind !== 'checkin' || s.status === 'missed' || s.status === 'late');
  // The coming weeks in full; the rest of the year (the plan's later reviews) folded away.
  const horizon = Date.now() + LATER_AFTER_DAYS * 86_400_000;
  const soon = shown.filter((s) => s.status !== 'due' || Date.parse(s.due_at) <= horizon);
  const later = shown.filter((s) => !soon.includes(s));
  const item = (s: ScheduleRow) => {
    const label = title(s);
    const last = changes.find((c) => c.item_id === s.id);
    const open = s.status === 'due' || s.status === 'late' || s.status === 'missed';
    return (
      <li class="due-item" data-item={s.id}>
        <span>
          {label} · {formatShortDate(s.due_at)} ·{' '}
          <span class={s.status === 'missed' || s.status === 'late' ? 'overdue-text' : ''}>
            {s.status === 'missed' || s.status === 'late' ? '⏰ ' : ''}
            {t(`c.status.${shownStatus(s)}` as MessageKey)}
          </span>
          {last && (
            <span class="hint moved">
              {' '}
              {t('c.reschedule.moved', {
                from: formatShortDate(last.from_due_at),
                who: last.by_name,
                when: formatDate(last.at, true),
                reason: last.reason,
              })}
            </span>
          )}
        </span>
        {open && moving !== s.id && (
          <span class="alert-actions">
            <button
              type="button"
              class="button subtle"
              aria-label={labelled(t('c.done'), `${label} ${formatShortDate(s.due_at)}`)}
              onClick={() => void consoleApi.markDone(props.patientId, s.id).then(changed)}
            >
              {t('c.done')}
            </button>
            {s.kind !== 'checkin' && (
              <button
                type="button"
                class="button subtle"
                aria-label={t('c.reschedule.of', { item: label, when: formatShortDate(s.due_at) })}
                onClick={() => setMoving(s.id)}
              >
                {t('c.reschedule')}
              </button>
            )}
          </span>
        )}
        {open && moving === s.id && (
          <RescheduleForm
            patientId={props.patientId}
            item={s}
            label={label}
            onDone={changed}
            onCancel={() => setMoving(null)}
          />
        )}
      </li>
    );
  };
  const changed = (): void => {
    setMoving(null);
    setTick((n) => n + 1);
    props.onChanged();
  };
  return (
    <section class="card" aria-labelledby="sc-title">
      <h2 id="sc-title">{t('c.schedule')}</h2>
      {shown.length === 0 && <p>{t('c.schedule.none')}</p>}
      <ul class="plain">{soon.map(item)}</ul>
      {later.length > 0 && (
        <details class="schedule-later">
          <summary>{t('c.schedule.later', { n: later.length })}</summary>
          <ul class="plain">{later.map(item)}</ul>
        </details>
      )}
    </section>
  );
}
