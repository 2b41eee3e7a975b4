// Which follow-up plans fit a person's age at enrolment: a plan for adults from 18 years, a plan
// for children before, `any` at every age (the server refuses the others with the same rule).

export const ADULT_AGE = 18;

/** A "YYYY-MM-DD" that is a real day, as [year, month, day]; null otherwise. */
function day(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? [y, mo, d] : null;
}

/** Full years between a birth date and a day, both "YYYY-MM-DD"; null when either is not a date. */
export function ageYears(birth: string, on: string): number | null {
  const b = day(birth);
  const o = day(on);
  if (!b || !o) return null;
  let years = o[0] - b[0];
  if (o[1] < b[1] || (o[1] === b[1] && o[2] < b[2])) years -= 1;
  return years;
}

/** The plans a person born on `birth` may follow on `today`; every plan while the age is unknown
 * (no birth date yet, or one in the future). */
export function plansForAge<P extends { audience: string }>(plans: P[], birth: string, today: string): P[] {
  const age = ageYears(birth, today);
  if (age === null || age < 0) return plans;
  const child = age < ADULT_AGE;
  return plans.filter(
    (p) => p.audience === 'any' || (p.audience === 'adult' ? !child : p.audience === 'child' && child),
  );
}

/** Today on this computer, as "YYYY-MM-DD". */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
