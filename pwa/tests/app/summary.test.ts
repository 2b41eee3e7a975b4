import { describe, expect, it } from 'vitest';
import { sinceDischarge, vitalRanges } from '../../src/console/summary';

describe('pre-visit summary', () => {
  it('gives each vital its last, lowest and highest value with their dates', () => {
    const rows: { taken_at: string; vitals: Record<string, number | null> }[] = [
      { taken_at: '2026-11-20T08:00:00Z', vitals: { temperature: 38.4, spo2: 95 } },
      { taken_at: '2026-11-22T08:00:00Z', vitals: { temperature: 36.6, spo2: null } },
      { taken_at: '2026-11-21T08:00:00Z', vitals: { temperature: 37.1, spo2: 92, heart_rate: 88 } },
    ];
    const [temp, spo2, hr] = vitalRanges(rows, ['temperature', 'spo2', 'heart_rate']);
    expect(temp).toMatchObject({
      name: 'temperature',
      count: 3,
      last: { value: 36.6, at: '2026-11-22T08:00:00Z' },
      low: { value: 36.6, at: '2026-11-22T08:00:00Z' },
      high: { value: 38.4, at: '2026-11-20T08:00:00Z' },
    });
    // A missing measurement is not a value: the last SpO2 is the 21st's.
    expect(spo2).toMatchObject({ count: 2, last: { value: 92 }, low: { value: 92 }, high: { value: 95 } });
    expect(hr).toMatchObject({ count: 1, last: { value: 88 }, low: { value: 88 }, high: { value: 88 } });
  });

  it('says how long since discharge: days, then months, then years', () => {
    const now = new Date('2026-12-07T10:00:00');
    expect(sinceDischarge('2026-11-27', now)).toEqual({ unit: 'days', n: 10 });
    expect(sinceDischarge('2026-10-08', now)).toEqual({ unit: 'days', n: 60 });
    expect(sinceDischarge('2026-09-07', now)).toEqual({ unit: 'months', n: 3 });
    expect(sinceDischarge('2025-12-08', now)).toEqual({ unit: 'months', n: 11 });
    expect(sinceDischarge('2024-12-07', now)).toEqual({ unit: 'years', n: 2 });
  });
});
