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

/** The schedule as it stands on this phone: a check-in taken today and still waiting to be sent
 * has done today's first open check-in item (the server will say so once it has it). */
export function withWaiting(items: ScheduleItem[], waitingTakenAt: string[], now: Date = new Date()): ScheduleItem[] {
  const today = waitingTakenAt.filter((at) => onDayOf({ due_at: at }, now)).sort();
  if (today.length === 0) return items;
  const open = items
    .filter((i) => i.kind === 'checkin' && onDayOf(i, now) && ['due', 'late'].includes(shownStatus(i, now)))
    .sort((a, b) => a.due_at.localeCompare(b.due_at));
  const done = new Map(open.slice(0, today.length).map((item, n) => [item.id, today[n]]));
  return items.map((i) => (done.has(i.id) ? { ...i, status: 'done', done_at: done.get(i.id) ?? null } : i));
}

/** Items from the schedule and today's list (either may be older than the other, offline), once
 * each: the same id keeps the schedule's. */
export function mergeItems(schedule: ScheduleItem[] | undefined, today: ScheduleItem[] | undefined): ScheduleItem[] {
  const byId = new Map<string, ScheduleItem>();
  for (const item of today ?? []) byId.set(item.id, item);
  for (const item of schedule ?? []) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => a.due_at.localeCompare(b.due_at));
}

const SEEN_KEY = 'relais.missed-seen';

function seenMissed(): Record<string, string[]> {
  try {
    return JSON.parse(localStorage.getItem(SEEN_KEY) ?? '{}') as Record<string, string[]>;
  } catch {
    return {};
  }
}

/** The missed items of `patientId` the person has not acknowledged on this phone. */
export function unseenMissed<T extends Pick<ScheduleItem, 'id'>>(patientId: string, items: T[]): T[] {
  const known = new Set(seenMissed()[patientId] ?? []);
  return items.filter((i) => !known.has(i.id));
}

/** The person has read that these items were missed: they are not told again on Home (the agenda
 * and the care team keep them). */
export function markMissedSeen(patientId: string, items: Pick<ScheduleItem, 'id'>[]): void {
  const seen = seenMissed();
  const known = new Set(seen[patientId] ?? []);
  seen[patientId] = [...known, ...items.map((i) => i.id).filter((id) => !known.has(id))].slice(-200);
  try {
    localStorage.setItem(SEEN_KEY, JSON.stringify(seen));
  } catch {
    // Private browsing without storage: the items are said again next time, nothing worse.
  }
}
