"""Push reminders for due check-ins, outside each person's quiet hours, once per item and person.

The dedup key on the outbox row (unique) makes the reminder idempotent: two workers, or a worker
that restarts, never remind twice for the same item.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from relais import db
from relais.accounts.tables import User
from relais.care.queries import patient_and_family
from relais.care.tables import ScheduleItem
from relais.db import as_uuid
from relais.notify import outbox
from relais.notify.service import in_quiet_hours
from relais.notify.tables import NotifyPreference, Outbox

log = logging.getLogger("relais.worker.reminders")

# Items that became due longer ago than this are not reminded any more (e.g. after an outage).
LOOKBACK = dt.timedelta(days=2)


async def loggers_of(patient_id: uuid.UUID, today: dt.date) -> list[uuid.UUID]:
    """The patient's own account and family members allowed to log for them."""
    return await patient_and_family(patient_id, today, "can_log")


def dedup_key(item_id: uuid.UUID, user_id: uuid.UUID) -> str:
    return f"reminder:{item_id.hex}:{user_id.hex}"


async def enqueue_due_reminders(now: dt.datetime | None = None, *, limit: int = 500) -> int:
    now = now or db.utcnow()
    items = await (
        ScheduleItem.select(ScheduleItem.id, ScheduleItem.patient)
        .where(
            (ScheduleItem.status == "due")
            & (ScheduleItem.due_at <= now)
            & (ScheduleItem.due_at > now - LOOKBACK)
            & (ScheduleItem.window_end > now)
        )
        .order_by(ScheduleItem.due_at)
        .limit(limit)
    )
    written = 0
    for item in items:
        item_id = as_uuid(item["id"])
        users = await loggers_of(as_uuid(item["patient"]), now.date())
        with_push = await outbox.users_with_push(users)
        candidates = [u for u in users if u in with_push]
        if not candidates:
            continue
        keys = {dedup_key(item_id, u): u for u in candidates}
        done = {
            r["dedup_key"]
            for r in await Outbox.select(Outbox.dedup_key).where(Outbox.dedup_key.is_in(list(keys)))
        }
        todo = [u for k, u in keys.items() if k not in done]
        if not todo:
            continue
        prefs = {
            as_uuid(p["user"]): p
            for p in await NotifyPreference.select().where(NotifyPreference.user.is_in(todo))
        }
        zones = {
            as_uuid(u["id"]): u["timezone"]
            for u in await User.select(User.id, User.timezone).where(User.id.is_in(todo))
        }
        for user_id in todo:
            pref = prefs.get(user_id)
            if pref is not None and not pref["reminders"]:
                continue
            if pref is not None and in_quiet_hours(
                pref["quiet_start_min"],
                pref["quiet_end_min"],
                now,
                zones.get(user_id, "Europe/Paris"),
            ):
                continue  # asked again on a later tick, once the quiet hours are over
            try:
                async with db.transaction():
                    await Outbox.insert(
                        Outbox(
                            user=user_id,
                            kind="reminder",
                            channel="push",
                            ref_id=item_id,
                            urgency="normal",
                            topic=f"remind-{item_id.hex[:25]}",
                            dedup_key=dedup_key(item_id, user_id),
                            created_at=now,
                            state="pending",
                            next_attempt_at=now,
                        )
                    )
                    await outbox.notify_workers()
                written += 1
            except Exception as exc:
                if db.is_unique_violation(exc):
                    continue  # another worker wrote it first
                raise
    return written
