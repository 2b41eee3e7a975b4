// The patient's measurements and questionnaire scores over the last 30 days, one small chart each,
// with the amber and red zones of the thresholds in force for this patient (their own > the team's
// default > the content's rule), a legend that says where each threshold comes from, and a table.

import { useEffect, useState } from 'preact/hooks';
import { consoleApi, type CheckinRow, type EffectiveThresholds, type PatientRecord } from '../api/console';
import { formatNumber, type MessageKey, t } from '../i18n';
import { rulesFor } from '../lib/checkin-plan';
import { ageInMonths } from '../lib/phone-triage';
import { useStore } from '../lib/store';
import { bandEdge, bandsFor, series, TrendCard, type Band, type Measure, type Thresholds } from '../lib/trend-chart';
import type { Questionnaire } from '../lib/types';

function Legend(props: { bands: Band[]; decimals: number }) {
  const seen = new Set<string>();
  const items = props.bands
    .filter((b) => {
      const key = `${b.level}|${b.op}|${b.value}|${b.to}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.level === b.level ? 0 : a.level === 'red' ? -1 : 1));
  if (items.length === 0) return null;
  return (
    <ul class="legend plain" aria-label={t('c.trends.zones')}>
      {items.map((b) => (
        <li data-zone={b.level} data-source={b.source}>
          <span class={`key key-${b.level}`} aria-hidden="true" />{' '}
          {t(`c.zone.${b.level}` as MessageKey, { edge: bandEdge(b, props.decimals) })}
          {b.source !== 'content' && <em> ({t(`c.src.${b.source}` as MessageKey)})</em>}
        </li>
      ))}
    </ul>
  );
}

function scoreRange(q: Questionnaire | undefined, values: number[]): { min: number; max: number } {
  const bands = q?.scoring?.bands ?? [];
  const min = Math.min(0, ...values, ...bands.map((b) => b.min));
  const max = Math.max(...values, ...bands.map((b) => b.max));
  return { min, max };
}

export function PatientTrends(props: {
  patient: PatientRecord;
  checkins: CheckinRow[];
  /** Changes when the patient's own thresholds change: the zones are fetched again. */
  reloadKey?: unknown;
}) {
  const { bundle } = useStore();
  const [effective, setEffective] = useState<EffectiveThresholds | null>(null);
  useEffect(() => {
    consoleApi.effectiveThresholds(props.patient.id).then(setEffective, () => setEffective(null));
  }, [props.patient.id, props.reloadKey]);
  const thresholds: Thresholds = effective?.thresholds ?? {};
  const months = ageInMonths(props.patient.birth_date);
  const rules = bundle ? rulesFor(bundle, props.patient.is_child) : [];
  const vitals = (bundle?.vitals?.vitals ?? [])
    .map((def) => ({ def, rows: series(props.checkins, (c) => c.vitals[def.name]) }))
    .filter((x) => x.rows.length > 0);
  const scoreIds = [...new Set(props.checkins.flatMap((c) => Object.keys(c.scores ?? {})))].sort();
  const scores = scoreIds
    .map((id) => ({
      id,
      q: bundle?.questionnaires.find((q) => q.id === id),
      rows: series(props.checkins, (c) => c.scores[id]),
    }))
    .filter((x) => x.rows.length > 0);
  return (
    <section class="card wide" aria-labelledby="trends-title">
      <h2 id="trends-title">{t('c.trends')}</h2>
      {!bundle && <p role="status">{t('c.loading')}</p>}
      {bundle && vitals.length === 0 && scores.length === 0 && <p>{t('c.trends.none')}</p>}
      <div class="trend-grid">
        {vitals.map(({ def, rows }) => {
          const measure: Measure = { kind: 'vital', name: def.name, min: def.min, max: def.max };
          const bands = bandsFor(rules, months, measure, thresholds);
          return (
            <TrendCard
              id={`tr-${def.name}`}
              headingLevel={3}
              title={
                <>
                  {def.label} <span class="unit-label">({def.symbol})</span>
                </>
              }
              label={def.label}
              unit={def.symbol}
              decimals={def.decimals}
              rows={rows}
              bands={bands}
              legend={<Legend bands={bands} decimals={def.decimals} />}
            />
          );
        })}
        {scores.map(({ id, q, rows }) => {
          const range = scoreRange(
            q,
            rows.map((r) => r.value),
          );
          const measure: Measure = { kind: 'score', name: id, ...range };
          const bands = bandsFor(rules, months, measure, thresholds);
          const title = q?.title ?? id;
          return (
            <TrendCard
              id={`tr-${id}`}
              headingLevel={3}
              title={`${title} (${formatNumber(range.min, 0)}–${formatNumber(range.max, 0)})`}
              label={title}
              unit=""
              tableUnit={t('trends.score')}
              decimals={1}
              rows={rows}
              bands={bands}
              legend={<Legend bands={bands} decimals={0} />}
            />
          );
        })}
      </div>
    </section>
  );
}
