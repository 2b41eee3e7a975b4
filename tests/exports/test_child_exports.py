"""A child's record exported by a parent (and by the team): growth, development, wellbeing and
the return to school in the FHIR bundle (valid for every independent validator), the CSV files and
the PDF summary; a parent's own screen stays with that parent and the team."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
import zipfile
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from relais.content.loader import load_library
from tests.children.conftest import build_family
from tests.exports.validators import all_problems, codes_of
from tests.world import World

LIB = load_library()
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
RELAIS = "https://relais.health/fhir/CodeSystem"
NOTE = "Pesée chez le pédiatre"
SCHOOL_NOTE = "RDV infirmière scolaire"
MOTHER_PCL5 = {f"pcl5_{i}": 2 for i in range(1, 21)}  # total 40
FATHER_PCL5 = {f"pcl5_{i}": 1 for i in range(1, 21)}  # total 20


@pytest.fixture
async def family(app: Any, make_client: Any) -> AsyncIterator[World]:
    async with AsyncExitStack() as stack:
        yield await build_family(app, stack, make_client)


def _at(days_ago: float = 0) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)).isoformat()


async def fill_child(family: World) -> None:
    """Two growth measurements, the 12-month check (a "not yet" and a "not sure"), the child's
    stress screen and each parent's PCL-5, two school items."""
    pid = family.ids["child"]
    mother, father = family["mother"], family["father"]
    for days, values in (
        (30, {"weight_kg": 8.9, "length_cm": 73.5, "head_cm": 44.6}),
        (1, {"weight_kg": 9.2, "length_cm": 75.0, "head_cm": 45.0, "note": NOTE}),
    ):
        resp = await mother.post(
            f"/api/patients/{pid}/growth",
            json={
                "id": str(uuid.uuid4()),
                "measured_on": (dt.date.today() - dt.timedelta(days=days)).isoformat(),
                **values,
            },
        )
        assert resp.status_code == 201, resp.text
    check = LIB.children.check("m12")
    answers = {m.id: "yes" for m in check.milestones}
    answers.update({"m12_waves": "not_yet", "m12_no": "not_sure"})
    resp = await mother.post(
        f"/api/patients/{pid}/development",
        json={"id": str(uuid.uuid4()), "check_id": "m12", "answered_at": _at(), "answers": answers},
    )
    assert resp.status_code == 201, resp.text
    for client, qid, screen in (
        (mother, "child_stress", {"child_stress_nightmares": 1, "child_stress_mood": 0}),
        (mother, "pcl5", MOTHER_PCL5),
        (father, "pcl5", FATHER_PCL5),
    ):
        resp = await client.post(
            f"/api/patients/{pid}/wellbeing",
            json={"id": str(uuid.uuid4()), "questionnaire_id": qid, "taken_at": _at(),
                  "answers": screen},
        )  # fmt: skip
        assert resp.status_code == 201, resp.text
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    resp = await mother.put(
        f"/api/patients/{pid}/school",
        json={
            "items": [
                {"id": "school_doctor", "state": "done", "note": SCHOOL_NOTE},
                {"id": "fatigue_plan", "state": "in_progress", "due_on": due},
            ]
        },
    )
    assert resp.status_code == 200, resp.text


async def _get(family: World, who: str, kind: str) -> Any:
    resp = await family[who].get(f"/api/patients/{family.ids['child']}/export/{kind}")
    assert resp.status_code == 200, resp.text
    return resp


def _of(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _loinc(o: dict[str, Any]) -> list[str]:
    return [c["code"] for c in o["code"].get("coding", []) if c["system"] == "http://loinc.org"]


async def test_a_childs_fhir_export_by_a_parent_holds_growth_development_wellbeing_school(
    family: World,
) -> None:
    await fill_child(family)
    bundle = (await _get(family, "mother", "fhir")).json()
    problems = all_problems(bundle)
    assert problems == {k: [] for k in problems}

    obs = _of(bundle, "Observation")
    weights = [o for o in obs if _loinc(o) == ["29463-7"]]
    assert sorted(o["valueQuantity"]["value"] for o in weights) == [8.9, 9.2]
    assert all(o["valueQuantity"]["code"] == "kg" for o in weights)
    lengths = [o for o in obs if "8302-2" in _loinc(o)]
    # Under 2 years and no position given: measured lying down, as WHO expects (8306-3).
    assert len(lengths) == 2 and all(_loinc(o) == ["8302-2", "8306-3"] for o in lengths)
    heads = [o for o in obs if _loinc(o) == ["9843-4"]]
    assert sorted(o["valueQuantity"]["value"] for o in heads) == [44.6, 45.0]
    assert {o["meta"]["profile"][0].rsplit("/", 1)[1] for o in weights + lengths + heads} == {
        "bodyweight", "bodyheight", "headcircum",
    }  # fmt: skip
    assert NOTE in {n["text"] for o in weights for n in o.get("note", [])}
    # The WHO z-scores: related Observations derived from the measurements, centile as component.
    zs = [o for o in obs if o["code"]["coding"][0]["system"] == f"{RELAIS}/growth"]
    assert {z["code"]["coding"][0]["code"] for z in zs} >= {
        "weight_for_age", "length_height_for_age", "head_circumference_for_age",
    }  # fmt: skip
    ids = {f"urn:uuid:{o['id']}": o for o in obs}
    wfa = [z for z in zs if z["code"]["coding"][0]["code"] == "weight_for_age"]
    assert len(wfa) == 2
    for z in wfa:
        assert z["valueQuantity"]["code"] == "{z-score}" and -3 < z["valueQuantity"]["value"] < 3
        assert _loinc(ids[z["derivedFrom"][0]["reference"]]) == ["29463-7"]
        assert 0 < z["component"][0]["valueQuantity"]["value"] < 100

    qrs = _of(bundle, "QuestionnaireResponse")
    by_q = {q["questionnaire"].split("|")[0].rsplit("/", 1)[1]: q for q in qrs if q["item"]}
    dev = by_q["milestones-m12"]
    answers = {i["linkId"]: i["answer"][0]["valueCoding"] for i in dev["item"]}
    assert answers["m12_waves"]["code"] == "not_yet" and answers["m12_no"]["code"] == "not_sure"
    assert answers["m12_games"] == {
        "system": f"{RELAIS}/milestone-answers", "code": "yes", "display": "Oui",
    }  # fmt: skip
    assert codes_of(bundle, f"{RELAIS}/milestones") >= {"m12_waves", "m12_no"}
    assert "child_stress" in by_q
    school = by_q["school-return"]
    doctor = next(i for i in school["item"] if i["linkId"] == "school_doctor")
    parts = {p["linkId"]: p["answer"][0] for p in doctor["item"]}
    assert parts["school_doctor.state"]["valueCoding"]["code"] == "done"
    assert parts["school_doctor.note"]["valueString"] == SCHOOL_NOTE
    questionnaires = {q["url"].rsplit("/", 1)[1] for q in _of(bundle, "Questionnaire")}
    assert {"milestones-m12", "school-return", "child_stress", "pcl5"} <= questionnaires

    # The mother's own PCL-5 is there, about her (the RelatedPerson); the father's is not.
    pcl5 = [q for q in qrs if q["questionnaire"].split("|")[0].endswith("/pcl5")]
    assert len(pcl5) == 1
    people = {f"urn:uuid:{r['id']}": r for r in _of(bundle, "RelatedPerson")}
    assert people[pcl5[0]["subject"]["reference"]]["name"][0]["text"] == "mother"
    scores = [o for o in obs if o["code"]["coding"][0]["system"] == f"{RELAIS}/q/pcl5"]
    assert [s["valueQuantity"]["value"] for s in scores] == [40]
    # The mother's positive screen opened an alert: its reason is a child's alert code, in the
    # bundle's CodeSystem of them.
    assert codes_of(bundle, f"{RELAIS}/child-alerts") == {"wellbeing_positive:pcl5"}
    systems = {c["url"]: c for c in _of(bundle, "CodeSystem")}
    assert [c["code"] for c in systems[f"{RELAIS}/child-alerts"]["concept"]] == [
        "wellbeing_positive:pcl5"
    ]

    # The team sees both parents' screens.
    team = (await _get(family, "paed", "fhir")).json()
    team_problems = all_problems(team)
    assert team_problems == {k: [] for k in team_problems}
    team_scores = [
        o["valueQuantity"]["value"]
        for o in _of(team, "Observation")
        if o["code"]["coding"][0]["system"] == f"{RELAIS}/q/pcl5"
    ]
    assert sorted(team_scores) == [20, 40]


async def test_a_childs_csv_export_holds_growth_development_wellbeing_school(
    family: World,
) -> None:
    await fill_child(family)
    zf = zipfile.ZipFile(io.BytesIO((await _get(family, "mother", "csv")).content))

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(zf.read(name).decode("utf-8-sig"))))

    growth = rows("growth.csv")
    assert [r["weight_kg"] for r in growth] == ["8.9", "9.2"]
    assert growth[1]["note"] == NOTE and growth[1]["position"] == "recumbent"
    z = rows("growth_zscores.csv")
    assert {r["indicator"] for r in z} >= {"weight_for_age", "head_circumference_for_age"}
    assert all(-3 < float(r["z"]) < 3 for r in z)
    dev = {r["milestone"]: r for r in rows("development.csv")}
    assert dev["m12_waves"]["answer"] == "not_yet" and dev["m12_no"]["answer"] == "not_sure"
    assert dev["m12_waves"]["check"] == "m12"
    screens = rows("wellbeing.csv")
    # The child's screen and the mother's own PCL-5 (40), not the father's (20).
    assert sorted((r["questionnaire"], r["respondent"], r["score"]) for r in screens) == [
        ("child_stress", "child", ""), ("pcl5", "parent", "40.0"),
    ]  # fmt: skip
    answers = rows("wellbeing_answers.csv")
    assert {r["item"] for r in answers} >= {"child_stress_nightmares", "pcl5_20"}
    school = {r["item"]: r for r in rows("school.csv")}
    assert school["school_doctor"]["state"] == "done"
    assert school["school_doctor"]["note"] == SCHOOL_NOTE
    assert school["fatigue_plan"]["state"] == "in_progress"
    assert len(school) == len(LIB.children.school.items)


async def test_a_childs_pdf_summary_holds_growth_development_wellbeing_school(
    family: World,
) -> None:
    await fill_child(family)
    resp = await _get(family, "mother", "pdf")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "child-summary-fr.pdf").write_bytes(resp.content)  # to look at
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(resp.content)).pages)
    for words in (
        "Croissance",
        "9.20",
        "75.0",
        "45.0",
        "Développement",
        "Votre enfant à 12 mois",
        "Fait « au revoir » de la main",
        "Bien-être",
        "PCL-5",
        "40",
        "Retour à l'école",
        "Contacter le médecin scolaire",
        SCHOOL_NOTE,
    ):
        assert words in text, (words, text)
