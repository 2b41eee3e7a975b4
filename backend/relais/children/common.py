"""What the children's writes share: the path of a check-in (the id made on the device makes a write
idempotent: same id and body, the stored result; same id, other body, 409), the time window, the
alert opened in the same transaction, the schedule item done, and the child's age."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Any

import msgspec

from relais.alerts.service import open_alert
from relais.alerts.tables import Alert
from relais.care.service import all_teams_of_patient
from relais.care.tables import ScheduleItem
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
from relais.db import as_utc, as_uuid, json_value
from relais.errors import FIELDS, FieldRefusal, Kind, Refusal

CLOCK_SKEW = dt.timedelta(minutes=5)
MAX_LATE = dt.timedelta(days=30)
#: The last check stays due this long after its age (months).
LAST_CHECK_SPAN = 12
#: How far beyond a table's last whole month its last row is still used (the 60-61 month gap).
AGE_EXTEND = 1.0


def text_in(text: dict[str, str], lang: str) -> str:
    return text.get(lang) or text["en"]


def body_hash(data: msgspec.Struct) -> str:
    return hashlib.sha256(msgspec.json.encode(data, order="sorted")).hexdigest()


def growth_hash(data: GrowthIn) -> str:
    """As `body_hash`, without `position` when it is not given: a body sent before the field existed
    keeps the hash it was stored with."""
    body = msgspec.to_builtins(data)
    if body.get("position") is None:
        body.pop("position", None)
    return hashlib.sha256(msgspec.json.encode(body, order="sorted")).hexdigest()


def received_before(until: dt.datetime | None, column: Any, where: Any) -> Any:
    """Hide rows received after ``until`` (a team the patient stopped sharing with)."""
    return where if until is None else where & (column < until)


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
    rows = await Alert.select(Alert.id, Alert.state, Alert.acknowledged_at).where(
        Alert.id.is_in(wanted)
    )
    return {
        as_uuid(r["id"]): AlertRef(
            id=as_uuid(r["id"]),
            state=r["state"],
            acknowledged_at=as_utc(r["acknowledged_at"]) if r["acknowledged_at"] else None,
        )
        for r in rows
    }


async def replay(
    table: Any, item_id: uuid.UUID, pid: uuid.UUID, digest: str, conflict: Refusal
) -> tuple[dict[str, Any], AlertRef | None] | None:
    """The row already stored under a device-made id, with its alert: the same body sent again
    (a retry) is answered from it. The same id with another body, or for another patient, is a
    409 that tells nothing of what is stored (``conflict``, raised). None: a new id."""
    existing = await table.select().where(table.id == item_id).first()
    if existing is None:
        return None
    if as_uuid(existing["patient"]) != pid or existing["body_hash"] != digest:
        raise conflict
    refs = await alert_refs([existing["alert_id"]])
    return existing, refs.get(as_uuid(existing["alert_id"])) if existing["alert_id"] else None


def check_time(field: str, at: dt.datetime, now: dt.datetime) -> dt.datetime:
    if at.tzinfo is None:
        raise refused("naive-time", [FieldRefusal(field, "naive-time")])
    at = at.astimezone(dt.UTC)
    if at > now + CLOCK_SKEW:
        raise refused("time-in-future", [FieldRefusal(field, "time-in-future")])
    if at < now - MAX_LATE:
        raise refused("time-too-old", [FieldRefusal(field, "time-too-old")])
    return at


async def open_child_alert(
    library: ContentLibrary, pid: uuid.UUID, kind: str, reasons: list[str], now: dt.datetime
) -> uuid.UUID | None:
    """Open an amber, non-urgent alert for the patient's first team (inside the caller's
    transaction). None when the patient has no team."""
    teams = await all_teams_of_patient(pid)
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


async def mark_schedule_done(
    pid: uuid.UUID,
    kind: str,
    questionnaire: str | None,
    now: dt.datetime,
    by: uuid.UUID,
    ahead: dt.timedelta = dt.timedelta(days=1),
) -> None:
    """The earliest schedule item of this kind (naming this questionnaire) due before now + ahead
    is done."""
    rows = (
        await ScheduleItem.select(ScheduleItem.id, ScheduleItem.questionnaires)
        .where(
            (ScheduleItem.patient == pid)
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
