"""Devices register for push, re-sync when the app opens, and unregister; reminder settings."""

from __future__ import annotations

import base64
import dataclasses
import os
from typing import Any

import pytest
from litestar import Litestar

from relais.notify.tables import PushSubscription
from relais.notify.vapid import KEY_FILE, load_vapid
from relais.settings import Settings
from tests.alerts.world import make_world, signed_in
from tests.pushsvc import PushService

pytestmark = [pytest.mark.pushsvc]


def b64url_len(value: str) -> int:
    return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))


async def test_the_public_key_is_a_p256_point_kept_in_the_data_directory(
    app: Litestar, client: Any, settings: Settings
) -> None:
    key = (await client.get("/api/push/key")).json()["application_server_key"]
    assert b64url_len(key) == 65 and "=" not in key
    path = settings.data_dir / KEY_FILE
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert load_vapid(settings).application_server_key == key  # the same key on restart


def test_a_configured_key_wins_over_the_file(settings: Settings) -> None:
    pem = (settings.data_dir / KEY_FILE).read_text()
    other = dataclasses.replace(settings, vapid_private_key=pem, data_dir=settings.data_dir / "x")
    assert load_vapid(other).application_server_key == load_vapid(settings).application_server_key


def test_the_key_as_env_files_hold_it(settings: Settings) -> None:
    """infra/README.md: one word (base64url of the DER key, as openssl writes it), or a PEM on one
    line with literal \\n: both give the same key as the PEM file."""
    from cryptography.hazmat.primitives import serialization

    want = load_vapid(settings).application_server_key  # makes the file if need be
    pem = (settings.data_dir / KEY_FILE).read_text()
    der = load_vapid(settings).vapid.private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    for configured in (pem.strip().replace("\n", "\\n"), base64.urlsafe_b64encode(der).decode()):
        other = dataclasses.replace(settings, vapid_private_key=configured.rstrip("="))
        assert load_vapid(other).application_server_key == want, configured


async def test_subscribe_resync_and_unsubscribe(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    key = load_vapid(database).application_server_key
    sub = await push_service.subscribe(key)
    async with signed_in(make_client, world.nurse) as nurse:
        first = await nurse.post(
            "/api/push/subscriptions",
            json=sub.as_json(),
            headers={"user-agent": "Mozilla/5.0 (Android 14) Firefox/130.0"},
        )
        assert first.status_code == 201, first.text
        assert first.json()["label"] == "Firefox on Android"
        again = await nurse.post("/api/push/subscriptions", json=sub.as_json())
        assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
        listed = (await nurse.get("/api/push/subscriptions")).json()
        assert [s["endpoint"] for s in listed] == [sub.endpoint]
    # Another account cannot take this device's endpoint: it would receive her alerts (the app
    # forgets the device when she signs out, so the same phone signed in again gets a new one).
    async with signed_in(make_client, world.doctor) as doctor:
        taken = await doctor.post("/api/push/subscriptions", json=sub.as_json())
        assert taken.status_code == 409 and taken.json()["code"] == "endpoint-taken"
        assert taken.json()["errors"][0]["field"] == "endpoint"
    rows = await PushSubscription.select(PushSubscription.user)
    assert [r["user"] for r in rows] == [world.nurse.id]
    async with signed_in(make_client, world.doctor) as doctor:
        gone = await doctor.delete("/api/push/subscriptions", json={"endpoint": sub.endpoint})
        assert gone.status_code == 404  # not his
    async with signed_in(make_client, world.nurse) as nurse:
        gone = await nurse.delete("/api/push/subscriptions", json={"endpoint": sub.endpoint})
        assert gone.status_code == 204
        assert (await nurse.get("/api/push/subscriptions")).json() == []


async def test_invalid_subscriptions_are_refused_with_field_errors(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.nurse) as nurse:
        resp = await nurse.post(
            "/api/push/subscriptions",
            json={
                "endpoint": "ftp://push.example/x",
                "keys": {"p256dh": "A" * 40, "auth": "B" * 10},
            },
        )
        assert resp.status_code == 422
        fields = {e["field"] for e in resp.json()["errors"]}
        assert fields == {"endpoint", "keys.p256dh", "keys.auth"}
        unknown = await nurse.post(
            "/api/push/subscriptions", json={"endpoint": "https://x.example/1", "extra": 1}
        )
        assert unknown.status_code == 400
        keys = {"p256dh": "A" * 87, "auth": "B" * 22}
        # Only the browsers' push services (and loopback outside production): the worker POSTs
        # to whatever a device registers.
        for endpoint in (
            "https://10.0.0.5/push/1",
            "https://metadata.google.internal/computeMetadata/v1/",
            "https://evil.example.org/fcm.googleapis.com/1",
            "https://fcm.googleapis.com.evil.example.org/1",
        ):
            refused = await nurse.post(
                "/api/push/subscriptions", json={"endpoint": endpoint, "keys": keys}
            )
            assert refused.status_code == 422, endpoint
            assert refused.json()["errors"] == [
                {
                    "field": "endpoint",
                    "message": "doit être l'adresse du service de notifications d'un navigateur",
                }
            ]
        for endpoint in (
            "https://fcm.googleapis.com/fcm/send/abc",
            "https://updates.push.services.mozilla.com/wpush/v2/abc",
            "https://web.push.apple.com/QGx",
            "https://db5p.notify.windows.com/w/?token=abc",
        ):
            ok = await nurse.post(
                "/api/push/subscriptions", json={"endpoint": endpoint, "keys": keys}
            )
            assert ok.status_code == 201, (endpoint, ok.text)
    async with make_client() as anonymous:
        resp = await anonymous.post(
            "/api/push/subscriptions",
            json={
                "endpoint": "https://x.example/1",
                "keys": {"p256dh": "A" * 87, "auth": "B" * 22},
            },
        )
        assert resp.status_code == 401


async def test_reminder_preferences_round_trip(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.patient_user) as patient:
        assert (await patient.get("/api/push/preferences")).json() == {
            "reminders": True,
            "quiet_start": None,
            "quiet_end": None,
        }
        put = await patient.put(
            "/api/push/preferences",
            json={"reminders": True, "quiet_start": "22:00", "quiet_end": "07:30"},
        )
        assert put.status_code == 200
        assert put.json()["quiet_end"] == "07:30"
        half = await patient.put("/api/push/preferences", json={"quiet_start": "22:00"})
        assert half.status_code == 422
        bad = await patient.put("/api/push/preferences", json={"quiet_start": "25:00"})
        assert bad.status_code == 400
