// The follow-up schedule on screen: an item the server keeps as "due" is to do now once its day
// has come, and coming up before.

import { describe, expect, it } from 'vitest';
import { shownStatus } from '../../src/lib/schedule-status';

const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe('a schedule item', () => {
  const now = at(2026, 12, 6, 16, 0);
  it('is to do now from its day on, and coming up before', () => {
    expect(shownStatus({ status: 'due', due_at: at(2026, 12, 6, 9).toISOString() }, now)).toBe('due');
    expect(shownStatus({ status: 'due', due_at: at(2026, 12, 6, 23, 59).toISOString() }, now)).toBe('due');
    expect(shownStatus({ status: 'due', due_at: at(2026, 12, 7, 0, 0).toISOString() }, now)).toBe('upcoming');
    expect(shownStatus({ status: 'due', due_at: at(2027, 3, 4, 9).toISOString() }, now)).toBe('upcoming');
  });
  it('keeps the states the server decided', () => {
    for (const status of ['overdue', 'done', 'skipped'] as const) {
      expect(shownStatus({ status, due_at: at(2027, 3, 4).toISOString() }, now)).toBe(status);
    }
  });
});
