// What an item of the follow-up schedule is to the person reading it. The server keeps one state,
// "due", from the day the item is planned until it is done; a visit in three months is "due" too.
// On screen, an item is to do now once its day has come, and coming up before; it is named by its
// plan's title.

import { t } from '../i18n';
import type { Bundle, PlanItem, ScheduleItem } from './types';

export type ShownStatus = 'overdue' | 'due' | 'upcoming' | 'done' | 'skipped';

/** The end of the local day of `now`: an item due later today is to do today. */
function endOfDay(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
}

export function shownStatus(item: Pick<ScheduleItem, 'status' | 'due_at'>, now: Date = new Date()): ShownStatus {
  if (item.status === 'due' && Date.parse(item.due_at) >= endOfDay(now)) return 'upcoming';
  return item.status as ShownStatus;
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
