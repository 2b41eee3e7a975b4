"""Reading one patient's record for an export, in bounded batches.

Check-ins are read with keyset pagination over (taken_at, id), ``BATCH`` rows at a time, so an
export holds one batch in memory whatever the length of the follow-up. ``until`` hides what was
received after a team lost the patient's consent (``Access.data_until``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from relais.accounts.tables import User
from relais.alerts.tables import Alert
from relais.care.tables import Handover, PatientTeam, ProxyLink, ScheduleItem, Team, TeamMember
from relais.checkins.privacy import strip_row, visible_fired
from relais.checkins.tables import Checkin
from relais.children.common import child_age
from relais.children.growth import default_position
from relais.children.measurements import position_rule, scores_for
from relais.children.schemas import ZOut
from relais.children.tables import (
    DevelopmentCheck,
    GrowthMeasurement,
    SchoolStatus,
    WellbeingScreen,
)
from relais.consent.tables import TeamConsent
from relais.content.loader import ContentLibrary
from relais.db import as_utc, as_uuid, json_value
from relais.messages.tables import Message
from relais.phone_writes import received_before

BATCH = 500


@dataclass(frozen=True)
class Subject:
    """Whose record, for whom: the patient row, the reader's language, the consent cut-off."""

    patient: dict[str, Any]
    lang: str
    until: dt.datetime | None = None
    #: Left out for this reader (a family member of an adult, without the adult's leave):
    #: private answers, scores and rules, and the check-ins' notes (relais.checkins.privacy).
    hidden: frozenset[str] | None = None
    #: Who reads (a family member sees their own wellbeing screens, not the other parent's).
    reader: uuid.UUID | None = None
    relation: str = ""

    @property
    def id(self) -> uuid.UUID:
        return as_uuid(self.patient["id"])


def decode_checkin(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    for key in ("answers", "vitals", "scores", "fired", "flags"):
        row[key] = json_value(row[key]) or ({} if key in ("answers", "vitals", "scores") else [])
    row["taken_at"] = as_utc(row["taken_at"])
    row["received_at"] = as_utc(row["received_at"])
    row["id"] = as_uuid(row["id"])
    return row


async def iter_checkins(
    patient_id: uuid.UUID,
    until: dt.datetime | None = None,
    batch: int = BATCH,
    hidden: frozenset[str] | None = None,
) -> AsyncIterator[list[dict[str, Any]]]:
    """Every check-in of the patient, oldest first, ``batch`` rows at a time; without the
    ``hidden`` parts when given (relais.checkins.privacy)."""
    last: tuple[dt.datetime, uuid.UUID] | None = None
    while True:
        where: Any = Checkin.patient == patient_id
        if until is not None:
            where = where & (Checkin.received_at < until)
        if last is not None:
            where = where & (
                (Checkin.taken_at > last[0])
                | ((Checkin.taken_at == last[0]) & (Checkin.id > last[1]))
            )
        rows = (
            await Checkin.select()
            .where(where)
            .order_by(Checkin.taken_at)
            .order_by(Checkin.id)
            .limit(batch)
        )
        if not rows:
            return
        decoded = [decode_checkin(r) for r in rows]
        yield decoded if hidden is None else [strip_row(r, hidden) for r in decoded]
        if len(rows) < batch:
            return
        last = (decoded[-1]["taken_at"], decoded[-1]["id"])


async def proxies(patient_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = (
        await ProxyLink.select(
            ProxyLink._meta.primary_key,
            ProxyLink.user,
            ProxyLink.user.display_name,
            ProxyLink.relationship,
            ProxyLink.can_log,
            ProxyLink.can_read_results,
            ProxyLink.can_read_messages,
            ProxyLink.created_at,
            ProxyLink.ended_at,
            ProxyLink.valid_until,
        )
        .where(ProxyLink.patient == patient_id)
        .order_by(ProxyLink._meta.primary_key)
    )
    return rows


async def teams(patient_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await PatientTeam.select(PatientTeam.team, PatientTeam.created_at).where(
        PatientTeam.patient == patient_id
    )
    out = []
    for r in rows:
        team = await Team.select().where(Team.id == r["team"]).first()
        if team is None:
            continue
        members = await TeamMember.select(
            TeamMember.user, TeamMember.user.display_name, TeamMember.role, TeamMember.is_lead
        ).where(TeamMember.team == team["id"])
        out.append({**team, "members": members, "linked_at": as_utc(r["created_at"])})
    return out


async def handover(patient_id: uuid.UUID) -> dict[str, Any] | None:
    row = await Handover.select().where(Handover.patient == patient_id).first()
    if row is not None:
        row["documents_given"] = json_value(row["documents_given"]) or []
    return row


async def schedule(patient_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = (
        await ScheduleItem.select()
        .where(ScheduleItem.patient == patient_id)
        .order_by(ScheduleItem.due_at)
    )
    for r in rows:
        r["questionnaires"] = json_value(r["questionnaires"]) or []
    return rows


async def alerts(
    patient_id: uuid.UUID, until: dt.datetime | None, hidden: frozenset[str] | None = None
) -> list[dict[str, Any]]:
    """The patient's alerts; with ``hidden``, without private rules or the team's notes."""
    where: Any = Alert.patient == patient_id
    if until is not None:
        where = where & (Alert.opened_at < until)
    rows = (
        await Alert.select(*Alert.all_columns(), Alert.team.name)
        .where(where)
        .order_by(Alert.opened_at)
    )
    for r in rows:
        r["reasons"] = json_value(r["reasons"]) or []
        if hidden is not None:
            r["reasons"] = visible_fired(r["reasons"], hidden)
            r["note"] = ""
    return rows


async def team_consents(patient_id: uuid.UUID) -> list[dict[str, Any]]:
    return (
        await TeamConsent.select(*TeamConsent.all_columns(), TeamConsent.team.name)
        .where(TeamConsent.patient == patient_id)
        .order_by(TeamConsent.decided_at)
    )


async def user_names(ids: set[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    if not ids:
        return {}
    rows = await User.select(User.id, User.display_name, User.role).where(User.id.is_in(list(ids)))
    return {as_uuid(r["id"]): r for r in rows}


# --- Messages ----------------------------------------------------------------------------------


async def messages(patient_id: uuid.UUID, until: dt.datetime | None) -> list[dict[str, Any]]:
    """The patient's thread, oldest first (exported as FHIR Communication and messages.csv);
    for a team the patient stopped sharing with, what was written before ``until``."""
    where = received_before(until, Message.created_at, Message.patient == patient_id)
    rows: list[dict[str, Any]] = await Message.select().where(where).order_by(Message.created_at)
    return rows


# --- Content lookups ---------------------------------------------------------------------------


def rule_reasons(library: ContentLibrary) -> dict[str, tuple[str, dict[str, str]]]:
    """Rule id -> (level, reason text in both languages)."""
    out: dict[str, tuple[str, dict[str, str]]] = {}
    for rf in library.rules.values():
        for rule in getattr(rf, "rules", []):
            out[rule.id] = (rule.level, dict(rule.reason))
    return out


def vital_defs(library: ContentLibrary) -> dict[str, Any]:
    vitals = getattr(library.vitals, "vitals", None) or []
    return {v.name: v for v in vitals}


# --- Children ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Growth:
    """One growth measurement as exported: the stored row, the child's age on the day, how the
    length was taken, and the WHO z-scores computed now (as the growth screen shows them)."""

    row: dict[str, Any]
    age_days: int
    position: str | None
    scores: list[ZOut]


async def growth(library: ContentLibrary, subject: Subject) -> list[Growth]:
    """The child's kept measurements (removed ones are left out, as on the chart), oldest first."""
    children = library.children
    if children is None or children.growth is None:
        return []
    config = children.growth
    rows = (
        await GrowthMeasurement.select()
        .where(
            received_before(
                subject.until,
                GrowthMeasurement.created_at,
                (GrowthMeasurement.patient == subject.id) & GrowthMeasurement.removed_at.is_null(),
            )
        )
        .order_by(GrowthMeasurement.measured_on)
        .order_by(GrowthMeasurement.created_at)
    )
    patient = subject.patient
    out = []
    for r in rows:
        age = child_age(patient, r["measured_on"], children.milestone_guidance, subject.lang)
        until, _ = position_rule(config)
        position = (
            (r["position"] or default_position(age.months, until)) if r["length_cm"] else None
        )
        scores = scores_for(
            config,
            children.tables,
            patient["sex_at_birth"],
            age.months,
            r["weight_kg"],
            r["length_cm"],
            r["head_cm"],
            position,
        )
        out.append(Growth(row=dict(r), age_days=age.days, position=position, scores=scores))
    return out


async def development(subject: Subject) -> list[dict[str, Any]]:
    """The development checks answered for the child, oldest first."""
    rows = (
        await DevelopmentCheck.select()
        .where(
            received_before(
                subject.until,
                DevelopmentCheck.received_at,
                DevelopmentCheck.patient == subject.id,
            )
        )
        .order_by(DevelopmentCheck.answered_at)
    )
    for r in rows:
        for key in ("answers", "completed"):
            r[key] = json_value(r[key]) or {}
        for key in ("not_yet", "regressions", "alert_domains"):
            r[key] = json_value(r[key]) or []
        r["answered_at"] = as_utc(r["answered_at"])
    return rows


async def wellbeing(subject: Subject) -> list[dict[str, Any]]:
    """The wellbeing screens, oldest first. A family member gets the child's screens and their own
    (a parent's screen is private to that parent and the team, as on the wellbeing screen)."""
    rows = (
        await WellbeingScreen.select()
        .where(
            received_before(
                subject.until, WellbeingScreen.received_at, WellbeingScreen.patient == subject.id
            )
        )
        .order_by(WellbeingScreen.taken_at)
    )
    if subject.relation != "staff":
        rows = [
            r
            for r in rows
            if r["respondent"] == "child"
            or (
                r["respondent_user"] is not None
                and subject.reader is not None
                and as_uuid(r["respondent_user"]) == subject.reader
            )
        ]
    for r in rows:
        r["answers"] = json_value(r["answers"]) or {}
        r["taken_at"] = as_utc(r["taken_at"])
    return rows


async def school(subject: Subject) -> list[dict[str, Any]]:
    """The return-to-school checklist's items that were changed (the others are still to do)."""
    where = received_before(
        subject.until, SchoolStatus.updated_at, SchoolStatus.patient == subject.id
    )
    rows: list[dict[str, Any]] = await SchoolStatus.select().where(where)
    return rows
