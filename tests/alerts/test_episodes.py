"""One alert per episode: while a patient's alert is open, a check-in that fires again updates it
(how many check-ins, the latest one, the highest level, the reasons) instead of opening another.
A repeat never moves the escalation's deadline and notifies nobody; a rise from amber to red
opens the alert again and notifies the team at once; a closed alert starts a new episode."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.alerts.tables import Alert, AlertEvent
from relais.notify.tables import Outbox
from tests.checkins.test_checkins import GREEN_ANSWERS, GREEN_VITALS, checkin
from tests.world import World, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


FEVER = {**GREEN_VITALS, "temperature": 38.6}
LOW_SPO2 = {**GREEN_VITALS, "temperature": 38.6, "spo2": 93}


async def send(world: World, **over: Any) -> dict[str, Any]:
    url = f"/api/patients/{world.ids['patient']}/checkins"
    resp = await world["patient"].post(url, json=checkin(**over))
    assert resp.status_code == 201, resp.text
    return resp.json()  # type: ignore[no-any-return]


async def alert_notices(alert_id: str) -> int:
    return await Outbox.count().where((Outbox.kind == "alert") & (Outbox.ref_id == alert_id))


async def test_repeated_amber_checkins_update_one_alert(world: World) -> None:
    first = await send(world, vitals=FEVER)
    alert_id = first["alert"]["id"]
    before = await Alert.select().where(Alert.id == alert_id).first()
    assert before is not None
    notices = await alert_notices(alert_id)
    assert notices >= 1

    second = await send(world, vitals=LOW_SPO2)
    third = await send(world, vitals=FEVER)
    assert second["level"] == "amber" and second["alert"]["id"] == alert_id
    assert third["alert"]["id"] == alert_id
    assert await Alert.count() == 1

    listed = (await world["clin_a"].get("/api/alerts")).json()
    assert [a["id"] for a in listed] == [alert_id]
    (shown,) = listed
    assert shown["checkins"] == 3 and shown["last_checkin_id"] == third["id"]
    assert shown["level"] == "amber" and shown["state"] == "open"
    # The reasons of every check-in of the episode, the latest first.
    assert set(shown["reasons"]) >= {f["id"] for f in second["fired"]}
    after = await Alert.select().where(Alert.id == alert_id).first()
    assert after is not None
    # Repeats never reset the escalation timer, and notify nobody again.
    assert after["next_escalation_at"] == before["next_escalation_at"]
    assert after["escalation_step"] == before["escalation_step"]
    assert await alert_notices(alert_id) == notices
    kinds = [e["kind"] for e in await AlertEvent.select().where(AlertEvent.alert == alert_id)]
    assert kinds.count("repeated") == 2


async def test_a_rise_to_red_updates_the_alert_and_notifies_at_once(world: World) -> None:
    amber = await send(world, vitals=FEVER)
    alert_id = amber["alert"]["id"]
    ack = await world["clin_a"].post(f"/api/alerts/{alert_id}/acknowledge")
    assert ack.status_code == 200 and ack.json()["state"] == "acknowledged"
    notices = await alert_notices(alert_id)

    # Seen, then the same again: still seen, still one alert, nobody pushed.
    again = await send(world, vitals=FEVER)
    assert again["alert"]["id"] == alert_id and again["alert"]["state"] == "acknowledged"
    assert await alert_notices(alert_id) == notices

    red = await send(world, answers={**GREEN_ANSWERS, "da_confusion": 1})
    assert red["level"] == "red" and red["alert"]["id"] == alert_id
    assert red["alert"]["state"] == "open"  # a rise needs someone to look again
    row = await Alert.select().where(Alert.id == alert_id).first()
    assert row is not None and row["level"] == "red" and row["urgent"]
    assert row["escalation_step"] == 0 and row["next_escalation_at"] is not None
    assert await alert_notices(alert_id) > notices  # the team is told at once
    kinds = [e["kind"] for e in await AlertEvent.select().where(AlertEvent.alert == alert_id)]
    assert "raised" in kinds and "acknowledged" in kinds

    # A lower level afterwards keeps the highest.
    lower = await send(world, vitals=FEVER)
    assert lower["alert"]["id"] == alert_id
    row = await Alert.select(Alert.level, Alert.repeats).where(Alert.id == alert_id).first()
    assert row == {"level": "red", "repeats": 3}


async def test_a_closed_alert_starts_a_new_episode(world: World) -> None:
    first = await send(world, vitals=FEVER)
    alert_id = first["alert"]["id"]
    closed = await world["clin_a"].post(
        f"/api/alerts/{alert_id}/resolve", json={"outcome": "called_patient", "note": "ok"}
    )
    assert closed.status_code == 200, closed.text
    second = await send(world, vitals=FEVER)
    assert second["alert"]["id"] != alert_id and second["alert"]["state"] == "open"
    assert await Alert.count() == 2

    # The team's record of the closed one says who closed it, when, how, and the note; the
    # patient's says none of it.
    url = f"/api/patients/{world.ids['patient']}/alerts"
    team_view = {a["id"]: a for a in (await world["clin_a"].get(url)).json()}
    closed_row = team_view[alert_id]
    assert closed_row["outcome"] == "called_patient" and closed_row["note"] == "ok"
    assert closed_row["resolved_by_name"] and closed_row["resolved_at"]
    assert closed_row["checkins"] == 1 and team_view[second["alert"]["id"]]["state"] == "open"
    mine = (await world["patient"].get(url)).json()
    assert all(set(a) <= {"id", "level", "state", "opened_at", "acknowledged_at"} for a in mine)


async def test_a_repeat_sent_again_gets_the_same_alert(world: World) -> None:
    await send(world, vitals=FEVER)
    url = f"/api/patients/{world.ids['patient']}/checkins"
    body = checkin(vitals=LOW_SPO2)
    first = await world["patient"].post(url, json=body)
    replay = await world["patient"].post(url, json=body)
    assert first.status_code == 201 and replay.status_code == 200
    assert replay.json()["alert"] == first.json()["alert"]
    assert await Alert.count() == 1


async def test_snooze_is_bounded_has_a_reason_delays_escalation_and_ends_on_a_rise(
    world: World,
) -> None:
    from relais.audit.tables import AuditEvent

    amber = await send(world, vitals=FEVER)
    alert_id = amber["alert"]["id"]
    before = await Alert.select().where(Alert.id == alert_id).first()
    assert before is not None
    url = f"/api/alerts/{alert_id}/snooze"
    clin = world["clin_a"]
    # Bounded, and a reason is required.
    too_long = await clin.post(url, json={"minutes": 241, "reason": "rappel prévu"})
    assert too_long.status_code == 422 and too_long.json()["code"] == "snooze-too-long"
    assert (await clin.post(url, json={"minutes": 60, "reason": "  "})).status_code == 400
    assert (
        await world["clin_b"].post(url, json={"minutes": 60, "reason": "x" * 5})
    ).status_code == 404
    assert (
        await world["patient"].post(url, json={"minutes": 60, "reason": "x" * 5})
    ).status_code == 403

    done = await clin.post(url, json={"minutes": 120, "reason": "Rappel prévu à 16 h"})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["snooze_reason"] == "Rappel prévu à 16 h" and body["snoozed_until"]
    # The escalation waits until the end of the snooze, never less than it would have.
    assert body["next_escalation_at"] >= body["snoozed_until"]
    assert body["next_escalation_at"] >= before["next_escalation_at"].isoformat()[:19]
    assert any(
        e["kind"] == "snoozed" and e["detail"] == "Rappel prévu à 16 h" for e in body["timeline"]
    )
    audited = await AuditEvent.select(AuditEvent.action, AuditEvent.outcome).where(
        AuditEvent.action == "alert.snooze"
    )
    assert {"action": "alert.snooze", "outcome": "ok"} in audited

    # A rise to red ends the snooze and notifies at once.
    red = await send(world, answers={**GREEN_ANSWERS, "da_confusion": 1})
    assert red["alert"]["id"] == alert_id
    row = await Alert.select(Alert.snoozed_until, Alert.level).where(Alert.id == alert_id).first()
    assert row == {"snoozed_until": None, "level": "red"}
    # Red waits an hour at most.
    longer = await clin.post(url, json={"minutes": 90, "reason": "Rappel prévu à 16 h"})
    assert longer.status_code == 422
    # Snoozed for 30 minutes, the red alert's next step (due sooner) waits until then.
    held = await clin.post(url, json={"minutes": 30, "reason": "Patient rappelé, SAMU prévenu"})
    assert held.status_code == 200, held.text
    assert held.json()["next_escalation_at"] == held.json()["snoozed_until"]


async def test_an_alert_shows_the_values_the_thresholds_crossed_and_whose_they_are(
    world: World,
) -> None:
    """The fever of 38.6 °C against the content's 38.0; a SpO2 of 89 % that crosses both the red
    (91) and the amber (95) bands shows the red one only; with this patient's own threshold, the
    alert says it is the patient's."""
    amber = await send(world, vitals=FEVER)
    (listed,) = (await world["clin_a"].get("/api/alerts")).json()
    assert listed["id"] == amber["alert"]["id"]
    assert {
        "rule": "adult_temp_high_amber",
        "level": "amber",
        "kind": "vital",
        "name": "temperature",
        "value": 38.6,
        "op": "gt",
        "threshold": 38.0,
    } in listed["measures"]
    # Content thresholds are the default, left out of the answer.
    assert all(m.get("whose", "content") == "content" for m in listed["measures"])

    red = await send(world, vitals={**GREEN_VITALS, "spo2": 89})
    assert red["alert"]["id"] == listed["id"]
    shown = (await world["clin_a"].get(f"/api/alerts/{listed['id']}")).json()["measures"]
    spo2 = [m for m in shown if m["name"] == "spo2"]
    assert spo2 and all(m["level"] == "red" for m in spo2), spo2
    assert spo2[0]["value"] == 89 and spo2[0]["threshold"] == 91 and spo2[0]["op"] == "lte"

    closed = await world["clin_a"].post(
        f"/api/alerts/{listed['id']}/resolve", json={"outcome": "called_patient", "note": "ok"}
    )
    assert closed.status_code == 200
    own = await world["clin_a"].put(
        f"/api/patients/{world.ids['patient']}/thresholds",
        json={"key": "spo2", "params": {"red_lte": 85, "amber_lte": 88}, "reason": "BPCO"},
    )
    assert own.status_code == 200, own.text
    lower = await send(world, vitals={**GREEN_VITALS, "spo2": 84})
    measured = (await world["clin_a"].get(f"/api/alerts/{lower['alert']['id']}")).json()
    (spo2_own,) = [m for m in measured["measures"] if m["name"] == "spo2"]
    assert spo2_own["threshold"] == 85 and spo2_own["whose"] == "patient"
