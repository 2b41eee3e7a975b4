"""Alerts reach the care team through a real push service, with email when push cannot."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
import time
from typing import Any

import pytest
from litestar import Litestar

from relais import db
from relais.alerts.tables import Alert, AlertEvent
from relais.notify import outbox
from relais.notify.tables import DeliveryAttempt, Outbox, PushSubscription
from relais.settings import Settings
from tests.alerts.world import (
    drain,
    make_world,
    open_test_alert,
    passes_done,
    running_worker,
    signed_in,
    subscribe,
    worker_settings,
)
from tests.conftest import ENGINE
from tests.pushsvc import PushService, gate_to
from tests.smtp import smtp_server

pytestmark = [pytest.mark.pushsvc]

HEALTH_WORDS = ("red", "rouge", "amber", "orange", "Camille", "Martin", "r_test", "fever")


def assert_neutral(raw: str) -> None:
    low = raw.lower()
    for word in HEALTH_WORDS:
        assert word.lower() not in low, f"{word!r} leaked into a notification: {raw}"


async def test_red_alert_arrives_decrypted_at_the_day_team_with_no_health_data(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.nurse) as nurse:
        sub = await subscribe(nurse, push_service)
    with smtp_server() as inbox:
        port = inbox.port
        async with running_worker(app, worker_settings(database, port)) as worker:
            alert_id = await open_test_alert(world, level="red")
            await drain(worker)
    raw = await push_service.raw_messages(sub.client_hash)
    assert len(raw) == 1
    assert_neutral(raw[0])
    got = (await push_service.messages(sub.client_hash))[0]
    token = got.pop("seen")  # the "Seen" action's token: ids and an expiry (test_staff_push.py)
    assert token.startswith(f"v1.{world.nurse.id.hex}.")
    assert got == {
        "type": "alert",
        "id": str(alert_id),
        "title": "Relais",
        "body": "Nouvelle alerte / New alert",
        "actions": [{"action": "seen", "title": "Vu / Seen"}],
    }
    # The doctor has no device: the alert reaches them by email, as neutral as the push.
    mails = inbox.to(world.doctor.email)
    assert len(mails) == 1
    assert_neutral(mails[0]["Subject"] + mails[0].get_payload())
    assert str(alert_id) in mails[0].get_payload()
    # The referent and the social worker are not part of the first step.
    assert not inbox.to(world.referent.email) and not inbox.to(world.social.email)
    attempts = await DeliveryAttempt.select().where(DeliveryAttempt.channel == "push")
    assert [(a["status"], a["http_status"]) for a in attempts] == [("sent", 201)]
    events = await AlertEvent.select(AlertEvent.kind, AlertEvent.actor, AlertEvent.detail).where(
        AlertEvent.alert == alert_id
    )
    notified = {(e["actor"], e["detail"]) for e in events if e["kind"] == "notified"}
    assert notified == {(world.nurse.id, "push, 1 device(s)"), (world.doctor.id, "email")}


async def test_expired_subscription_is_removed_and_email_takes_over(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.nurse) as nurse:
        sub = await subscribe(nurse, push_service)
    await push_service.expire(sub.client_hash)
    with smtp_server() as inbox:
        port = inbox.port
        async with running_worker(app, worker_settings(database, port)) as worker:
            alert_id = await open_test_alert(world)
            await drain(worker)
    assert await PushSubscription.count().where(PushSubscription.user == world.nurse.id) == 0
    gone = await DeliveryAttempt.select().where(DeliveryAttempt.status == "gone")
    assert [a["http_status"] for a in gone] == [410]
    mails = inbox.to(world.nurse.email)
    assert len(mails) == 1 and str(alert_id) in mails[0].get_payload()
    assert await push_service.messages(sub.client_hash) == []


async def test_push_service_down_then_up_delivers_every_alert_exactly_once(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    """While the service is down its circuit opens: a few sends fail, the rest wait for it
    without being tried (nor counted as tries). When it answers again (the probe), everything
    that waited is sent at once, each notification once."""
    world = await make_world(app)
    async with gate_to(push_service) as gate:
        async with signed_in(make_client, world.nurse) as nurse:
            sub = await subscribe(nurse, push_service, endpoint_via=gate)
        host = f"http://127.0.0.1:{gate.port}"
        await gate.shut()
        async with running_worker(app, worker_settings(database)) as worker:
            alert_ids = [await open_test_alert(world) for _ in range(5)]
            nurse_push = (Outbox.user == world.nurse.id) & (Outbox.channel == "push")
            first = [r["id"] for r in await Outbox.select(Outbox.id).where(nurse_push)]
            # Their first step's rows (nobody reached: the escalation moves on, and adds more).
            mine = Outbox.id.is_in(first)
            tried = mine & (Outbox.last_error != "")
            deadline = time.monotonic() + 10
            while await Outbox.count().where(tried) < 5:
                assert time.monotonic() < deadline, "the notifications were not tried"
                await worker.run_once()
                await asyncio.sleep(0.02)
            assert worker.gates.open_hosts() == [host]
            # A second of passes, each notification due again after its back-off: held while
            # the circuit is open, not tried (at most one probe, after two seconds).
            until = time.monotonic() + 1
            while time.monotonic() < until:
                await worker.run_once()
                await asyncio.sleep(0.02)
            rows = await Outbox.select().where(mine)
            assert len(rows) == 5 and all(r["state"] == "pending" for r in rows)
            transient = await DeliveryAttempt.count().where(
                (DeliveryAttempt.status == "transient") & DeliveryAttempt.outbox.is_in(first)
            )
            # Three failures open the circuit (more may have been in flight together), then at
            # most one probe: never one try per notification and pass.
            assert 3 <= transient <= 6, transient
            assert sum(r["attempts"] for r in rows) == transient
            assert await push_service.messages(sub.client_hash) == []
            await gate.open()
            back = time.monotonic()
            deadline = back + 15
            waiting = mine & (Outbox.state != "sent")
            while await Outbox.count().where(waiting) and time.monotonic() < deadline:
                await worker.run_once()
                await asyncio.sleep(0.05)
            recovered_in = time.monotonic() - back
            for _ in range(3):  # more passes change nothing
                await worker.run_once()
    print(f"backlog of 5 sent {recovered_in:.1f} s after the push service came back")
    assert recovered_in < 10
    assert worker.gates.open_hosts() == []
    got = await push_service.messages(sub.client_hash)
    # Each alert arrived; its later steps' pushes carry the same tag (one notification on the
    # phone).
    assert {m["id"] for m in got} == {str(a) for a in alert_ids}
    first_step = [r["ref_id"] for r in await Outbox.select(Outbox.ref_id).where(mine)]
    assert sorted(map(str, first_step)) == sorted(str(a) for a in alert_ids)
    rows = await Outbox.select().where(Outbox.user == world.nurse.id)
    assert all(r["state"] == "sent" for r in rows if r["id"] in first)
    # Nobody was reached by push: the nurse was sent each alert by email meanwhile, and each
    # alert went on to its next steps without waiting for the team's delay.
    fallback = {f"fallback:{i}" for i in first}
    assert fallback <= {r["dedup_key"] for r in rows if r["channel"] == "email"}
    steps = await Alert.select(Alert.escalation_step).where(Alert.id.is_in(alert_ids))
    assert all(s["escalation_step"] >= 1 for s in steps)


async def test_a_dead_workers_lease_runs_out_and_another_worker_sends_once(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.nurse) as nurse:
        sub = await subscribe(nurse, push_service)
    alert_id = await open_test_alert(world)
    now = db.utcnow()
    # A worker claims the rows, then dies before sending anything.
    taken = await outbox.claim("dead-worker", now=now, lease_s=30, limit=10)
    assert len(taken) == 2  # the nurse (push) and the doctor (email)
    async with running_worker(app, worker_settings(database)) as worker:
        assert await worker.deliver_due(now + dt.timedelta(seconds=10)) == 0  # lease still held
        assert await worker.deliver_due(now + dt.timedelta(seconds=31)) == 2
        await worker.deliver_due(now + dt.timedelta(seconds=62))
    got = await push_service.messages(sub.client_hash)
    assert [m["id"] for m in got] == [str(alert_id)]


def _start_cli_worker(test_env: dict[str, str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, **test_env, "RELAIS_WORKER_POLL_MS": "50", "RELAIS_LOG_LEVEL": "INFO"}
    return subprocess.Popen(
        [sys.executable, "-m", "relais.cli", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def _wait_started(proc: subprocess.Popen[bytes]) -> None:
    assert proc.stderr is not None
    os.set_blocking(proc.stderr.fileno(), False)
    seen = b""
    deadline = time.monotonic() + 30
    while b"worker" not in seen or b"started" not in seen:
        chunk = proc.stderr.read() or b""
        seen += chunk
        assert proc.poll() is None, seen.decode(errors="replace")
        assert time.monotonic() < deadline, "the worker process did not start"
        await asyncio.sleep(0.05)


@pytest.mark.slow
async def test_two_workers_in_two_processes_deliver_each_notification_once(
    app: Litestar,
    database: Settings,
    make_client: Any,
    push_service: PushService,
    test_env: dict[str, str],
) -> None:
    world = await make_world(app)
    subs = {}
    for user in (world.nurse, world.doctor):
        async with signed_in(make_client, user) as api:
            subs[user.id] = await subscribe(api, push_service)

    async def all_sent(count: int) -> None:
        deadline = time.monotonic() + 30
        while await Outbox.count().where(Outbox.state == "sent") < count:
            assert time.monotonic() < deadline, "notifications not sent in time"
            await asyncio.sleep(0.1)

    # Three waves: the other process alone, both at once, this process alone. Each worker is
    # sure to send some; in the middle wave they compete for the same rows.
    proc = _start_cli_worker(test_env)
    alert_ids: list[Any] = []
    try:
        await _wait_started(proc)
        alert_ids += [await open_test_alert(world) for _ in range(10)]
        await all_sent(2 * len(alert_ids))
        async with running_worker(app, worker_settings(database), batch=4) as worker:
            task = worker.start_background()
            alert_ids += [await open_test_alert(world) for _ in range(20)]
            await all_sent(2 * len(alert_ids))
            proc.terminate()
            proc.wait(timeout=15)
            alert_ids += [await open_test_alert(world) for _ in range(10)]
            await all_sent(2 * len(alert_ids))
            # The other process has stopped; a duplicate from this one would have been sent by
            # the time it has gone round again.
            await passes_done(worker, 2)
            await worker.stop()
            assert task.done()
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=15)
    assert proc.returncode == 0, "the worker process did not stop cleanly on SIGTERM"
    assert await Outbox.count().where(Outbox.state == "sent") == 2 * len(alert_ids)
    expected = sorted(str(a) for a in alert_ids)
    for sub in subs.values():
        got = await push_service.messages(sub.client_hash)
        assert sorted(m["id"] for m in got) == expected
    workers = {r["worker"] for r in await DeliveryAttempt.select(DeliveryAttempt.worker)}
    assert len(workers) == 2, f"both workers should have sent some ({ENGINE}): {workers}"


async def test_a_sleeping_worker_sends_a_message_notice_at_once_after_the_commit(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    """A worker that polls only every minute is woken by the message itself (after its commit,
    so that it finds the row): the team's push arrives within seconds."""
    world = await make_world(app)
    async with signed_in(make_client, world.nurse) as nurse:
        sub = await subscribe(nurse, push_service)
    async with running_worker(app, worker_settings(database), poll_s=60) as worker:
        task = worker.start_background()
        await passes_done(worker, 1)  # past its first pass: asleep until woken or a minute passes
        async with signed_in(make_client, world.patient_user) as patient:
            resp = await patient.post(
                f"/api/patients/{world.patient_id}/messages", json={"body": "Une question"}
            )
            assert resp.status_code == 201, resp.text
        got = await push_service.wait_for(sub.client_hash, 1, within_s=5)
        await worker.stop()
        assert task.done()
    assert got, "the team's push did not arrive within 5 s: the worker slept on"
    assert got[0]["type"] == "message"
    assert_neutral(json.dumps(got[0]))


async def test_workers_are_woken_when_the_change_commits_never_on_rollback(
    database: Settings,
) -> None:
    woken = asyncio.Event()
    outbox.register_waker(woken)
    try:
        async with db.transaction():
            outbox.wake()
            if not db.is_postgres():  # there a NOTIFY, sent at commit, wakes the others
                assert not woken.is_set(), "woken before the row it is to send is visible"
        assert woken.is_set()
        woken.clear()
        with contextlib.suppress(RuntimeError):
            async with db.transaction():
                outbox.wake()
                raise RuntimeError("rolled back")
        if not db.is_postgres():
            assert not woken.is_set(), "woken for a change that was rolled back"
    finally:
        outbox.unregister_waker(woken)
