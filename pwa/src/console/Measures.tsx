// What an alert measured, for the clinician: each value its rules compared, the threshold it
// crossed and whose threshold it is (the content's rule, the team's default, this patient's own),
// the most severe band only. Kept with the alert as the check-in was triaged.

import type { components } from '../api/schema';
import { formatNumber, type MessageKey, t } from '../i18n';
import { useStore } from '../lib/store';
import type { Bundle } from '../lib/types';
import { questionnaireTitle, readableAnswers, vitalText } from './readable';

type Measure = components['schemas']['MeasureOut'];

const OPS: Record<string, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

function shown(bundle: Bundle | null, m: Measure, value: number): string {
  return (m.kind === 'vital' ? vitalText(bundle, m.name, value) : null) ?? formatNumber(value, 1);
}

function label(bundle: Bundle | null, m: Measure): string {
  if (m.kind === 'vital') return bundle?.vitals?.vitals.find((d) => d.name === m.name)?.label ?? m.name;
  if (m.kind === 'score') return questionnaireTitle(bundle, m.name);
  return readableAnswers(bundle, { [m.name]: null })[0]?.label ?? m.name;
}

/** Each measurement once per direction (above, below), at its most severe threshold: a SpO2 of
 * 88 % that a single-band rule, the HAS score and three NEWS2 steps all compared is one line,
 * "≤ 91 %", not five. */
export function severest(measures: Measure[]): Measure[] {
  const rank = (m: Measure): number => (m.level === 'red' ? 2 : 1);
  const out = new Map<string, Measure>();
  for (const m of measures) {
    const up = m.op === 'gt' || m.op === 'gte';
    const key = `${m.kind}:${m.name}:${Array.isArray(m.threshold) ? 'between' : up ? 'up' : 'down'}`;
    const kept = out.get(key);
    const t = Array.isArray(m.threshold) ? 0 : m.threshold;
    const k = kept && !Array.isArray(kept.threshold) ? kept.threshold : 0;
    const further = up ? t > k : t < k;
    if (!kept || rank(m) > rank(kept) || (rank(m) === rank(kept) && further)) out.set(key, m);
  }
  return [...out.values()];
}

export function Measures(props: { measures?: Measure[] }) {
  const bundle = useStore().bundle;
  const list = severest(props.measures ?? []);
  if (list.length === 0) return null;
  return (
    <ul class="measures" aria-label={t('c.measures')}>
      {list.map((m) => {
        const bound = Array.isArray(m.threshold)
          ? t('c.measure.between', {
              from: shown(bundle, m, m.threshold[0] ?? 0),
              to: shown(bundle, m, m.threshold[1] ?? 0),
            })
          : `${OPS[m.op] ?? m.op} ${shown(bundle, m, m.threshold)}`;
        return (
          <li data-measure={m.name} data-level={m.level} data-whose={m.whose ?? 'content'}>
            <strong>{label(bundle, m)}</strong> {shown(bundle, m, m.value)}{' '}
            <span class="measure-bound">
              ({t('c.measure.threshold', { bound })}, {t(`c.whose.${m.whose ?? 'content'}` as MessageKey)})
            </span>
          </li>
        );
      })}
    </ul>
  );
}
