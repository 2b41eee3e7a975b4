// Growth: enter a measurement, and see it on the WHO centile curves (SVG), with the same figures
// as a table for screen readers.

import { useEffect, useState } from 'preact/hooks';
import { type Chart, type Growth, type GrowthResult, getGrowth, sendGrowth } from './api';
import { ct } from './i18n';

const W = 640;
const H = 400;
const PAD = { left: 48, right: 40, top: 16, bottom: 40 };
const MAJOR = new Set([2, 50, 98]);

function parse(text: string): number | undefined {
  const v = Number.parseFloat(text.replace(',', '.'));
  return Number.isFinite(v) ? v : undefined;
}

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
      aria-label={ct('growth.chart', { title: chart.title })}
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
        {ct(`growth.${chart.x_kind}` as 'growth.age_months')}
      </text>
    </svg>
  );
}

export function GrowthChart(props: { patientId: string }) {
  const [indicator, setIndicator] = useState('weight_for_age');
  const [data, setData] = useState<Growth | null>(null);
  const [form, setForm] = useState({ date: new Date().toISOString().slice(0, 10), w: '', l: '', h: '' });
  const [result, setResult] = useState<GrowthResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    getGrowth(props.patientId, indicator)
      .then(setData)
      .catch(() => setError(ct('common.error')));
  useEffect(() => {
    void load();
  }, [props.patientId, indicator]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      setResult(
        await sendGrowth(props.patientId, {
          measured_on: form.date,
          weight_kg: parse(form.w),
          length_cm: parse(form.l),
          head_cm: parse(form.h),
        }),
      );
      await load();
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : ct('common.error'));
    }
  };

  const field = (key: 'w' | 'l' | 'h', label: string) => (
    <label>
      {label}
      <input
        inputMode="decimal"
        value={form[key]}
        onInput={(e) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value })}
      />
    </label>
  );

  return (
    <section aria-labelledby="growth-title">
      <h2 id="growth-title">{ct('growth.title')}</h2>
      <form onSubmit={submit}>
        <label>
          {ct('growth.date')}
          <input
            type="date"
            value={form.date}
            onInput={(e) => setForm({ ...form, date: (e.target as HTMLInputElement).value })}
          />
        </label>
        {field('w', ct('growth.weight'))}
        {field('l', ct('growth.length'))}
        {field('h', ct('growth.head'))}
        <button type="submit">{ct('growth.add')}</button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {result && (
        <div role="status">
          {result.messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {data && !data.curves_available && <p>{ct('growth.no_curves')}</p>}
      {data && (
        <label>
          {ct('growth.indicator')}
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
          <table>
            <caption>{data.chart.title}</caption>
            <thead>
              <tr>
                <th scope="col">{ct(`growth.${data.chart.x_kind}` as 'growth.age_months')}</th>
                <th scope="col">{ct('growth.table.value')}</th>
                <th scope="col">{ct('growth.table.centile')}</th>
                <th scope="col">{ct('growth.table.z')}</th>
              </tr>
            </thead>
            <tbody>
              {data.chart.points.map((p) => (
                <tr key={p.measurement_id}>
                  <td>{p.x.toFixed(1)}</td>
                  <td>{p.value}</td>
                  <td>{p.centile}</td>
                  <td>{p.z}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint">{ct('growth.source')}</p>
        </>
      )}
    </section>
  );
}
