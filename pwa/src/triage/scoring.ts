// Questionnaire scoring, as backend/relais/content/scoring.py: a total only when every scored item
// is answered (a partial total would read as a lower, reassuring score).

import type { AnswerValue, Item, Questionnaire, Score } from './types';

function optionValues(q: Questionnaire, item: Item): number[] {
  if (item.type === 'yesno') return [0, 1];
  const opts = typeof item.options === 'string' ? q.option_sets?.[item.options] : item.options;
  return (opts ?? []).map((o) => o.value);
}

/** The lowest and highest value an item can take; null when unknown. */
export function itemRange(q: Questionnaire, item: Item): [number, number] | null {
  if (item.type === 'choice' || item.type === 'yesno') {
    const values = optionValues(q, item);
    return values.length ? [Math.min(...values), Math.max(...values)] : null;
  }
  if (item.type === 'number' && item.min != null && item.max != null) return [item.min, item.max];
  return null;
}

/** The items of the total: `scoring.items`, or every choice and number item. */
export function scoredItems(q: Questionnaire): Item[] {
  const byId = new Map(q.items.map((it) => [it.id, it]));
  const ids = q.scoring?.items;
  if (ids != null) return ids.flatMap((i) => (byId.has(i) ? [byId.get(i)!] : []));
  return q.items.filter((it) => it.type === 'choice' || it.type === 'number');
}

/** The scored value of an answer (reversal applied), null when missing or not a number. */
export function itemValue(q: Questionnaire, item: Item, raw: AnswerValue | undefined): number | null {
  const n = typeof raw === 'boolean' ? (raw ? 1 : 0) : raw;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  if (item.reverse) {
    const r = itemRange(q, item);
    if (r !== null) return r[1] + r[0] - n;
  }
  return n;
}

function combine(values: number[], method: string): number {
  let total = 0;
  for (const v of values) total += v;
  return method === 'mean' && values.length ? total / values.length : total;
}

export function score(q: Questionnaire, answers: Record<string, AnswerValue | undefined>): Score {
  const scoring = q.scoring;
  if (!q.scored || scoring == null) {
    return { questionnaire: q.id, total: null, band: null, subscales: {}, missing: [] };
  }
  const byId = new Map(q.items.map((it) => [it.id, it]));
  const value = (id: string): number | null => {
    const item = byId.get(id);
    return item === undefined ? null : itemValue(q, item, answers[id]);
  };
  const items = scoredItems(q).map((it) => it.id);
  const values = items.map(value);
  const missing = items.filter((_, i) => values[i] === null);
  const subscales: Record<string, number | null> = {};
  for (const sub of scoring.subscales ?? []) {
    const subValues = sub.items.map(value);
    const present = subValues.filter((v): v is number => v !== null);
    subscales[sub.id] = present.length === subValues.length ? combine(present, sub.method ?? 'sum') : null;
  }
  if (missing.length || !items.length) {
    return { questionnaire: q.id, total: null, band: null, subscales, missing };
  }
  const total = combine(
    values.filter((v): v is number => v !== null),
    scoring.method ?? 'sum',
  );
  const band = (scoring.bands ?? []).find((b) => b.min <= total && total <= b.max);
  return { questionnaire: q.id, total, band: band?.id ?? null, subscales, missing: [] };
}
