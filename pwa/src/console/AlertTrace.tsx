// What happened to an alert, for the care team: how many check-ins it gathered (one alert per
// episode), who saw it and when, who closed it, when, with which outcome and note.

import { formatDate, type MessageKey, t } from '../i18n';

type Traced = {
  checkins?: number;
  updated_at?: string | null;
  acknowledged_at?: string | null;
  acknowledged_by_name?: string;
  resolved_at?: string | null;
  resolved_by_name?: string;
  outcome?: string;
  note?: string;
};

export function AlertTrace(props: { alert: Traced }) {
  const a = props.alert;
  const someone = t('c.trace.someone');
  const lines: string[] = [];
  if ((a.checkins ?? 1) > 1) {
    lines.push(
      a.updated_at
        ? t('c.trace.checkins', { n: a.checkins ?? 1, when: formatDate(a.updated_at, true) })
        : t('c.trace.checkinsOnly', { n: a.checkins ?? 1 }),
    );
  }
  if (a.acknowledged_at) {
    lines.push(
      t('c.trace.seen', { who: a.acknowledged_by_name || someone, when: formatDate(a.acknowledged_at, true) }),
    );
  }
  if (a.resolved_at) {
    const outcome = a.outcome ? t(`c.outcome.${a.outcome}` as MessageKey) : '';
    lines.push(
      t('c.trace.closed', { who: a.resolved_by_name || someone, when: formatDate(a.resolved_at, true), outcome }),
    );
  }
  if (!lines.length && !(a.resolved_at && a.note)) return null;
  return (
    <div class="alert-trace">
      {lines.map((line) => (
        <p class="hint">{line}</p>
      ))}
      {a.resolved_at && a.note && (
        <p class="pre alert-note">
          <strong>{t('c.note')}</strong> {a.note}
        </p>
      )}
    </div>
  );
}
