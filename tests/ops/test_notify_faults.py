"""Notifications under faults: the push service down for ten minutes (simulated clock) then back,
a worker killed in the middle of a send, a worker stopped with SIGTERM. Each notification arrives
exactly once; the metrics show the backlog while it lasts."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from typing import Any

import pytest
from litestar import Litestar

from relais import db
from relais.notify.tables import DeliveryAttempt, Outbox
from relais.settings import Settings
from tests.alerts.world import make_world, open_test_alert, running_worker, signed_in, subscribe
from tests.helpers import make_user
from tests.ops.proxy import Relay
from tests.ops.test_observability import metric
from tests.pushsvc import PushService

pytestmark = [pytest.mark.fault, pytest.mark.pushsvc]


async def test_push_down_ten_minutes_then_up_delivers_once_and_metrics_show_the_backlog(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    relay = Relay(push_service.port).open()
    async with signed_in(make_client, world.nurse) as nurse:
        sub = await subscribe(nurse, push_service, endpoint_via=relay)
    admin_user = await make_user(app, "admin", "ops-admin@example.org")
    relay.cut()
    real_now = db.utcnow()
    start = real_now - dt.timedelta(minutes=10)
    clock = {"now": start}
    settings = dataclasses.replace(database, worker_lease_s=30)
    async with (
        signed_in(make_client, admin_user) as admin,
        running_worker(app, settings, clock=lambda: clock["now"]) as worker,
    ):
        # Amber: escalation (red: after 5 minutes) would add notifications of its own.
        alert_ids = [await open_test_alert(world, level="amber", now=start) for _ in range(3)]
        # Ten minutes of outage, one worker pass a minute.
        for minute in range(11):
            clock["now"] = start + dt.timedelta(minutes=minute)
            await worker.run_once(clock["now"])
        text = (await admin.get("/metrics")).text
        pending = metric(text, "relais_outbox_depth", state="pending")
        assert pending >= 3, text
        assert metric(text, "relais_outbox_oldest_unsent_age_seconds") >= 590
        # Three failures open the host's circuit; then one probe a pass (a minute), the other
        # notifications held without a try: 3 + 10, not 3 a minute.
        failures = metric(text, "relais_push_failures_total", outcome="transient")
        assert 3 + 10 <= failures < 3 * 11, failures
        # A push outage is not a stuck worker: the web processes stay ready.
        ready = await admin.get("/api/ready")
        assert ready.status_code == 200, ready.text
        assert await push_service.messages(sub.client_hash) == []
        relay.open()
        clock["now"] = real_now + dt.timedelta(minutes=1)
        for _ in range(10):
            await worker.run_once(clock["now"])
            clock["now"] += dt.timedelta(minutes=1)
            if not await Outbox.count().where(
                (Outbox.state == "pending") & (Outbox.user == world.nurse.id)
            ):
                break
        for _ in range(3):  # more passes change nothing
            await worker.run_once(clock["now"])
        after = (await admin.get("/metrics")).text
    relay.cut()
    got = await push_service.messages(sub.client_hash)
    # Every alert arrived. Reaching nobody moved each to its next steps at once, whose pushes
    # to the nurse carry the same alert (one notification on the phone: the alert is the tag).
    assert {m["id"] for m in got} == {str(a) for a in alert_ids}
    nurse_rows = await Outbox.select().where(Outbox.user == world.nurse.id)
    assert all(r["state"] == "sent" for r in nurse_rows if r["channel"] == "push")
    assert metric(after, "relais_outbox_depth", state="pending") < pending


def _worker(test_env: dict[str, str], **extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, **test_env, "RELAIS_WORKER_POLL_MS": "50", **extra}
    return subprocess.Popen(
        [sys.executable, "-m", "relais.cli", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def _until(predicate: Any, within_s: float, what: str) -> None:
    deadline = time.monotonic() + within_s
    while not await predicate():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.05)


async def test_a_worker_killed_mid_send_is_replaced_after_its_lease_and_sigterm_is_clean(
    app: Litestar,
    database: Settings,
    make_client: Any,
    push_service: PushService,
    test_env: dict[str, str],
) -> None:
    world = await make_world(app)
    # The push service hangs: a send blocks until the push timeout.
    relay = Relay(push_service.port, mode="hang").open()
    async with signed_in(make_client, world.nurse) as nurse:
        sub = await subscribe(nurse, push_service, endpoint_via=relay)
    nurse_row = (Outbox.user == world.nurse.id) & (Outbox.channel == "push")

    async def sending() -> bool:
        return bool(await Outbox.count().where(nurse_row & (Outbox.state == "sending")))

    # 1. SIGTERM while a send hangs: the worker finishes the batch in hand (the send times out and
    #    is rescheduled), leaves nothing claimed, and exits 0.
    proc = _worker(test_env, RELAIS_PUSH_TIMEOUT_S="2", RELAIS_WORKER_LEASE_S="60")
    try:
        first = await open_test_alert(world)
        await _until(sending, 20, "the worker never claimed the notification")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    row = await Outbox.select().where(nurse_row & (Outbox.ref_id == first)).first()
    assert row is not None and row["state"] == "pending", row
    attempts = await DeliveryAttempt.select().where(DeliveryAttempt.outbox == row["id"])
    assert [a["status"] for a in attempts] == ["transient"]

    # 2. kill -9 during a send: the claim stays until its lease ends, then a new worker sends.
    proc = _worker(test_env, RELAIS_PUSH_TIMEOUT_S="60", RELAIS_WORKER_LEASE_S="5")
    try:
        await _until(sending, 20, "the worker never claimed the notification again")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    relay.mode = "relay"
    killed_at = time.monotonic()
    proc = _worker(test_env, RELAIS_WORKER_LEASE_S="5")
    try:

        async def sent() -> bool:
            return bool(await Outbox.count().where(nurse_row & (Outbox.state == "sent")))

        await _until(sent, 30, "the notification of the dead worker was never sent")
        assert time.monotonic() - killed_at >= 3, "sent before the lease ran out"
        # A later alert, sent by the same worker: the pass that takes it began after the first
        # notification was sent, so a duplicate of it would have been sent by the time that pass
        # is over (nothing left claimed).
        later = await open_test_alert(world)

        async def later_sent() -> bool:
            done = nurse_row & (Outbox.ref_id == later) & (Outbox.state == "sent")
            busy = nurse_row & (Outbox.state == "sending")
            return bool(await Outbox.count().where(done)) and not await Outbox.count().where(busy)

        await _until(later_sent, 30, "the later notification was never sent")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        relay.cut()
    got = await push_service.messages(sub.client_hash)
    assert [m["id"] for m in got] == [str(first), str(later)]
