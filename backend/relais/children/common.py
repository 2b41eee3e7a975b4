"""What the children's writes share beyond ``relais.phone_writes`` (the id made on the device, the
time window, the schedule item done, the sharing cutoff): the stored row and its alert answering a
replay, the alert opened in the same transaction, and the child's age."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import msgspec

from relais.alerts.service import open_alert
from relais.alerts.tables import WITHDRAWN, Alert
from relais.care.service import alerted_teams
from relais.checkins.schemas import AlertRef
from relais.children import growth as g
from relais.children.schemas import (
    AgeOut,
    GrowthIn,
)
from relais.content.children_schemas import (
    ChildrenContent,
    MilestoneGuidance,
)
from relais.content.loader import ContentLibrary
from relais.db import as_utc, as_uuid
from relais.errors import FIELDS, FieldRefusal, Kind, Refusal
from relais.phone_writes import Window, body_hash, same_or_conflict

T = TypeVar("T")

#: A child's record may be sent up to 30 days after it was made (a phone offline).
WINDOW = Window(
    late=dt.timedelta(days=30),
    codes={
        "naive": ("naive-time", "naive-time"),
        "future": ("time-in-future", "time-in-future"),
        "old": ("time-too-old", "time-too-old"),
    },
)
#: The last check stays due this long after its age (months).
LAST_CHECK_SPAN = 12
#: How far beyond a table's last whole month its last row is still used (the 60-61 month gap).
AGE_EXTEND = 1.0


def text_in(text: dict[str, str], lang: str) -> str:
    return text.get(lang) or text["en"]


def growth_hash(data: GrowthIn) -> str:
    """As `body_hash`, without `position` when it is not given: a body sent before the field existed
    keeps the hash it was stored with."""
    body = msgspec.to_builtins(data)
    if body.get("position") is None:
        body.pop("position", None)
    return body_hash(body)


def refused(code: str, errors: list[FieldRefusal], kind: Kind = "invalid") -> Refusal:
    """A refusal whose detail is its field errors' messages."""
    return Refusal(code, kind, detail=FIELDS, fields=errors)


def children_of(library: ContentLibrary) -> ChildrenContent:
    children: ChildrenContent | None = library.children
    if children is None:
        raise Refusal("no-children-content", "not-found")
    return children


def alert_ref(alert_id: Any) -> AlertRef | None:
    return AlertRef(id=as_uuid(alert_id), state="open") if alert_id else None


async def alert_refs(ids: list[Any]) -> dict[uuid.UUID, AlertRef]:
    wanted = [as_uuid(i) for i in ids if i]
    if not wanted:
        return {}
    rows = await Alert.select(Alert.id, Alert.state, Alert.acknowledged_at, Alert.outcome).where(
        Alert.id.is_in(wanted)
    )
    return {
        as_uuid(r["id"]): AlertRef(
            id=as_uuid(r["id"]),
            state=r["state"],
            acknowledged_at=as_utc(r["acknowledged_at"]) if r["acknowledged_at"] else None,
            withdrawn=r["outcome"] == WITHDRAWN,
        )
        for r in rows
    }


def replay_from(
    table: Any,
    item_id: uuid.UUID,
    pid: uuid.UUID,
    digest: str,
    conflict: Refusal,
    answer: Callable[[dict[str, Any], AlertRef | None], T],
) -> Callable[[], Awaitable[T | None]]:
    """The ``replay`` of ``phone_writes.write_once`` for a child's record: the row already stored
    under the device-made id, with its alert, answered as ``answer`` makes it when it holds this
    write again (otherwise ``conflict`` is raised: ``phone_writes.same_or_conflict``); None for a
    new id."""

    async def replay() -> T | None:
        existing = await table.select().where(table.id == item_id).first()
        if existing is None:
            return None
        same_or_conflict(existing, pid, digest, conflict)
        refs = await alert_refs([existing["alert_id"]])
        alert = refs.get(as_uuid(existing["alert_id"])) if existing["alert_id"] else None
        return answer(existing, alert)

    return replay


async def answer_stored(
    table: Any,
    item_id: uuid.UUID,
    alert_id: uuid.UUID | None,
    answer: Callable[[dict[str, Any], AlertRef | None], T],
) -> T:
    """The answer to a record just stored, from its row as stored (and the alert it opened)."""
    row = await table.select().where(table.id == item_id).first()
    assert row is not None
    return answer(row, AlertRef(id=alert_id, state="open") if alert_id else None)


async def open_child_alert(
    library: ContentLibrary, pid: uuid.UUID, kind: str, reasons: list[str], now: dt.datetime
) -> uuid.UUID | None:
    """Open an amber, non-urgent alert for the first team the patient shares with (inside the
    caller's transaction). None when there is none."""
    teams = await alerted_teams(pid)
    if not teams:
        return None
    alert = await open_alert(
        patient_id=pid,
        team_id=teams[0],
        level="amber",
        kind=kind,
        reasons=reasons,
        content_version=library.version,
        now=now,
        urgent=False,
    )
    return as_uuid(alert.id)


# --- age ---------------------------------------------------------------------------------------


def child_age(
    patient: dict[str, Any], on: dt.date, guidance: MilestoneGuidance | None, lang: str
) -> AgeOut:
    ca = guidance.corrected_age if guidance is not None else None
    days, corrected = g.corrected_age_days(
        patient["birth_date"],
        on,
        patient["gestational_weeks"],
        preterm_below_weeks=ca.preterm_below_weeks if ca else 37,
        term_weeks=ca.term_weeks if ca else 40,
        until_months=ca.until_months if ca else 24,
    )
    note = text_in(ca.note, lang) if corrected and ca is not None else None
    return AgeOut(days=days, months=round(g.months(days), 2), corrected=corrected, note=note)
