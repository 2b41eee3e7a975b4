// One small SVG chart of a measure over time, with the red and amber zones of the rules drawn
// behind it, and the same figures as a table (its text alternative). Used by the patient's trends
// and by the care team's patient page, which passes the patient's own thresholds.

import type { ComponentChildren } from 'preact';
import { formatDate, formatNumber, formatShortDate, t } from '../i18n';
import type { Cmp, Condition, Rule } from '../triage/types';

export type BandSource = 'content' | 'team' | 'patient';

export interface Band {
  level: 'red' | 'amber';
  from: number;
  to: number;
  /** The comparison that draws the zone, and its threshold (`between`: the lower end). */
  op: 'gte' | 'gt' | 'lte' | 'lt' | 'between';
  value: number;
  /** `patient` or `team` when the threshold replaces the content's (per-patient thresholds). */
  source: BandSource;
}

export interface Point {
  at: number;
  value: number;
}

/** What is charted: a vital sign (its `name`) or a questionnaire score (its id), and its range. */
export interface Measure {
  kind: 'vital' | 'score';
  name: string;
  min: number;
  max: number;
}

/** Thresholds by key and override tag (`{spo2: {red_lte: 85}}`), with where each comes from. */
export type Thresholds = Record<string, Record<string, { value: number; source: BandSource }>>;

/** Whether a rule's age band holds for a person of `months` (any band when the age is unknown). */
export function ageMatches(cmp: Cmp | null | undefined, months: number | null): boolean {
  if (!cmp || months === null) return true;
  if (cmp.gte != null && months < cmp.gte) return false;
  if (cmp.gt != null && months <= cmp.gt) return false;
  if (cmp.lt != null && months >= cmp.lt) return false;
  if (cmp.lte != null && months > cmp.lte) return false;
  return true;
}

const OPS = ['gte', 'gt', 'lte', 'lt'] as const;

/** Zones where one value alone fires a rule (conditions combining several values are left out).
 * A comparison tagged `override: red_lte` takes the threshold given for that key and tag. */
export function bandsFor(rules: Rule[], months: number | null, measure: Measure, thresholds: Thresholds = {}): Band[] {
  const bands: Band[] = [];
  const add = (c: Condition | null | undefined, level: 'red' | 'amber'): void => {
    if (!c) return;
    for (const sub of c.any ?? []) add(sub, level);
    const cmp: (Cmp & { override?: string | null }) | null | undefined =
      measure.kind === 'vital'
        ? c.vital?.name === measure.name
          ? c.vital
          : null
        : c.score?.questionnaire === measure.name
          ? c.score
          : null;
    if (!cmp) return;
    const given = cmp.override ? thresholds[measure.name]?.[cmp.override] : undefined;
    const replaced = given ? (cmp.override?.split('_').pop() as (typeof OPS)[number] | undefined) : undefined;
    for (const op of OPS) {
      const base = cmp[op];
      if (base == null) continue;
      const useGiven = replaced === op && given !== undefined;
      const value = useGiven ? given.value : base;
      const source: BandSource = useGiven ? given.source : 'content';
      if (op === 'gte' || op === 'gt') bands.push({ level, from: value, to: measure.max, op, value, source });
      else bands.push({ level, from: measure.min, to: value, op, value, source });
    }
    if (cmp.between) {
      bands.push({
        level,
        from: cmp.between[0],
        to: cmp.between[1],
        op: 'between',
        value: cmp.between[0],
        source: 'content',
      });
    }
  };
  for (const rule of rules) {
    if (ageMatches(rule.applies_to.age_months, months)) add(rule.when, rule.level);
  }
  return bands;
}

const SYMBOL: Record<Band['op'], string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', between: '' };

/** "≤ 92": a zone's edge as text; `between` reads "88–92". */
export function bandEdge(b: Band, decimals: number): string {
  if (b.op === 'between') return `${formatNumber(b.from, decimals)}–${formatNumber(b.to, decimals)}`;
  return `${SYMBOL[b.op]} ${formatNumber(b.value, decimals)}`;
}

/** The bands in the order they are painted: amber first, red over it. A red zone usually lies
 * inside an amber one (temperature: amber below 36, red at 35 or less); painted the other way,
 * the amber zone hid the red one. */
export function paintOrder(bands: Band[]): Band[] {
  return [...bands.filter((b) => b.level === 'amber'), ...bands.filter((b) => b.level === 'red')];
}

/** The patient's legend: a key for each kind of zone the chart draws, none when it draws none. */
export function ZoneLegend(props: { bands: Band[] }) {
  const levels = (['red', 'amber'] as const).filter((level) => props.bands.some((b) => b.level === level));
  if (levels.length === 0) return null;
  return (
    <p class="legend">
      {levels.map((level) => (
        <span class="legend-item" data-zone={level}>
          <span class={`key key-${level}`} aria-hidden="true" />
          {t(level === 'red' ? 'trends.redZone' : 'trends.amberZone')}
        </span>
      ))}
    </p>
  );
}

export function Chart(props: { label: string; unit: string; points: Point[]; bands: Band[]; decimals: number }) {
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
  const refs = references(props.bands, lo, hi);
  const summary = t('trends.summary', {
    label: props.label,
    n: props.points.length,
    last: last ? `${formatNumber(last.value, props.decimals)} ${props.unit}`.trim() : '',
  });
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="none">
      {paintOrder(props.bands).map((b) => {
        const top = y(clamp(Math.max(b.from, b.to)));
        const bottom = y(clamp(Math.min(b.from, b.to)));
        if (bottom - top <= 0) return null;
        return (
          <rect
            class={`band band-${b.level}`}
            data-source={b.source}
            x={pad.l}
            y={top}
            width={W - pad.l - pad.r}
            height={bottom - top}
          />
        );
      })}
      <line class="axis" x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} />
      <line class="axis" x1={pad.l} y1={pad.t} x2={pad.l} y2={H - pad.b} />
      {/* The ends of the axis, unless a reference value sits close by (it says more). */}
      {!refs.some((v) => v > hi - (hi - lo) * 0.15) && (
        <text class="tick" x={pad.l - 4} y={y(hi) + 10} text-anchor="end">
          {formatNumber(hi, props.decimals)}
        </text>
      )}
      {!refs.some((v) => v < lo + (hi - lo) * 0.15) && (
        <text class="tick" x={pad.l - 4} y={y(lo)} text-anchor="end">
          {formatNumber(lo, props.decimals)}
        </text>
      )}
      {/* The reference values: where a zone begins (e.g. 38 °C), marked on the axis. */}
      {refs.map((v) => (
        <g class="reference" data-reference={v}>
          <line class="ref-line" x1={pad.l} y1={y(v)} x2={W - pad.r} y2={y(v)} />
          <text class="tick ref" x={pad.l - 4} y={y(v) + 3} text-anchor="end">
            {formatNumber(v, props.decimals)}
          </text>
        </g>
      ))}
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

export function ValuesTable(props: {
  caption: string;
  unit: string;
  rows: { at: string; value: number }[];
  decimals: number;
}) {
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

/** The thresholds where zones begin, inside the chart's range and apart from its ends, at most 4. */
export function references(bands: Band[], lo: number, hi: number): number[] {
  const margin = (hi - lo) * 0.08;
  const values = [...new Set(bands.map((b) => b.value))].filter((v) => v > lo + margin && v < hi - margin);
  return values.sort((a, b) => a - b).slice(0, 4);
}

/** A measure's chart in its card: title, the last value in words, chart, legend, table. */
export function TrendCard(props: {
  id: string;
  title: ComponentChildren;
  label: string;
  unit: string;
  decimals: number;
  rows: { at: string; value: number }[];
  bands: Band[];
  legend?: ComponentChildren;
  tableUnit?: string;
  /** 3 when the card sits inside a titled section. */
  headingLevel?: 2 | 3;
}) {
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const lastRow = props.rows[props.rows.length - 1];
  return (
    <section class="card trend-card" aria-labelledby={props.id} data-chart={props.id}>
      <Heading id={props.id}>{props.title}</Heading>
      {lastRow && (
        <p class="last-value" data-testid="last-value">
          {t('trends.last', {
            value: `${formatNumber(lastRow.value, props.decimals)} ${props.unit}`.trim(),
            when: formatDate(lastRow.at, true),
          })}
        </p>
      )}
      <Chart
        label={props.label}
        unit={props.unit}
        decimals={props.decimals}
        points={props.rows.map((r) => ({ at: new Date(r.at).getTime(), value: r.value }))}
        bands={props.bands}
      />
      {props.legend}
      <ValuesTable
        caption={props.label}
        unit={props.tableUnit ?? props.unit}
        rows={props.rows}
        decimals={props.decimals}
      />
    </section>
  );
}

/** The dated values of one measure, oldest first, numbers only. */
export function series<T extends { taken_at: string }>(history: T[], pick: (c: T) => number | null | undefined) {
  return history
    .map((c) => ({ at: c.taken_at, value: pick(c) }))
    .filter((r): r is { at: string; value: number } => typeof r.value === 'number' && Number.isFinite(r.value))
    .sort((a, b) => a.at.localeCompare(b.at));
}
