// One check-in in the patient's timeline: its date and level, opened to read why it was flagged,
// the measurements, scores and answers in words, the note, and the content version that judged it.

import type { CheckinRow } from '../api/console';
import { formatDate, formatNumber, labelled, t } from '../i18n';
import { useStore } from '../lib/store';
import { questionnaireTitle, readableAnswers, readableVitals, type Row } from './readable';
import { Reasons } from './Reasons';
import { Level } from './Shell';

function Rows(props: { title: string; rows: Row[]; kind: 'vital' | 'item' }) {
  if (props.rows.length === 0) return null;
  return (
    <>
      <h3>{props.title}</h3>
      <dl class="raw">
        {props.rows.map((r) => (
          <div data-key={r.key} data-kind={props.kind}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export function CheckinDetails(props: { row: CheckinRow }) {
  const bundle = useStore().bundle;
  const { row } = props;
  const scores = Object.entries(row.scores).map(([id, v]) => `${questionnaireTitle(bundle, id)} ${formatNumber(v, 1)}`);
  return (
    <details>
      <summary>
        <span>
          {t('c.checkin')} {formatDate(row.taken_at, true)}
        </span>
        <Level level={row.level} />
      </summary>
      <Reasons ids={row.fired} />
      <Rows title={t('c.vitals')} rows={readableVitals(bundle, row.vitals)} kind="vital" />
      {scores.length > 0 && <p>{labelled(t('c.scores'), scores.join(', '))}</p>}
      <Rows title={t('c.answers')} rows={readableAnswers(bundle, row.answers)} kind="item" />
      {row.note && <p class="pre">{row.note}</p>}
      <p class="hint">{t('c.content', { v: row.content_version })}</p>
    </details>
  );
}
