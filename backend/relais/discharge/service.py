"""Importing a discharge in one transaction: the patient (found by identifier, created or
updated), the enrolment on the plan with its team and schedule, the hand-over, and one pending
invitation. The same discharge imported again (its Encounter identifier) updates what it made and
never makes a second invitation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from piccolo.columns.combination import Or

from relais.care import service as care
from relais.care.ages import ADULT_AGE, age_years, today_in
from relais.care.schemas import HandoverIn, InvitationIn
from relais.care.tables import Invitation, Patient, PatientTeam, ProxyLink, Team
from relais.content.loader import ContentLibrary
from relais.db import as_utc, as_uuid, is_unique_violation, transaction, utcnow
from relais.discharge.bundle import HOSPITAL_TZ, INS_SYSTEM, Discharge
from relais.discharge.oauth import SystemClient
from relais.discharge.outcome import Issue, Rejected
from relais.discharge.tables import DischargeImport, PatientIdentifier


@dataclasses.dataclass
class Imported:
    created: bool
    import_id: uuid.UUID
    patient_id: uuid.UUID
    matched_by: str  # ins | identifier | encounter | new
    invitation_id: uuid.UUID | None
    invitation_kind: str
    invitation_status: str  # pending | used | revoked | expired | not-needed
    invitation_expires_at: dt.datetime | None
    #: The new invitation's secret link and code: only in the answer that made it, never stored
    #: in clear nor logged.
    link_token: str | None = None
    code: str | None = None


async def _patients_by_identifier(
    identifiers: list[tuple[str, str]],
) -> dict[tuple[str, str], uuid.UUID]:
    conditions: Any = None
    for system, value in identifiers:
        one = (PatientIdentifier.system == system) & (PatientIdentifier.value == value)
        conditions = one if conditions is None else Or(conditions, one)
    if conditions is None:
        return {}
    rows = await PatientIdentifier.select(
        PatientIdentifier.system, PatientIdentifier.value, PatientIdentifier.patient
    ).where(conditions)
    return {(r["system"], r["value"]): as_uuid(r["patient"]) for r in rows}


def _conflict(d: Discharge, at: str) -> Rejected:
    return Rejected(409, [Issue("fhir-identifier-conflict", "conflict", at), *d.warnings])


async def _find(
    d: Discharge, previous: dict[str, Any] | None
) -> tuple[uuid.UUID | None, str, dict[tuple[str, str], uuid.UUID]]:
    """The patient this discharge is about, and how it was found: the INS first, then the
    hospital's identifiers, then the same discharge imported before."""
    known = await _patients_by_identifier(d.identifiers)
    found = set(known.values())
    if len(found) > 1:
        raise _conflict(d, f"{d.patient_at}.identifier")
    previous_patient = as_uuid(previous["patient"]) if previous else None
    if found and previous_patient is not None and previous_patient not in found:
        raise _conflict(d, d.encounter_at)
    if d.ins and (INS_SYSTEM, d.ins) in known:
        return known[(INS_SYSTEM, d.ins)], "ins", known
    if found:
        return found.pop(), "identifier", known
    if previous_patient is not None:
        return previous_patient, "encounter", known
    return None, "new", known


def _handover(d: Discharge) -> HandoverIn:
    return HandoverIn(
        summary=d.summary,
        referent_name=d.referent_name,
        referent_phone=d.referent_phone,
        prescriptions=d.prescriptions,
        next_appointment_at=d.next_appointment_at,
        next_appointment_place=d.next_appointment_place,
        next_appointment_reason=d.next_appointment_reason,
        documents_given=d.documents_given,
    )


def _patient_values(d: Discharge) -> dict[str, Any]:
    return {
        "given_name": d.given_name,
        "family_name": d.family_name,
        "birth_date": d.birth_date,
        "sex_at_birth": d.sex,
        "gp_name": d.gp_name,
        "gp_phone": d.gp_phone,
        "discharge_date": d.discharge_date,
        "day1": d.day1,
        "plan_id": d.plan_id,
    }


async def _invite(
    patient: dict[str, Any], previous: dict[str, Any] | None, days: int
) -> tuple[dict[str, Any] | None, tuple[str, str] | None]:
    """The discharge's invitation: the one made by an earlier import of it, else one already
    waiting for this patient, else a new one (the adult patient; a child's parent) unless the
    person needs none (an adult with an account, a child with a parent linked)."""
    if previous and previous["invitation"]:
        row = await Invitation.select().where(Invitation.id == previous["invitation"]).first()
        if row is not None:
            return row, None
    child = age_years(patient["birth_date"], today_in(patient["timezone"])) < ADULT_AGE
    kind = "proxy" if child else "patient"
    waiting = (
        await Invitation.select()
        .where(
            (Invitation.patient == patient["id"])
            & (Invitation.kind == kind)
            & Invitation.used_at.is_null()
            & Invitation.revoked_at.is_null()
            & (Invitation.expires_at > utcnow())
        )
        .order_by(Invitation.created_at, ascending=False)
        .first()
    )
    if waiting is not None:
        return waiting, None
    if not child and patient["user"] is not None:
        return None, None
    linked = await ProxyLink.exists().where(
        (ProxyLink.patient == patient["id"]) & ProxyLink.ended_at.is_null()
    )
    if child and linked:
        return None, None
    data = InvitationIn(kind=kind, relationship="parent" if child else None)  # type: ignore[arg-type]
    inv, token, code = await care.create_invitation(patient, data, None, days)
    row = await Invitation.select().where(Invitation.id == inv.id).first()
    return row, (token, code)


async def _import(
    library: ContentLibrary, client: SystemClient, d: Discharge, invitation_days: int
) -> Imported:
    system, value = d.encounter
    async with transaction():
        previous = (
            await DischargeImport.select()
            .where(
                (DischargeImport.encounter_system == system)
                & (DischargeImport.encounter_value == value)
            )
            .first()
        )
        patient_id, matched_by, known = await _find(d, previous)
        values = _patient_values(d)
        if patient_id is None:
            patient = Patient(
                **values,
                locale=d.locale,
                timezone=HOSPITAL_TZ,
                phone=d.phone,
                created_by=None,
            )
            await patient.save()
            patient_id = patient.id
            before: dict[str, Any] = {}
        else:
            row = await Patient.select().where(Patient.id == patient_id).first()
            assert row is not None  # identifiers and imports go with their patient
            before = row
            changes = {getattr(Patient, k): v for k, v in values.items() if row[k] != v}
            if d.phone and d.phone != row["phone"]:
                changes[Patient.phone] = d.phone
            if changes:
                await Patient.update(changes).where(Patient.id == patient_id)
        new_ids = [i for i in d.identifiers if i not in known]
        if new_ids:
            await PatientIdentifier.insert(
                *(PatientIdentifier(patient=patient_id, system=s, value=v) for s, v in new_ids)
            )
        assert d.team_id is not None
        linked = await PatientTeam.exists().where(
            (PatientTeam.patient == patient_id) & (PatientTeam.team == d.team_id)
        )
        if not linked:
            await PatientTeam.insert(PatientTeam(patient=patient_id, team=d.team_id))
        await care.save_handover(patient_id, _handover(d), None)
        patient_row = await Patient.select().where(Patient.id == patient_id).first()
        assert patient_row is not None
        anchors = ("plan_id", "discharge_date", "day1", "timezone")
        if not before or any(before[k] != patient_row[k] for k in anchors):
            await care.write_schedule(library, patient_row)
        invitation, secret = await _invite(patient_row, previous, invitation_days)
        now = utcnow()
        if previous is None:
            record = DischargeImport(
                client_id=client.client_id,
                encounter_system=system,
                encounter_value=value,
                patient=patient_id,
                team=d.team_id,
                invitation=invitation["id"] if invitation else None,
                created_at=now,
                updated_at=now,
            )
            await record.save()
            import_id = record.id
        else:
            import_id = as_uuid(previous["id"])
            await DischargeImport.update(
                {
                    DischargeImport.imports: DischargeImport.imports + 1,
                    DischargeImport.updated_at: now,
                    DischargeImport.team: d.team_id,
                    DischargeImport.client_id: client.client_id,
                    DischargeImport.invitation: invitation["id"] if invitation else None,
                }
            ).where(DischargeImport.id == import_id)
    return Imported(
        created=previous is None,
        import_id=import_id,
        patient_id=patient_id,
        matched_by=matched_by,
        invitation_id=as_uuid(invitation["id"]) if invitation else None,
        invitation_kind=invitation["kind"] if invitation else "",
        invitation_status=care.invitation_state(invitation, now) if invitation else "not-needed",
        invitation_expires_at=as_utc(invitation["expires_at"]) if invitation else None,
        link_token=secret[0] if secret else None,
        code=secret[1] if secret else None,
    )


async def import_discharge(
    library: ContentLibrary, client: SystemClient, d: Discharge, invitation_days: int
) -> Imported:
    """Check the team against the client's, then import (once more if another import of the
    same patient or discharge committed first: it is then an update)."""
    allowed = d.team_id is not None and d.team_id in client.teams
    if not allowed or not await Team.exists().where(Team.id == d.team_id):
        # The same answer for a team that does not exist and one the client may not import for.
        at = d.team_at or "Bundle.entry"
        raise Rejected(422, [Issue("fhir-team-not-allowed", "forbidden", at), *d.warnings])
    try:
        return await _import(library, client, d, invitation_days)
    except Exception as exc:
        if not is_unique_violation(exc):
            raise
    return await _import(library, client, d, invitation_days)


__all__ = ["Imported", "import_discharge"]
