"""An unacknowledged alert climbs the team's escalation policy; acknowledging stops it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from litestar import Litestar

from relais import db
from relais.alerts.escalation import escalate_due
from relais.alerts.tables import Alert, AlertEvent
from relais.care.tables import OnCallShift
from relais.notify.tables import Outbox
from relais.settings import Settings
from tests.alerts.world import (
    drain,
    make_world,
    open_test_alert,
    running_worker,
    signed_in,
    subscribe,
    worker_settings,
)
from tests.pushsvc import PushService

pytestmark = [pytest.mark.pushsvc]


async def recipients_of(alert_id: Any) -> list[Any]:
    rows = await Outbox.select(Outbox.user).where(Outbox.ref_id == alert_id).order_by(Outbox.id)
    return [r["user"] for r in rows]


async def escalations(alert_id: Any) -> list[str]:
    rows = await (
        AlertEvent.select(AlertEvent.detail)
        .where((AlertEvent.alert == alert_id) & (AlertEvent.kind == "escalated"))
        .order_by(AlertEvent.at)
    )
    return [r["detail"] for r in rows]


async def test_unacknowledged_red_alert_reaches_the_on_call_referent_after_five_minutes(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app, red_min=5)
    async with signed_in(make_client, world.referent) as referent:
        sub = await subscribe(referent, push_service)
    t0 = db.utcnow()
    alert_id = await open_test_alert(world, level="red", now=t0)
    assert set(await recipients_of(alert_id)) == {world.nurse.id, world.doctor.id}

    async with running_worker(app, worker_settings(database)) as worker:
        await worker.run_once(t0 + dt.timedelta(minutes=4, seconds=59))
        assert await escalations(alert_id) == []
        await worker.run_once(t0 + dt.timedelta(minutes=5))
        await drain(worker, now=t0 + dt.timedelta(minutes=5, seconds=1))
    assert await escalations(alert_id) == ["step 1: on-call referent, 1 person(s)"]
    assert (await recipients_of(alert_id))[-1] == world.referent.id
    got = await push_service.messages(sub.client_hash)
    assert [m["id"] for m in got] == [str(alert_id)]
    row = await Alert.select().where(Alert.id == alert_id).first()
    assert row is not None and row["escalation_step"] == 1
    assert db.as_utc(row["next_escalation_at"]) == t0 + dt.timedelta(minutes=10)

    async with signed_in(make_client, world.referent) as referent:
        resp = await referent.post(f"/api/alerts/{alert_id}/acknowledge")
        assert resp.status_code == 200, resp.text
    # A fresh worker (as after a restart) finds nothing left to escalate.
    async with running_worker(app, worker_settings(database)) as worker:
        for minutes in (10, 15, 60, 600):
            await worker.run_once(t0 + dt.timedelta(minutes=minutes))
    assert await escalations(alert_id) == ["step 1: on-call referent, 1 person(s)"]
    assert len(await push_service.messages(sub.client_hash)) == 1


async def test_the_policy_climbs_to_the_coordinator_then_everyone_then_stops(
    app: Litestar, database: Settings
) -> None:
    world = await make_world(app, red_min=5)
    t0 = db.utcnow()
    alert_id = await open_test_alert(world, now=t0)
    for minutes in (5, 10, 15, 20, 25, 300):
        await escalate_due(t0 + dt.timedelta(minutes=minutes))
    assert await escalations(alert_id) == [
        "step 1: on-call referent, 1 person(s)",
        "step 2: team coordinator, 2 person(s)",
        "step 3: whole team, 4 person(s)",
    ]
    users = await recipients_of(alert_id)
    assert users.count(world.social.id) == 1  # the social worker only at the last step
    row = await Alert.select().where(Alert.id == alert_id).first()
    assert row is not None and row["escalation_step"] == 3 and row["next_escalation_at"] is None


async def test_nobody_on_call_goes_straight_to_the_coordinator(
    app: Litestar, database: Settings
) -> None:
    world = await make_world(app, red_min=5)
    await OnCallShift.delete().where(OnCallShift.team == world.team_id)
    from relais.care.tables import TeamMember

    await TeamMember.delete().where(TeamMember.user == world.referent.id)
    t0 = db.utcnow()
    alert_id = await open_test_alert(world, now=t0)
    await escalate_due(t0 + dt.timedelta(minutes=5))
    assert await escalations(alert_id) == [
        "step 1: on-call referent, nobody to reach",
        "step 2: team coordinator, 2 person(s)",
    ]


async def test_amber_waits_for_its_own_delay(app: Litestar, database: Settings) -> None:
    world = await make_world(app, red_min=5, amber_min=240)
    t0 = db.utcnow()
    alert_id = await open_test_alert(world, level="amber", now=t0)
    await escalate_due(t0 + dt.timedelta(minutes=239))
    assert await escalations(alert_id) == []
    await escalate_due(t0 + dt.timedelta(minutes=240))
    assert len(await escalations(alert_id)) == 1


async def test_two_concurrent_escalation_ticks_move_one_step_only(
    app: Litestar, database: Settings
) -> None:
    import asyncio

    world = await make_world(app)
    t0 = db.utcnow()
    alert_id = await open_test_alert(world, now=t0)
    later = t0 + dt.timedelta(minutes=5)
    moved = await asyncio.gather(escalate_due(later), escalate_due(later))
    assert sorted(moved) == [0, 1]
    assert len(await escalations(alert_id)) == 1
