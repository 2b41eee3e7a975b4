// A check-in as the care team reads it: names, units and answers in words, not the stored keys.

import { beforeAll, describe, expect, it } from 'vitest';
import { setLang } from '../../src/i18n';
import '../../src/i18n/console'; // the console's words, which the app loads with the console
import { questionnaireTitle, readableAnswers, readableVitals } from '../../src/console/readable';
import type { Bundle } from '../../src/lib/types';

const vital = (name: string, label: string, symbol: string, decimals: number) => ({
  name, label, symbol, decimals, unit: symbol, min: 0, max: 300, step: 1,
}); // prettier-ignore

const BUNDLE = {
  vitals: {
    vitals: [vital('temperature', 'Température', '°C', 1), vital('spo2', 'Oxygène dans le sang (SpO2)', '%', 0)],
  },
  questionnaires: [
    {
      id: 'daily_adult',
      title: 'Point du jour',
      items: [
        { id: 'da_confusion', type: 'yesno', text: 'Êtes-vous confus(e) ?' },
        { id: 'fatigue', type: 'choice', text: 'Votre fatigue ?', options: [{ value: 2, label: 'Souvent' }] },
        { id: 'pain_nrs_now', type: 'number', text: 'Votre douleur ?', min: 0, max: 10, unit: '{score}' },
        { id: 'weight_loss', type: 'number', text: 'Poids perdu ?', unit: 'kg' },
      ],
    },
    { id: 'phq9', title: 'PHQ-9', items: [] },
  ],
} as unknown as Bundle;

beforeAll(() => {
  // setLang marks the page's language; there is no page here.
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
  setLang('fr');
});

describe('a check-in read by the team', () => {
  it('names each measurement with its unit, in the content order, in French figures', () => {
    expect(readableVitals(BUNDLE, { spo2: 95, temperature: 38.3, heart_rate: 92, weight: null })).toEqual([
      { key: 'temperature', label: 'Température', value: '38,3 °C' },
      { key: 'spo2', label: 'Oxygène dans le sang (SpO2)', value: '95 %' },
      { key: 'heart_rate', label: 'heart_rate', value: '92' },
      { key: 'weight', label: 'weight', value: '—' },
    ]);
  });

  it('says each answer as the question and the option chosen', () => {
    const rows = readableAnswers(BUNDLE, {
      da_confusion: 1,
      fatigue: 2,
      pain_nrs_now: 7,
      weight_loss: 1.5,
      removed_item: 3,
    });
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['Êtes-vous confus(e) ?', 'Oui'],
      ['Votre fatigue ?', 'Souvent'],
      ['Votre douleur ?', '7 / 10'],
      ['Poids perdu ?', '1,5 kg'],
      ['removed_item', '3'],
    ]);
    expect(readableAnswers(BUNDLE, { da_confusion: 0 })[0]?.value).toBe('Non');
  });

  it('names a score by its questionnaire', () => {
    expect(questionnaireTitle(BUNDLE, 'phq9')).toBe('PHQ-9');
    expect(questionnaireTitle(BUNDLE, 'gone')).toBe('gone');
  });
});
