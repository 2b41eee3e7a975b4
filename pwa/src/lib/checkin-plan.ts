// Which screens a check-in has: the questions of its questionnaires, one per screen, then the
// vital signs the rules look at for this person (adult or child), then a free note.

import type { Condition, Rule, RuleFile } from '../triage/types';
import { ADULT_MONTHS, ageInMonths } from './phone-triage';
import type { Bundle, Person, QItem, Questionnaire, VitalDef } from './types';

export type Step =
  | { kind: 'item'; questionnaire: Questionnaire; item: QItem }
  | { kind: 'picker'; questionnaire: Questionnaire }
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

/** Whether the person is a child on the local day of `on`: by their birth date, whatever their
 * plan (the server's flag when the phone has no birth date). */
export function isChildOn(person: Person, on: Date = new Date()): boolean {
  const months = ageInMonths(person.birth_date, on);
  return months === null ? person.is_child : months < ADULT_MONTHS;
}

export function dailyQuestionnaireId(person: Person, on: Date = new Date()): string {
  return isChildOn(person, on) ? 'daily_child' : 'daily_adult';
}

/** The symptom picker ("anything new or different today?") of the person's age group. */
export function pickerQuestionnaireId(person: Person, on: Date = new Date()): string {
  return isChildOn(person, on) ? 'symptoms_child' : 'symptoms_adult';
}

const DAILY = new Set(['daily_adult', 'daily_child']);

/** A check-in's questionnaires: those of a due schedule item, else the daily one. The daily
 * questions (and their symptom picker) are those of the person's age on the day, whatever the
 * plan names: a child in a plan written for adults is asked the child questions. */
export function questionnairesFor(
  bundle: Bundle,
  person: Person,
  ids?: string[],
  on: Date = new Date(),
): Questionnaire[] {
  const wanted = (ids && ids.length > 0 ? ids : ['daily_adult']).map((id) =>
    DAILY.has(id) ? dailyQuestionnaireId(person, on) : id,
  );
  if (wanted.some((id) => DAILY.has(id))) wanted.push(pickerQuestionnaireId(person, on));
  return [...new Set(wanted)]
    .map((id) => bundle.questionnaires.find((q) => q.id === id))
    .filter((q): q is Questionnaire => q !== undefined);
}

export function stepsFor(
  bundle: Bundle,
  person: Person,
  questionnaires: Questionnaire[],
  on: Date = new Date(),
): Step[] {
  const steps: Step[] = [];
  for (const q of questionnaires) {
    if (q.picker) continue;
    for (const item of q.items) {
      // What a relative sees of the person is asked of the relative, never of the person.
      if (item.asked_of === 'relative' && person.relation === 'self') continue;
      steps.push({ kind: 'item', questionnaire: q, item });
    }
  }
  for (const q of questionnaires) if (q.picker) steps.push({ kind: 'picker', questionnaire: q });
  const daily = questionnaires.some((q) => DAILY.has(q.id));
  if (daily) for (const vital of vitalsFor(bundle, isChildOn(person, on))) steps.push({ kind: 'vital', vital });
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

/** Lower case without accents or punctuation, words separated by one space. */
export function normalise(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

/** A searched word without its common endings ("breathing", "sleeping", "douleurs"), from five
 * letters up: it then finds the start of "breathless", "sleep", "douleur". */
export function stem(word: string): string {
  if (word.length < 5) return word;
  const cut = word.replace(/(ing|ed|es|s|x|ement|er|e)$/, '');
  return cut.length >= 4 ? cut : word;
}

/** Picker items whose label, help or phrases have, for every searched word, a word starting with
 * it (or with its stem): "leg" finds "legs", not "phlegm". */
export function searchPicker(q: Questionnaire, search: string): QItem[] {
  const words = normalise(search).trim().split(' ').filter(Boolean);
  if (words.length === 0) return q.items;
  return q.items.filter((item) => {
    const hay = normalise([item.text, item.help ?? '', ...(item.phrases ?? [])].join(' '))
      .trim()
      .split(' ');
    return words.every((w) => hay.some((h) => h.startsWith(w) || h.startsWith(stem(w))));
  });
}

/** Whether the words of `phrase` are in `words` in their order, with at most `gap` other words
 * between two of them ("douleur poitrine" is in "douleur dans la poitrine"); a word of four
 * letters or more also matches its longer forms ("douleur" in "douleurs"). */
export function hasPhrase(words: string[], phrase: string[], gap = 2): boolean {
  const same = (word: string, wanted: string): boolean =>
    word === wanted || (wanted.length >= 4 && word.startsWith(wanted));
  const from = (i: number, k: number): boolean => {
    if (k === phrase.length) return true;
    for (let j = i; j < Math.min(words.length, i + gap + 1); j++) {
      if (same(words[j]!, phrase[k]!) && from(j + 1, k + 1)) return true;
    }
    return false;
  };
  for (let i = 0; i < words.length; i++) if (same(words[i]!, phrase[0]!) && from(i + 1, 1)) return true;
  return false;
}

/** The picker items a free note speaks of: a phrase of the red-flag vocabulary found in it. The
 * note itself never changes a level: the person confirms the item. */
export function itemsInNote(questionnaires: Questionnaire[], note: string): QItem[] {
  const words = normalise(note).trim().split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const out: QItem[] = [];
  for (const q of questionnaires) {
    if (!q.picker) continue;
    for (const item of q.items) {
      const phrases = (item.phrases ?? []).map((p) => normalise(p).trim().split(' ').filter(Boolean));
      if (phrases.some((p) => p.length > 0 && hasPhrase(words, p))) out.push(item);
    }
  }
  return out;
}
