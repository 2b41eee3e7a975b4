// The follow-up schedule on screen: an item the server keeps as "due" is to do now once its day
// has come, and coming up before.

import { describe, expect, it } from 'vitest';
import { byTeam, itemTitle, shownStatus } from '../../src/lib/schedule-status';
import type { Bundle } from '../../src/lib/types';

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

describe('who does an item, and its name', () => {
  // The API sends the plan item's id only: what it is and who does it come from the content.
  const bundle = {
    plans: [
      { id: 'adult_post_sepsis', items: [{ id: 'review_3m', title: 'Consultation de suivi à 3 mois', by: 'team' }] },
      { id: 'child_post_sepsis', items: [{ id: 'parent_wellbeing_1m', title: 'Et vous ?', by: 'family' }] },
    ],
  } as unknown as Bundle;
  it('is the care team for a visit, the person for a screen', () => {
    expect(byTeam(bundle, 'adult_post_sepsis', { plan_item_id: 'review_3m' })).toBe(true);
    expect(byTeam(bundle, 'child_post_sepsis', { plan_item_id: 'parent_wellbeing_1m' })).toBe(false);
    expect(byTeam(bundle, 'adult_post_sepsis', { plan_item_id: 'gone' })).toBe(false);
  });
  it('is found in another plan when the person changed plans', () => {
    expect(itemTitle(bundle, 'adult_post_sepsis', { plan_item_id: 'parent_wellbeing_1m' })).toBe('Et vous ?');
    expect(byTeam(bundle, 'mild_head_injury', { plan_item_id: 'review_3m' })).toBe(true);
  });
});
