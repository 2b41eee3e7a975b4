// Details the vectors do not show: validation messages, scoring, small functions (same as the Python tests).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { completedMonths, median, validateVitals } from '../../src/triage/engine';
import { score } from '../../src/triage/scoring';
import type { Questionnaire, VitalsFile } from '../../src/triage/types';

const CONTENT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'content');
const vitals = parse(readFileSync(join(CONTENT, 'vitals.yaml'), 'utf8')) as VitalsFile;

describe('validateVitals', () => {
  it('accepts values in range and null', () => {
    expect(validateVitals(vitals, { temperature: 38.0, spo2: null, weight: 0.5 })).toEqual([]);
  });
  it('refuses a temperature in Fahrenheit with the same message as the server', () => {
    expect(validateVitals(vitals, { temperature: 100.4 })).toEqual([
      [
        'temperature',
        {
          fr:
            "Température : 100.4 °C n'est pas possible. La valeur doit être entre 30 et 45 °C. " +
            "Vérifiez la mesure ou l'unité.",
          en:
            'Temperature: 100.4 °C is not possible. The value must be between 30 and 45 °C. ' +
            'Check the measurement or the unit.',
        },
      ],
    ]);
  });
  it('refuses unknown names and non-numbers', () => {
    const names = validateVitals(vitals, { oxygen: 95, spo2: 101, heart_rate: Number.NaN, resp_rate: true }).map(
      ([n]) => n,
    );
    expect(names).toEqual(['oxygen', 'spo2', 'heart_rate', 'resp_rate']);
  });
});

describe('small functions', () => {
  it('median', () => {
    expect(median([3])).toBe(3);
    expect(median([100, 96, 98])).toBe(98);
    expect(median([96, 97])).toBe(96.5);
  });
  it('completed months', () => {
    expect(completedMonths('2026-01-31', '2026-02-28')).toBe(0);
    expect(completedMonths('2026-01-31', '2026-03-31')).toBe(2);
    expect(completedMonths('2026-01-31', '2027-01-30')).toBe(11);
    expect(completedMonths('2026-01-31', '2027-01-31')).toBe(12);
  });
});

describe('score', () => {
  const freq = [0, 1, 2, 3].map((v) => ({ value: v, label: { fr: `${v}`, en: `${v}` } }));
  const q: Questionnaire = {
    id: 't',
    scored: true,
    option_sets: { f: freq },
    items: [1, 2, 3, 4].map((i) => ({
      id: `t_${i}`,
      type: 'choice' as const,
      options: 'f',
      reverse: i === 2,
      text: { fr: 'q', en: 'q' },
    })),
    scoring: {
      method: 'sum',
      subscales: [{ id: 'a', items: ['t_1', 't_2'] }],
      bands: [
        { id: 'low', min: 0, max: 5 },
        { id: 'high', min: 6, max: 12 },
      ],
    },
  };
  it('reverses, sums, bands and subscales', () => {
    expect(score(q, { t_1: 3, t_2: 0, t_3: 1, t_4: 2 })).toEqual({
      questionnaire: 't',
      total: 9,
      band: 'high',
      subscales: { a: 6 },
      missing: [],
    });
  });
  it('gives no total when an item is missing', () => {
    const s = score(q, { t_1: 3, t_2: 0 });
    expect(s.total).toBeNull();
    expect(s.missing).toEqual(['t_3', 't_4']);
  });
  it('scores the real PHQ-9 when it exists', () => {
    let phq9: Questionnaire;
    try {
      phq9 = parse(readFileSync(join(CONTENT, 'questionnaires', 'phq9.yaml'), 'utf8')) as Questionnaire;
    } catch {
      return;
    }
    const answers = Object.fromEntries(phq9.items.filter((i) => /^phq9_\d$/.test(i.id)).map((i) => [i.id, 3]));
    expect(score(phq9, answers).total).toBe(27);
  });
});
