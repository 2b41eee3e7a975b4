"""The outbox: notifications waiting to be sent, written in the transaction of their cause.

``enqueue()`` only inserts rows (the caller holds the transaction). Workers find them through
``claim()``, a single conditional ``UPDATE ... RETURNING`` whose sub-select skips rows another
worker holds (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; on SQLite one writer at a time makes the
statement atomic). A claim is a lease, renewed while the worker sends: a worker that dies
mid-send leaves rows that are claimed again once ``claimed_until`` has passed.

New red alerts are claimed first, then the other new notifications, then retries: a backlog of
retries never holds back a new alert.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Collection, Iterable
from typing import Any

from piccolo.query import OrderByRaw

from relais import db
from relais.db import raw
from relais.notify.queries import (
    CLAIM_ORDER,
    NOTIFY_WORKERS,
    OUTBOX_WIDTH,
    RELEASE_FOR_HOST,
    outbox_insert_sql,
    users_with_push_sql,
)
from relais.notify.queries import PG_CHANNEL as PG_CHANNEL  # LISTENed on by the workers
from relais.notify.tables import Outbox

# Events of the workers running in this process, set after an enqueue so they do not wait for
# their next poll. On SQLite the claim then queues behind the enqueueing transaction's lock.
_local_wakers: set[asyncio.Event] = set()


def register_waker(event: asyncio.Event) -> None:
    _local_wakers.add(event)


def unregister_waker(event: asyncio.Event) -> None:
    _local_wakers.discard(event)


def wake() -> None:
    """Tell the workers of this process that there is something to send, once it is committed
    (a worker woken before would find nothing and sleep until its next poll)."""
    db.after_commit(_wake_now)


def _wake_now() -> None:
    for event in list(_local_wakers):
        event.set()


def alert_topic(alert_id: uuid.UUID) -> str:
    # A push service keeps only the latest undelivered message of a topic (max 32 characters).
    return f"alert-{alert_id.hex[:26]}"


def alert_notice(alert_id: uuid.UUID, level: str) -> dict[str, Any]:
    """The outbox fields of an alert's notifications to staff (``enqueue``, ``outbox_insert``)."""
    return {
        "kind": "alert",
        "ref_id": alert_id,
        "urgency": "high" if level == "red" else "normal",
        "topic": alert_topic(alert_id),
        "email_fallback": True,
    }


async def users_with_push(user_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    ids = list(set(user_ids))
    if not ids:
        return set()
    rows = await raw.rows(users_with_push_sql(len(ids)), *ids)
    return {db_uuid(r["user"]) for r in rows}


def db_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def outbox_insert(
    users: Iterable[uuid.UUID],
    with_push: set[uuid.UUID],
    *,
    kind: str,
    ref_id: uuid.UUID | None,
    now: dt.datetime,
    urgency: str = "normal",
    topic: str = "",
    email_fallback: bool = False,
    dedup_key: str | None = None,
) -> raw.Statement | None:
    """The INSERT of one row per person: push for those with a device (``with_push``), email for
    the others when ``email_fallback`` (staff alerts), nothing otherwise. None: no row to write."""
    values: list[Any] = []
    for user_id in dict.fromkeys(users):
        channel = "push" if user_id in with_push else ("email" if email_fallback else "")
        if channel:
            values += [user_id, kind, channel, ref_id, urgency, topic, dedup_key, now, "pending"]
            values += ["", 0, now, ""]
    if not values:
        return None
    return outbox_insert_sql(len(values) // OUTBOX_WIDTH), tuple(values)


async def enqueue(user_ids: Iterable[uuid.UUID], **fields: Any) -> int:
    """Write one row per person (``outbox_insert``'s rows, with its keyword arguments; the caller
    holds the transaction). Returns the number of rows written."""
    users = list(dict.fromkeys(user_ids))
    if not users:
        return 0
    insert = outbox_insert(users, await users_with_push(users), **fields)
    if insert is None:
        return 0
    await raw.rows(insert[0], *insert[1])
    await notify_workers()
    return len(insert[1]) // OUTBOX_WIDTH


async def notify_workers() -> None:
    """Wake workers here at once, and elsewhere when the transaction commits (PostgreSQL)."""
    if db.is_postgres():
        await db.fetch(NOTIFY_WORKERS)
    wake()


async def claim(
    worker_id: str, *, now: dt.datetime, lease_s: int, limit: int
) -> list[dict[str, Any]]:
    """Atomically take up to ``limit`` rows that are due, or whose lease has run out."""
    claimable = ((Outbox.state == "pending") & (Outbox.next_attempt_at <= now)) | (
        (Outbox.state == "sending") & (Outbox.claimed_until < now)
    )
    sub = (
        Outbox.select(Outbox.id)
        .where(claimable)
        .order_by(OrderByRaw(CLAIM_ORDER))
        .order_by(Outbox.id)
        .limit(limit)
    )
    if db.is_postgres():
        sub = sub.lock_rows("UPDATE", skip_locked=True)
    async with db.transaction():
        rows = await (
            Outbox.update(
                {
                    Outbox.state: "sending",
                    Outbox.claimed_by: worker_id,
                    Outbox.claimed_until: now + dt.timedelta(seconds=lease_s),
                    Outbox.attempts: Outbox.attempts + 1,
                }
            )
            .where(Outbox.id.is_in(sub))
            .returning(*Outbox.all_columns())
        )
    return sorted(rows, key=lambda r: r["id"])


async def renew(worker_id: str, ids: Collection[int], *, until: dt.datetime) -> None:
    """Extend the lease of the rows this worker is still sending."""
    if ids:
        await Outbox.update({Outbox.claimed_until: until}).where(
            Outbox.id.is_in(list(ids))
            & (Outbox.claimed_by == worker_id)
            & (Outbox.state == "sending")
        )


async def release_for_host(host: str, now: dt.datetime) -> int:
    """Make due at once the push notifications waiting for a host that answers again (its
    circuit closed): they do not wait for their own backoff."""
    like = "".join("\\" + c if c in "\\%_" else c for c in host) + "/%"
    rows = await raw.rows(RELEASE_FOR_HOST, now, "pending", "push", like)
    return len(rows)


async def pending_count() -> int:
    return int(await Outbox.count().where(Outbox.state.is_in(["pending", "sending"])))


async def enqueue_email(
    user_id: uuid.UUID, *, kind: str, ref_id: uuid.UUID | None, now: dt.datetime, dedup_key: str
) -> None:
    """The email fallback for one person (inside the caller's transaction)."""
    if await Outbox.exists().where(Outbox.dedup_key == dedup_key):
        return
    await Outbox.insert(
        Outbox(
            user=user_id,
            kind=kind,
            channel="email",
            ref_id=ref_id,
            urgency="normal",
            dedup_key=dedup_key,
            created_at=now,
            state="pending",
            next_attempt_at=now,
        )
    )
    await notify_workers()
