// Length lying down or height standing, as the server computes it (backend/relais/children/
// growth.py `adjusted_length`): WHO's tables are of the length measured lying down under 24 months
// and of the height measured standing from 24 months; a measurement taken the other way is moved
// by 0.7 cm before it is compared with them. Used by the form to offer the expected position and
// to show the length placed on the curves before it is sent.

export type Position = 'recumbent' | 'standing';

export const LENGTH_UNTIL_MONTHS = 24;
export const STANDING_DIFFERENCE_CM = 0.7;
const DAYS_PER_MONTH = 30.4375; // WHO: 365.25 / 12

function dayNumber(isoDate: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Age in months (WHO's 30.4375-day months) on `onDate`, both dates as YYYY-MM-DD. */
export function ageMonths(birthDate: string, onDate: string): number | null {
  const birth = dayNumber(birthDate);
  const on = dayNumber(onDate);
  if (birth === null || on === null || on < birth) return null;
  return (on - birth) / DAYS_PER_MONTH;
}

/** How WHO expects a child of this age to be measured. */
export function defaultPosition(months: number, untilMonths = LENGTH_UNTIL_MONTHS): Position {
  return months < untilMonths ? 'recumbent' : 'standing';
}

/** The length/height compared with WHO's table for this age (rounded to 0.01 cm). */
export function adjustedLength(
  lengthCm: number,
  months: number,
  position: Position | null | undefined,
  untilMonths = LENGTH_UNTIL_MONTHS,
  differenceCm = STANDING_DIFFERENCE_CM,
): number {
  if (!position || position === defaultPosition(months, untilMonths)) return lengthCm;
  const moved = position === 'standing' ? lengthCm + differenceCm : lengthCm - differenceCm;
  return Math.round(moved * 100) / 100;
}

/** A measurement as typed ("12,4" or "12.4"); undefined when empty or not a number (never a
 * silent truncation: "12a" is not 12). */
export function parseMeasure(text: string): number | undefined {
  const n = Number(text.replace(',', '.').trim());
  return text.trim() === '' || !Number.isFinite(n) ? undefined : n;
}
