// Trends over the last 30 days: one small chart per vital sign with the red and amber zones of
// the rules drawn behind, questionnaire scores, and the same figures as tables for screen readers.

import { formatDate, formatNumber, formatShortDate, t } from '../i18n';
import { rulesFor } from '../lib/checkin-plan';
import { isoDate } from '../lib/phone-triage';
import type { Route } from '../lib/router';
import { currentPerson, personData, useStore } from '../lib/store';
import type { Bundle, CheckinSummary, Person, VitalDef } from '../lib/types';
import { completedMonths } from '../triage/engine';
import type { Cmp, Condition } from '../triage/types';
import { LevelBadge, PersonSwitcher, Shell } from '../ui';

interface Band {
  level: 'red' | 'amber';
  from: number;
  to: number;
}

interface Point {
  at: number;
  value: number;
}

function ageMatches(cmp: Cmp | null | undefined, months: number | null): boolean {
  if (!cmp || months === null) return true;
  if (cmp.gte != null && months < cmp.gte) return false;
  if (cmp.gt != null && months <= cmp.gt) return false;
  if (cmp.lt != null && months >= cmp.lt) return false;
  if (cmp.lte != null && months > cmp.lte) return false;
  return true;
}

/** Zones where one value alone fires a rule (conditions combining several values are left out). */
export function bandsFor(bundle: Bundle, person: Person, vital: VitalDef): Band[] {
  const months = person.birth_date ? completedMonths(person.birth_date, isoDate(new Date())) : null;
  const bands: Band[] = [];
  const add = (c: Condition | null | undefined, level: 'red' | 'amber'): void => {
    if (!c) return;
    for (const sub of c.any ?? []) add(sub, level);
    const v = c.vital;
    if (!v || v.name !== vital.name) return;
    if (v.gte != null || v.gt != null) bands.push({ level, from: (v.gte ?? v.gt) as number, to: vital.max });
    if (v.lte != null || v.lt != null) bands.push({ level, from: vital.min, to: (v.lte ?? v.lt) as number });
    if (v.between) bands.push({ level, from: v.between[0], to: v.between[1] });
  };
  for (const rule of rulesFor(bundle, person.is_child)) {
    if (ageMatches(rule.applies_to.age_months, months)) add(rule.when, rule.level);
  }
  return bands;
}

function Chart(props: { label: string; unit: string; points: Point[]; bands: Band[]; decimals: number }) {
  const W = 320;
  const H = 150;
  const pad = { l: 40, r: 8, t: 8, b: 22 };
  const values = props.points.map((p) => p.value);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  // Show the nearest zone edges so that the distance to a threshold is visible.
  for (const b of props.bands) {
    const edge = b.from <= lo ? b.to : b.from;
    if (edge >= lo - (hi - lo + 1) && edge <= hi + (hi - lo + 1)) {
      lo = Math.min(lo, edge);
      hi = Math.max(hi, edge);
    }
  }
  if (hi === lo) {
    hi += 1;
    lo -= 1;
  }
  const span = hi - lo;
  lo -= span * 0.08;
  hi += span * 0.08;
  const t0 = props.points[0]?.at ?? 0;
  const t1 = props.points[props.points.length - 1]?.at ?? t0 + 1;
  const x = (at: number): number => pad.l + ((at - t0) / Math.max(t1 - t0, 1)) * (W - pad.l - pad.r);
  const y = (v: number): number => pad.t + (1 - (v - lo) / (hi - lo)) * (H - pad.t - pad.b);
  const clamp = (v: number): number => Math.min(Math.max(v, lo), hi);
  const last = props.points[props.points.length - 1];
  const summary = t('trends.summary', {
    label: props.label,
    n: props.points.length,
    last: last ? `${formatNumber(last.value, props.decimals)} ${props.unit}` : '',
  });
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="none">
      {props.bands.map((b) => {
        const top = y(clamp(Math.max(b.from, b.to)));
        const bottom = y(clamp(Math.min(b.from, b.to)));
        if (bottom - top <= 0) return null;
        return (
          <rect
            class={`band band-${b.level}`}
            x={pad.l}
            y={top}
            width={W - pad.l - pad.r}
            height={bottom - top}
          />
        );
      })}
      <line class="axis" x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} />
      <line class="axis" x1={pad.l} y1={pad.t} x2={pad.l} y2={H - pad.b} />
      <text class="tick" x={pad.l - 4} y={y(hi) + 10} text-anchor="end">
        {formatNumber(hi, props.decimals)}
      </text>
      <text class="tick" x={pad.l - 4} y={y(lo)} text-anchor="end">
        {formatNumber(lo, props.decimals)}
      </text>
      {props.points.length > 0 && (
        <>
          <text class="tick" x={pad.l} y={H - 6}>
            {formatShortDate(new Date(t0).toISOString())}
          </text>
          <text class="tick" x={W - pad.r} y={H - 6} text-anchor="end">
            {formatShortDate(new Date(t1).toISOString())}
          </text>
        </>
      )}
      <polyline class="line" points={props.points.map((p) => `${x(p.at)},${y(p.value)}`).join(' ')} />
      {props.points.map((p) => (
        <circle class="dot" cx={x(p.at)} cy={y(p.value)} r="3.5" />
      ))}
    </svg>
  );
}

function Table(props: { caption: string; unit: string; rows: { at: string; value: number }[]; decimals: number }) {
  return (
    <details class="table-view">
      <summary>{t('trends.table')}</summary>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trends.date')}</th>
            <th scope="col">{t('trends.value', { unit: props.unit })}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{formatDate(r.at, true)}</td>
              <td>{formatNumber(r.value, props.decimals)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function series(history: CheckinSummary[], pick: (c: CheckinSummary) => number | null | undefined) {
  return history
    .map((c) => ({ at: c.taken_at, value: pick(c) }))
    .filter((r): r is { at: string; value: number } => typeof r.value === 'number' && Number.isFinite(r.value))
    .sort((a, b) => a.at.localeCompare(b.at));
}

export function Trends(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const bundle = s.bundle;
  const history = personData(s).history ?? [];
  if (!person || !bundle) {
    return (
      <Shell route={props.route} title={t('trends.title')}>
        <p>{t('trends.empty')}</p>
      </Shell>
    );
  }
  if (!person.can_read_results) {
    return (
      <Shell route={props.route} title={t('trends.title')}>
        <PersonSwitcher />
        <p>{t('trends.notAllowed')}</p>
      </Shell>
    );
  }
  const vitals = (bundle.vitals?.vitals ?? [])
    .map((v) => ({ def: v, rows: series(history, (c) => c.vitals?.[v.name]) }))
    .filter((x) => x.rows.length > 0);
  const scoreIds = [...new Set(history.flatMap((c) => Object.keys(c.scores ?? {})))];
  const scores = scoreIds
    .map((id) => ({
      q: bundle.questionnaires.find((q) => q.id === id),
      id,
      rows: series(history, (c) => c.scores?.[id]),
    }))
    .filter((x) => x.rows.length > 0);
  const levels = [...history].sort((a, b) => b.taken_at.localeCompare(a.taken_at)).slice(0, 14);
  return (
    <Shell route={props.route} title={t('trends.title')}>
      <PersonSwitcher />
      <p class="hint">{t('trends.intro')}</p>
      {history.length === 0 && <p>{t('trends.empty')}</p>}
      {vitals.map(({ def, rows }) => (
        <section class="card" aria-labelledby={`v-${def.name}`}>
          <h2 id={`v-${def.name}`}>
            {def.label} <span class="unit-label">({def.symbol})</span>
          </h2>
          <Chart
            label={def.label}
            unit={def.symbol}
            decimals={def.decimals}
            points={rows.map((r) => ({ at: new Date(r.at).getTime(), value: r.value }))}
            bands={bandsFor(bundle, person, def)}
          />
          <p class="legend">
            <span class="key key-red" aria-hidden="true" /> {t('trends.redZone')}{' '}
            <span class="key key-amber" aria-hidden="true" /> {t('trends.amberZone')}
          </p>
          <Table caption={def.label} unit={def.symbol} rows={rows} decimals={def.decimals} />
        </section>
      ))}
      {scores.map(({ q, id, rows }) => (
        <section class="card" aria-labelledby={`s-${id}`}>
          <h2 id={`s-${id}`}>{q?.title ?? id}</h2>
          <Chart
            label={q?.title ?? id}
            unit=""
            decimals={1}
            points={rows.map((r) => ({ at: new Date(r.at).getTime(), value: r.value }))}
            bands={[]}
          />
          <Table caption={q?.title ?? id} unit={t('trends.score')} rows={rows} decimals={1} />
        </section>
      ))}
      {levels.length > 0 && (
        <section class="card" aria-labelledby="levels-title">
          <h2 id="levels-title">{t('trends.levels')}</h2>
          <ul class="plain">
            {levels.map((c) => (
              <li class="level-row">
                <span>{formatDate(c.taken_at, true)}</span> <LevelBadge level={c.level} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Shell>
  );
}
