"""Turning a follow-up plan (content/plans) into dated schedule items for one patient.

Pure functions: the plan, the anchor date and the patient's time zone in, drafts out. Check-ins
fall at fixed local times (one a day at 09:00; several spread between 08:00 and 20:00), so a
patient in Nouméa and one in Paris are both asked in their morning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from relais.content.schemas import FollowUpPlan, PlanItem

DAY_START_H = 8
DAY_END_H = 20


@dataclass(frozen=True)
class Draft:
    plan_item_id: str
    kind: str
    questionnaires: tuple[str, ...]
    due_at: dt.datetime
    window_end: dt.datetime


def local_times(times_per_day: int) -> list[dt.time]:
    if times_per_day <= 1:
        return [dt.time(9, 0)]
    step = (DAY_END_H - DAY_START_H) * 60 // (times_per_day - 1)
    return [
        dt.time((DAY_START_H * 60 + i * step) // 60, (DAY_START_H * 60 + i * step) % 60)
        for i in range(times_per_day)
    ]


def _at(day: dt.date, time: dt.time, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=tz).astimezone(dt.UTC)


def _end_of_day(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    return _at(day + dt.timedelta(days=1), dt.time(0, 0), tz)


def _item_drafts(item: PlanItem, anchor: dt.date, last_day: int, tz: ZoneInfo) -> list[Draft]:
    questionnaires = tuple(item.questionnaires)
    if item.at_day is not None:
        day = anchor + dt.timedelta(days=item.at_day)
        due = _at(day, dt.time(9, 0), tz)
        end = _end_of_day(day + dt.timedelta(days=item.window_days), tz)
        return [Draft(item.id, item.kind, questionnaires, due, end)]
    start = item.start_day or 0
    stop = last_day if item.end_day is None else min(item.end_day, last_day)
    every = max(1, item.every_days or 1)
    times = local_times(item.times_per_day)
    dues: list[dt.datetime] = []
    for offset in range(start, stop + 1, every):
        day = anchor + dt.timedelta(days=offset)
        dues.extend(_at(day, t, tz) for t in times)
    drafts = []
    for i, due in enumerate(dues):
        if item.window_days:
            end = _end_of_day(due.astimezone(tz).date() + dt.timedelta(days=item.window_days), tz)
        else:
            # A recurring check-in is due until the next one is, and never beyond its own day:
            # yesterday's check-in not done is missed today, not "late" until this morning's.
            end = _end_of_day(due.astimezone(tz).date(), tz)
            if i + 1 < len(dues):
                end = min(end, dues[i + 1])
        drafts.append(Draft(item.id, item.kind, questionnaires, due, end))
    return drafts


def build_schedule(plan: FollowUpPlan, anchor: dt.date, timezone: str) -> list[Draft]:
    tz = ZoneInfo(timezone)
    drafts: list[Draft] = []
    for item in plan.items:
        drafts.extend(_item_drafts(item, anchor, plan.duration_days, tz))
    drafts.sort(key=lambda d: (d.due_at, d.plan_item_id))
    return drafts


def local_day_bounds(at: dt.datetime, timezone: str) -> tuple[dt.datetime, dt.datetime]:
    """The start and end, in UTC, of the person's local day that holds ``at``."""
    tz = ZoneInfo(timezone)
    day = at.astimezone(tz).date()
    return _at(day, dt.time(0, 0), tz), _end_of_day(day, tz)


def status_of(
    status: str, due_at: dt.datetime, window_end: dt.datetime, now: dt.datetime, timezone: str
) -> str:
    """The status a person sees. An item not done whose window has closed is "missed" (the team
    still sees it; it is never late for ever). "Late" is today's item once its time has passed;
    an item still in its window otherwise stays "due"."""
    if status != "due":
        return status
    if now >= window_end:
        return "missed"
    start, end = local_day_bounds(now, timezone)
    if start <= due_at < end and due_at <= now:
        return "late"
    return "due"
