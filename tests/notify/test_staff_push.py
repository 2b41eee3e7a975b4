"""Alerts on a staff member's phone: the "send me a test" button, each device's delivery status
(working, failing, none), and the "Seen" action of an alert's notification, which acknowledges the
alert as its recipient with the token the push carried (no session, no CSRF header)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
import pytest
from litestar import Litestar

from relais import db
from relais.alerts import seen_token
from relais.alerts.tables import Alert, AlertEvent
from relais.audit.tables import AuditEvent
from relais.notify.tables import PushSubscription
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
from tests.notify.test_delivery import assert_neutral
from tests.pushsvc import PushService, gate_to

pytestmark = [pytest.mark.pushsvc]


def _seen_url(alert_id: uuid.UUID | str) -> str:
    return f"/api/alerts/{alert_id}/seen-from-notification"


async def _no_header_post(app: Litestar, url: str, body: Any, **headers: str) -> httpx.Response:
    """As the service worker sends it: no session cookie here, no CSRF header."""
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver.local") as http:
        return await http.post(url, json=body, headers=headers)


async def test_a_test_push_reaches_each_device_and_marks_it_working(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.doctor) as doctor:
        empty = await doctor.post("/api/push/test")
        assert empty.status_code == 200, empty.text
        assert empty.json() == {"devices": [], "sent": 0, "failed": 0}
        sub = await subscribe(doctor, push_service)
        before = (await doctor.get("/api/push/subscriptions")).json()
        assert [d["status"] for d in before] == ["unknown"]
        resp = await doctor.post("/api/push/test")
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert (body["sent"], body["failed"]) == (1, 0)
        assert [d["result"] for d in body["devices"]] == ["sent"]
        raw = await push_service.raw_messages(sub.client_hash)
        assert len(raw) == 1
        assert_neutral(raw[0])
        got = (await push_service.messages(sub.client_hash))[0]
        assert got["type"] == "test" and got["id"] == ""
        assert "Test" in got["body"]
        after = (await doctor.get("/api/push/subscriptions")).json()
        assert [(d["status"], d["last_error"]) for d in after] == [("working", "")]
        assert after[0]["last_ok_at"] is not None
    # Without the CSRF header, as every POST.
    async with signed_in(make_client, world.doctor) as doctor:
        no_header = await doctor.http.post("/api/push/test")
        assert no_header.status_code == 403
    # Someone else's test never reaches the doctor's device.
    async with signed_in(make_client, world.nurse) as nurse:
        assert (await nurse.post("/api/push/test")).json()["devices"] == []
    assert len(await push_service.raw_messages(sub.client_hash)) == 1


async def test_a_device_whose_push_service_fails_is_marked_failing(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    async with gate_to(push_service) as gate, signed_in(make_client, world.doctor) as doctor:
        await subscribe(doctor, push_service, endpoint_via=gate)
        await gate.shut()  # the push service cannot be reached
        resp = await doctor.post("/api/push/test")
        assert resp.status_code == 200, resp.text
        assert [(d["result"], d["error"]) for d in resp.json()["devices"]] == [
            ("failed", "unreachable")
        ]
        listed = (await doctor.get("/api/push/subscriptions")).json()
        assert [(d["status"], d["last_error"]) for d in listed] == [("failing", "unreachable")]
        # It answers again: the next test marks it working.
        await gate.open()
        again = await doctor.post("/api/push/test")
        assert again.json()["sent"] == 1
        listed = (await doctor.get("/api/push/subscriptions")).json()
        assert [d["status"] for d in listed] == ["working"]


async def test_a_device_the_push_service_forgot_is_removed_by_the_test(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.doctor) as doctor:
        sub = await subscribe(doctor, push_service)
        await push_service.expire(sub.client_hash)
        resp = await doctor.post("/api/push/test")
        assert [(d["result"], d["error"]) for d in resp.json()["devices"]] == [("removed", "gone")]
        assert (await doctor.get("/api/push/subscriptions")).json() == []


async def test_the_worker_marks_devices_and_an_alert_push_carries_the_seen_action(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.nurse) as nurse:
        good = await subscribe(nurse, push_service)
    async with gate_to(push_service) as gate:
        async with signed_in(make_client, world.doctor) as doctor:
            await subscribe(doctor, push_service, endpoint_via=gate)
        await gate.shut()
        async with running_worker(app, worker_settings(database)) as worker:
            alert_id = await open_test_alert(world, level="red")
            await drain(worker, rounds=3)
    got = await push_service.messages(good.client_hash)
    assert len(got) == 1
    message = got[0]
    assert message["type"] == "alert" and message["id"] == str(alert_id)
    assert message["actions"] == [{"action": "seen", "title": "Vu / Seen"}]
    token = message["seen"]
    assert token.startswith(f"v1.{world.nurse.id.hex}.")
    # No patient data in the token, nor anywhere in the message.
    assert_neutral(str(message))
    rows = {
        r["user"]: r
        for r in await PushSubscription.select(
            PushSubscription.user,
            PushSubscription.last_ok_at,
            PushSubscription.last_error_at,
            PushSubscription.last_error,
        )
    }
    nurse_row = rows[world.nurse.id] if world.nurse.id in rows else rows[str(world.nurse.id)]
    doctor_row = rows[world.doctor.id] if world.doctor.id in rows else rows[str(world.doctor.id)]
    assert nurse_row["last_ok_at"] is not None and nurse_row["last_error"] == ""
    assert doctor_row["last_ok_at"] is None
    assert doctor_row["last_error"] == "unreachable" and doctor_row["last_error_at"] is not None
    async with signed_in(make_client, world.doctor) as doctor:
        listed = (await doctor.get("/api/push/subscriptions")).json()
        assert [d["status"] for d in listed] == ["failing"]


async def _alert_token(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService, world: Any
) -> tuple[uuid.UUID, str]:
    """A red alert pushed to the nurse's phone, and the token its notification carries."""
    async with signed_in(make_client, world.nurse) as nurse:
        sub = await subscribe(nurse, push_service)
    async with running_worker(app, worker_settings(database)) as worker:
        alert_id = await open_test_alert(world, level="red")
        await drain(worker, rounds=3)
    got = await push_service.wait_for(sub.client_hash, 1)
    return alert_id, str(got[0]["seen"])


async def test_seen_from_the_notification_acknowledges_once_as_that_person_and_is_audited(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    alert_id, token = await _alert_token(app, database, make_client, push_service, world)
    # No session and no CSRF header: the token is the proof.
    resp = await _no_header_post(app, _seen_url(alert_id), {"token": token})
    assert resp.status_code == 200, resp.text
    assert resp.json()["state"] == "acknowledged"
    assert set(resp.json()) == {"id", "state", "acknowledged_at"}  # nothing about the patient
    alert = await Alert.select().where(Alert.id == alert_id).first()
    assert alert is not None and alert["state"] == "acknowledged"
    assert db.as_uuid(alert["acknowledged_by"]) == world.nurse.id
    events = await AlertEvent.select(AlertEvent.kind, AlertEvent.actor, AlertEvent.detail).where(
        (AlertEvent.alert == alert_id) & (AlertEvent.kind == "acknowledged")
    )
    assert [(db.as_uuid(e["actor"]), e["detail"]) for e in events] == [
        (world.nurse.id, "notification")
    ]
    audit = await AuditEvent.select().where(
        (AuditEvent.action == "alert.acknowledge") & (AuditEvent.outcome == "ok")
    )
    assert [(db.as_uuid(a["actor_id"]), a["actor_role"], a["detail"]) for a in audit] == [
        (world.nurse.id, "clinician", "from the notification")
    ]
    assert db.as_uuid(audit[0]["patient_id"]) == world.patient_id
    # Once: the same token again changes nothing and says so.
    again = await _no_header_post(app, _seen_url(alert_id), {"token": token})
    assert again.status_code == 409 and again.json()["code"] == "alert-already-seen"
    assert (
        await AlertEvent.count().where(
            (AlertEvent.alert == alert_id) & (AlertEvent.kind == "acknowledged")
        )
        == 1
    )
    # The console shows it seen, by the nurse.
    async with signed_in(make_client, world.doctor) as doctor:
        shown = (await doctor.get(f"/api/alerts/{alert_id}")).json()
        assert shown["state"] == "acknowledged"
        assert shown["acknowledged_by"] == str(world.nurse.id)


async def test_seen_from_the_notification_refuses_every_token_that_is_not_right(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    alert_id, token = await _alert_token(app, database, make_client, push_service, world)
    other_alert = await open_test_alert(world, level="amber")
    secret = database.secret_key
    now = db.utcnow()

    async def refused(url: str, body: Any, **headers: str) -> tuple[int, str]:
        resp = await _no_header_post(app, url, body, **headers)
        return resp.status_code, resp.json().get("code", "")

    # Forged: a changed signature, another person's id in a token of the nurse, another secret.
    prefix, mac = token.rsplit(".", 1)
    forged = prefix + "." + ("A" if mac[0] != "A" else "B") + mac[1:]
    assert await refused(_seen_url(alert_id), {"token": forged}) == (403, "seen-token-invalid")
    swapped = token.replace(world.nurse.id.hex, world.doctor.id.hex)
    assert await refused(_seen_url(alert_id), {"token": swapped}) == (403, "seen-token-invalid")
    strange = seen_token.make("another-secret-" * 3, alert_id, world.nurse.id, now)
    assert await refused(_seen_url(alert_id), {"token": strange}) == (403, "seen-token-invalid")
    assert (await refused(_seen_url(alert_id), {"token": "v1.garbage.1.x" * 2}))[0] == 403
    # Another alert's path with this alert's token.
    assert await refused(_seen_url(other_alert), {"token": token}) == (403, "seen-token-invalid")
    # Expired: made more than its lifetime ago.
    old = seen_token.make(secret, alert_id, world.nurse.id, now - dt.timedelta(hours=13))
    assert await refused(_seen_url(alert_id), {"token": old}) == (403, "seen-token-expired")
    # A token of the nurse, sent from a browser where the doctor is signed in.
    async with signed_in(make_client, world.doctor) as doctor:
        resp = await doctor.post(_seen_url(alert_id), json={"token": token})
        assert (resp.status_code, resp.json()["code"]) == (403, "seen-token-other-person")
    # Made for a clinician of another team (right signature, no access to this alert).
    outsider = seen_token.make(secret, alert_id, world.outsider.id, now)
    assert await refused(_seen_url(alert_id), {"token": outsider}) == (404, "alert-not-found")
    # From another site: the Origin check still applies.
    cross = await _no_header_post(
        app, _seen_url(alert_id), {"token": token}, origin="https://evil.example"
    )
    assert cross.status_code == 403
    # No token at all.
    assert (await _no_header_post(app, _seen_url(alert_id), {})).status_code == 400
    # Nothing was acknowledged, and each refusal is in the audit trail.
    alert = await Alert.select(Alert.state).where(Alert.id == alert_id).first()
    assert alert is not None and alert["state"] == "open"
    denied = await AuditEvent.select(AuditEvent.detail, AuditEvent.actor_id).where(
        (AuditEvent.action == "alert.acknowledge") & (AuditEvent.outcome == "denied")
    )
    details = sorted(d["detail"] for d in denied)
    assert details.count("notification: invalid") == 5
    assert "notification: expired" in details and "notification: other" in details
    assert "notification: access" in details
    # The right token still works afterwards, once.
    ok = await _no_header_post(app, _seen_url(alert_id), {"token": token})
    assert ok.status_code == 200, ok.text


async def test_a_token_made_before_the_alert_was_reopened_does_not_acknowledge_it(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    alert_id, token = await _alert_token(app, database, make_client, push_service, world)
    async with signed_in(make_client, world.doctor) as doctor:
        done = await doctor.post(
            f"/api/alerts/{alert_id}/resolve", json={"outcome": "called_patient", "note": ""}
        )
        assert done.status_code == 200, done.text
        assert (await doctor.post(f"/api/alerts/{alert_id}/reopen")).status_code == 200
    resp = await _no_header_post(app, _seen_url(alert_id), {"token": token})
    assert (resp.status_code, resp.json()["code"]) == (403, "seen-token-expired")


async def test_the_unread_count_is_the_open_alerts_of_my_teams(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    world = await make_world(app)
    await open_test_alert(world, level="red")
    seen = await open_test_alert(world, level="amber")
    await open_test_alert(world, level="amber")
    async with signed_in(make_client, world.doctor) as doctor:
        assert (await doctor.post(f"/api/alerts/{seen}/acknowledge")).status_code == 200
        assert (await doctor.get("/api/alerts/unread")).json() == {"open": 2, "red": 1}
    async with signed_in(make_client, world.outsider) as outsider:
        assert (await outsider.get("/api/alerts/unread")).json() == {"open": 0, "red": 0}
