"""The console's patient list: risk first, open alerts, last result and trend, only the team's."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.world import World, adult_patient, world_fixture

GREEN_ANSWERS = {
    "da_confusion": 0, "da_shivering": 0, "da_no_urine": 0, "da_breathless_severe": 0,
    "da_might_die": 0, "da_skin": 0, "da_worse": 0, "da_fever": 0,
}  # fmt: skip


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


def checkin(minutes_ago: float, **answers: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "taken_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)).isoformat(),
        "answers": {**GREEN_ANSWERS, **answers},
        "vitals": {},
    }


async def test_risk_sorted_list_with_alerts_trend_and_flags(world: World) -> None:
    team = world.ids["team_a"]
    calm = await world["clin_a"].post(
        "/api/patients",
        json=adult_patient(team, given_name="Anne", family_name="Calme", gp_name="", gp_phone=""),
    )
    assert calm.status_code == 201
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    assert (await world["patient"].post(url, json=checkin(30))).status_code == 201
    assert (await world["patient"].post(url, json=checkin(5, da_confusion=1))).status_code == 201

    resp = await world["clin_a"].get(f"/api/teams/{team}/console")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["count"] == 2 and body["with_open_alerts"] == 1 and body["red"] == 1
    first, second = body["patients"]
    assert first["id"] == pid
    assert first["open_alerts"] == 1 and first["open_red"] == 1 and first["unacknowledged"] == 1
    assert first["last_level"] == "red" and first["previous_level"] == "green"
    assert first["trend"] == "worse" and first["day"] == 10 and first["anchor"] == "discharge"
    assert second["family_name"] == "Calme" and second["no_gp"] is True
    assert second["last_level"] is None and second["risk"] < first["risk"]

    # Another team's clinician sees neither the list nor this team's patients.
    assert (await world["clin_b"].get(f"/api/teams/{team}/console")).status_code == 404
    theirs = (await world["clin_b"].get(f"/api/teams/{world.ids['team_b']}/console")).json()
    assert [p["id"] for p in theirs["patients"]] == [world.ids["other_patient"]]
    assert (await world["patient"].get(f"/api/teams/{team}/console")).status_code == 403
