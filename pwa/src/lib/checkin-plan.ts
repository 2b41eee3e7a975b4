// Which screens a check-in has: the questions of its questionnaires, one per screen, then the
// vital signs the rules look at for this person (adult or child), then a free note.

import type { Condition, Rule, RuleFile } from '../triage/types';
import type { Bundle, Person, QItem, Questionnaire, VitalDef } from './types';

export type Step =
  | { kind: 'item'; questionnaire: Questionnaire; item: QItem }
  | { kind: 'vital'; vital: VitalDef }
  | { kind: 'note' };

/** Calls `visit` on a rule's condition and on every condition inside it (all, any, points). */
export function eachCondition(c: Condition | null | undefined, visit: (c: Condition) => void): void {
  if (!c) return;
  visit(c);
  for (const sub of [...(c.all ?? []), ...(c.any ?? [])]) eachCondition(sub, visit);
  for (const p of c.points?.of ?? []) eachCondition(p.when, visit);
}

function vitalNames(c: Condition, into: Set<string>): void {
  eachCondition(c, (one) => {
    if (one.vital) into.add(one.vital.name);
    if (one.trend) into.add(one.trend.vital);
    if (one.baseline_drop) into.add(one.baseline_drop.vital);
  });
}

export function rulesFor(bundle: Bundle, isChild: boolean): Rule[] {
  const group = isChild ? 'child' : 'adult';
  return (bundle.rules as RuleFile[])
    .flatMap((f) => f.rules)
    .filter((r) => r.applies_to.group === 'any' || r.applies_to.group === group);
}

/** The vital signs the rules for this person read, in the order of the bundle. */
export function vitalsFor(bundle: Bundle, isChild: boolean): VitalDef[] {
  const names = new Set<string>();
  for (const rule of rulesFor(bundle, isChild)) vitalNames(rule.when, names);
  return (bundle.vitals?.vitals ?? []).filter((v) => names.has(v.name));
}

export function dailyQuestionnaireId(person: Person): string {
  return person.is_child ? 'daily_child' : 'daily_adult';
}

/** A check-in's questionnaires: those of a due schedule item, else the daily one. */
export function questionnairesFor(bundle: Bundle, person: Person, ids?: string[]): Questionnaire[] {
  const wanted = ids && ids.length > 0 ? ids : [dailyQuestionnaireId(person)];
  return wanted
    .map((id) => bundle.questionnaires.find((q) => q.id === id))
    .filter((q): q is Questionnaire => q !== undefined);
}

export function stepsFor(bundle: Bundle, person: Person, questionnaires: Questionnaire[]): Step[] {
  const steps: Step[] = [];
  for (const q of questionnaires) {
    for (const item of q.items) steps.push({ kind: 'item', questionnaire: q, item });
  }
  const daily = questionnaires.some((q) => q.id.startsWith('daily_'));
  if (daily) for (const vital of vitalsFor(bundle, person.is_child)) steps.push({ kind: 'vital', vital });
  steps.push({ kind: 'note' });
  return steps;
}

/** The daily question "do you feel worse?", answered yes by the "I feel worse" button. */
export function worseItem(questionnaires: Questionnaire[]): string | null {
  for (const q of questionnaires) {
    const item = q.items.find((i) => i.id.endsWith('_worse'));
    if (item) return item.id;
  }
  return null;
}
