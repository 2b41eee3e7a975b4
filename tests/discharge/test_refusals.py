"""Each missing or invalid part of a discharge is an OperationOutcome issue at its FHIRPath, in
English and French, and nothing is written; every problem of a bundle is listed at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from relais.audit.tables import AuditEvent
from relais.care.tables import Invitation, Patient
from relais.discharge.outcome import ISSUE_SYSTEM, TRANSLATION, text_of
from relais.web.catalogue import en, fr
from tests.discharge.conftest import Hospital

# The real OpenID provider is a process of its own: in make test, not in the inner loop.
pytestmark = [pytest.mark.idp, pytest.mark.slow]

Bundle = dict[str, Any]


def res(bundle: Bundle, i: int) -> dict[str, Any]:
    return dict(bundle["entry"][i]["resource"])


def _drop(i: int, *path: str) -> Callable[[Bundle], None]:
    def change(b: Bundle) -> None:
        node = b["entry"][i]["resource"]
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


def _set(i: int, value: Any, *path: str | int) -> Callable[[Bundle], None]:
    def change(b: Bundle) -> None:
        node = b["entry"][i]["resource"]
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _remove_entry(i: int) -> Callable[[Bundle], None]:
    return lambda b: b["entry"].pop(i)


def _child(b: Bundle) -> None:
    b["entry"][0]["resource"]["birthDate"] = "2018-01-01"


def _acute_without_onset(b: Bundle) -> None:
    b["entry"][6]["resource"]["category"][0]["coding"][0]["code"] = "acute_infection_home"


def _second_patient(b: Bundle) -> None:
    b["entry"].append({"resource": {"resourceType": "Patient", "gender": "female"}})


def _pdf_summary(b: Bundle) -> None:
    attachment = b["entry"][10]["resource"]["content"][0]["attachment"]
    attachment["data"] = "%%%not base64%%%"


E = "Bundle.entry"
CASES: list[tuple[str, Callable[[Bundle], None], str, str, str]] = [
    # (what, change, code, FHIR issue type, expression)
    ("no discharge date", _drop(1, "period", "end"), "fhir-discharge-date-missing", "required",
     f"{E}[1].resource.period.end"),
    ("a discharge date that is no date", _set(1, "05/12/2026", "period", "end"), "fhir-structure",
     "structure", f"{E}[1].resource.period.end"),
    ("no patient", _remove_entry(0), "fhir-resource-missing", "required", E),
    ("two patients", _second_patient, "fhir-resource-repeated", "business-rule",
     f"{E}[11].resource"),
    ("a wrong INS key", _set(0, "158037511200512", "identifier", 0, "value"), "fhir-ins-invalid",
     "value", f"{E}[0].resource.identifier[0].value"),
    ("an identifier too long", _set(0, "x" * 101, "identifier", 1, "value"),
     "fhir-identifier-too-long", "too-long", f"{E}[0].resource.identifier[1]"),
    ("a stay identifier too long", _set(1, "urn:" + "y" * 200, "identifier", 0, "system"),
     "fhir-identifier-too-long", "too-long", f"{E}[1].resource.identifier"),
    ("no identifier", _drop(0, "identifier"), "fhir-patient-identifier-missing", "required",
     f"{E}[0].resource.identifier"),
    ("no family name", _drop(0, "name", 0, "family"), "fhir-family-name-missing", "required",
     f"{E}[0].resource.name.family"),
    ("no birth date", _drop(0, "birthDate"), "fhir-birth-date-missing", "required",
     f"{E}[0].resource.birthDate"),
    ("a birth date in the future", _set(0, "2099-01-01", "birthDate"),
     "fhir-birth-date-in-future", "value", f"{E}[0].resource.birthDate"),
    ("no gender", _drop(0, "gender"), "fhir-gender-missing", "required",
     f"{E}[0].resource.gender"),
    ("a phone one cannot dial", _set(0, "call me maybe", "telecom", 0, "value"),
     "fhir-phone-invalid", "value", f"{E}[0].resource.telecom[0].value"),
    ("no stay identifier", _drop(1, "identifier"), "fhir-encounter-identifier-missing",
     "required", f"{E}[1].resource.identifier"),
    ("no encounter", _remove_entry(1), "fhir-resource-missing", "required", E),
    ("no team identifier", _drop(5, "identifier"), "fhir-team-identifier-missing", "required",
     f"{E}[5].resource.identifier"),
    ("another team", _set(5, "urn:uuid:00000000-0000-4000-8000-000000000001", "identifier", 0,
     "value"), "fhir-team-not-allowed", "forbidden", f"{E}[5].resource.identifier[0].value"),
    ("no plan", _drop(6, "category"), "fhir-plan-missing", "required", E),
    ("an unknown plan", _set(6, [{"coding": [{"system": "urn:relais:plan", "code": "nope"}]}],
     "category"), "fhir-plan-unknown", "code-invalid",
     f"{E}[6].resource.category[0].coding[0].code"),
    ("an adult plan for a child", _child, "fhir-plan-for-adults", "business-rule",
     f"{E}[6].resource.category[0].coding[0].code"),
    ("a plan from day 1 without the first symptoms", _acute_without_onset, "fhir-day1-missing",
     "required", f"{E}[6].resource.category[0].coding[0].code"),
    ("no referent's phone", _drop(4, "telecom"), "fhir-referent-phone-missing", "required",
     f"{E}[4].resource.telecom"),
    ("no referent", lambda b: [b["entry"].pop(4), b["entry"].pop(3)], "fhir-referent-missing",
     "required", E),
    ("a prescription naming no medicine", _set(7, {"coding": [{"code": "x"}]},
     "medicationCodeableConcept"), "fhir-medication-unreadable", "required",
     f"{E}[7].resource.medicationCodeableConcept"),
    ("an appointment with no start", _drop(8, "start"), "fhir-appointment-start-missing",
     "required", f"{E}[8].resource.start"),
    ("a summary that cannot be read", _pdf_summary, "fhir-summary-unreadable", "value",
     f"{E}[10].resource.content[0].attachment.data"),
    ("a search result", lambda b: b.update(type="searchset"), "fhir-bundle-type", "value",
     "Bundle.type"),
    ("a misspelt element", _set(0, "1958-03-14", "birthdate"), "fhir-structure", "structure",
     f"{E}[0].resource.birthdate"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "code", "kind", "expression"),
    [pytest.param(c, code, k, x, id=what) for what, c, code, k, x in CASES],
)
async def test_each_missing_or_invalid_part_is_an_issue_at_its_fhirpath(
    hospital: Hospital, change: Callable[[Bundle], None], code: str, kind: str, expression: str
) -> None:
    bundle = hospital.bundle()
    change(bundle)
    resp = await hospital.send(bundle)
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/fhir+json")
    outcome = resp.json()
    assert outcome["resourceType"] == "OperationOutcome"
    errors = [i for i in outcome["issue"] if i["severity"] == "error"]
    found = [(i["details"]["coding"][0]["code"], i["code"], i["expression"]) for i in errors]
    assert (code, kind, [expression]) in found, found
    issue = errors[[f[0] for f in found].index(code)]
    assert issue["details"]["coding"][0]["system"] == ISSUE_SYSTEM
    # English in the text, French beside it in FHIR's translation extension.
    translation = issue["details"]["_text"]["extension"][0]
    assert translation["url"] == TRANSLATION
    parts = {e["url"]: e.get("valueCode") or e.get("valueString") for e in translation["extension"]}
    assert parts["lang"] == "fr"
    if code != "fhir-structure":
        assert issue["details"]["text"].split(" ")[0] in en.MESSAGES[code]
        assert parts["content"].split(" ")[0] in fr.MESSAGES[code]
    else:
        assert issue["diagnostics"]
    assert await Patient.count() == 0 and await Invitation.count() == 0
    audit = await AuditEvent.select().where(AuditEvent.action == "discharge.import")
    assert [(a["outcome"], a["actor_role"]) for a in audit] == [("failure", "system")]
    assert code in audit[0]["detail"]


async def test_every_problem_is_listed_at_once_in_the_readers_language(
    hospital: Hospital,
) -> None:
    bundle = hospital.bundle()
    del bundle["entry"][1]["resource"]["period"]["end"]
    del bundle["entry"][4]["resource"]["telecom"]
    bundle["entry"][6]["resource"]["category"][0]["coding"][0]["code"] = "sepsis_plan"
    bundle["entry"].append({"resource": {"resourceType": "Observation", "status": "final",
                                         "code": {"text": "Température"}}})  # fmt: skip
    resp = await hospital.send(bundle, lang="fr-FR,fr;q=0.9")
    assert resp.status_code == 422, resp.text
    outcome = resp.json()
    assert outcome["language"] == "fr"
    codes = [(i["severity"], i["details"]["coding"][0]["code"]) for i in outcome["issue"]]
    assert codes == [
        ("error", "fhir-discharge-date-missing"),
        ("error", "fhir-plan-unknown"),
        ("error", "fhir-referent-phone-missing"),
        ("warning", "fhir-resource-ignored"),
    ]
    french = text_of(outcome, "fr")
    english = text_of(outcome, "en")
    assert (
        french[0] == "La date de sortie manque : la fin de la période (period.end) de l'Encounter."
    )
    assert english[0] == "The discharge date is missing: the end of the Encounter's period."
    assert french[1].startswith("Le plan « sepsis_plan » n'existe pas. Les plans sont : ")
    assert "adult_post_sepsis" in english[1]
    assert english[3] == "A Observation is not read by Relais; it was ignored."


@pytest.mark.parametrize(
    ("body", "code", "expression"),
    [
        (b"not json at all", "fhir-not-json", "Bundle"),
        (b'{"resourceType": "Patient"}', "fhir-not-bundle", "Bundle.resourceType"),
        (b"[" * 100 + b"]" * 100, "fhir-not-json", "Bundle"),
    ],
    ids=["not JSON", "not a Bundle", "nested too deep"],
)
async def test_a_body_that_is_not_a_bundle_is_a_400(
    hospital: Hospital, body: bytes, code: str, expression: str
) -> None:
    resp = await hospital.send(body)
    assert resp.status_code == 400, resp.text
    issue = resp.json()["issue"][0]
    assert (issue["details"]["coding"][0]["code"], issue["expression"]) == (code, [expression])
