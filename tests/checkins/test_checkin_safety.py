"""The check-in's safety on the server: a check-in sent before its end (partial) is triaged and
alerted like any other; a note is never triaged but reaches the team's "to read" list, is marked
read by the first clinician who opens it, and the person sees when; the phone gets the illness day;
a plan that does not fit the person's age is refused."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.alerts.tables import Alert
from relais.audit.tables import AuditEvent
from relais.checkins.tables import Checkin
from tests.checkins.test_checkins import GREEN_ANSWERS, checkin
from tests.world import World, adult_patient, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def test_a_partial_red_checkin_is_stored_alerted_and_marked(world: World) -> None:
    pid = world.ids["patient"]
    # Only the first question answered: very short of breath at rest.
    body = checkin(answers={"da_breathless_severe": 1}, vitals={}, partial=True)
    resp = await world["patient"].post(f"/api/patients/{pid}/checkins", json=body)
    assert resp.status_code == 201, resp.text
    out = resp.json()
    assert out["level"] == "red" and out["urgent"] is True and out["alert"]["state"] == "open"
    stored = await Checkin.select().where(Checkin.id == out["id"]).first()
    assert stored is not None and stored["partial"] is True
    alert = await Alert.select().where(Alert.id == out["alert"]["id"]).first()
    assert alert is not None and alert["level"] == "red"
    history = (await world["clin_a"].get(f"/api/patients/{pid}/checkins")).json()
    assert [c["partial"] for c in history if c["id"] == out["id"]] == [True]
    # A whole check-in is not marked.
    whole = await world["patient"].post(f"/api/patients/{pid}/checkins", json=checkin())
    assert whole.json()["level"] == "green"
    again = (await world["patient"].get(f"/api/patients/{pid}/checkins")).json()
    assert [c["partial"] for c in again if c["id"] == whole.json()["id"]] == [False]


async def test_a_picked_symptom_is_triaged_and_self_harm_leads_to_the_crisis_line(
    world: World,
) -> None:
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    harm = await world["patient"].post(
        url, json=checkin(answers={**GREEN_ANSWERS, "sa_self_harm": 1})
    )
    out = harm.json()
    assert out["level"] == "red" and out["flags"] == ["self_harm"] and out["urgent"] is True
    alert = await Alert.select().where(Alert.id == out["alert"]["id"]).first()
    assert alert is not None and alert["kind"] == "self_harm"


async def test_a_note_alone_never_changes_the_level(world: World) -> None:
    pid = world.ids["patient"]
    resp = await world["patient"].post(
        f"/api/patients/{pid}/checkins",
        json=checkin(note="douleur dans la poitrine depuis une heure, chest pain"),
    )
    assert resp.json()["level"] == "green" and resp.json()["alert"] is None


async def test_a_note_is_listed_to_read_then_read_once_and_the_person_sees_it(
    world: World,
) -> None:
    pid, team = world.ids["patient"], world.ids["team_a"]
    url = f"/api/patients/{pid}/checkins"
    sent = await world["patient"].post(url, json=checkin(note="J'ai mal dormi, rien de grave."))
    cid = sent.json()["id"]
    await world["patient"].post(url, json=checkin())  # no note: not listed

    notes = (await world["clin_a"].get(f"/api/teams/{team}/notes")).json()
    assert notes["unread"] == 1
    [item] = notes["items"]
    assert item["checkin_id"] == cid and item["patient_name"] == "Jean Dupont"
    assert item["read_at"] is None and "note" not in item  # the text shows when opened

    # Not the other team's, nor a family member's.
    other = await world["clin_b"].get(f"/api/teams/{team}/notes")
    assert other.status_code in (403, 404)
    assert (await world["proxy"].get(f"/api/teams/{team}/notes")).status_code in (401, 403)
    opened_elsewhere = await world["clin_b"].post(f"{url}/{cid}/note/open", json={})
    assert opened_elsewhere.status_code == 404

    before = (await world["patient"].get(url)).json()
    assert [c["note_read_at"] for c in before if c["id"] == cid] == [None]

    opened = await world["clin_a"].post(f"{url}/{cid}/note/open", json={})
    assert opened.status_code == 200, opened.text
    first = opened.json()
    assert first["note"] == "J'ai mal dormi, rien de grave." and first["read_by_name"]
    # Opened again (or by a colleague): the first reading stays.
    again = (await world["clin_a"].post(f"{url}/{cid}/note/open", json={})).json()
    assert again["read_at"] == first["read_at"]

    after = (await world["clin_a"].get(f"/api/teams/{team}/notes")).json()
    assert after["unread"] == 0 and after["items"][0]["read_at"] == first["read_at"]
    mine = (await world["patient"].get(url)).json()
    [read_at] = [c["note_read_at"] for c in mine if c["id"] == cid]
    assert read_at is not None
    assert dt.datetime.fromisoformat(read_at) == dt.datetime.fromisoformat(first["read_at"])

    reads = await AuditEvent.select().where(
        (AuditEvent.action == "note.read") & (AuditEvent.outcome == "ok")
    )
    assert len(reads) == 2
    lists = await AuditEvent.select().where(AuditEvent.action == "note.list")
    assert lists and all(str(r["patient_id"]) == pid for r in lists)

    missing = await world["clin_a"].post(f"{url}/{uuid.uuid4()}/note/open", json={})
    assert missing.status_code == 404


async def test_a_team_the_person_stopped_sharing_with_gets_no_new_note(world: World) -> None:
    pid, team = world.ids["patient"], world.ids["team_a"]
    consent = f"/api/patients/{pid}/consent/teams"
    done = await world["patient"].post(
        consent, json={"team_id": team, "decision": "withdrawn", "confirm": True}
    )
    assert done.status_code == 200
    sent = await world["patient"].post(
        f"/api/patients/{pid}/checkins", json=checkin(note="Une note après le retrait.")
    )
    cid = sent.json()["id"]
    notes = (await world["clin_a"].get(f"/api/teams/{team}/notes")).json()
    assert notes["unread"] == 0 and notes["items"] == []
    opened = await world["clin_a"].post(f"/api/patients/{pid}/checkins/{cid}/note/open", json={})
    assert opened.status_code == 404


async def test_the_phone_gets_day_1_and_the_discharge_date(world: World) -> None:
    circle = (await world["patient"].get("/api/me/circle")).json()["people"]
    [me] = circle
    assert me["discharge_date"] == (dt.date.today() - dt.timedelta(days=10)).isoformat()
    assert "day1" in me and me["day1"] is None


async def test_enrolment_refuses_a_plan_that_does_not_fit_the_age(world: World) -> None:
    team = world.ids["team_a"]
    today = dt.date.today()
    child = adult_patient(
        team, given_name="Gabriel", birth_date=(today - dt.timedelta(days=800)).isoformat()
    )
    refused = await world["clin_a"].post("/api/patients", json=child)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "plan_id"
    # Said in the clinician's language (French here).
    assert refused.json()["detail"] == (
        "Ce plan de suivi est fait pour les adultes : choisissez un plan fait pour les enfants."
    )
    # The same child in a plan for every age is enrolled.
    ok = await world["clin_a"].post(
        "/api/patients",
        json={**child, "plan_id": "acute_infection_home", "day1": today.isoformat()},
    )
    assert ok.status_code == 201, ok.text
    # Moving an adult to the children's plan is refused too.
    pid = world.ids["patient"]
    moved = await world["clin_a"].patch(
        f"/api/patients/{pid}", json={"plan_id": "child_post_sepsis"}
    )
    assert moved.status_code == 400 and moved.json()["errors"][0]["field"] == "plan_id"


async def test_home_shows_the_most_severe_open_alert_not_the_latest(world: World) -> None:
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    red = await world["patient"].post(url, json=checkin(3, answers={"da_confusion": 1}))
    amber = await world["patient"].post(url, json=checkin(1, answers={"da_fever": 1}))
    assert red.json()["level"] == "red" and amber.json()["level"] == "amber"
    today = (await world["patient"].get(f"/api/patients/{pid}/today")).json()
    assert today["open_alert"]["id"] == red.json()["alert"]["id"]
