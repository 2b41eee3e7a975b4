"""Exports of a patient's record: a FHIR R4 bundle valid for every resource type, CSV files in a
zip, a PDF summary whose text (with its accents) can be read back; who may export; audit."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pypdf import PdfReader

from relais.accounts.tables import User
from relais.audit.tables import AuditEvent
from tests.exports.support import MESSAGE, NEXT_VISIT, NOTE, PRESCRIPTIONS, fill_record
from tests.exports.validators import (
    all_problems,
    codings_without_system,
    model_errors,
    npm_errors,
    schema_errors,
    unresolved_references,
)
from tests.world import World, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def _fhir(world: World, who: str = "patient") -> dict[str, Any]:
    resp = await world[who].get(f"/api/patients/{world.ids['patient']}/export/fhir")
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("application/fhir+json")
    assert "attachment" in resp.headers["content-disposition"]
    assert "Dupont" not in resp.headers["content-disposition"]
    return resp.json()  # type: ignore[no-any-return]


def _of(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _codes(res: dict[str, Any]) -> list[str]:
    return [c["code"] for c in res["code"].get("coding", [])]


async def test_fhir_bundle_passes_every_independent_validator(world: World) -> None:
    await fill_record(world)
    bundle = await _fhir(world)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    kinds = Counter(e["resource"]["resourceType"] for e in bundle["entry"])
    for kind in (
        "Patient", "RelatedPerson", "Practitioner", "Organization", "CareTeam", "CarePlan",
        "MedicationRequest", "Appointment", "Location", "Questionnaire",
        "QuestionnaireResponse", "Observation", "Flag", "Communication", "CodeSystem",
    ):  # fmt: skip
        assert kinds[kind] >= 1, (kind, kinds)
    said = _of(bundle, "Communication")
    assert [c["payload"][0]["contentString"] for c in said] == [MESSAGE]
    for entry in bundle["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
    # The official R4 JSON schema, the fhir npm validator, the fhir.resources models (with the
    # types each reference may point at), every reference inside the bundle, every coding with a
    # system: no problem from any of them.
    problems = all_problems(bundle)
    assert problems == {k: [] for k in problems}


async def test_a_broken_bundle_is_caught_by_each_validator(world: World) -> None:
    """The checks can fail: a Flag authored by a CareTeam (as exports once were), a coding
    without a system, a dangling reference and an unknown property are each reported."""
    await fill_record(world)
    bundle = await _fhir(world)
    flag = _of(bundle, "Flag")[0]
    flag["author"] = {"reference": f"urn:uuid:{_of(bundle, 'CareTeam')[0]['id']}"}
    assert any("Flag.author -> CareTeam" in p for p in model_errors(bundle))
    flag["code"]["coding"].append({"code": "no-system"})
    assert codings_without_system(bundle)
    flag["subject"] = {"reference": "urn:uuid:00000000-0000-0000-0000-000000000000"}
    assert unresolved_references(bundle)
    flag["colour"] = "amber"
    assert schema_errors(bundle) and npm_errors(bundle)


async def test_fhir_vital_signs_follow_the_r4_profiles(world: World) -> None:
    await fill_record(world)
    bundle = await _fhir(world)
    vitals = world.app.state.content.vitals
    units = {v.loinc: v.unit for v in vitals.vitals}
    obs = [
        o
        for o in _of(bundle, "Observation")
        if o["category"][0]["coding"][0]["code"] == "vital-signs"
    ]
    # 3 check-ins x (temperature, SpO2, pulse, breathing rate, blood pressure panel).
    assert len(obs) == 3 * 5
    for o in obs:
        assert all(c["system"] == "http://loinc.org" for c in o["code"]["coding"])
        assert o["meta"]["profile"][0].startswith("http://hl7.org/fhir/StructureDefinition/")
        if "valueQuantity" in o:
            assert o["valueQuantity"]["system"] == "http://unitsofmeasure.org"
            assert o["valueQuantity"]["code"] == units[_codes(o)[-1]]
    spo2 = [o for o in obs if "59408-5" in _codes(o)]
    assert len(spo2) == 3 and all(set(_codes(o)) == {"2708-6", "59408-5"} for o in spo2)
    assert {o["meta"]["profile"][0] for o in spo2} == {
        "http://hl7.org/fhir/StructureDefinition/oxygensat"
    }
    temps = [o for o in obs if _codes(o) == ["8310-5"]]
    assert sorted(t["valueQuantity"]["value"] for t in temps) == [36.8, 36.8, 38.6]
    assert {t["valueQuantity"]["code"] for t in temps} == {"Cel"}
    # Systolic pressure is never alone: a 85354-9 panel with both components.
    assert not [o for o in obs if "8480-6" in _codes(o)]
    panels = [o for o in obs if _codes(o) == ["85354-9"]]
    assert len(panels) == 3 and all("valueQuantity" not in p for p in panels)
    for p in panels:
        assert [c["code"]["coding"][0]["code"] for c in p["component"]] == ["8480-6", "8462-4"]
        assert p["component"][0]["valueQuantity"] == {
            "value": 124, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"
        }  # fmt: skip
    diastolic = sorted(
        str(p["component"][1].get("valueQuantity", {}).get("value"))
        + str(p["component"][1].get("dataAbsentReason", {}).get("coding", [{}])[0].get("code"))
        for p in panels
    )
    assert diastolic == ["78.0None", "Nonenot-performed", "Nonenot-performed"]


async def test_fhir_scores_answers_and_alerts_are_coded(world: World) -> None:
    await fill_record(world)
    bundle = await _fhir(world)
    surveys = [
        o for o in _of(bundle, "Observation") if o["category"][0]["coding"][0]["code"] == "survey"
    ]
    by_code = {(o["code"]["coding"][0]["system"], _codes(o)[0]): o for o in surveys}
    assert by_code[("http://loinc.org", "44261-6")]["valueQuantity"]["value"] == 8
    assert by_code[("http://loinc.org", "70274-6")]["valueQuantity"]["value"] == 7
    # Each score is derived from the answers it totals.
    qrs = {q["id"]: q for q in _of(bundle, "QuestionnaireResponse")}
    phq = qrs[by_code[("http://loinc.org", "44261-6")]["derivedFrom"][0]["reference"][9:]]
    assert phq["questionnaire"].split("|")[0].endswith("/fhir/Questionnaire/phq9")
    first = phq["item"][0]
    assert first["linkId"] == "phq9_1"
    assert first["answer"][0]["valueCoding"] == {
        "system": "https://relais.health/fhir/CodeSystem/q/phq9/freq4",
        "code": "1",
        "display": "Plusieurs jours",
    }
    # The answers' CodeSystem is in the bundle, with its canonical URL and the content version.
    systems = {c["url"]: c for c in _of(bundle, "CodeSystem")}
    freq4 = systems["https://relais.health/fhir/CodeSystem/q/phq9/freq4"]
    assert [c["code"] for c in freq4["concept"]] == ["0", "1", "2", "3"]
    assert freq4["version"] == world.app.state.content.version
    phq9_q = next(q for q in _of(bundle, "Questionnaire") if q["url"].endswith("/phq9"))
    assert all(
        o["valueCoding"]["system"] for i in phq9_q["item"] for o in i.get("answerOption", [])
    )
    # Every answer coding of every questionnaire and response names its system.
    answer_codings = [
        o["valueCoding"] for q in _of(bundle, "Questionnaire") for i in q["item"]
        for o in i.get("answerOption", [])
    ] + [
        a["valueCoding"] for q in qrs.values() for i in q["item"] for a in i.get("answer", [])
        if "valueCoding" in a
    ]  # fmt: skip
    assert len(answer_codings) > 80
    assert all(
        c["system"].startswith("https://relais.health/fhir/CodeSystem/") for c in answer_codings
    )
    # An alert: authored by the team's Organization, its reasons coded as Relais rules.
    flags = _of(bundle, "Flag")
    assert len(flags) == 1 and flags[0]["status"] == "active"
    orgs = {f"urn:uuid:{o['id']}": o for o in _of(bundle, "Organization")}
    assert orgs[flags[0]["author"]["reference"]]["name"] == "Réanimation A"
    assert flags[0]["code"]["coding"][0]["system"] == "https://relais.health/fhir/CodeSystem/rules"
    assert len(qrs) == 5 and all(q["status"] == "completed" for q in qrs.values())


async def test_fhir_handover_is_a_care_plan_with_prescriptions_and_appointment(
    world: World,
) -> None:
    await fill_record(world)
    bundle = await _fhir(world)
    plans = {p["title"]: p for p in _of(bundle, "CarePlan")}
    handover = plans["Transmission de sortie"]
    assert handover["description"].startswith("Sepsis à point de départ pulmonaire")
    assert "Ordonnance" in handover["note"][0]["text"]
    resources = {f"urn:uuid:{e['resource']['id']}": e["resource"] for e in bundle["entry"]}
    acts = [resources[a["reference"]["reference"]] for a in handover["activity"]]
    meds = [a for a in acts if a["resourceType"] == "MedicationRequest"]
    assert [m["medicationCodeableConcept"]["text"] for m in meds] == PRESCRIPTIONS.splitlines()
    assert all(m["intent"] == "order" and m["status"] == "active" for m in meds)
    (visit,) = [a for a in acts if a["resourceType"] == "Appointment"]
    assert visit["status"] == "booked" and visit["description"] == "Bilan à 1 mois"
    assert visit["start"] == NEXT_VISIT.isoformat().replace("+00:00", "Z")
    place = resources[visit["participant"][1]["actor"]["reference"]]
    assert place["resourceType"] == "Location" and place["name"] == "Hôpital de jour, bâtiment B"
    referent = resources[handover["contributor"][0]["reference"]]
    assert referent["name"][0]["text"] == "Dr Émile Girard"


async def test_csv_zip_has_one_file_per_kind(world: World) -> None:
    await fill_record(world)
    resp = await world["patient"].get(f"/api/patients/{world.ids['patient']}/export/csv")
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"] == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(resp.content))
    names = set(zf.namelist())
    assert {
        "patient.csv",
        "family.csv",
        "care_team.csv",
        "handover.csv",
        "schedule.csv",
        "checkins.csv",
        "answers.csv",
        "vitals.csv",
        "scores.csv",
        "alerts.csv",
        "team_sharing.csv",
        "messages.csv",
    } <= names

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(zf.read(name).decode("utf-8-sig"))))

    assert rows("patient.csv")[0]["family_name"] == "Dupont"
    assert rows("patient.csv")[0]["gp_name"] == "Dr Lefèvre"
    assert len(rows("checkins.csv")) == 3
    assert NOTE in {r["note"] for r in rows("checkins.csv")}
    vit = rows("vitals.csv")
    assert len(vit) == 16 and {r["loinc"] for r in vit} >= {"8310-5", "59408-5"}
    assert len(rows("alerts.csv")) == 1 and rows("alerts.csv")[0]["level"] == "amber"
    assert "Girard" in rows("handover.csv")[0]["referent_name"]
    assert [r["body"] for r in rows("messages.csv")] == [MESSAGE]


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


async def test_pdf_summary_is_readable_in_french_and_english(world: World) -> None:
    await fill_record(world)
    url = f"/api/patients/{world.ids['patient']}/export/pdf"
    resp = await world["clin_a"].get(url)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"] == "application/pdf"
    text = _pdf_text(resp.content)
    for words in (
        "Résumé de suivi",
        "Jean Dupont",
        "Dr Lefèvre",
        "Transmission de sortie",
        "Dr Émile Girard",
        "réanimation",
        "Réanimation A",
        "Tendances par semaine",
        "orange",
        "38.6",
    ):
        assert words in text, (words, text)

    await User.update({User.locale: "en"}).where(User.email == "jean@w.test")
    resp = await world["patient"].get(url)
    assert resp.status_code == 200, resp.text
    text = _pdf_text(resp.content)
    assert "Follow-up summary" in text and "Discharge hand-over" in text and "amber" in text
    assert "Dr Lefèvre" in text


async def test_clinician_export_is_audited_and_outsiders_refused(world: World) -> None:
    await fill_record(world)
    pid = world.ids["patient"]
    for kind in ("fhir", "csv", "pdf"):
        resp = await world["clin_a"].get(f"/api/patients/{pid}/export/{kind}")
        assert resp.status_code == 200, (kind, resp.text)
        row = (
            await AuditEvent.select()
            .where(AuditEvent.action == f"export.{kind}")
            .order_by(AuditEvent.id, ascending=False)
            .first()
        )
        assert row is not None and row["actor_role"] == "clinician"
        assert str(row["patient_id"]) == pid and row["outcome"] == "ok"
        for who in ("clin_b", "other_patient", "scoped_proxy", "admin"):
            refused = await world[who].get(f"/api/patients/{pid}/export/{kind}")
            assert refused.status_code in (403, 404), (kind, who)
            assert "Dupont" not in refused.text
