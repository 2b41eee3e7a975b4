// What the pre-visit summary computes from a patient's record: how long since discharge (its
// title), and each vital sign's last, lowest and highest value over the period, with dates.

export type VitalRange = {
  name: string;
  last: { value: number; at: string };
  low: { value: number; at: string };
  high: { value: number; at: string };
  count: number;
};

/** Each vital sign measured in these check-ins: last, lowest and highest (the earliest of equal
 * values), in the order of `order` (the content's list), the others after by name. */
export function vitalRanges(
  checkins: { taken_at: string; vitals: Record<string, number | null> }[],
  order: string[] = [],
): VitalRange[] {
  const out = new Map<string, VitalRange>();
  const sorted = [...checkins].sort((a, b) => a.taken_at.localeCompare(b.taken_at));
  for (const c of sorted) {
    for (const [name, value] of Object.entries(c.vitals)) {
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      const seen = { value, at: c.taken_at };
      const range = out.get(name);
      if (!range) {
        out.set(name, { name, last: seen, low: seen, high: seen, count: 1 });
        continue;
      }
      range.last = seen;
      range.count += 1;
      if (value < range.low.value) range.low = seen;
      if (value > range.high.value) range.high = seen;
    }
  }
  const rank = (name: string): number => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  return [...out.values()].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

export type SinceDischarge = { unit: 'days' | 'months' | 'years'; n: number };

/** Time since discharge as a clinician says it: days for the first two months, then months,
 * then years from the second year. */
export function sinceDischarge(discharge: string, now: Date = new Date()): SinceDischarge {
  const from = new Date(`${discharge.slice(0, 10)}T00:00:00`);
  const days = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 86_400_000));
  if (days < 61) return { unit: 'days', n: days };
  let months = (now.getFullYear() - from.getFullYear()) * 12 + now.getMonth() - from.getMonth();
  if (now.getDate() < from.getDate()) months -= 1;
  if (months < 24) return { unit: 'months', n: months };
  return { unit: 'years', n: Math.floor(months / 12) };
}
