// Random check-ins evaluated by the server's evaluator (tests/triage/test_parity.py writes them
// with the server's results to RELAIS_PARITY_FILE): the phone must give the same answers.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluate, evaluateMissed, rulesetFromFiles } from '../../src/triage/engine';
import type { Checkin, HistoryEntry, Level, Overrides, Person, RuleFile } from '../../src/triage/types';

const file = process.env.RELAIS_PARITY_FILE;
const RULES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'content', 'rules');

interface Case {
  id: string;
  person: Person;
  checkin: Checkin;
  history: HistoryEntry[];
  overrides?: Overrides;
  missed: boolean;
  expect: { level: Level; fired: string[]; flags: string[]; urgent: boolean };
}

it.skipIf(!file)('agrees with the server on every random check-in', () => {
  const ruleset = rulesetFromFiles(
    readdirSync(RULES)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => parse(readFileSync(join(RULES, f), 'utf8')) as RuleFile),
  );
  const cases = JSON.parse(readFileSync(file!, 'utf8')) as Case[];
  const now = '2026-11-23T12:00:00Z';
  const differ: string[] = [];
  for (const c of cases) {
    const r = c.missed
      ? evaluateMissed(ruleset, c.person, c.history, now, c.overrides)
      : evaluate(ruleset, c.person, c.checkin, c.history, now, c.overrides);
    const got = { level: r.level, fired: r.fired.map((f) => f.id).sort(), flags: r.flags, urgent: r.urgent };
    if (JSON.stringify(got) !== JSON.stringify(c.expect)) {
      differ.push(`${c.id}: server ${JSON.stringify(c.expect)} phone ${JSON.stringify(got)}`);
    }
  }
  expect(differ).toEqual([]);
  expect(cases.length).toBeGreaterThan(1000);
});
