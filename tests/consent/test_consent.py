"""Terms and privacy notice accepted per version; sharing with a team withdrawn (explained first,
then confirmed) hides what comes after from that team only; who saw my record."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.alerts.tables import Alert
from relais.care.tables import PatientTeam
from relais.notify.tables import Outbox
from tests.exports.support import checkin
from tests.world import World, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def test_documents_are_accepted_per_version(world: World) -> None:
    me = world["patient"]
    # Accepted in the sign-up form (tests.world sends what the form sends).
    out = (await me.get("/api/consent")).json()
    assert out["pending"] == []
    assert {d["document"]: d["accepted_version"] for d in out["documents"]} == {
        "terms": 1,
        "privacy": 1,
    }
    terms = next(d for d in out["documents"] if d["document"] == "terms")
    assert terms["title"] == "Conditions d'utilisation" and "15" in terms["body"]
    stale = await me.post("/api/consent/accept", json={"document": "terms", "version": 99})
    assert stale.status_code == 409 and stale.json()["code"] == "document-version-changed"
    for doc in ("terms", "privacy"):
        ok = await me.post("/api/consent/accept", json={"document": doc, "version": 1})
        assert ok.status_code == 200, ok.text
    assert (await me.get("/api/consent")).json()["pending"] == []

    # A new version of the privacy notice asks again, for that document only.
    app = world.app
    library = app.state.content
    privacy = dataclasses.replace(library.consent["privacy"], version=2)
    app.state.content = dataclasses.replace(
        library, consent={**library.consent, "privacy": privacy}
    )
    try:
        out = (await me.get("/api/consent")).json()
        assert out["pending"] == ["privacy"]
        again = await me.post("/api/consent/accept", json={"document": "privacy", "version": 2})
        assert again.json()["pending"] == []
    finally:
        app.state.content = library


async def test_withdrawing_sharing_hides_new_checkins_from_that_team(world: World) -> None:
    pid = world.ids["patient"]
    team = world.ids["team_a"]
    url = f"/api/patients/{pid}/consent/teams"
    listed = (await world["patient"].get(url)).json()
    assert [t["status"] for t in listed] == ["shared"] and listed[0]["team_name"] == "Réanimation A"
    before = await world["patient"].post(f"/api/patients/{pid}/checkins", json=checkin(30))
    assert before.status_code == 201

    preview = await world["patient"].post(url, json={"team_id": team, "decision": "withdrawn"})
    assert preview.status_code == 200 and preview.json()["applied"] is False
    assert "Réanimation A" in preview.json()["explanation"]
    assert (await world["patient"].get(url)).json()[0]["status"] == "shared"
    staff = await world["clin_a"].post(
        url, json={"team_id": team, "decision": "withdrawn", "confirm": True}
    )
    assert staff.status_code == 403
    done = await world["patient"].post(
        url, json={"team_id": team, "decision": "withdrawn", "confirm": True}
    )
    assert done.status_code == 200 and done.json()["applied"] is True
    assert done.json()["team"]["status"] == "withdrawn"

    after = await world["patient"].post(f"/api/patients/{pid}/checkins", json=checkin(1))
    assert after.status_code == 201
    ids_after, ids_before = after.json()["id"], before.json()["id"]

    seen_by_team = {
        c["id"] for c in (await world["clin_a"].get(f"/api/patients/{pid}/checkins")).json()
    }
    assert ids_before in seen_by_team and ids_after not in seen_by_team
    today = (await world["clin_a"].get(f"/api/patients/{pid}/today")).json()
    assert today["last_checkin"]["id"] == ids_before

    def vital_obs(bundle: dict[str, Any]) -> int:
        return sum(
            1
            for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Observation"
            and e["resource"]["category"][0]["coding"][0]["code"] == "vital-signs"
        )

    export = f"/api/patients/{pid}/export/fhir"
    assert vital_obs((await world["clin_a"].get(export)).json()) == 5
    assert vital_obs((await world["patient"].get(export)).json()) == 10
    seen_by_patient = {
        c["id"] for c in (await world["patient"].get(f"/api/patients/{pid}/checkins")).json()
    }
    assert {ids_before, ids_after} <= seen_by_patient

    # Sharing again shows everything again.
    back = await world["proxy"].post(
        url, json={"team_id": team, "decision": "shared", "confirm": True}
    )
    assert back.status_code == 200 and back.json()["team"]["status"] == "shared"
    seen_by_team = {
        c["id"] for c in (await world["clin_a"].get(f"/api/patients/{pid}/checkins")).json()
    }
    assert ids_after in seen_by_team


async def test_access_log_shows_who_read_the_record(world: World) -> None:
    pid = world.ids["patient"]
    await world["clin_a"].get(f"/api/patients/{pid}")
    await world["clin_a"].get(f"/api/patients/{pid}/export/pdf")
    await world["proxy"].get(f"/api/patients/{pid}/checkins")
    log = await world["patient"].get(f"/api/patients/{pid}/access-log")
    assert log.status_code == 200, log.text
    body = log.json()
    items = body["items"]
    assert items[0]["who"] == "Sylvie" and items[0]["role"] == "proxy"
    assert items[1]["action"] == "export.pdf" and items[1]["role"] == "clinician"
    assert items[1]["teams"] == ["Réanimation A"]
    assert [i["at"] for i in items] == sorted((i["at"] for i in items), reverse=True)
    assert all(i["who"] != "Jean" for i in items)  # one's own reads are not listed
    page = (await world["patient"].get(f"/api/patients/{pid}/access-log?per_page=1&page=2")).json()
    assert page["total"] == body["total"] and page["items"][0] == items[1]
    assert (await world["proxy"].get(f"/api/patients/{pid}/access-log")).status_code == 200
    assert (await world["scoped_proxy"].get(f"/api/patients/{pid}/access-log")).status_code == 403
    assert (await world["clin_a"].get(f"/api/patients/{pid}/access-log")).status_code == 403


async def test_a_team_no_longer_shared_with_is_never_alerted(world: World) -> None:
    """Stopping sharing stops the alerts too: the next team shared with gets them, and with none
    left nobody does, as the person was told before confirming (with the emergency number)."""
    pid, team_a, team_b = world.ids["patient"], world.ids["team_a"], world.ids["team_b"]
    await PatientTeam.insert(PatientTeam(patient=pid, team=team_b))
    url = f"/api/patients/{pid}/consent/teams"
    me = world["patient"]
    red = {"temperature": 36.8, "spo2": 85, "heart_rate": 72, "resp_rate": 14}

    preview = (await me.post(url, json={"team_id": team_a, "decision": "withdrawn"})).json()
    assert "« Cabinet B » qui sera prévenue" in preview["explanation"]
    english = await me.post(f"{url}?lang=en", json={"team_id": team_a, "decision": "withdrawn"})
    assert '"Cabinet B" will be told' in english.json()["explanation"]
    done = await me.post(url, json={"team_id": team_a, "decision": "withdrawn", "confirm": True})
    assert done.json()["team"]["status"] == "withdrawn"
    # Sharing again would make Réanimation A the team alerted again (it came first).
    assert "« Réanimation A » qui sera prévenue" in done.json()["team"]["explanation"]

    sent = await me.post(f"/api/patients/{pid}/checkins", json=checkin(1, vitals=red))
    assert sent.status_code == 201 and sent.json()["level"] == "red"
    alert_id = sent.json()["alert"]["id"]
    assert [a["id"] for a in (await world["clin_b"].get("/api/alerts")).json()] == [alert_id]
    assert alert_id not in str((await world["clin_a"].get("/api/alerts")).json())
    assert (await world["clin_a"].get(f"/api/alerts/{alert_id}")).status_code == 404
    listed = (await world["clin_a"].get(f"/api/patients/{pid}/alerts")).json()
    assert alert_id not in str(listed)

    async def last_level(clin: str, team: str) -> Any:
        console = (await world[clin].get(f"/api/teams/{team}/console")).json()
        return next(p["last_level"] for p in console["patients"] if p["id"] == pid)

    assert await last_level("clin_a", team_a) is None
    assert await last_level("clin_b", team_b) == "red"

    last = await me.post(url, json={"team_id": team_b, "decision": "withdrawn"})
    words = last.json()["explanation"]
    assert "plus aucune équipe" in words and "appelez vous-même le 15" in words
    await me.post(url, json={"team_id": team_b, "decision": "withdrawn", "confirm": True})
    outbox_before = await Outbox.count()
    alerts_before = await Alert.count().where(Alert.patient == pid)
    alone = await me.post(f"/api/patients/{pid}/checkins", json=checkin(1, vitals=red))
    assert alone.status_code == 201 and alone.json()["level"] == "red"
    assert alone.json()["alert"] is None
    assert await Alert.count().where(Alert.patient == pid) == alerts_before
    assert await Outbox.count() == outbox_before
    for clin in ("clin_a", "clin_b"):
        today = (await world[clin].get(f"/api/patients/{pid}/today")).json()
        assert alone.json()["id"] not in str(today)
    assert alert_id not in str((await world["clin_a"].get(f"/api/patients/{pid}/today")).json())
