"""Closing an account: the person's account and health data are erased, or irreversibly
pseudonymised, per the deployment's setting ``RELAIS_ERASURE_MODE``.

What happens, in one transaction:

1. Audit rows about the person keep their action and time only: their user and patient ids are
   replaced by a hash salted with a random value that is thrown away at once (rows of the same
   person still group together, nobody can tell whose they were), IP and user agent are blanked.
2. Their patient record (when they are a patient with their own account):
   - ``delete``: the patient row and everything hanging from it (check-ins, alerts and their
     timeline, schedule, hand-over, family links, invitations, thresholds, sharing decisions,
     messages) are deleted;
   - ``pseudonymise``: the clinical values stay under a new random patient id with no name, no
     contact details, birth date cut to the year, dates of discharge cut to the month; free text
     (check-in notes, text answers, hand-over, alert and schedule notes, threshold reasons) is
     removed; family links, invitations, hand-over, messages and team links are deleted.
3. Everything of the account: sessions, browsers it signed in on, password reset links, sign-in
   failures, push devices, notification preferences and pending notifications, consent records,
   team memberships and on-call shifts, and the account itself: every row whose foreign key to
   the account cascades is deleted, none is left behind with an empty owner.
4. A sweep over every table: any other column holding the person's user or patient id (a check-in
   they logged for someone else, an alert event they caused, a link they ended) is set to null, or
   the row deleted when the column cannot be null.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from typing import Any

from piccolo.columns import UUID, ForeignKey, OnDelete
from piccolo.table import Table

from relais import db
from relais.accounts.service import email_key
from relais.accounts.tables import LoginFailure, User
from relais.alerts.tables import Alert, AlertEvent
from relais.audit.tables import AuditEvent
from relais.care.tables import (
    Handover,
    Invitation,
    Patient,
    PatientTeam,
    ProxyLink,
    ScheduleItem,
)
from relais.checkins.tables import Checkin, ThresholdOverride
from relais.consent.tables import TeamConsent
from relais.db import as_uuid, json_value
from relais.discharge.tables import DischargeImport, PatientIdentifier
from relais.messages.tables import Message
from relais.notify.tables import Outbox

MODES = ("delete", "pseudonymise")


def _pseudonym(salt: bytes, value: uuid.UUID) -> uuid.UUID:
    return uuid.UUID(bytes=hashlib.sha256(salt + value.bytes).digest()[:16], version=4)


async def redact_audit(ids: list[uuid.UUID]) -> int:
    """Replace ids in the audit trail by salted hashes (salt discarded); blank IP and agent."""
    salt = secrets.token_bytes(32)
    changed = 0
    for value in ids:
        alias = _pseudonym(salt, value)
        for col in (AuditEvent.actor_id, AuditEvent.patient_id):
            rows = await AuditEvent.select(AuditEvent.id).where(col == value)
            changed += len(rows)
            await AuditEvent.update(
                {
                    col: alias,
                    AuditEvent.ip: "",
                    AuditEvent.user_agent: "",
                    AuditEvent.redacted: True,
                }
            ).where(col == value)
        for form in (str(value), value.hex):
            await AuditEvent.update(
                {AuditEvent.record_id: str(alias), AuditEvent.redacted: True}
            ).where(AuditEvent.record_id == form)
    return changed


def _first_of_month(value: dt.date | None) -> dt.date | None:
    return value.replace(day=1) if value is not None else None


async def _delete_messages(patient_ids: list[uuid.UUID], user_id: uuid.UUID) -> None:
    """A person's messages are free text they wrote: always deleted, with their threads."""
    if patient_ids:
        await Message.delete().where(Message.patient.is_in(patient_ids))
    await Message.delete().where(Message.author == user_id)


async def _delete_patient(pid: uuid.UUID) -> None:
    alert_ids = [r["id"] for r in await Alert.select(Alert.id).where(Alert.patient == pid)]
    if alert_ids:
        await Outbox.update({Outbox.state: "cancelled"}).where(
            Outbox.ref_id.is_in(alert_ids) & Outbox.state.is_in(["pending", "sending"])
        )
        await AlertEvent.delete().where(AlertEvent.alert.is_in(alert_ids))
    for table in (
        Alert,
        Checkin,
        ScheduleItem,
        ThresholdOverride,
        Handover,
        ProxyLink,
        Invitation,
        PatientTeam,
        TeamConsent,
        # The hospital's identifiers (the INS) and the discharges imported name the person.
        PatientIdentifier,
        DischargeImport,
    ):
        await table.delete().where(table.patient == pid)
    await Patient.delete().where(Patient.id == pid)


def _scrub_answers(library: Any, answers: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in answers.items():
        if isinstance(value, str):
            continue  # free text
        found = library.item(key) if library is not None else None
        if found is not None and found[1].type == "text":
            continue
        out[key] = value
    return out


async def _pseudonymise_patient(pid: uuid.UUID, library: Any) -> uuid.UUID:
    p = await Patient.select().where(Patient.id == pid).first()
    assert p is not None
    new_id = uuid.uuid4()
    await Patient.insert(
        Patient(
            id=new_id,
            user=None,
            given_name="",
            family_name="",
            birth_date=dt.date(p["birth_date"].year, 1, 1),
            sex_at_birth=p["sex_at_birth"],
            locale=p["locale"],
            timezone=p["timezone"],
            phone="",
            gp_name="",
            gp_phone="",
            gestational_weeks=p["gestational_weeks"],
            discharge_date=_first_of_month(p["discharge_date"]),
            day1=_first_of_month(p["day1"]),
            plan_id=p["plan_id"],
            status="erased",
            created_at=db.utcnow().replace(hour=0, minute=0, second=0, microsecond=0),
            created_by=None,
        )
    )
    # Free text about the person goes; clinical values move to the new id.
    async for rows in _batches(Checkin, Checkin.patient == pid):
        for r in rows:
            answers = json_value(r["answers"]) or {}
            await Checkin.update(
                {
                    Checkin.patient: new_id,
                    Checkin.note: "",
                    Checkin.answers: _scrub_answers(library, answers),
                    Checkin.submitted_by: None,
                    Checkin.body_hash: "",
                }
            ).where(Checkin.id == r["id"])
    await Alert.update({Alert.patient: new_id, Alert.note: ""}).where(Alert.patient == pid)
    await ScheduleItem.update(
        {ScheduleItem.patient: new_id, ScheduleItem.note: "", ScheduleItem.done_by: None}
    ).where(ScheduleItem.patient == pid)
    await ThresholdOverride.update(
        {ThresholdOverride.patient: new_id, ThresholdOverride.reason: ""}
    ).where(ThresholdOverride.patient == pid)
    for table in (
        Handover,
        ProxyLink,
        Invitation,
        PatientTeam,
        TeamConsent,
        PatientIdentifier,
        DischargeImport,
    ):
        await table.delete().where(table.patient == pid)
    await Patient.delete().where(Patient.id == pid)
    return new_id


async def _batches(table: type[Table], where: Any, size: int = 500) -> Any:
    """Rows matching ``where`` that are moved away by the caller, ``size`` at a time."""
    while True:
        rows = await table.select().where(where).limit(size)
        if not rows:
            return
        yield rows


def _id_columns() -> list[tuple[type[Table], Any]]:
    """Every non-key column of every table that can hold a user or patient id."""
    out = []
    for table in db.all_tables():
        if table is AuditEvent:
            continue
        for col in table._meta.columns:
            if col._meta.primary_key:
                continue
            holds_ids = isinstance(col, UUID) or (
                isinstance(col, ForeignKey)
                and col._foreign_key_meta.resolved_references in (User, Patient)
            )
            if holds_ids:
                out.append((table, col))
    return out


async def sweep_ids(ids: list[uuid.UUID]) -> None:
    """Rows that belong to the person (a foreign key that cascades: sessions, devices, reset
    links, push subscriptions, preferences, consent records ...) are deleted, whether or not the
    engine enforces the cascade; other references are set to null, or the row deleted when the
    column cannot be null."""
    for table, col in _id_columns():
        owned = isinstance(col, ForeignKey) and col._foreign_key_meta.on_delete == OnDelete.cascade
        for value in ids:
            if col._meta.null and not owned:
                await table.update({col: None}).where(col == value)
            else:
                await table.delete().where(col == value)


async def erase_account(user_id: uuid.UUID, mode: str, library: Any = None) -> dict[str, Any]:
    """Erase one account (see the module text). Returns what was done, without identifiers."""
    if mode not in MODES:
        raise ValueError(f"unknown erasure mode {mode!r}")
    user = await User.select().where(User.id == user_id).first()
    if user is None:
        return {"erased": False}
    patient_ids = [
        as_uuid(r["id"]) for r in await Patient.select(Patient.id).where(Patient.user == user_id)
    ]
    ids = [user_id, *patient_ids]
    async with db.transaction():
        audit_rows = await redact_audit(ids)
        await _delete_messages(patient_ids, user_id)
        for pid in patient_ids:
            if mode == "delete":
                await _delete_patient(pid)
            else:
                await _pseudonymise_patient(pid, library)
        await LoginFailure.delete().where(LoginFailure.email_key == email_key(user["email"]))
        await sweep_ids(ids)
        await User.delete().where(User.id == user_id)
    return {
        "erased": True,
        "mode": mode,
        "patients": len(patient_ids),
        "audit_rows_pseudonymised": audit_rows,
    }
