"""Writes made on the phone: what check-ins, children's records and messages share.

A phone makes the id of each thing it sends, and sends it again when the answer was lost or when
it comes back online. So every such write:

- is idempotent by that id (``write_once``): the same body sent again is answered from what was
  stored (200, never stored twice); the same id with another body, or for another patient, is a
  409 that tells nothing of what is stored (``same_or_conflict``). Two sendings racing on two
  processes end the same way: the primary key lets one through, the other is answered as a replay;
- carries the time it was made on the phone, accepted within a window (``Window``): days late (a
  phone offline), minutes early (a clock a little ahead), never without its offset;
- completes the schedule item it answers (``checkin_done``, ``item_done``);
- stays hidden from a team the patient stopped sharing with when it was received after that
  (``received_before``, with ``Access.data_until``).

Used by ``checkins``, ``children`` and ``messages``; it imports none of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import msgspec

from relais.care import queries
from relais.care.schedule import local_day_bounds
from relais.care.tables import ScheduleItem
from relais.db import as_uuid, is_unique_violation, json_value, raw
from relais.errors import FIELDS, FieldRefusal, Refusal

T = TypeVar("T")

#: How far ahead of the server's clock a phone's may be.
CLOCK_SKEW = dt.timedelta(minutes=5)

Problem = Literal["naive", "future", "old"]


def body_hash(body: msgspec.Struct | Mapping[str, Any]) -> str:
    """The digest a replay is recognised by: the body as sent, keys sorted."""
    return hashlib.sha256(msgspec.json.encode(body, order="sorted")).hexdigest()


def same_or_conflict(
    stored: Mapping[str, Any], patient_id: uuid.UUID, digest: str, conflict: Refusal
) -> Mapping[str, Any]:
    """The stored row when it holds this write again (same patient, same body); otherwise raise
    ``conflict``, a 409 that says nothing of what is stored."""
    if as_uuid(stored["patient"]) != patient_id or stored["body_hash"] != digest:
        raise conflict
    return stored


async def write_once(
    write: Callable[[], Awaitable[T]], replay: Callable[[], Awaitable[T | None]]
) -> tuple[T, bool]:
    """Run ``write`` (validate, store) and return (its answer, True); a new id costs no read more.

    When it is refused, or meets its id already stored (a retry, or a retry racing the first try
    on another process: the unique violation of the primary key, its transaction rolled back),
    ``replay`` answers from what is stored: (that answer, False). A replay is answered even if the
    write would no longer be accepted (sent six days ago, retried today). ``replay`` returns None
    when nothing is stored under the id, and raises the 409 when something else is."""
    try:
        return await write(), True
    except Refusal:
        replayed = await replay()
        if replayed is None:
            raise
        return replayed, False
    except Exception as exc:
        if not is_unique_violation(exc):
            raise
        replayed = await replay()
        if replayed is None:
            raise
        return replayed, False


@dataclass(frozen=True)
class Window:
    """How old a time made on the phone may be (``late``) and how far ahead (``CLOCK_SKEW``).

    ``codes``: for each problem, the refusal's code and its field's code; ``title``: the refusal's
    title code, when it has its own."""

    late: dt.timedelta
    codes: Mapping[Problem, tuple[str, str]]
    title: str | None = None

    def check(self, at: dt.datetime, now: dt.datetime) -> dt.datetime | Problem:
        """``at`` in UTC when it can be accepted; otherwise why not. Bodies hold years 1900 to
        2199 only (``relais.web.schemas.In``): always convertible."""
        if at.tzinfo is None:
            return "naive"
        utc = at.astimezone(dt.UTC)
        if utc > now + CLOCK_SKEW:
            return "future"
        if utc < now - self.late:
            return "old"
        return utc

    def accept(self, field: str, at: dt.datetime, now: dt.datetime) -> dt.datetime:
        """``at`` in UTC, or the refusal naming ``field``."""
        checked = self.check(at, now)
        if isinstance(checked, str):
            code, field_code = self.codes[checked]
            raise Refusal(
                code,
                "invalid",
                detail=FIELDS,
                fields=[FieldRefusal(field, field_code)],
                title=self.title,
            )
        return checked

    def time_to_read(self, at: dt.datetime, now: dt.datetime) -> dt.datetime:
        """The instant to read a write's inputs for before it is validated: ``at`` when it can
        be accepted, otherwise ``now`` (it will be refused and the inputs not used)."""
        checked = self.check(at, now)
        return now if isinstance(checked, str) else checked


def received_before(until: dt.datetime | None, column: Any, where: Any) -> Any:
    """``where``, hiding rows received after ``until`` (the instant the patient stopped sharing
    with the reader's teams: ``Access.data_until``)."""
    return where if until is None else where & (column < until)


def checkin_done(
    patient_id: uuid.UUID, taken: dt.datetime, timezone: str, now: dt.datetime, by: uuid.UUID
) -> raw.Statement:
    """The statement that marks done the check-in item a check-in taken at ``taken`` answers
    (``care.queries.CHECKIN_ITEM_DONE``: today's item in the person's ``timezone``, whatever the
    hour), for ``raw.together`` with the check-in's own write."""
    start, end = local_day_bounds(taken, timezone)
    today, holds = (start, end), (taken, taken)
    return (
        queries.CHECKIN_ITEM_DONE,
        (now, by, patient_id, *today, *holds, *today, *holds, *today),
    )


async def questionnaire_items_done(
    patient_id: uuid.UUID,
    questionnaires: set[str],
    taken: dt.datetime,
    now: dt.datetime,
    by: uuid.UUID,
) -> list[raw.Statement]:
    """The statements that mark done the questionnaire items answered by a check-in: for each
    item still due whose window holds ``taken`` (or opens within a day of it) and that names one
    of ``questionnaires``. Read before the write: only a check-in that answers such a
    questionnaire pays for it."""
    rows = await ScheduleItem.select(ScheduleItem.id, ScheduleItem.questionnaires).where(
        (ScheduleItem.patient == patient_id)
        & (ScheduleItem.kind == "questionnaire")
        & (ScheduleItem.status == "due")
        & (ScheduleItem.due_at <= taken + dt.timedelta(days=1))
        & (ScheduleItem.window_end > taken)
    )
    return [
        (queries.ITEM_DONE, (now, by, row["id"]))
        for row in rows
        if questionnaires & set(json_value(row["questionnaires"]) or [])
    ]


async def item_done(
    patient_id: uuid.UUID,
    kind: str,
    questionnaire: str | None,
    now: dt.datetime,
    by: uuid.UUID,
    ahead: dt.timedelta = dt.timedelta(days=1),
) -> None:
    """Mark done the earliest item of this kind still due before ``now + ahead`` (naming this
    questionnaire, when one is given)."""
    rows = (
        await ScheduleItem.select(ScheduleItem.id, ScheduleItem.questionnaires)
        .where(
            (ScheduleItem.patient == patient_id)
            & (ScheduleItem.kind == kind)
            & (ScheduleItem.status == "due")
            & (ScheduleItem.due_at <= now + ahead)
        )
        .order_by(ScheduleItem.due_at)
    )
    for row in rows:
        if questionnaire is None or questionnaire in (json_value(row["questionnaires"]) or []):
            await ScheduleItem.update(
                {ScheduleItem.status: "done", ScheduleItem.done_at: now, ScheduleItem.done_by: by}
            ).where(ScheduleItem.id == row["id"])
            return
