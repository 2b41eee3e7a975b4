// The result explains itself: one line per sign, each with the booklet page that explains it.
// Rules that read the same single measurement or answer (a value "too low" and "a little low")
// give one line: the most severe band only. Rules that combine several values (a score, a trend)
// keep their own line.

import { RANK } from '../triage/engine';
import type { Condition, Rule, RuleFile } from '../triage/types';
import { eachCondition } from './checkin-plan';
import type { Bundle } from './types';

export interface FiredLine {
  id: string;
  level: string;
  reason: string;
}

export interface SignLine {
  /** The rule kept for this sign. */
  id: string;
  level: 'red' | 'amber';
  reason: string;
  /** The booklet page that explains it, when the rule names one. */
  booklet: string | null;
}

/** The one measurement, answer or score a plain band rule reads; null for anything else. */
export function subjectOf(rule: Rule): string | null {
  const keys = new Set<string>();
  let plain = true;
  eachCondition(rule.when, (c: Condition) => {
    if (c.vital) keys.add(`vital:${c.vital.name}`);
    else if (c.answer) keys.add(`answer:${c.answer.item}`);
    else if (c.score) keys.add(`score:${c.score.questionnaire}`);
    else if (!c.all && !c.any && !c.age_months && !c.age_years && !c.day) plain = false;
  });
  return plain && keys.size === 1 ? [...keys][0]! : null;
}

export function rulesById(bundle: Bundle): Map<string, Rule> {
  const out = new Map<string, Rule>();
  for (const f of bundle.rules as RuleFile[]) for (const r of f.rules) out.set(r.id, r);
  return out;
}

/** One line per sign, red first, in the order the rules fired; the same reason is said once. */
export function signLines(fired: FiredLine[], rules: Map<string, Rule>): SignLine[] {
  const byId = new Map<string, FiredLine>();
  for (const f of fired) if (!byId.has(f.id)) byId.set(f.id, f);
  const kept = new Map<string, FiredLine>();
  for (const f of byId.values()) {
    const rule = rules.get(f.id);
    const key = (rule && subjectOf(rule)) ?? `rule:${f.id}`;
    const before = kept.get(key);
    if (!before || (RANK[f.level as 'red' | 'amber'] ?? 0) > (RANK[before.level as 'red' | 'amber'] ?? 0)) {
      kept.set(key, f);
    }
  }
  const seen = new Set<string>();
  const lines: SignLine[] = [];
  for (const f of kept.values()) {
    if (!f.reason || seen.has(f.reason)) continue;
    seen.add(f.reason);
    lines.push({
      id: f.id,
      level: f.level === 'red' ? 'red' : 'amber',
      reason: f.reason,
      booklet: rules.get(f.id)?.booklet ?? null,
    });
  }
  return lines.sort((a, b) => RANK[b.level] - RANK[a.level]);
}
