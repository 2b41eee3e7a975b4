// The result on the phone: the shared evaluator (src/triage/) run on the rules of the cached
// content bundle, with the person's recent history. No network needed.

import { completedMonths, evaluate, RANK, rulesetFromFiles } from '../triage/engine';
import { score } from '../triage/scoring';
import type {
  HistoryEntry,
  Person as TriagePerson,
  Questionnaire as TriageQuestionnaire,
  RuleFile,
  TriageResult,
} from '../triage/types';
import type { OutboxEntry } from './db';
import type { Bundle, CheckinSummary, Level, Person, Questionnaire, Thresholds } from './types';

/** Completed months from which a person is an adult (18 years), as the server counts. */
export const ADULT_MONTHS = 18 * 12;

export type Answers = Record<string, number | string | null>;
export type Vitals = Record<string, number | null>;

export function isoDate(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A person's age in completed months on the local date of `now`; null without a birth date. */
export function ageInMonths(birthDate: string | null | undefined, now: Date = new Date()): number | null {
  return birthDate ? completedMonths(birthDate, isoDate(now)) : null;
}

export function triagePerson(person: Person, now: Date): TriagePerson {
  const months = ageInMonths(person.birth_date, now);
  const out: TriagePerson = {
    // A child until 18 on the day of the check-in, as the server counts.
    is_child: months === null ? person.is_child : months < ADULT_MONTHS,
    utc_offset_minutes: -now.getTimezoneOffset(),
  };
  if (months !== null) out.age_months = months;
  if (person.day1) {
    const start = new Date(`${person.day1}T00:00:00`);
    const today = new Date(`${isoDate(now)}T00:00:00`);
    out.day = Math.round((today.getTime() - start.getTime()) / 86_400_000) + 1;
  }
  return out;
}

/** Totals of the scored questionnaires answered in this check-in (null when incomplete). */
export function scores(questionnaires: Questionnaire[], answers: Answers): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const q of questionnaires) {
    if (!q.scored) continue;
    out[q.id] = score(q as unknown as TriageQuestionnaire, answers).total;
  }
  return out;
}

/** History for the evaluator: what the server has, plus what waits in the outbox. */
export function historyFor(
  personId: string,
  serverHistory: CheckinSummary[] | undefined,
  outbox: OutboxEntry[],
): HistoryEntry[] {
  const seen = new Set<string>();
  const out: HistoryEntry[] = [];
  for (const c of serverHistory ?? []) {
    seen.add(c.id);
    out.push({ taken_at: c.taken_at, vitals: c.vitals ?? {}, answers: c.answers ?? {}, level: c.level });
  }
  for (const e of outbox) {
    if (e.patient_id !== personId || seen.has(e.id) || e.state === 'rejected') continue;
    out.push({
      taken_at: e.body.taken_at,
      vitals: e.body.vitals,
      answers: e.body.answers,
      level: e.server?.level ?? e.client.level,
    });
  }
  return out;
}

/** The check-in's result on the phone, with the person's thresholds where their team changed the
 * content's (as last read from the server: offline, the last known ones), as the server does. */
export function triageOnPhone(
  bundle: Bundle,
  person: Person,
  answers: Answers,
  vitals: Vitals,
  questionnaires: Questionnaire[],
  history: HistoryEntry[],
  takenAt: Date,
  thresholds: Thresholds = {},
): TriageResult {
  const ruleset = rulesetFromFiles(bundle.rules as RuleFile[]);
  return evaluate(
    ruleset,
    triagePerson(person, takenAt),
    { answers, vitals, scores: scores(questionnaires, answers), taken_at: takenAt.toISOString() },
    history,
    takenAt.toISOString(),
    { thresholds },
  );
}

export function higher(a: Level, b: Level): Level {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The level to show: the server may raise the phone's answer (history, per-person thresholds),
 * never lower what the phone already told the person to do. */
export function shownLevel(entry: OutboxEntry): Level {
  return entry.server ? higher(entry.client.level, entry.server.level) : entry.client.level;
}

export function reasonText(reason: unknown, lang: string): string {
  if (typeof reason === 'string') return reason;
  if (reason && typeof reason === 'object') {
    const map = reason as Record<string, string>;
    return map[lang] ?? map.fr ?? '';
  }
  return '';
}
