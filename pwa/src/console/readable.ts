// A check-in as the team reads it: each measurement with its name and unit, each answer as the
// question and the option chosen, each score with its questionnaire's title, all from the content
// bundle in the clinician's language. What the content does not know (an item since removed) is
// shown as stored.

import { formatNumber, t } from '../i18n';
import type { Bundle, QItem } from '../lib/types';

export interface Row {
  /** The stored key: a vital sign's name, an item's or a questionnaire's id. */
  key: string;
  label: string;
  value: string;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The measurements, in the content's order, with their unit ("38,3 °C"). */
/** A vital sign's value as the content writes it ("38,6 °C"); null when the content does not
 * know the sign (the caller says it its own way). */
export function vitalText(bundle: Bundle | null, name: string, value: number): string | null {
  const def = bundle?.vitals?.vitals.find((d) => d.name === name);
  return def ? `${formatNumber(value, def.decimals)} ${def.symbol}`.trim() : null;
}

export function readableVitals(bundle: Bundle | null, vitals: Record<string, number | null>): Row[] {
  const defs = bundle?.vitals?.vitals ?? [];
  const order = (name: string): number => {
    const i = defs.findIndex((d) => d.name === name);
    return i < 0 ? defs.length : i;
  };
  return Object.entries(vitals)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([key, value]) => {
      const def = defs.find((d) => d.name === key);
      if (value === null || value === undefined) return { key, label: def?.label ?? key, value: '—' };
      if (!def) return { key, label: key, value: String(value) };
      return { key, label: def.label, value: vitalText(bundle, key, value) ?? String(value) };
    });
}

function answerText(item: QItem, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an answer is JSON from the server, shown as it came
  if (typeof value !== 'number') return String(value);
  if (item.type === 'yesno' && (value === 0 || value === 1)) return sentence(t(value === 1 ? 'c.yes' : 'c.no'));
  const option = item.options?.find((o) => o.value === value);
  if (option) return option.label;
  // "{score}" is a unit for machines (UCUM's annotation): a scale reads "7 / 10".
  const unit = item.unit && !item.unit.startsWith('{') ? item.unit : null;
  if (unit) return `${formatNumber(value, 2)} ${unit}`;
  return item.max != null ? `${formatNumber(value, 2)} / ${formatNumber(item.max, 2)}` : formatNumber(value, 2);
}

/** The answers, each as its question and the option chosen ("Oui", "Souvent", "7 / 10"). */
export function readableAnswers(bundle: Bundle | null, answers: Record<string, unknown>): Row[] {
  const items = new Map<string, QItem>();
  for (const q of bundle?.questionnaires ?? [])
    for (const item of q.items) if (!items.has(item.id)) items.set(item.id, item);
  return Object.entries(answers).map(([key, value]) => {
    const item = items.get(key);
    if (item) return { key, label: item.text, value: answerText(item, value) };
    if (value === null || value === undefined) return { key, label: key, value: '—' };
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an answer is JSON from the server, shown as it came
    return { key, label: key, value: String(value) };
  });
}

/** A questionnaire's title ("PHQ-9") for its id; the id when the content does not know it. */
export function questionnaireTitle(bundle: Bundle | null, id: string): string {
  return bundle?.questionnaires.find((q) => q.id === id)?.title ?? id;
}
