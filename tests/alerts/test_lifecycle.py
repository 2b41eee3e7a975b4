"""Acknowledge, resolve, reopen: who did what, on the alert's timeline and in the audit log; the
patient sees that the team has seen it, and may get a push for it."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar

from relais.audit.tables import AuditEvent
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


async def test_acknowledge_resolve_reopen_with_timeline_audit_and_patient_view(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.patient_user) as patient:
        patient_sub = await subscribe(patient, push_service)
    alert_id = await open_test_alert(world)

    async with signed_in(make_client, world.patient_user) as patient:
        mine = (await patient.get(f"/api/patients/{world.patient_id}/alerts")).json()
        assert [set(a) for a in mine] == [{"id", "level", "state", "opened_at", "acknowledged_at"}]
        assert mine[0]["acknowledged_at"] is None

    async with signed_in(make_client, world.doctor) as doctor:
        ack = await doctor.post(f"/api/alerts/{alert_id}/acknowledge")
        assert ack.status_code == 200, ack.text
        body = ack.json()
        assert body["state"] == "acknowledged"
        assert body["acknowledged_by"] == str(world.doctor.id)
        assert body["next_escalation_at"] is None
        again = await doctor.post(f"/api/alerts/{alert_id}/acknowledge")
        assert again.json()["acknowledged_at"] == body["acknowledged_at"]

        bad = await doctor.post(f"/api/alerts/{alert_id}/resolve", json={"outcome": "shrug"})
        assert bad.status_code == 400
        res = await doctor.post(
            f"/api/alerts/{alert_id}/resolve",
            json={"outcome": "called_patient", "note": "Called back, doing fine."},
        )
        assert res.status_code == 200, res.text
        assert res.json()["state"] == "resolved" and res.json()["outcome"] == "called_patient"
        assert (await doctor.post(f"/api/alerts/{alert_id}/resolve", json={
            "outcome": "no_action_needed"})).status_code == 409  # fmt: skip

        listed = (await doctor.get("/api/alerts")).json()
        assert listed == []
        resolved = (await doctor.get("/api/alerts?state=resolved")).json()
        assert [a["id"] for a in resolved] == [str(alert_id)]

        reopened = await doctor.post(f"/api/alerts/{alert_id}/reopen")
        assert reopened.status_code == 200, reopened.text
        assert reopened.json()["state"] == "open" and reopened.json()["escalation_step"] == 0
        assert reopened.json()["next_escalation_at"] is not None

        detail = (await doctor.get(f"/api/alerts/{alert_id}")).json()
        kinds = [e["kind"] for e in detail["timeline"]]
        assert kinds == ["opened", "acknowledged", "resolved", "reopened"]
        assert detail["timeline"][1]["actor_name"] == "Doctor D"
        assert detail["timeline"][2]["detail"] == "called_patient"
        assert detail["patient_name"] == "Camille Martin"

    actions = [
        r["action"]
        for r in await AuditEvent.select(AuditEvent.action)
        .where(AuditEvent.actor_id == world.doctor.id)
        .order_by(AuditEvent.id)
    ]
    for action in ("alert.acknowledge", "alert.resolve", "alert.reopen", "alert.read"):
        assert action in actions

    # The patient and the parent (results scope) are told "seen", the parent has no device.
    seen = await Outbox.select(Outbox.user).where(Outbox.kind == "alert_seen")
    assert [r["user"] for r in seen] == [world.patient_user.id]
    async with running_worker(app, worker_settings(database)) as worker:
        await drain(worker)
    got = await push_service.messages(patient_sub.client_hash)
    assert got == [
        {
            "type": "alert_seen",
            "id": str(alert_id),
            "title": "Relais",
            "body": "Votre équipe a vu votre suivi / Your care team has seen this",
        }
    ]
    async with signed_in(make_client, world.parent) as parent:
        theirs = (await parent.get(f"/api/patients/{world.patient_id}/alerts")).json()
        assert theirs[0]["state"] == "open"  # reopened since


async def test_a_clinician_of_another_team_gets_404_everywhere(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    world = await make_world(app)
    alert_id = await open_test_alert(world)
    async with signed_in(make_client, world.outsider) as outsider:
        assert (await outsider.get("/api/alerts")).json() == []
        assert (await outsider.get(f"/api/alerts?team={world.team_id}")).status_code == 404
        assert (await outsider.get(f"/api/alerts/{alert_id}")).status_code == 404
        for action in ("acknowledge", "reopen"):
            resp = await outsider.post(f"/api/alerts/{alert_id}/{action}")
            assert resp.status_code == 404, action
        resp = await outsider.post(
            f"/api/alerts/{alert_id}/resolve", json={"outcome": "no_action_needed"}
        )
        assert resp.status_code == 404
        assert (await outsider.get(f"/api/patients/{world.patient_id}/alerts")).status_code == 404
    async with signed_in(make_client, world.patient_user) as patient:
        assert (await patient.get("/api/alerts")).status_code == 403
        other = await patient.get(f"/api/patients/{world.other_patient_id}/alerts")
        assert other.status_code == 404
    async with signed_in(make_client, world.nurse) as nurse:
        assert (await nurse.get(f"/api/alerts/{alert_id}")).json()["state"] == "open"


async def test_the_console_lists_red_first_then_oldest_first(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    import datetime as dt

    from relais import db

    world = await make_world(app)
    t0 = db.utcnow() - dt.timedelta(hours=3)
    amber_old = await open_test_alert(world, level="amber", now=t0)
    red_new = await open_test_alert(world, level="red", now=t0 + dt.timedelta(hours=2))
    red_old = await open_test_alert(world, level="red", now=t0 + dt.timedelta(hours=1))
    async with signed_in(make_client, world.nurse) as nurse:
        listed = (await nurse.get("/api/alerts")).json()
        assert [a["id"] for a in listed] == [str(red_old), str(red_new), str(amber_old)]
        ambers = (await nurse.get(f"/api/alerts?level=amber&team={world.team_id}")).json()
        assert [a["id"] for a in ambers] == [str(amber_old)]
        assert (await nurse.get("/api/alerts?state=bogus")).status_code == 400
