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


async def test_a_page_at_a_time_and_a_search_by_name_kept_out_of_the_url(world: World) -> None:
    from relais.audit.tables import AuditEvent

    team, pid = world.ids["team_a"], world.ids["patient"]
    clin = world["clin_a"]
    names = [("Hélène", "Martin"), ("Paul", "Martin"), ("Léa", "Durand"), ("Marc", "Petit")]
    for given, family in names:
        made = await clin.post(
            "/api/patients", json=adult_patient(team, given_name=given, family_name=family)
        )
        assert made.status_code == 201, made.text
    red = checkin(5, da_confusion=1)
    sent = await world["patient"].post(f"/api/patients/{pid}/checkins", json=red)
    assert sent.status_code == 201

    # Two at a time: the red patient first; the counts are the whole team's on every page.
    first = (await clin.get(f"/api/teams/{team}/console?limit=2")).json()
    assert first["patients"][0]["id"] == pid and len(first["patients"]) == 2
    assert (first["count"], first["matched"], first["red"], first["offset"]) == (5, 5, 1, 0)
    rest = (await clin.get(f"/api/teams/{team}/console?limit=2&offset=2")).json()
    last = (await clin.get(f"/api/teams/{team}/console?limit=2&offset=4")).json()
    seen = [p["id"] for page in (first, rest, last) for p in page["patients"]]
    assert len(seen) == len(set(seen)) == 5
    counts = (await clin.get(f"/api/teams/{team}/console?limit=0")).json()
    assert counts["patients"] == [] and counts["count"] == 5
    assert (await clin.get(f"/api/teams/{team}/console?limit=501")).status_code == 400

    # A search by name, accents or not, every word: in the body, never in the URL.
    async def search(query: str) -> list[str]:
        resp = await clin.post(f"/api/teams/{team}/console/search", json={"query": query})
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert body["count"] == 5 and body["matched"] == len(body["patients"])
        return [f"{p['given_name']} {p['family_name']}" for p in body["patients"]]

    assert await search("helene") == ["Hélène Martin"]
    assert sorted(await search("MARTIN")) == ["Hélène Martin", "Paul Martin"]
    assert await search("martin pa") == ["Paul Martin"]
    assert await search("nobody") == []
    too_long = await clin.post(f"/api/teams/{team}/console/search", json={"query": "x" * 101})
    assert too_long.status_code == 400

    # Only the page shown is recorded as read: the first page of two did not read the others.
    rows = await AuditEvent.select(AuditEvent.patient_id).where(AuditEvent.action == "team.console")
    shown_once = {str(r["patient_id"]) for r in rows}
    assert pid in shown_once and len(shown_once) == 5
    # Another team's clinician cannot search this team.
    other = await world["clin_b"].post(f"/api/teams/{team}/console/search", json={"query": "a"})
    assert other.status_code == 404
