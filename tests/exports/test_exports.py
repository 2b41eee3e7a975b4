"""Exports of a patient's record: a FHIR R4 bundle valid for every resource type, CSV files in a
zip, a PDF summary whose text (with its accents) can be read back; who may export; audit."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from relais.accounts.tables import User
from relais.audit.tables import AuditEvent
from tests.exports.support import MESSAGE, NOTE, fill_record
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


async def test_fhir_bundle_validates_for_every_resource_type(world: World) -> None:
    await fill_record(world)
    bundle = await _fhir(world)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    kinds = Counter(e["resource"]["resourceType"] for e in bundle["entry"])
    for kind in (
        "Patient",
        "RelatedPerson",
        "CareTeam",
        "CarePlan",
        "Questionnaire",
        "QuestionnaireResponse",
        "Observation",
        "Flag",
        "Communication",
    ):
        assert kinds[kind] >= 1, (kind, kinds)
    said = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Communication"
    ]
    assert [c["payload"][0]["contentString"] for c in said] == [MESSAGE]
    # Every resource validates on its own with the R4 (4.x) models ...
    for entry in bundle["entry"]:
        res = entry["resource"]
        get_fhir_model_class(res["resourceType"]).model_validate(res)
        assert entry["fullUrl"] == f"urn:uuid:{res['id']}"
    # ... and so does the whole bundle.
    Bundle.model_validate(bundle)
    # Every reference points at an entry of the bundle.
    urls = {e["fullUrl"] for e in bundle["entry"]}
    text = json.dumps(bundle)
    for ref in {part.split('"')[0] for part in text.split('"reference": "')[1:]}:
        assert ref in urls, ref


async def test_fhir_observations_use_loinc_and_ucum(world: World) -> None:
    await fill_record(world)
    bundle = await _fhir(world)
    vitals = world.app.state.content.vitals
    expected = {v.loinc: v.unit for v in vitals.vitals}
    obs = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and e["resource"]["category"][0]["coding"][0]["code"] == "vital-signs"
    ]
    assert len(obs) == 3 * 5
    for o in obs:
        coding = o["code"]["coding"][0]
        assert coding["system"] == "http://loinc.org"
        assert o["valueQuantity"]["system"] == "http://unitsofmeasure.org"
        assert o["valueQuantity"]["code"] == expected[coding["code"]]
    temps = [o for o in obs if o["code"]["coding"][0]["code"] == "8310-5"]
    assert sorted(t["valueQuantity"]["value"] for t in temps) == [36.8, 36.8, 38.6]
    assert {t["valueQuantity"]["code"] for t in temps} == {"Cel"}
    flags = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Flag"]
    assert len(flags) == 1 and flags[0]["status"] == "active"
    qrs = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
    ]
    assert len(qrs) == 3 and all(q["status"] == "completed" for q in qrs)


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
    assert len(vit) == 15 and {r["loinc"] for r in vit} >= {"8310-5", "59408-5"}
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
