import { describe, expect, it } from 'vitest';
import { thresholdChoices, thresholdText } from '../../src/console/ThresholdForm';
import { setLang } from '../../src/i18n';
import '../../src/i18n/console'; // the console's words, which the app loads with the console
import type { Bundle } from '../../src/lib/types';
import { href, parse } from '../../src/lib/router';
import { bandEdge, bandsFor, type Measure } from '../../src/lib/trend-chart';
import type { Rule } from '../../src/triage/types';

const rule = (
  id: string,
  level: 'red' | 'amber',
  when: Rule['when'],
  group: 'adult' | 'child' | 'any' = 'adult',
): Rule => ({
  id,
  level,
  applies_to: { group },
  reason: { fr: id, en: id },
  source: 'test',
  when,
});

const RULES: Rule[] = [
  rule('spo2_red', 'red', { vital: { name: 'spo2', lte: 91, override: 'red_lte' } }),
  rule('spo2_amber', 'amber', { vital: { name: 'spo2', lte: 95, override: 'amber_lte' } }),
  rule('temp_amber', 'amber', {
    any: [{ vital: { name: 'temperature', gt: 38, override: 'amber_gt' } }, { vital: { name: 'temperature', lt: 36 } }],
  }),
  rule('phq9', 'amber', { score: { questionnaire: 'phq9', gte: 20, override: 'amber_gte' } }),
  rule('combined', 'red', { all: [{ vital: { name: 'spo2', lte: 80 } }, { answer: { item: 'x', eq: 1 } }] }),
];
const SPO2: Measure = { kind: 'vital', name: 'spo2', min: 50, max: 100 };

describe('threshold bands of a chart', () => {
  it('follow the content when nothing replaces it', () => {
    const bands = bandsFor(RULES, null, SPO2);
    expect(bands.map((b) => [b.level, b.from, b.to, b.source])).toEqual([
      ['red', 50, 91, 'content'],
      ['amber', 50, 95, 'content'],
    ]);
    expect(bandEdge(bands[0]!, 0)).toBe('≤ 91');
  });
  it('take the patient’s and the team’s thresholds, tag by tag', () => {
    const bands = bandsFor(RULES, null, SPO2, {
      spo2: { red_lte: { value: 85, source: 'patient' }, amber_lte: { value: 92, source: 'team' } },
    });
    expect(bands.map((b) => [b.level, b.to, b.source])).toEqual([
      ['red', 85, 'patient'],
      ['amber', 92, 'team'],
    ]);
  });
  it('draw both sides of a rule with `any`, and questionnaire scores', () => {
    const temp = bandsFor(RULES, null, { kind: 'vital', name: 'temperature', min: 30, max: 43 });
    expect(temp.map((b) => [b.op, b.from, b.to])).toEqual([
      ['gt', 38, 43],
      ['lt', 30, 36],
    ]);
    const phq = bandsFor(
      RULES,
      null,
      { kind: 'score', name: 'phq9', min: 0, max: 27 },
      {
        phq9: { amber_gte: { value: 15, source: 'team' } },
      },
    );
    expect(phq.map((b) => [b.level, b.from, b.to, b.source])).toEqual([['amber', 15, 27, 'team']]);
  });
});

describe('team settings', () => {
  it('offer the measurements and limits a threshold may change, with the content values', () => {
    const bundle = {
      rules: [
        {
          rules: [
            ...RULES,
            rule('spo2_red_child', 'red', { vital: { name: 'spo2', lte: 90, override: 'red_lte' } }, 'child'),
          ],
        },
      ],
      vitals: {
        vitals: [
          { name: 'temperature', label: 'Température' },
          { name: 'spo2', label: 'SpO2' },
        ],
      },
      questionnaires: [{ id: 'phq9', title: 'PHQ-9', items: [] }],
    } as unknown as Bundle;
    const choices = thresholdChoices(bundle);
    expect(choices.map((c) => [c.key, c.label, c.limits.map((l) => [l.tag, l.defaults])])).toEqual([
      ['temperature', 'Température', [['amber_gt', [38]]]],
      [
        'spo2',
        'SpO2',
        [
          ['red_lte', [90, 91]],
          ['amber_lte', [95]],
        ],
      ],
      ['phq9', 'PHQ-9', [['amber_gte', [20]]]],
    ]);
    // For one patient, only the rules that apply to them (a child's here).
    const child = bundle.rules
      .flatMap((f) => (f as { rules: Rule[] }).rules)
      .filter((r) => r.applies_to.group === 'child');
    expect(thresholdChoices(bundle, child).map((c) => [c.key, c.limits.map((l) => [l.tag, l.defaults])])).toEqual([
      ['spo2', [['red_lte', [90]]]],
    ]);
    (globalThis as { document?: unknown }).document ??= { documentElement: {} };
    setLang('fr');
    expect(thresholdText(choices, 'spo2', { red_lte: 85, amber_lte: 88.5 })).toBe(
      'SpO2\u00a0: Urgence si la valeur est ≤ 85, À surveiller si la valeur est ≤ 88,5',
    );
    expect(thresholdText(choices, 'gone', { weird: 1 })).toBe('gone\u00a0: weird=1');
  });
  it('have their own address in the console', () => {
    expect(parse('/console/team')).toEqual({ name: 'console-team', id: null });
    const id = '0b4f8a00-0000-4000-8000-000000000001';
    expect(parse(`/console/team/${id}`)).toEqual({ name: 'console-team', id });
    expect(parse('/console/team/not-an-id')).toEqual({ name: 'notfound' });
  });
});

describe("the administrator's space", () => {
  it('has its own addresses in the console', () => {
    const id = '0b4f8a00-0000-4000-8000-000000000001';
    expect(parse('/console/admin')).toEqual({ name: 'console-admin' });
    expect(parse('/console/admin/teams')).toEqual({ name: 'console-admin-teams' });
    expect(parse(`/console/admin/staff/${id}`)).toEqual({ name: 'console-admin-person', id });
    expect(parse('/console/admin/staff/not-an-id')).toEqual({ name: 'notfound' });
    expect(parse('/console/admin/other')).toEqual({ name: 'notfound' });
    expect(href({ name: 'console-admin-person', id })).toBe(`/console/admin/staff/${id}`);
    expect(href({ name: 'console-admin-teams' })).toBe('/console/admin/teams');
  });
});

describe('an alert’s reasons for the care team', () => {
  const bundle = {
    rules: [
      {
        id: 'test',
        rules: [
          { ...rule('spo2_red', 'red', RULES[0]!.when), clinician: 'SpO2 ≤ 91 %', source: 'NEWS2' },
          { ...rule('spo2_amber', 'amber', RULES[1]!.when), clinician: 'SpO2 ≤ 95 %', source: 'HAS' },
          { ...rule('combined', 'red', RULES[4]!.when), clinician: 'SpO2 ≤ 80 % with x', source: 'c' },
          { ...rule('news2', 'red', { points: { gte: 5, of: [{ points: 5, when: RULES[0]!.when }] } }) },
        ],
      },
    ],
  } as unknown as Bundle;
  it('say each measurement once, its most severe rule first, in clinical words', async () => {
    const { explainFromBundle } = await import('../../src/console/Reasons');
    const why = explainFromBundle(bundle, ['spo2_amber', 'news2', 'spo2_red', 'combined', 'growth_weight_loss']);
    expect(why.map((w) => [w.rule, w.covered_by, w.text])).toEqual([
      ['spo2_red', '', 'SpO2 ≤ 91 %'],
      ['combined', '', 'SpO2 ≤ 80 % with x'], // reads spo2 and x: a sign of its own
      ['news2', '', ''], // a total of points is its own line
      ['spo2_amber', 'spo2_red', 'SpO2 ≤ 95 %'],
      ['growth_weight_loss', '', ''], // not a rule: said by its own words
    ]);
  });
});

describe('an alert’s measured values', () => {
  it('say each measurement once per direction, at its most severe threshold', async () => {
    const { severest } = await import('../../src/console/Measures');
    const m = (rule: string, level: string, name: string, op: string, threshold: number, whose = 'content') => ({
      rule,
      level,
      kind: 'vital' as const,
      name,
      value: name === 'spo2' ? 84 : 135,
      op,
      threshold,
      whose: whose as 'content',
    });
    const shown = severest([
      m('adult_hr_high_red', 'red', 'heart_rate', 'gte', 131),
      m('adult_has_score_red', 'red', 'heart_rate', 'gt', 110),
      m('adult_news2_red', 'red', 'heart_rate', 'gte', 91),
      m('adult_news2_red', 'red', 'spo2', 'lte', 93),
      m('adult_spo2_red', 'red', 'spo2', 'lte', 85, 'patient'),
      m('adult_has_score_red', 'red', 'spo2', 'lte', 95),
    ]);
    expect(shown.map((x) => [x.name, x.op, x.threshold, x.whose])).toEqual([
      ['heart_rate', 'gte', 131, 'content'],
      ['spo2', 'lte', 85, 'patient'],
    ]);
  });
});
