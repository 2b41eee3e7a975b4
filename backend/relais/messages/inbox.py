"""The care team's messages inbox: the threads of my teams' patients, newest activity first, with
what I (this clinician) have not read; and the totals the console's navigation shows.

Read state is per person (``MessageRead``: each reader's point in each thread), so a nurse opening
a thread lowers her count, not her colleague's. One statement per page (``queries.threads_sql``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

from relais import db
from relais.checkins.notes import NOTES_DAYS
from relais.db import as_utc, as_uuid, raw
from relais.messages.queries import threads_sql, unread_sql
from relais.messages.schemas import InboxIn, InboxOut, InboxUnreadOut, ThreadSummary

#: Before any message: a reader who never opened a thread has read nothing of it.
EPOCH = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
EXCERPT = 140


def _engine() -> str:
    return "postgres" if db.is_postgres() else "sqlite"


def name_pattern(q: str) -> str:
    """A LIKE pattern for part of a name, with the pattern's own characters escaped (``!``)."""
    words = " ".join(q.lower().split())
    return "%" + re.sub(r"([!%_])", r"!\1", words) + "%"


def excerpt(body: str) -> str:
    text = " ".join(body.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def _at(value: object) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return as_utc(value)


async def threads(me: uuid.UUID, filters: InboxIn) -> InboxOut:
    """One page of the threads of my teams' patients (``filters.team``: one of my teams, checked
    by the caller)."""
    named = bool(filters.q.strip())
    after = filters.after_at is not None and filters.after_id is not None
    args: list[object] = [me]
    if filters.team is not None:
        args.append(filters.team)
    if named:
        args.append(name_pattern(filters.q))
    if after:
        args += [filters.after_at, filters.after_at, filters.after_id]
    args += [filters.limit + 1, me, me, EPOCH]
    sql = threads_sql(_engine(), filters.team is not None, named, after)
    rows = await raw.rows(sql, *args)
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    out = [
        ThreadSummary(
            patient_id=as_uuid(r["patient"]),
            patient_name=f"{r['given_name']} {r['family_name']}".strip(),
            timezone=r["timezone"],
            teams=r["teams"] or "",
            last_id=as_uuid(r["last_id"]),
            last_at=_at(r["last_at"]),
            last_side=r["side"],
            last_author_name=r["author_name"],
            last_mine=r["author"] is not None and as_uuid(r["author"]) == me,
            excerpt=excerpt(r["excerpt"]),
            unread=int(r["unread"]),
        )
        for r in rows
    ]
    last = out[-1] if more and out else None
    return InboxOut(
        threads=out,
        next_at=last.last_at if last else None,
        next_id=last.last_id if last else None,
    )


async def unread(me: uuid.UUID, now: dt.datetime) -> InboxUnreadOut:
    since = now - dt.timedelta(days=NOTES_DAYS)
    row = await raw.first(unread_sql(_engine()), me, me, me, EPOCH, since)
    if row is None:
        return InboxUnreadOut(messages=0, threads=0, notes=0)
    return InboxUnreadOut(
        messages=int(row["messages"] or 0),
        threads=int(row["threads"] or 0),
        notes=int(row["notes"] or 0),
    )
