// Every shared vector (content/rules/vectors/) must give, on the phone, the level and fired rules
// the server gives (tests/triage/test_vectors.py runs the same files). Vectors that name
// questionnaires in `score` give answers only: the phone's scorer computes the totals, which must
// be the ones the server's scorer computes (expect.scores).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluate, evaluateMissed, rulesetFromFiles } from '../../src/triage/engine';
import { score } from '../../src/triage/scoring';
import type { Checkin, HistoryEntry, Level, Overrides, Person, Questionnaire, RuleFile } from '../../src/triage/types';

const RULES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'content', 'rules');
const VECTORS = join(RULES, 'vectors');
const DEFAULT_NOW = '2026-11-23T12:00:00Z';

interface Vector {
  id: string;
  description: string;
  person: Person;
  checkin?: Checkin;
  history?: HistoryEntry[];
  overrides?: Overrides;
  now?: string;
  missed?: boolean;
  score?: string[];
  expect: {
    level: Level;
    fired: string[];
    flags?: string[];
    urgent?: boolean;
    scores?: Record<string, number | null>;
  };
}

const QUESTIONNAIRES = join(RULES, '..', 'questionnaires');

/** The totals of the questionnaires a vector names, from its answers, by the phone's scorer. */
function phoneScores(v: Vector): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const id of v.score ?? []) {
    const q = parse(readFileSync(join(QUESTIONNAIRES, `${id}.yaml`), 'utf8')) as Questionnaire;
    out[id] = score(q, v.checkin?.answers ?? {}).total;
  }
  return out;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

const ruleset = rulesetFromFiles(yamlFiles(RULES).map((f) => parse(readFileSync(f, 'utf8')) as RuleFile));
const files = yamlFiles(VECTORS).map((f) => ({
  file: f,
  vectors: (parse(readFileSync(f, 'utf8')) as { vectors: Vector[] }).vectors,
}));
const all = files.flatMap((f) => f.vectors);

describe('shared triage vectors', () => {
  it('has at least 150 vectors with unique ids over every rule', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map((v) => v.id)).size).toBe(all.length);
    const fired = new Set(all.flatMap((v) => v.expect.fired));
    expect(ruleset.rules.filter((r) => !fired.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  for (const { file, vectors } of files) {
    describe(file.split('/').pop()!, () => {
      for (const v of vectors) {
        it(`${v.id}: ${v.description}`, () => {
          const now = v.now ?? DEFAULT_NOW;
          const scores = phoneScores(v);
          const checkin = v.score ? { ...v.checkin, scores: { ...v.checkin?.scores, ...scores } } : (v.checkin ?? {});
          if (v.expect.scores !== undefined) expect(scores).toEqual(v.expect.scores);
          const result = v.missed
            ? evaluateMissed(ruleset, v.person, v.history ?? [], now, v.overrides)
            : evaluate(ruleset, v.person, checkin, v.history ?? [], now, v.overrides);
          const fired = result.fired.map((f) => f.id).sort();
          expect({ level: result.level, fired }).toEqual({
            level: v.expect.level,
            fired: [...v.expect.fired].sort(),
          });
          if (v.expect.flags !== undefined) expect(result.flags).toEqual(v.expect.flags);
          if (v.expect.urgent !== undefined) expect(result.urgent).toBe(v.expect.urgent);
        });
      }
    });
  }
});
