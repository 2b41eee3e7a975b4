// The follow-up schedule on screen: an item the server keeps as "due" is to do now once its day
// has come, coming up before, late once today's time has passed, missed once its window closed.

import { describe, expect, it } from 'vitest';
import {
  byTeam,
  itemTitle,
  markMissedSeen,
  mergeItems,
  onDayOf,
  shownStatus,
  unseenMissed,
  withWaiting,
} from '../../src/lib/schedule-status';
import type { Bundle, ScheduleItem } from '../../src/lib/types';

const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe('a schedule item', () => {
  const now = at(2026, 12, 6, 16, 0);
  const item = (due: Date, end: Date | null = at(2026, 12, 8), status = 'due') => ({
    status,
    due_at: due.toISOString(),
    window_end: end ? end.toISOString() : null,
  });
  it('is to do now from its day on, late once its time today has passed, coming up before', () => {
    expect(shownStatus(item(at(2026, 12, 6, 9)), now)).toBe('late');
    expect(shownStatus(item(at(2026, 12, 6, 23, 59)), now)).toBe('due');
    expect(shownStatus(item(at(2026, 12, 7, 0, 0)), now)).toBe('upcoming');
    expect(shownStatus(item(at(2027, 3, 4, 9), at(2027, 3, 5)), now)).toBe('upcoming');
    // An item of an earlier day still in its window (a weekly check-in's two days) is due, not late.
    expect(shownStatus(item(at(2026, 12, 5, 9)), now)).toBe('due');
  });
  it('is missed once its window has closed, whatever the phone last heard', () => {
    expect(shownStatus(item(at(2026, 12, 5, 9), at(2026, 12, 6)), now)).toBe('missed');
    expect(shownStatus(item(at(2026, 12, 6, 9), at(2026, 12, 6, 15)), now)).toBe('missed');
    expect(shownStatus(item(at(2026, 12, 6, 9), at(2026, 12, 6, 15), 'late'), now)).toBe('missed');
    // Kept on the phone before the window was sent: the server's word stands.
    expect(shownStatus(item(at(2026, 12, 1, 9), null), now)).toBe('due');
  });
  it('keeps the states the server decided', () => {
    for (const status of ['missed', 'done', 'skipped']) {
      expect(shownStatus(item(at(2027, 3, 4), at(2027, 3, 5), status), now)).toBe(status);
    }
  });
  it('falls on a local day or not', () => {
    expect(onDayOf({ due_at: at(2026, 12, 6, 0, 0).toISOString() }, now)).toBe(true);
    expect(onDayOf({ due_at: at(2026, 12, 7, 0, 0).toISOString() }, now)).toBe(false);
  });
});

describe('a missed item', () => {
  it('is told until the person says they read it, per phone and person', () => {
    const store = new Map<string, string>();
    globalThis.localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as unknown as Storage;
    const a = { id: 'a' };
    const b = { id: 'b' };
    expect(unseenMissed('p1', [a])).toEqual([a]);
    expect(unseenMissed('p1', [a])).toEqual([a]); // shown again until read
    markMissedSeen('p1', [a]);
    expect(unseenMissed('p1', [a, b])).toEqual([b]);
    expect(unseenMissed('p2', [a])).toEqual([a]);
  });
});

describe('a check-in waiting on the phone', () => {
  const now = at(2026, 12, 6, 16, 0);
  const item = (id: string, due: Date, kind = 'checkin'): ScheduleItem => ({
    id,
    plan_item_id: kind === 'checkin' ? 'daily_checkin' : 'screen_1m',
    kind,
    questionnaires: [],
    due_at: due.toISOString(),
    window_end: at(2026, 12, 7).toISOString(),
    status: 'due',
    done_at: null,
    note: '',
  });
  const morning = item('morning', at(2026, 12, 6, 9));
  const items = [
    item('yesterday', at(2026, 12, 5, 9)),
    morning,
    item('screen', at(2026, 12, 6, 9), 'questionnaire'),
    item('tomorrow', at(2026, 12, 7, 9)),
  ];
  it("does today's first open check-in item, and nothing else", () => {
    const shown = withWaiting(items, [at(2026, 12, 6, 7, 30).toISOString()], now);
    expect(shown.map((i) => i.status)).toEqual(['due', 'done', 'due', 'due']);
    expect(shown.find((i) => i.id === 'morning')?.done_at).toBe(at(2026, 12, 6, 7, 30).toISOString());
  });
  it('does nothing when it was taken on another day', () => {
    expect(withWaiting(items, [at(2026, 12, 5, 20).toISOString()], now)).toBe(items);
  });
  it('merges the schedule with an older list of the day, once each', () => {
    const older: ScheduleItem[] = [{ ...morning, status: 'late' }, item('only-today', at(2026, 12, 6, 12))];
    const merged = mergeItems(items, older);
    expect(merged.map((i) => i.id)).toEqual(['yesterday', 'morning', 'screen', 'only-today', 'tomorrow']);
    expect(merged.find((i) => i.id === 'morning')?.status).toBe('due');
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
