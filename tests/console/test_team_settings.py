"""The team settings of the console: members and roles, the on-call rota, escalation delays and the
team's default thresholds (used by triage for every patient of the team unless the patient has
their own); rescheduling a schedule item with a reason; alerts carrying their rule ids for the team.
Only the team lead (or an administrator) changes settings: other members get 403."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais import db
from relais.alerts.tables import Alert
from relais.audit.tables import AuditEvent
from tests.helpers import make_user
from tests.world import World, world_fixture

GREEN_ANSWERS = {
    "da_confusion": 0, "da_shivering": 0, "da_no_urine": 0, "da_breathless_severe": 0,
    "da_might_die": 0, "da_skin": 0, "da_worse": 0, "da_fever": 0,
}  # fmt: skip
GREEN_VITALS = {"temperature": 36.8, "spo2": 97, "heart_rate": 72, "resp_rate": 14}


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


@pytest.fixture
async def member(world: World, make_client: Any) -> AsyncIterator[Any]:
    """A clinician of team A who is not its lead, signed in."""
    user = await make_user(world.app, "clinician", "member.a@w.test", name="Marc Membre")
    added = await world["clin_a"].post(
        f"/api/teams/{world.ids['team_a']}/members",
        json={"email": "Member.A@w.test", "role": "gp"},
    )
    assert added.status_code == 201, added.text
    world.ids["member.a@w.test"] = str(user.id)
    async with make_client() as client:
        await client.login_ok("member.a@w.test")
        yield client


def checkin(minutes_ago: float = 1, **vitals: float) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "taken_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)).isoformat(),
        "answers": dict(GREEN_ANSWERS),
        "vitals": {**GREEN_VITALS, **vitals},
    }


async def level(world: World, who: str, pid: str, **vitals: float) -> str:
    resp = await world[who].post(f"/api/patients/{pid}/checkins", json=checkin(**vitals))
    assert resp.status_code == 201, resp.text
    return str(resp.json()["level"])


async def test_lead_manages_members_and_roles(world: World, member: Any) -> None:
    team = world.ids["team_a"]
    lead = world["clin_a"]
    body = (await lead.get(f"/api/teams/{team}")).json()
    added = next(m for m in body["members"] if m["email"] == "member.a@w.test")
    assert added["role"] == "gp" and added["is_lead"] is False

    # Adding by email finds staff accounts only, and says so the same way for anyone else.
    for email in ("nobody@w.test", "jean@w.test"):
        resp = await lead.post(f"/api/teams/{team}/members", json={"email": email, "role": "gp"})
        assert resp.status_code == 404 and resp.json()["code"] == "user-not-found", resp.text
    missing = await lead.post(f"/api/teams/{team}/members", json={"role": "gp"})
    assert missing.status_code == 400 and missing.json()["code"] == "member-missing"

    uid = world.ids["member.a@w.test"]
    changed = await lead.patch(
        f"/api/teams/{team}/members/{uid}", json={"role": "psychologist", "is_lead": True}
    )
    assert changed.status_code == 200, changed.text
    mine = next(m for m in changed.json()["members"] if m["user_id"] == uid)
    assert mine["role"] == "psychologist" and mine["is_lead"] is True
    # Two leads: one may step down; the last one may not.
    lead_id = world.ids["clin.a@w.test"]
    assert (
        await lead.patch(f"/api/teams/{team}/members/{lead_id}", json={"is_lead": False})
    ).status_code == 200
    last = await member.patch(f"/api/teams/{team}/members/{uid}", json={"is_lead": False})
    assert last.status_code == 409 and last.json()["code"] == "last-lead"
    bad_role = await member.patch(f"/api/teams/{team}/members/{uid}", json={"role": "wizard"})
    assert bad_role.status_code == 400
    assert (
        await member.patch(f"/api/teams/{team}/members/{lead_id}", json={"is_lead": True})
    ).status_code == 200
    assert (await lead.delete(f"/api/teams/{team}/members/{uid}")).status_code == 200
    body = (await lead.get(f"/api/teams/{team}")).json()
    assert uid not in [m["user_id"] for m in body["members"]]
    actions = {
        r["action"]
        for r in await AuditEvent.select(AuditEvent.action).where(AuditEvent.record_id == team)
    }
    assert {"team.member_add", "team.member_update", "team.member_remove"} <= actions


async def test_rota_list_add_and_remove(world: World, member: Any) -> None:
    team = world.ids["team_a"]
    lead = world["clin_a"]
    now = dt.datetime.now(dt.UTC)
    shifts = []
    for start in (2, 26):
        resp = await lead.post(
            f"/api/teams/{team}/on-call",
            json={
                "user_id": world.ids["member.a@w.test"],
                "starts_at": (now + dt.timedelta(hours=start)).isoformat(),
                "ends_at": (now + dt.timedelta(hours=start + 12)).isoformat(),
            },
        )
        assert resp.status_code == 201, resp.text
        shifts = resp.json()["upcoming"]
    assert [s["display_name"] for s in shifts] == ["Marc Membre", "Marc Membre"]
    # A member sees the rota but does not change it.
    assert (await member.get(f"/api/teams/{team}/on-call")).json()["upcoming"] == shifts
    refused = await member.delete(f"/api/teams/{team}/on-call/{shifts[0]['id']}")
    assert refused.status_code == 403 and refused.json()["code"] == "not-team-lead"
    # Another team's lead does not even see it.
    assert (
        await world["clin_b"].delete(f"/api/teams/{team}/on-call/{shifts[0]['id']}")
    ).status_code == 404
    gone = await lead.delete(f"/api/teams/{team}/on-call/{shifts[0]['id']}")
    assert gone.status_code == 200 and gone.json()["upcoming"] == shifts[1:]
    again = await lead.delete(f"/api/teams/{team}/on-call/{shifts[0]['id']}")
    assert again.status_code == 404 and again.json()["code"] == "shift-not-found"
    # The administrator manages every team's rota.
    assert (await world["admin"].delete(f"/api/teams/{team}/on-call/{shifts[1]['id']}")).json()[
        "upcoming"
    ] == []


async def test_escalation_delays_set_by_the_lead_time_new_alerts(world: World, member: Any) -> None:
    team, pid = world.ids["team_a"], world.ids["patient"]
    refused = await member.patch(f"/api/teams/{team}", json={"escalate_amber_min": 60})
    assert refused.status_code == 403
    resp = await world["clin_a"].patch(
        f"/api/teams/{team}", json={"escalate_red_min": 3, "escalate_amber_min": 90}
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["escalate_red_min"] == 3 and resp.json()["escalate_amber_min"] == 90
    too_long = await world["clin_a"].patch(f"/api/teams/{team}", json={"escalate_red_min": 0})
    assert too_long.status_code == 400
    assert await level(world, "patient", pid, temperature=38.6) == "amber"
    alert = await Alert.select().where(Alert.patient == pid).first()
    assert alert is not None
    delay = db.as_utc(alert["next_escalation_at"]) - db.as_utc(alert["opened_at"])
    assert delay == dt.timedelta(minutes=90)
    row = (
        await AuditEvent.select()
        .where(AuditEvent.action == "team.update")
        .order_by(AuditEvent.id, ascending=False)
        .first()
    )
    assert row is not None and row["detail"] == "escalate_red_min,escalate_amber_min"
    assert str(row["actor_id"]) == world.ids["clin.a@w.test"]


async def test_team_default_threshold_applies_to_the_team_patients_only(
    world: World, member: Any
) -> None:
    team, pid, qid = world.ids["team_a"], world.ids["patient"], world.ids["other_patient"]
    assert await level(world, "patient", pid, spo2=93) == "amber"  # content: amber at <= 95
    body = {
        "key": "spo2",
        "params": {"red_lte": 88, "amber_lte": 92},
        "reason": "Chronic respiratory unit: usual SpO2 92-94 %",
    }
    refused = await member.put(f"/api/teams/{team}/thresholds", json=body)
    assert refused.status_code == 403 and refused.json()["code"] == "not-team-lead"
    assert (
        await world["clin_b"].put(f"/api/teams/{team}/thresholds", json=body)
    ).status_code == 404
    assert (await world["patient"].get(f"/api/teams/{team}/thresholds")).status_code == 403
    bad = await world["clin_a"].put(
        f"/api/teams/{team}/thresholds",
        json={**body, "params": {"red_lte": 93, "amber_lte": 92}},
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid-threshold"
    saved = await world["clin_a"].put(f"/api/teams/{team}/thresholds", json=body)
    assert saved.status_code == 200, saved.text
    row = saved.json()[0]
    assert row["set_by_name"] and row["reason"].startswith("Chronic") and row["active"]
    assert (await member.get(f"/api/teams/{team}/thresholds")).json() == saved.json()

    assert await level(world, "patient", pid, spo2=93) == "green"
    assert await level(world, "patient", pid, spo2=90) == "amber"
    assert await level(world, "patient", pid, spo2=88) == "red"
    assert await level(world, "other_patient", qid, spo2=93) == "amber"  # another team

    # The patient's own threshold wins, tag by tag, over the team's.
    own = await world["clin_a"].put(
        f"/api/patients/{pid}/thresholds",
        json={"key": "spo2", "params": {"red_lte": 85}, "reason": "Known COPD"},
    )
    assert own.status_code == 200, own.text
    assert await level(world, "patient", pid, spo2=87) == "amber"
    assert await level(world, "patient", pid, spo2=93) == "green"
    effective = await world["clin_a"].get(f"/api/patients/{pid}/thresholds/effective")
    assert effective.status_code == 200, effective.text
    assert effective.json()["thresholds"] == {
        "spo2": {
            "red_lte": {"value": 85, "source": "patient"},
            "amber_lte": {"value": 92, "source": "team"},
        }
    }
    assert (
        await world["patient"].get(f"/api/patients/{pid}/thresholds/effective")
    ).status_code == 403

    # Removed: the content's rule applies again; the history keeps who, when and why.
    removed = await world["clin_a"].delete(f"/api/teams/{team}/thresholds/spo2")
    assert removed.status_code == 200, removed.text
    assert removed.json()[0]["active"] is False and removed.json()[0]["ended_by_name"]
    assert await level(world, "patient", pid, spo2=93) == "amber"
    assert (await world["clin_a"].delete(f"/api/teams/{team}/thresholds/spo2")).status_code == 404
    audit = [
        r["action"]
        for r in await AuditEvent.select(AuditEvent.action)
        .where(AuditEvent.action.like("team.threshold%"))
        .order_by(AuditEvent.id)
    ]
    assert audit == ["team.threshold_set", "team.threshold_remove"]


async def test_team_reschedules_an_item_with_a_reason(world: World) -> None:
    pid = world.ids["patient"]
    clin = world["clin_a"]
    sched = (await clin.get(f"/api/patients/{pid}/schedule")).json()
    item = next(i for i in sched if i["kind"] == "review" and i["status"] == "due")
    url = f"/api/patients/{pid}/schedule/{item['id']}"
    new_due = dt.datetime.fromisoformat(item["due_at"]) + dt.timedelta(days=5)

    no_reason = await clin.patch(url, json={"due_at": new_due.isoformat()})
    assert no_reason.status_code == 400 and no_reason.json()["code"] == "reason-missing"
    past = await clin.patch(
        url,
        json={
            "due_at": (dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).isoformat(),
            "reason": "Oops",
        },
    )
    assert past.status_code == 400 and past.json()["code"] == "date-in-past"
    assert (
        await world["patient"].patch(url, json={"due_at": new_due.isoformat(), "reason": "Me"})
    ).status_code == 403

    moved = await clin.patch(
        url, json={"due_at": new_due.isoformat(), "reason": "Patient away that week"}
    )
    assert moved.status_code == 200, moved.text
    out = moved.json()
    assert dt.datetime.fromisoformat(out["due_at"]) == new_due
    length = dt.datetime.fromisoformat(item["window_end"]) - dt.datetime.fromisoformat(
        item["due_at"]
    )
    assert dt.datetime.fromisoformat(out["window_end"]) - new_due == length
    changes = (await clin.get(f"/api/patients/{pid}/schedule/changes")).json()
    assert len(changes) == 1
    assert changes[0]["item_id"] == item["id"] and changes[0]["reason"] == "Patient away that week"
    assert changes[0]["by_name"] and changes[0]["from_due_at"] == item["due_at"]
    assert (await world["patient"].get(f"/api/patients/{pid}/schedule/changes")).status_code == 403
    assert (
        await AuditEvent.count().where(
            (AuditEvent.action == "schedule.reschedule") & (AuditEvent.record_id == item["id"])
        )
        == 1
    )

    # A done item stays where it was.
    assert (await clin.patch(url, json={"status": "done"})).status_code == 200
    closed = await clin.patch(url, json={"due_at": new_due.isoformat(), "reason": "Again"})
    assert closed.status_code == 409 and closed.json()["code"] == "item-closed"


async def test_alert_reasons_are_for_the_team_only(world: World) -> None:
    pid = world.ids["patient"]
    resp = await world["patient"].post(f"/api/patients/{pid}/checkins", json=checkin(spo2=89))
    assert resp.status_code == 201 and resp.json()["level"] == "red"
    fired = [f["id"] for f in resp.json()["fired"]]
    team_view = (await world["clin_a"].get(f"/api/patients/{pid}/alerts")).json()
    assert team_view[0]["reasons"] == fired and team_view[0]["kind"] == "checkin"
    own_view = (await world["patient"].get(f"/api/patients/{pid}/alerts")).json()
    assert "reasons" not in own_view[0] and "kind" not in own_view[0]


async def test_patient_list_counts_overdue_items_as_the_schedule_shows_them(world: World) -> None:
    pid, team = world.ids["patient"], world.ids["team_a"]
    sched = (await world["clin_a"].get(f"/api/patients/{pid}/schedule")).json()
    overdue = [i for i in sched if i["status"] == "missed"]
    assert overdue  # ten days after discharge without a check-in
    listed = (await world["clin_a"].get(f"/api/teams/{team}/console")).json()["patients"]
    assert next(p for p in listed if p["id"] == pid)["overdue_items"] == len(overdue)
    done = await world["clin_a"].patch(
        f"/api/patients/{pid}/schedule/{overdue[0]['id']}", json={"status": "done"}
    )
    assert done.status_code == 200
    listed = (await world["clin_a"].get(f"/api/teams/{team}/console")).json()["patients"]
    assert next(p for p in listed if p["id"] == pid)["overdue_items"] == len(overdue) - 1
