// What an item of the follow-up schedule is to the person reading it. The server keeps one state,
// "due", from the day the item is planned until it is done, and says "late" of today's item once
// its time has passed and "missed" of an item whose window closed. The phone works the same out
// again from the item's times (the schedule it holds may be a day old, offline): an item is to do
// now once its day has come, and coming up before; it is named by its plan's title.

import { t } from '../i18n';
import type { Bundle, PlanItem, ScheduleItem } from './types';

export type ShownStatus = 'missed' | 'late' | 'due' | 'upcoming' | 'done' | 'skipped';

/** The end of the local day of `now`: an item due later today is to do today. */
function endOfDay(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
}

function startOfDay(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

export function shownStatus(
  item: Pick<ScheduleItem, 'status' | 'due_at' | 'window_end'>,
  now: Date = new Date(),
): ShownStatus {
  if (item.status !== 'due' && item.status !== 'late') return item.status as ShownStatus;
  const due = Date.parse(item.due_at);
  if (item.window_end && now.getTime() >= Date.parse(item.window_end)) return 'missed';
  if (due >= endOfDay(now)) return 'upcoming';
  if (due >= startOfDay(now) && due <= now.getTime()) return 'late';
  return 'due';
}

/** Whether the item falls on the local day of `at`. */
export function onDayOf(item: Pick<ScheduleItem, 'due_at'>, at: Date): boolean {
  const due = Date.parse(item.due_at);
  return due >= startOfDay(at) && due < endOfDay(at);
}

/** An item's definition in the person's plan (or in any plan that has it: the plan may have
 * changed). The API sends the item's id; what it is and who does it are content. */
function planItem(bundle: Bundle | null, planId: string, item: Pick<ScheduleItem, 'plan_item_id'>): PlanItem | null {
  const plan = bundle?.plans.find((p) => p.id === planId);
  const found = plan?.items.find((i) => i.id === item.plan_item_id);
  if (found) return found;
  for (const p of bundle?.plans ?? []) {
    const other = p.items.find((i) => i.id === item.plan_item_id);
    if (other) return other;
  }
  return null;
}

export function itemTitle(bundle: Bundle | null, planId: string, item: Pick<ScheduleItem, 'plan_item_id'>): string {
  return planItem(bundle, planId, item)?.title ?? t('schedule.item');
}

/** Whether the care team does the item (a visit, an MRI): the person has nothing to fill in. */
export function byTeam(bundle: Bundle | null, planId: string, item: Pick<ScheduleItem, 'plan_item_id'>): boolean {
  return planItem(bundle, planId, item)?.by === 'team';
}

const SEEN_KEY = 'relais.missed-seen';

/** The missed items of `patientId` this phone has not told yet, now marked told: a missed item is
 * said once on Home (the agenda and the care team keep it). */
export function takeUnseenMissed<T extends Pick<ScheduleItem, 'id'>>(patientId: string, items: T[]): T[] {
  let seen: Record<string, string[]>;
  try {
    seen = JSON.parse(localStorage.getItem(SEEN_KEY) ?? '{}') as Record<string, string[]>;
  } catch {
    seen = {};
  }
  const known = new Set(seen[patientId] ?? []);
  const fresh = items.filter((i) => !known.has(i.id));
  if (fresh.length > 0) {
    seen[patientId] = [...known, ...fresh.map((i) => i.id)].slice(-200);
    try {
      localStorage.setItem(SEEN_KEY, JSON.stringify(seen));
    } catch {
      // Private browsing without storage: the items are said again next time, nothing worse.
    }
  }
  return fresh;
}
