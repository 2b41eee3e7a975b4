"""The exports of the demo's people, as a newcomer meets them on the first `make run`: Jean (an
adult with a week of check-ins and a hand-over) exported by himself and by his nurse, Léa and
Gabriel by their mother, after she adds Léa's growth, development, wellbeing and school data.
Every FHIR bundle passes every independent validator."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from typing import Any

from relais.care.tables import Patient
from relais.demo import DEMO_PASSWORD, seed
from relais.settings import Settings
from tests.exports.validators import all_problems
from tests.helpers import ApiClient


async def _bundle(client: ApiClient, pid: Any) -> dict[str, Any]:
    resp = await client.get(f"/api/patients/{pid}/export/fhir")
    assert resp.status_code == 200, resp.text
    bundle: dict[str, Any] = resp.json()
    problems = all_problems(bundle)
    assert problems == {k: [] for k in problems}, pid
    return bundle


def _kinds(bundle: dict[str, Any]) -> Counter[str]:
    return Counter(e["resource"]["resourceType"] for e in bundle["entry"])


async def test_every_demo_export_passes_every_validator(
    settings: Settings, make_client: Any
) -> None:
    assert await seed(settings, if_empty=True) is True
    jean = await Patient.select().where(Patient.family_name == "Dupont").first()
    assert jean is not None
    async with make_client() as patient, make_client() as nurse, make_client() as parent:
        await patient.login_ok("patient@demo.relais", DEMO_PASSWORD)
        await nurse.login_ok("nurse@demo.relais", DEMO_PASSWORD)
        await parent.login_ok("parent@demo.relais", DEMO_PASSWORD)
        for who in (patient, nurse):
            kinds = _kinds(await _bundle(who, jean["id"]))
            # The week of check-ins (5) and the hand-over (its prescriptions, the next visit).
            assert kinds["QuestionnaireResponse"] >= 5, kinds
            assert kinds["MedicationRequest"] == 1 and kinds["Appointment"] == 1, kinds
        people = (await parent.get("/api/me/circle")).json()["people"]
        ids = {p["given_name"]: p["patient_id"] for p in people}
        lea = ids["Léa"]
        today = dt.date.today()
        added = [
            await parent.post(
                f"/api/patients/{lea}/growth",
                json={"id": str(uuid.uuid4()), "measured_on": today.isoformat(),
                      "weight_kg": 20.5, "length_cm": 115.0},
            ),
            await parent.post(
                f"/api/patients/{lea}/wellbeing",
                json={"id": str(uuid.uuid4()), "questionnaire_id": "child_stress",
                      "taken_at": dt.datetime.now(dt.UTC).isoformat(),
                      "answers": {"child_stress_nightmares": 1}},
            ),
            await parent.put(
                f"/api/patients/{lea}/school",
                json={"items": [{"id": "school_doctor", "state": "in_progress"}]},
            ),
        ]  # fmt: skip
        assert [r.status_code for r in added] == [201, 201, 200], [r.text for r in added]
        for name in ("Léa", "Gabriel"):
            kinds = _kinds(await _bundle(parent, ids[name]))
            assert kinds["Patient"] == 1 and kinds["RelatedPerson"] >= 1, kinds
        lea_bundle = await _bundle(parent, lea)
        loinc = {
            c["code"]
            for e in lea_bundle["entry"]
            if e["resource"]["resourceType"] == "Observation"
            for c in e["resource"]["code"].get("coding", [])
        }
        assert {"29463-7", "8302-2", "8308-9"} <= loinc  # 6 years old: height, standing
