// The check-in's safety on the phone: the questions follow the person's age on the day, a note's
// red-flag phrase points to its symptom, the result says each sign once (its most severe band),
// and the illness day is counted as the server counts it.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  hasPhrase,
  isChildOn,
  itemsInNote,
  questionnairesFor,
  searchPicker,
  stepsFor,
} from '../../src/lib/checkin-plan';
import { rulesById, signLines, subjectOf } from '../../src/lib/explain';
import { reasonText, triageOnPhone, triagePerson } from '../../src/lib/phone-triage';
import type { Bundle, Person, Questionnaire } from '../../src/lib/types';
import type { RuleFile } from '../../src/triage/types';

const CONTENT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'content');

type Lang = 'fr' | 'en';

/** {fr, en} maps resolved to one language, as the server's bundle does. */
function localize(value: unknown, lang: Lang): unknown {
  if (Array.isArray(value)) return value.map((v) => localize(v, lang));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    if (keys.join() === 'en,fr' && typeof o.fr === 'string') return o[lang];
    if (keys.join() === 'en,fr' && Array.isArray(o.fr)) return o[lang];
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, localize(v, lang)]));
  }
  return value;
}

function yamls(dir: string): unknown[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f): unknown => parse(readFileSync(join(dir, f), 'utf8')));
}

function bundle(lang: Lang): Bundle {
  return {
    version: 'test',
    lang,
    questionnaires: yamls(join(CONTENT, 'questionnaires')).map((q) => localize(q, lang)) as Questionnaire[],
    rules: yamls(join(CONTENT, 'rules')).map((r) => localize(r, lang)) as RuleFile[],
    vitals: localize(parse(readFileSync(join(CONTENT, 'vitals.yaml'), 'utf8')), lang),
    plans: [],
    booklet: [],
  } as unknown as Bundle;
}

const EN = bundle('en');
const FR = bundle('fr');

function person(birth: string, extra: Partial<Person> = {}): Person {
  return {
    patient_id: 'p1',
    given_name: 'Gabriel',
    family_name: 'B',
    birth_date: birth,
    // What the server said today: the phone counts from the birth date instead.
    is_child: false,
    relation: 'proxy',
    can_log: true,
    can_read_results: true,
    team: null,
    plan_id: 'acute_infection_home',
    ...extra,
  };
}

const NOW = new Date('2026-12-07T10:00:00');

describe('the questions follow the age on the day, whatever the plan', () => {
  it('gives a 2-year-old in a plan written for adults the child questions and picker', () => {
    const gabriel = person('2024-10-01');
    const qs = questionnairesFor(EN, gabriel, ['daily_adult'], NOW);
    expect(qs.map((q) => q.id)).toEqual(['daily_child', 'symptoms_child']);
    const steps = stepsFor(EN, gabriel, qs, NOW);
    expect(steps.filter((s) => s.kind === 'picker')).toHaveLength(1);
    expect(steps.some((s) => s.kind === 'item' && s.item.id.startsWith('da_'))).toBe(false);
    expect(steps.at(-1)?.kind).toBe('note');
  });
  it('gives an adult the adult questions even when the plan names the child ones', () => {
    const jean = person('1956-03-02', { is_child: true });
    expect(questionnairesFor(EN, jean, ['daily_child'], NOW).map((q) => q.id)).toEqual([
      'daily_adult',
      'symptoms_adult',
    ]);
  });
  it('asks what a relative sees of the person only of a relative', () => {
    const asked = (relation: Person['relation']): string[] => {
      const jean = person('1956-03-02', { relation });
      return stepsFor(EN, jean, questionnairesFor(EN, jean, ['daily_adult'], NOW), NOW).flatMap((s) =>
        s.kind === 'item' ? [s.item.id] : [],
      );
    };
    expect(asked('self')).not.toContain('da_consciousness');
    expect(asked('proxy')).toContain('da_consciousness');
    expect(asked('self').length).toBe(asked('proxy').length - 1);
  });
  it('turns an adult on the 18th birthday, not the day before', () => {
    expect(isChildOn(person('2008-12-07'), NOW)).toBe(false);
    expect(isChildOn(person('2008-12-08'), NOW)).toBe(true);
  });
  it('leaves a scheduled questionnaire as it is, with no picker', () => {
    expect(questionnairesFor(EN, person('1956-03-02'), ['phq9'], NOW).map((q) => q.id)).toEqual(['phq9']);
  });
});

describe('the picker', () => {
  const adult = EN.questionnaires.find((q) => q.id === 'symptoms_adult')!;
  const adultFr = FR.questionnaires.find((q) => q.id === 'symptoms_adult')!;
  it('lists every item under one of its areas', () => {
    const areas = new Set((adult.picker ?? []).map((a) => a.id));
    for (const item of adult.items) expect(areas.has(item.area ?? ''), item.id).toBe(true);
  });
  it('finds an item by one of its phrases, without accents or capitals', () => {
    const item = adultFr.items.find((i) => (i.phrases ?? []).length > 0)!;
    const phrase = item.phrases![0]!;
    const shouting = phrase
      .toUpperCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    expect(searchPicker(adultFr, shouting).map((i) => i.id)).toContain(item.id);
    expect(searchPicker(adultFr, 'zzzz-nothing')).toEqual([]);
    expect(searchPicker(adultFr, '  ')).toHaveLength(adultFr.items.length);
  });
});

describe('a note with a red-flag phrase', () => {
  it('points to the picker item of every phrase, in both languages', () => {
    for (const b of [EN, FR]) {
      const qs = b.questionnaires.filter((q) => q.picker);
      for (const q of qs) {
        for (const item of q.items) {
          for (const phrase of item.phrases ?? []) {
            const found = itemsInNote(qs, `Bonjour. ${phrase}, depuis ce matin.`).map((i) => i.id);
            expect(found, `${b.lang} ${item.id}: "${phrase}"`).toContain(item.id);
          }
        }
      }
    }
  });
  it('finds a phrase with a few words between its words, or a longer form of a word', () => {
    const fr = FR.questionnaires.filter((q) => q.id === 'symptoms_adult');
    expect(itemsInNote(fr, "J'ai une douleur dans la poitrine depuis une heure.").map((i) => i.id)).toContain(
      'sa_chest_pain',
    );
    expect(hasPhrase(['douleurs', 'a', 'la', 'poitrine'], ['douleur', 'poitrine'])).toBe(true);
    expect(hasPhrase(['douleur', 'au', 'dos', 'et', 'a', 'la', 'poitrine'], ['douleur', 'poitrine'])).toBe(false);
    expect(hasPhrase(['poitrine', 'douleur'], ['douleur', 'poitrine'])).toBe(false);
  });
  it('matches whole words only, and a note without one points to nothing', () => {
    const qs = EN.questionnaires.filter((q) => q.picker);
    expect(itemsInNote(qs, 'I slept well and walked to the shop.')).toEqual([]);
    expect(itemsInNote(qs, '')).toEqual([]);
  });
  it('offers the self-harm item for the way people say it', () => {
    const fr = FR.questionnaires.filter((q) => q.picker && q.id === 'symptoms_adult');
    const en = EN.questionnaires.filter((q) => q.picker && q.id === 'symptoms_adult');
    expect(itemsInNote(fr, "J'ai envie d'en finir").map((i) => i.id)).toContain('sa_self_harm');
    expect(itemsInNote(en, 'Sometimes I want to die').map((i) => i.id)).toContain('sa_self_harm');
  });
  it('never changes the level by itself: the same answers with any note give the same result', () => {
    const jean = person('1956-03-02');
    const qs = questionnairesFor(EN, jean, undefined, NOW);
    const a = triageOnPhone(EN, jean, {}, {}, qs, [], NOW);
    expect(a.level).toBe('green');
  });
});

describe('the result says each sign once', () => {
  const rules = rulesById(EN);
  it('keeps the red band of a measurement and drops its amber band', () => {
    const jean = person('1980-01-01');
    const qs = questionnairesFor(EN, jean, undefined, NOW);
    const result = triageOnPhone(EN, jean, {}, { spo2: 88 }, qs, [], NOW);
    expect(result.level).toBe('red');
    const fired = result.fired.map((f) => ({ id: f.id, level: f.level, reason: reasonText(f.reason, 'en') }));
    expect(fired.length).toBeGreaterThan(1);
    const lines = signLines(fired, rules);
    const spo2 = lines.filter((l) => subjectOf(rules.get(l.id)!) === 'vital:spo2');
    expect(spo2).toHaveLength(1);
    expect(spo2[0]!.level).toBe('red');
  });
  it('links every line to a booklet page', () => {
    for (const rule of rules.values()) {
      const [line] = signLines([{ id: rule.id, level: rule.level, reason: 'x' }], rules);
      expect(line!.booklet, rule.id).toBeTruthy();
    }
  });
});

describe('the illness day', () => {
  // The same cases as the server's test (tests/triage/illness_days.json), on the phone's clock.
  const table = JSON.parse(readFileSync(join(CONTENT, '..', 'tests', 'triage', 'illness_days.json'), 'utf8')) as {
    cases: { day1: string | null; local: string; day: number | null }[];
  };
  it('is counted from day 1 on the local calendar, as the server counts it', () => {
    for (const c of table.cases) {
      const p = person('1980-01-01', { day1: c.day1 });
      expect(triagePerson(p, new Date(c.local)).day ?? null, JSON.stringify(c)).toBe(c.day);
    }
  });
});

describe('the picker search finds the words people type', () => {
  const fr = FR.questionnaires.find((q) => q.id === 'symptoms_adult')!;
  const en = EN.questionnaires.find((q) => q.id === 'symptoms_adult')!;
  const ids = (q: Questionnaire, s: string) => searchPicker(q, s).map((i) => i.id);
  it('reads œ as oe and a word by its start or its stem', () => {
    expect(ids(fr, 'coeur')).toContain('sa_palpitations');
    expect(ids(fr, 'cœur')).toContain('sa_palpitations');
    expect(ids(en, 'breathing').filter((id) => id.startsWith('sa_breathless')).length).toBeGreaterThan(0);
  });
  it('matches the start of a word, not its middle', () => {
    expect(ids(en, 'leg')).not.toContain('sa_cough_blood');
    expect(ids(en, 'leg').length).toBeGreaterThan(0);
  });
});
