"""What the care team reads on an alert: each rule in clinical words in the reader's language, its
source, one line per measurement or sign (the most severe), and the version of the content the
alert was triaged with, kept when the thresholds or the content change later. The patient and
their family read their own wording on the check-in's result, never the team's."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from relais.content import load_library
from relais.content.loader import default_content_dir
from tests.checkins.test_checkins import GREEN_ANSWERS, GREEN_VITALS, checkin
from tests.world import World, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


#: A red check-in: fast breathing, low SpO2, fast pulse, fever and new confusion.
RED_VITALS = {**GREEN_VITALS, "resp_rate": 26, "spo2": 89, "heart_rate": 135, "temperature": 38.6}
RED_ANSWERS = {**GREEN_ANSWERS, "da_confusion": 1}

#: One line per measurement or sign, red first, then in the content's order.
SHOWN = [
    "adult_red_confusion",
    "adult_rr_high_red",
    "adult_spo2_red",
    "adult_hr_high_red",
    "adult_has_score_red",
    "adult_news2_red",
    "adult_temp_high_amber",
]
#: The less severe band of the same measurement, kept beside the line that covers it.
COVERED = {
    "adult_rr_amber": "adult_rr_high_red",
    "adult_spo2_amber": "adult_spo2_red",
    "adult_hr_amber": "adult_hr_high_red",
}
WORDING = {
    "fr": {
        "adult_spo2_red": "SpO2 ≤ 91 % (NEWS2 échelle 1, 3 points)",
        "adult_red_confusion": (
            "Confusion ou trouble de la parole récent (signe d'alerte de sepsis)"
        ),
        "adult_temp_high_amber": "Fièvre > 38,0 °C (critère du score ambulatoire HAS)",
    },
    "en": {
        "adult_spo2_red": "SpO2 ≤ 91 % (NEWS2 scale 1, scores 3)",
        "adult_red_confusion": "New confusion or slurred speech (sepsis red flag)",
        "adult_temp_high_amber": "Fever > 38.0 °C (HAS outpatient score criterion)",
    },
}


async def send(world: World, **over: Any) -> dict[str, Any]:
    url = f"/api/patients/{world.ids['patient']}/checkins"
    resp = await world["patient"].post(url, json=checkin(**over))
    assert resp.status_code == 201, resp.text
    return resp.json()  # type: ignore[no-any-return]


def _lines(alert: dict[str, Any]) -> list[str]:
    return [w["rule"] for w in alert["why"] if not w.get("covered_by")]


async def test_a_red_alert_reads_in_clinical_words_with_rule_source_and_version(
    world: World, app: Any
) -> None:
    version = app.state.content.version
    red = await send(world, vitals=RED_VITALS, answers=RED_ANSWERS)
    assert red["level"] == "red"
    alert_id = red["alert"]["id"]
    fired = {f["id"] for f in red["fired"]}
    assert fired == set(SHOWN) | set(COVERED)

    pid = world.ids["patient"]
    clin = world["clin_a"]
    for lang, words in WORDING.items():
        head = {"x-relais-lang": lang}
        got = (await clin.get(f"/api/alerts/{alert_id}", headers=head)).json()
        listed = (await clin.get("/api/alerts", headers=head)).json()
        on_page = (await clin.get(f"/api/patients/{pid}/alerts", headers=head)).json()
        assert [a["id"] for a in listed] == [a["id"] for a in on_page] == [alert_id]
        for seen in (got, listed[0], on_page[0]):
            assert seen["content_version"] == version
            assert _lines(seen) == SHOWN, seen["why"]
            why = {w["rule"]: w for w in seen["why"]}
            assert set(why) == set(seen["reasons"]) == fired
            assert {r: why[r]["covered_by"] for r in COVERED} == COVERED
            for rule, text in words.items():
                assert why[rule]["text"] == text
            assert why["adult_spo2_red"]["level"] == "red"
            assert why["adult_spo2_red"]["source"].startswith("RCP NEWS2 2017 (SpO2 scale 1")
            assert why["adult_red_confusion"]["source"].startswith("UK Sepsis Trust")
            # Never the person's own wording.
            reasons = {f["reason"] for f in red["fired"]}
            assert not reasons & {w["text"] for w in seen["why"]}

    # The patient and their family: the level and whether the team has seen it, nothing else.
    for who in ("patient", "proxy"):
        mine = await world[who].get(f"/api/patients/{pid}/alerts")
        assert mine.status_code == 200, mine.text
        assert [set(a) for a in mine.json()] == [
            {"id", "level", "state", "opened_at", "acknowledged_at"}
        ]
    # Their check-in's result speaks their words, never the team's.
    result = str(red)
    for words in WORDING.values():
        assert not any(text in result for text in words.values())


async def test_the_alert_keeps_the_content_version_it_was_triaged_with(
    world: World, app: Any, tmp_path: Path
) -> None:
    """A threshold changed, then the content: the next check-in joins the alert, triaged with the
    new content, and the alert still says the version it was opened with."""
    before = app.state.content
    first = await send(world, vitals={**GREEN_VITALS, "spo2": 89})
    alert_id = first["alert"]["id"]
    assert first["content_version"] == before.version

    own = await world["clin_a"].put(
        f"/api/patients/{world.ids['patient']}/thresholds",
        json={"key": "spo2", "params": {"red_lte": 85, "amber_lte": 88}, "reason": "BPCO"},
    )
    assert own.status_code == 200, own.text
    root = tmp_path / "content"
    shutil.copytree(default_content_dir(), root)
    vitals = root / "rules" / "adult_vitals.yaml"
    text = vitals.read_text(encoding="utf-8")
    old = 'en: "SpO2 ≤ 91 % (NEWS2 scale 1, scores 3)"'
    assert old in text
    vitals.write_text(text.replace(old, 'en: "SpO2 ≤ 91 % (NEWS2 scale 1: 3 points)"'), "utf-8")
    after = load_library(root)
    assert after.version != before.version
    app.state.content = after
    try:
        second = await send(world, vitals={**GREEN_VITALS, "spo2": 84})
        assert second["alert"]["id"] == alert_id and second["content_version"] == after.version
        head = {"x-relais-lang": "en"}
        got = (await world["clin_a"].get(f"/api/alerts/{alert_id}", headers=head)).json()
    finally:
        app.state.content = before
    assert got["checkins"] == 2
    assert got["content_version"] == before.version
    # Rule ids keep their meaning: the wording is the content's as it stands now.
    (spo2,) = [w for w in got["why"] if w["rule"] == "adult_spo2_red"]
    assert spo2["text"] == "SpO2 ≤ 91 % (NEWS2 scale 1: 3 points)"
