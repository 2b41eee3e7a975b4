// Growth: enter a measurement (length lying down or height standing, offered by age), and see it
// on the WHO centile curves (SVG), with the same figures as tables for screen readers. Used by
// the family's app and by the team's console.

import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type Chart,
  type Growth,
  type GrowthResult,
  getGrowth,
  type Measurement,
  type NewMeasurement,
  sendGrowth,
} from '../api/children';
import { ApiError, type FieldError } from '../api/client';
import { formatDay, t } from '../i18n';
import { errorText } from '../lib/errors';
import { Sending } from '../lib/sending';
import { adjustedLength, ageMonths, defaultPosition, parseMeasure, type Position } from './growth';
import { MeasureInput } from './MeasureInput';
import { ChangeNote, CorrectMeasurement } from './CorrectMeasurement';

const W = 640;
const H = 400;
const PAD = { left: 48, right: 40, top: 16, bottom: 40 };
const MAJOR = new Set([2, 50, 98]);

export function CentileSvg(props: { chart: Chart }) {
  const { chart } = props;
  const xs = chart.curves.flatMap((c) => c.points.map((p) => p[0])).concat(chart.points.map((p) => p.x));
  const ys = chart.curves.flatMap((c) => c.points.map((p) => p[1])).concat(chart.points.map((p) => p.value));
  if (!xs.length) return null;
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const ticks = (lo: number, hi: number, n: number) =>
    Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('growth.chart', { title: chart.title })}
      class="growth-chart"
      data-testid="growth-chart"
    >
      {ticks(x0, x1, 6).map((x) => (
        <g key={`x${x}`}>
          <line x1={sx(x)} x2={sx(x)} y1={PAD.top} y2={H - PAD.bottom} stroke="#ddd" />
          <text x={sx(x)} y={H - PAD.bottom + 16} text-anchor="middle" font-size="12">
            {Math.round(x)}
          </text>
        </g>
      ))}
      {ticks(y0, y1, 5).map((y) => (
        <g key={`y${y}`}>
          <line x1={PAD.left} x2={W - PAD.right} y1={sy(y)} y2={sy(y)} stroke="#eee" />
          <text x={PAD.left - 6} y={sy(y) + 4} text-anchor="end" font-size="12">
            {y.toFixed(1)}
          </text>
        </g>
      ))}
      {chart.curves.map((c) => {
        const d = c.points.map((p, i) => `${i ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join('');
        const last = c.points[c.points.length - 1];
        return (
          <g key={c.centile}>
            <path
              d={d}
              fill="none"
              stroke={c.centile === 50 ? '#1a5e20' : '#5b7f95'}
              stroke-width={MAJOR.has(c.centile) ? 2 : 1}
              stroke-dasharray={MAJOR.has(c.centile) ? undefined : '4 3'}
            />
            {last && (
              <text x={sx(last[0]) + 4} y={sy(last[1]) + 4} font-size="11">
                {c.centile}
              </text>
            )}
          </g>
        );
      })}
      <polyline
        points={chart.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.value).toFixed(1)}`).join(' ')}
        fill="none"
        stroke="#b00020"
        stroke-width="2"
      />
      {chart.points.map((p) => (
        <circle key={p.measurement_id} cx={sx(p.x)} cy={sy(p.value)} r="5" fill="#b00020" />
      ))}
      <text x={W / 2} y={H - 6} text-anchor="middle" font-size="12">
        {t(`growth.${chart.x_kind}` as 'growth.age_months')}
      </text>
    </svg>
  );
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : String(v);
}

function MeasurementsTable(props: {
  rows: Measurement[];
  labels: Record<Position, string>;
  onCorrect: (m: Measurement) => void;
}) {
  if (!props.rows.length) return <p>{t('growth.none')}</p>;
  return (
    <table class="growth-table">
      <caption>{t('growth.measurements')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('growth.table.date')}</th>
          <th scope="col">{t('growth.table.age')}</th>
          <th scope="col">{t('growth.weight')}</th>
          <th scope="col">{t('growth.length')}</th>
          <th scope="col">{t('growth.head')}</th>
          <th scope="col">{t('growth.table.by')}</th>
        </tr>
      </thead>
      <tbody>
        {[...props.rows].reverse().map((m) => (
          <tr key={m.id} data-measurement={m.id}>
            <td data-label={t('growth.table.date')}>{formatDay(m.measured_on)}</td>
            <td data-label={t('growth.table.age')}>{m.age.months.toFixed(1)}</td>
            <td data-label={t('growth.weight')}>{fmt(m.weight_kg)}</td>
            <td data-label={t('growth.length')}>
              {fmt(m.length_cm)}
              {m.length_cm !== null && m.position && <span class="hint"> · {props.labels[m.position]}</span>}
              {m.length_adjusted_cm != null && m.length_cm !== null && m.length_adjusted_cm !== m.length_cm && (
                <span class="hint"> · {t('growth.onCurves', { value: m.length_adjusted_cm })}</span>
              )}
            </td>
            <td data-label={t('growth.head')}>{fmt(m.head_cm)}</td>
            <td data-label={t('growth.table.by')}>
              {t(m.entered_as === 'staff' ? 'growth.by.team' : 'growth.by.family')}
              <ChangeNote m={m} />
              {m.can_change && (
                <button
                  type="button"
                  class="button inline"
                  data-action="correct-measurement"
                  aria-label={`${t('growth.fix.open')} ${formatDay(m.measured_on)}`}
                  onClick={() => props.onCorrect(m)}
                >
                  {t('growth.fix.open')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the team is told after saving: the family's messages speak to parents. */
function teamMessages(r: GrowthResult, indicators: { id: string; title: string }[]): string[] {
  const out = [t('growth.savedTeam')];
  const words = r.reasons.map((reason) => {
    const [kind, indicator] = reason.split(':');
    if (kind === 'growth_weight_loss') return t('growth.reason.weightLoss');
    const title = indicators.find((i) => i.id === indicator)?.title ?? '';
    return t('growth.reason.centiles', { indicator: title });
  });
  if (r.alert) out.push(t('growth.alertTeam', { reasons: words.join(', ') }));
  if (r.scores.some((s) => s.check)) out.push(t('growth.checkTeam'));
  return out;
}

/** Growth for one child. `fill` fills placeholders such as {team_phone} in the server's messages. */
export function GrowthChart(props: { patientId: string; team?: boolean; fill?: (text: string) => string }) {
  const fill = props.fill ?? ((text: string) => text);
  const [indicator, setIndicator] = useState('weight_for_age');
  const [data, setData] = useState<Growth | null>(null);
  const [form, setForm] = useState({ date: today(), w: '', l: '', h: '' });
  // null: as WHO expects for the age on the date measured, until the person chooses.
  const [position, setPosition] = useState<Position | null>(null);
  const [result, setResult] = useState<GrowthResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<Measurement | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const status = useRef<HTMLDivElement>(null);
  const sending = useMemo(() => new Sending(), []);

  const load = useCallback(
    () =>
      getGrowth(props.patientId, indicator).then(
        (g) => {
          setData(g);
          setError(null);
        },
        () => setError(t('common.error')),
      ),
    [props.patientId, indicator],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const rule = data?.position_rule ?? null;
  const until = rule?.until_months ?? 24;
  const months = data?.birth_date ? ageMonths(data.birth_date, form.date) : null;
  const chosen: Position = position ?? defaultPosition(months ?? 0, until);
  const length = parseMeasure(form.l);
  const onCurves =
    length !== undefined && months !== null
      ? adjustedLength(length, months, chosen, until, rule?.difference_cm)
      : undefined;
  const labels: Record<Position, string> = rule?.labels ?? {
    recumbent: t('growth.pos.recumbent'),
    standing: t('growth.pos.standing'),
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFieldErrors([]);
    setResult(null);
    setBusy(true);
    try {
      const measurement: NewMeasurement = {
        measured_on: form.date,
        weight_kg: parseMeasure(form.w),
        length_cm: length,
        position: length !== undefined ? chosen : undefined,
        head_cm: parseMeasure(form.h),
      };
      const saved = await sending.send({ patient: props.patientId, measurement }, (attempt) =>
        sendGrowth(props.patientId, measurement, attempt),
      );
      setResult(saved);
      setForm({ date: form.date, w: '', l: '', h: '' });
      setPosition(null);
      await load();
      status.current?.focus();
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.errors);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (field: string) => fieldErrors.find((f) => f.field === field)?.message;
  const field = (key: 'w' | 'l' | 'h', name: string, label: string) => (
    <MeasureInput
      name={name}
      label={label}
      value={form[key]}
      invalid={Boolean(errorOf(name))}
      onValue={(text) => setForm({ ...form, [key]: text })}
    />
  );

  return (
    <section aria-labelledby="growth-title" class="growth">
      <h2 id="growth-title">{t('growth.title')}</h2>
      <form class="form" onSubmit={(e) => void submit(e)} aria-labelledby="growth-add-title" noValidate>
        <h3 id="growth-add-title">{t('growth.addTitle')}</h3>
        <label>
          {t('growth.date')}
          <input
            type="date"
            name="measured_on"
            value={form.date}
            max={today()}
            aria-invalid={errorOf('measured_on') ? 'true' : undefined}
            onInput={(e) => setForm({ ...form, date: (e.target as HTMLInputElement).value })}
          />
        </label>
        {field('w', 'weight_kg', t('growth.weight'))}
        {field('l', 'length_cm', t('growth.length'))}
        <fieldset class="position">
          <legend>{t('growth.position')}</legend>
          {(['recumbent', 'standing'] as Position[]).map((p) => (
            <label key={p} class="choice">
              <input type="radio" name="position" value={p} checked={chosen === p} onChange={() => setPosition(p)} />
              {labels[p]}
            </label>
          ))}
          {rule?.note && <p class="hint">{rule.note}</p>}
          {onCurves !== undefined && length !== undefined && onCurves !== length && (
            <p class="hint" aria-live="polite" data-testid="length-adjusted">
              {t('growth.onCurves', { value: onCurves })}
            </p>
          )}
        </fieldset>
        {field('h', 'head_cm', t('growth.head'))}
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t('growth.adding') : t('growth.add')}
        </button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div role="status" tabIndex={-1} ref={status}>
        {result &&
          (props.team ? teamMessages(result, data?.indicators ?? []) : result.messages.map(fill)).map((m) => (
            <p key={m}>{m}</p>
          ))}
        {notice && <p>{notice}</p>}
      </div>
      {!data && !error && <p aria-live="polite">{t('common.loading')}</p>}
      {data && !data.curves_available && <p>{t('growth.no_curves')}</p>}
      {data && (
        <label>
          {t('growth.indicator')}
          <select value={indicator} onChange={(e) => setIndicator((e.target as HTMLSelectElement).value)}>
            {data.indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {data?.chart && (
        <>
          <CentileSvg chart={data.chart} />
          <table class="growth-table">
            <caption>{data.chart.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`growth.${data.chart.x_kind}` as 'growth.age_months')}</th>
                <th scope="col">{t('growth.table.value')}</th>
                <th scope="col">{t('growth.table.centile')}</th>
                <th scope="col">{t('growth.table.z')}</th>
              </tr>
            </thead>
            <tbody>
              {data.chart.points.map((p) => (
                <tr key={p.measurement_id}>
                  <td data-label={t(`growth.${data.chart?.x_kind ?? 'age_months'}` as 'growth.age_months')}>
                    {p.x.toFixed(1)}
                  </td>
                  <td data-label={t('growth.table.value')}>{p.value}</td>
                  <td data-label={t('growth.table.centile')}>{p.centile}</td>
                  <td data-label={t('growth.table.z')}>{p.z}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {editing && (
        <CorrectMeasurement
          patientId={props.patientId}
          m={editing}
          team={props.team === true}
          onCancel={() => setEditing(null)}
          onDone={(message) => {
            setEditing(null);
            setResult(null);
            setNotice(message);
            void load().then(() => status.current?.focus());
          }}
        />
      )}
      {data && (
        <MeasurementsTable
          rows={data.measurements}
          labels={labels}
          onCorrect={(m) => {
            setNotice(null);
            setEditing(m);
          }}
        />
      )}
      {data && (
        <p class="hint source">
          {t('growth.source')}. {data.source}
          {rule?.source && ` ${t('growth.positionSource')} ${rule.source}`}
        </p>
      )}
    </section>
  );
}
