import { describe, expect, it } from 'vitest';
import { overridableKeys } from '../../src/console/team-api';
import { parse } from '../../src/lib/router';
import { bandEdge, bandsFor, type Measure } from '../../src/lib/trend-chart';
import type { Rule } from '../../src/triage/types';

const rule = (id: string, level: 'red' | 'amber', when: Rule['when'], group: 'adult' | 'child' | 'any' = 'adult'): Rule => ({
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
  rule('temp_amber', 'amber', { any: [{ vital: { name: 'temperature', gt: 38, override: 'amber_gt' } }, { vital: { name: 'temperature', lt: 36 } }] }),
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
    const phq = bandsFor(RULES, null, { kind: 'score', name: 'phq9', min: 0, max: 27 }, {
      phq9: { amber_gte: { value: 15, source: 'team' } },
    });
    expect(phq.map((b) => [b.level, b.from, b.to, b.source])).toEqual([['amber', 15, 27, 'team']]);
  });
});

describe('team settings', () => {
  it('list the keys and tags a threshold may change', () => {
    expect(overridableKeys([{ rules: RULES }])).toEqual({
      spo2: ['amber_lte', 'red_lte'],
      temperature: ['amber_gt'],
      phq9: ['amber_gte'],
    });
  });
  it('have their own address in the console', () => {
    expect(parse('/console/team')).toEqual({ name: 'console-team', id: null });
    const id = '0b4f8a00-0000-4000-8000-000000000001';
    expect(parse(`/console/team/${id}`)).toEqual({ name: 'console-team', id });
    expect(parse('/console/team/not-an-id')).toEqual({ name: 'notfound' });
  });
});
