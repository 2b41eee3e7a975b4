"""Submitting check-ins: the answer comes back at once, alerts open atomically, writes are
idempotent, late and future times are handled, values out of range are refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.alerts.tables import Alert
from relais.checkins.tables import Checkin
from relais.notify.tables import Outbox
from tests.world import World, world_fixture

GREEN_ANSWERS = {
    "da_confusion": 0, "da_shivering": 0, "da_no_urine": 0, "da_breathless_severe": 0,
    "da_might_die": 0, "da_skin": 0, "da_worse": 0, "da_fever": 0,
}  # fmt: skip
GREEN_VITALS = {
    "temperature": 36.8,
    "spo2": 97,
    "heart_rate": 72,
    "resp_rate": 14,
    "systolic_bp": 124,
}


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


def checkin(minutes_ago: float = 1, **over: Any) -> dict[str, Any]:
    taken = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)
    body = {
        "id": str(uuid.uuid4()),
        "taken_at": taken.isoformat(),
        "answers": dict(GREEN_ANSWERS),
        "vitals": dict(GREEN_VITALS),
        "note": "",
    }
    body.update(over)
    return body


async def test_green_amber_red_answers(world: World) -> None:
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    green = await world["patient"].post(url, json=checkin())
    assert green.status_code == 201, green.text
    assert green.json()["level"] == "green" and green.json()["alert"] is None

    amber = await world["patient"].post(
        url, json=checkin(vitals={**GREEN_VITALS, "temperature": 38.6})
    )
    body = amber.json()
    assert body["level"] == "amber" and body["alert"]["state"] == "open"
    assert any(f["id"] == "adult_temp_high_amber" for f in body["fired"])
    assert all(f["reason"] for f in body["fired"])  # plain words, in the person's language

    red = await world["proxy"].post(url, json=checkin(answers={**GREEN_ANSWERS, "da_confusion": 1}))
    body = red.json()
    assert body["level"] == "red" and body["urgent"] is True
    alert = await Alert.select().where(Alert.id == body["alert"]["id"]).first()
    assert (
        alert is not None and alert["level"] == "red" and str(alert["team"]) == world.ids["team_a"]
    )
    assert alert["content_version"] == world.app.state.content.version
    stored = await Checkin.select().where(Checkin.id == body["id"]).first()
    assert stored is not None and stored["content_version"] == world.app.state.content.version


async def test_single_red_vital_is_red_on_its_own(world: World) -> None:
    pid = world.ids["patient"]
    only = {
        "id": str(uuid.uuid4()),
        "taken_at": dt.datetime.now(dt.UTC).isoformat(),
        "vitals": {"resp_rate": 27, "spo2": None},
    }
    resp = await world["patient"].post(f"/api/patients/{pid}/checkins", json=only)
    assert resp.json()["level"] == "red"


async def test_self_harm_answer_shows_help_and_opens_urgent_alert(world: World) -> None:
    pid = world.ids["patient"]
    answers = {f"phq9_{i}": 0 for i in range(1, 10)} | {"phq9_9": 1}
    resp = await world["patient"].post(
        f"/api/patients/{pid}/checkins", json=checkin(answers=answers)
    )
    body = resp.json()
    assert "self_harm" in body["flags"] and body["urgent"] is True
    assert body["scores"]["phq9"] == 1.0
    alert = await Alert.select().where(Alert.id == body["alert"]["id"]).first()
    assert alert is not None and alert["kind"] == "self_harm" and alert["urgent"]


async def test_replay_returns_the_stored_result_and_conflicts_are_refused(world: World) -> None:
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    body = checkin(vitals={**GREEN_VITALS, "spo2": 90})
    first = await world["patient"].post(url, json=body)
    replay = await world["patient"].post(url, json=body)
    assert first.status_code == 201 and replay.status_code == 200
    assert replay.json() == first.json()
    assert await Checkin.count() == 1 and await Alert.count() == 1
    other = {**body, "vitals": {**GREEN_VITALS, "spo2": 99}}
    conflict = await world["patient"].post(url, json=other)
    assert conflict.status_code == 409 and conflict.json()["code"] == "checkin-id-conflict"
    # The same id sent for another patient is a conflict too, never a read of the other's data.
    elsewhere = await world["other_patient"].post(
        f"/api/patients/{world.ids['other_patient']}/checkins", json=body
    )
    assert elsewhere.status_code == 409
    assert "spo2" not in elsewhere.text


async def test_late_future_and_history_order(world: World) -> None:
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    client = world["patient"]
    late = await client.post(url, json=checkin(minutes_ago=6 * 24 * 60))
    assert late.status_code == 201
    too_old = await client.post(url, json=checkin(minutes_ago=8 * 24 * 60))
    assert too_old.status_code == 400 and too_old.json()["code"] == "taken-too-old"
    future = await client.post(url, json=checkin(minutes_ago=-30))
    assert future.status_code == 400 and future.json()["code"] == "taken-in-future"
    skew = await client.post(url, json=checkin(minutes_ago=-2))
    assert skew.status_code == 201
    naive = await client.post(url, json=checkin() | {"taken_at": "2026-11-20T10:00:00"})
    assert naive.status_code == 400 and naive.json()["code"] == "naive-time"
    # Times at the ends of the calendar, which cannot even be put in UTC, are refused too.
    for taken_at in ("0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"):
        edge = await client.post(url, json=checkin() | {"taken_at": taken_at})
        assert edge.status_code == 400, edge.text
        assert edge.json()["errors"][0]["field"] == "taken_at"
        assert "entre 1900 et 2199" in edge.json()["errors"][0]["message"]  # in French
    history = (await client.get(f"{url}?days=30")).json()
    times = [h["taken_at"] for h in history]
    assert len(history) == 2 and times == sorted(times, reverse=True)


async def test_a_late_checkin_is_triaged_with_the_history_before_its_own_time(
    world: World,
) -> None:
    """Sent two days late, a check-in is compared with what came before it was taken, not with
    what was sent since."""
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    client = world["patient"]
    day = 24 * 60
    for minutes_ago, rate in ((4 * day, 16), (3 * day, 17), (60, 15)):
        sent = await client.post(
            url, json=checkin(minutes_ago, vitals=GREEN_VITALS | {"resp_rate": rate})
        )
        assert sent.json()["level"] == "green", sent.text
    late = await client.post(url, json=checkin(2 * day, vitals=GREEN_VITALS | {"resp_rate": 18}))
    assert late.status_code == 201
    # 16, 17, then 18: rising over three check-ins (the 15 of an hour ago came after).
    assert [f["id"] for f in late.json()["fired"]] == ["resp_rate_rising"]
    now = await client.post(url, json=checkin(1, vitals=GREEN_VITALS | {"resp_rate": 18}))
    # 18 (two days ago), 15, 18: not rising.
    assert now.json()["level"] == "green", now.text


async def test_out_of_range_values_are_refused_not_stored(world: World) -> None:
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    for vitals, field in (
        ({"temperature": 98.6}, "vitals.temperature"),
        ({"spo2": 120}, "vitals.spo2"),
        ({"pulse": 80}, "vitals.pulse"),
    ):
        resp = await world["patient"].post(url, json=checkin(vitals=vitals))
        assert resp.status_code == 400, resp.text
        errors = resp.json()["errors"]
        assert errors[0]["field"] == field
    wrong_answer = await world["patient"].post(url, json=checkin(answers={"da_confusion": 7}))
    assert wrong_answer.status_code == 400
    unknown = await world["patient"].post(url, json=checkin(answers={"zz_item": 1}))
    assert unknown.status_code == 400
    # French for a French-speaking account.
    resp = await world["patient"].post(url, json=checkin(vitals={"temperature": 98.6}))
    assert "n'est pas possible" in resp.json()["detail"]
    assert await Checkin.count() == 0


async def test_alert_and_checkin_are_one_transaction(world: World, monkeypatch: Any) -> None:
    import relais.checkins.service as svc

    real_new_alert = svc.new_alert

    async def broken_midway(**kwargs: Any) -> Any:
        alert = await real_new_alert(**kwargs)
        # The alert's first timeline event is refused by the database (a required value missing)
        # once the check-in and the alert rows are written: the write dies midway.
        (alert_sql, alert_args), (event_sql, event_args), *rest = alert.writes
        broken = (event_sql, (*event_args[:2], None, *event_args[3:]))
        return dataclasses.replace(alert, writes=((alert_sql, alert_args), broken, *rest))

    monkeypatch.setattr(svc, "new_alert", broken_midway)
    pid = world.ids["patient"]
    resp = await world["patient"].post(
        f"/api/patients/{pid}/checkins", json=checkin(vitals={"resp_rate": 30})
    )
    assert resp.status_code == 500 and "Traceback" not in resp.text
    assert await Checkin.count() == 0
    assert await Alert.count() == 0
    assert await Outbox.count() == 0
    # Without the fault, the same check-in goes in with its alert and its notifications.
    monkeypatch.setattr(svc, "new_alert", real_new_alert)
    resp = await world["patient"].post(
        f"/api/patients/{pid}/checkins", json=checkin(vitals={"resp_rate": 30})
    )
    assert resp.status_code == 201 and resp.json()["alert"]["state"] == "open"
    assert await Checkin.count() == 1 and await Alert.count() == 1
    assert await Outbox.count() >= 1


async def test_per_patient_threshold_changes_only_that_patient(world: World) -> None:
    pid, qid = world.ids["patient"], world.ids["other_patient"]
    low = checkin(vitals={**GREEN_VITALS, "spo2": 89})
    assert (await world["patient"].post(f"/api/patients/{pid}/checkins", json=low)).json()[
        "level"
    ] == "red"
    set_ = await world["clin_a"].put(
        f"/api/patients/{pid}/thresholds",
        json={
            "key": "spo2",
            "params": {"red_lte": 85, "amber_lte": 88},
            "reason": "COPD, usual SpO2 88-90 %",
        },
    )
    assert set_.status_code == 200, set_.text
    row = set_.json()[0]
    assert row["set_by_name"] and row["reason"].startswith("COPD")
    again = checkin(vitals={**GREEN_VITALS, "spo2": 89})
    assert (await world["patient"].post(f"/api/patients/{pid}/checkins", json=again)).json()[
        "level"
    ] == "green"
    other = checkin(vitals={**GREEN_VITALS, "spo2": 89})
    assert (await world["other_patient"].post(f"/api/patients/{qid}/checkins", json=other)).json()[
        "level"
    ] == "red"
    bad = await world["clin_a"].put(
        f"/api/patients/{pid}/thresholds",
        json={"key": "spo2", "params": {"purple_lte": 3}, "reason": "typo"},
    )
    assert bad.status_code == 400
    # The person's phone gets the limits in force (the phone triages offline with them); the
    # other patient's, none.
    today = (await world["patient"].get(f"/api/patients/{pid}/today")).json()
    assert today["thresholds"] == {"spo2": {"red_lte": 85, "amber_lte": 88}}
    assert (await world["other_patient"].get(f"/api/patients/{qid}/today")).json()[
        "thresholds"
    ] == {}


async def test_today_shows_due_items_last_result_and_open_alert(world: World) -> None:
    pid = world.ids["patient"]
    await world["patient"].post(
        f"/api/patients/{pid}/checkins", json=checkin(vitals={**GREEN_VITALS, "temperature": 38.6})
    )
    today = (await world["patient"].get(f"/api/patients/{pid}/today")).json()
    assert today["last_checkin"]["level"] == "amber"
    assert today["open_alert"]["state"] == "open"
    assert today["missed"] and {i["status"] for i in today["missed"]} == {"missed"}
    scoped = (await world["scoped_proxy"].get(f"/api/patients/{pid}/today")).json()
    assert scoped["last_checkin"] is None and scoped["open_alert"] is None


async def test_simultaneous_retries_store_once_and_all_get_the_answer(world: World) -> None:
    import asyncio

    pid = world.ids["patient"]
    body = checkin(vitals={**GREEN_VITALS, "resp_rate": 30})
    answers = await asyncio.gather(
        *(world["patient"].post(f"/api/patients/{pid}/checkins", json=body) for _ in range(6))
    )
    codes = sorted(r.status_code for r in answers)
    assert codes == [200, 200, 200, 200, 200, 201], [r.text for r in answers]
    assert {r.json()["level"] for r in answers} == {"red"}
    assert await Checkin.count() == 1 and await Alert.count() == 1


async def test_each_checkin_write_is_audited_once_stored_refused_or_replayed(world: World) -> None:
    from relais.audit.tables import AuditEvent

    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"

    async def audited() -> list[dict[str, Any]]:
        return list(
            await AuditEvent.select(AuditEvent.outcome, AuditEvent.actor_role).where(
                (AuditEvent.action == "checkin.write") & (AuditEvent.patient_id == pid)
            )
        )

    before = len(await audited())
    green = checkin()
    assert (await world["patient"].post(url, json=green)).status_code == 201
    assert len(await audited()) == before + 1  # written with the check-in, once
    red = checkin(answers={**GREEN_ANSWERS, "da_confusion": 1})
    assert (await world["patient"].post(url, json=red)).status_code == 201
    assert len(await audited()) == before + 2  # with the check-in and its alert
    assert (await world["patient"].post(url, json=green)).status_code == 200  # a replay
    assert len(await audited()) == before + 3
    bad = checkin(vitals={**GREEN_VITALS, "temperature": 55})
    assert (await world["patient"].post(url, json=bad)).status_code == 400  # refused
    rows = await audited()
    assert len(rows) == before + 4
    assert {r["outcome"] for r in rows} == {"ok"} and {r["actor_role"] for r in rows} == {"patient"}


async def test_today_carries_the_discharge_papers_for_who_may_read_results(world: World) -> None:
    """The next appointment (when, where, what for), prescriptions and the 24/7 referent reach the
    phone with today's data (kept there for offline use), and follow the team's edits; a family
    member without access to results does not get them."""
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/handover"
    when = (dt.datetime.now(dt.UTC) + dt.timedelta(days=20)).replace(microsecond=0)
    papers = {
        "summary": "Sepsis pulmonaire",
        "referent_name": "Dr Émile Girard",
        "referent_phone": "01 40 00 00 00",
        "prescriptions": "Amoxicilline 7 jours",
        "next_appointment_at": when.isoformat(),
        "next_appointment_place": "Bâtiment B",
        "next_appointment_reason": "Bilan à un mois",
    }
    assert (await world["clin_a"].put(url, json=papers)).status_code in (200, 201)
    today = (await world["patient"].get(f"/api/patients/{pid}/today")).json()
    handover = today["handover"]
    assert handover["next_appointment_reason"] == "Bilan à un mois"
    assert dt.datetime.fromisoformat(handover["next_appointment_at"]) == when
    assert handover["referent_phone"] == "01 40 00 00 00"
    assert (await world["proxy"].get(f"/api/patients/{pid}/today")).json()["handover"] is not None
    scoped = (await world["scoped_proxy"].get(f"/api/patients/{pid}/today")).json()
    assert scoped["handover"] is None
    changed = {**papers, "next_appointment_place": "Hôpital de jour, 2e étage"}
    assert (await world["clin_a"].put(url, json=changed)).status_code in (200, 201)
    again = (await world["patient"].get(f"/api/patients/{pid}/today")).json()["handover"]
    assert again["next_appointment_place"] == "Hôpital de jour, 2e étage"
