// What an item of the follow-up schedule is to the person reading it. The server keeps one state,
// "due", from the day the item is planned until it is done; a visit in three months is "due" too.
// On screen, an item is to do now once its day has come, and coming up before.

import type { ScheduleItem } from './types';

export type ShownStatus = 'overdue' | 'due' | 'upcoming' | 'done' | 'skipped';

/** The end of the local day of `now`: an item due later today is to do today. */
function endOfDay(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
}

export function shownStatus(item: Pick<ScheduleItem, 'status' | 'due_at'>, now: Date = new Date()): ShownStatus {
  if (item.status === 'due' && Date.parse(item.due_at) >= endOfDay(now)) return 'upcoming';
  return item.status as ShownStatus;
}
