"""Alerts reach people under push-service faults, with a real push service (web-push-testing, its
own process) behind relays that hang, refuse and come back, and real worker processes killed with
SIGKILL. Each test prints its figures:

- the latency of a healthy device's red pushes while another device's push service hangs;
- the time to send the backlog once a push service that was down answers again;
- the duplicates at the push service per killed worker.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import random
import signal
import statistics
import time
from typing import Any

import pytest
from litestar import Litestar

from relais import db
from relais.notify.tables import DeliveryAttempt, JobLease, Outbox, PushSubscription
from relais.settings import Settings
from tests.alerts.world import make_world, open_test_alert, running_worker, signed_in, subscribe
from tests.ops.proxy import Relay
from tests.ops.test_notify_faults import _until, _worker
from tests.pushsvc import PushService

pytestmark = [pytest.mark.fault, pytest.mark.pushsvc]


def _seconds(a: Any, b: Any) -> float:
    return (db.as_utc(b) - db.as_utc(a)).total_seconds()


async def _sent_at(user_id: Any) -> dict[Any, dt.datetime]:
    """When each alert's push to ``user_id`` was taken by the push service (its first row)."""
    rows = await Outbox.select(Outbox.id, Outbox.ref_id).where(
        (Outbox.user == user_id) & (Outbox.channel == "push")
    )
    by_row = {r["id"]: r["ref_id"] for r in rows}
    attempts = await DeliveryAttempt.select(DeliveryAttempt.outbox, DeliveryAttempt.at).where(
        DeliveryAttempt.outbox.is_in(list(by_row) or [-1]) & (DeliveryAttempt.status == "sent")
    )
    out: dict[Any, dt.datetime] = {}
    for a in attempts:
        ref = by_row[a["outbox"]]
        out[ref] = min(out.get(ref, a["at"]), a["at"])
    return out


async def test_a_hung_push_service_never_delays_another_devices_red_alerts(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    hung = Relay(push_service.port, mode="hang").open()
    async with signed_in(make_client, world.nurse) as nurse:
        await subscribe(nurse, push_service, endpoint_via=hung)
    async with signed_in(make_client, world.doctor) as doctor:
        healthy = await subscribe(doctor, push_service)
    settings = dataclasses.replace(database, push_timeout_s=5, worker_lease_s=15)
    opened: dict[Any, dt.datetime] = {}
    try:
        async with running_worker(app, settings) as worker:
            worker.start_background()
            # Two red alerts a second for ten seconds, to a day team of two: the nurse's push
            # service hangs, the doctor's answers.
            for _ in range(20):
                at = db.utcnow()
                opened[await open_test_alert(world)] = at
                await asyncio.sleep(0.5)

            async def doctor_has_all() -> bool:
                return len(await _sent_at(world.doctor.id)) == len(opened)

            await _until(doctor_has_all, 20, "the doctor's pushes were not all sent")
            await worker.stop()
            held = worker.gates.open_hosts()
    finally:
        hung.cut()
    sent = await _sent_at(world.doctor.id)
    latency = sorted(_seconds(opened[a], sent[a]) for a in opened)
    p50 = statistics.median(latency)
    p99 = latency[min(len(latency) - 1, int(len(latency) * 0.99))]
    nurse_rows = [r["id"] for r in await Outbox.select(Outbox.id).where(
        (Outbox.user == world.nurse.id) & (Outbox.channel == "push"))]  # fmt: skip
    tries = await DeliveryAttempt.count().where(DeliveryAttempt.outbox.is_in(nurse_rows))
    print(
        f"hung neighbour: healthy red push p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
        f"max {latency[-1] * 1000:.0f} ms over {len(latency)} alerts at 2/s; "
        f"{tries} tries to the hung service for {len(nurse_rows)} notifications"
    )
    assert p99 < 1.0, [round(_seconds(opened[a], sent[a]), 3) for a in opened]
    got = await push_service.messages(healthy.client_hash)
    assert sorted(m["id"] for m in got) == sorted(str(a) for a in opened)
    # The hung service's circuit opened: it was probed, not sent every notification.
    assert held == [f"http://127.0.0.1:{hung.port}"]
    assert tries < len(nurse_rows)


async def test_the_backlog_goes_out_within_seconds_of_the_push_service_coming_back(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    relay = Relay(push_service.port).open()
    async with signed_in(make_client, world.nurse) as nurse:
        sub = await subscribe(nurse, push_service, endpoint_via=relay)
    relay.cut()
    settings = dataclasses.replace(database, push_timeout_s=5, worker_lease_s=15)
    opened: list[Any] = []
    async with running_worker(app, settings, retry_base_s=2.0) as worker:
        worker.start_background()
        # Fifteen seconds of outage, an alert a second.
        for _ in range(15):
            opened.append(await open_test_alert(world))
            await asyncio.sleep(1)
        relay.open()
        back = time.monotonic()

        async def all_sent() -> bool:
            return len(await _sent_at(world.nurse.id)) == len(opened)

        await _until(all_sent, 30, "the backlog was not sent")
        took = time.monotonic() - back
        await worker.stop()
    relay.cut()
    print(f"push service back: the backlog of {len(opened)} alerts sent {took:.1f} s later")
    assert took < 10
    got = await push_service.messages(sub.client_hash)
    assert {m["id"] for m in got} == {str(a) for a in opened}


async def test_a_killed_worker_leaves_at_most_one_duplicate(
    app: Litestar,
    database: Settings,
    make_client: Any,
    push_service: PushService,
    test_env: dict[str, str],
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.doctor) as doctor:
        sub = await subscribe(doctor, push_service)
    sub_id = (
        await PushSubscription.select(PushSubscription.id)
        .where(PushSubscription.user == world.doctor.id)
        .first()
    )
    assert sub_id is not None
    opened: list[Any] = []
    kills = 3
    env = {"RELAIS_WORKER_LEASE_S": "5"}
    proc = _worker(test_env, **env)
    rng = random.Random(7)

    async def all_sent() -> bool:
        return len(await _sent_at(world.doctor.id)) == len(opened)

    async def warmed_up() -> bool:
        # Its first tick has read the content (over a second of parsing, in a thread) and run
        # the missed check-ins job: a steady worker from now on.
        job = (
            await JobLease.select(JobLease.last_finished_at)
            .where(JobLease.name == "missed_checkins")
            .first()
        )
        return bool(job and job["last_finished_at"])

    try:
        await _until(warmed_up, 30, "the worker did not start")
        for _ in range(kills):
            # The worker has caught up; alerts at ten a second while it sends, then SIGKILL at a
            # random moment of that steady flow.
            await _until(all_sent, 40, "the worker did not catch up")
            until = time.monotonic() + rng.uniform(1.5, 3.0)
            while time.monotonic() < until:
                opened.append(await open_test_alert(world))
                await asyncio.sleep(0.1)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            proc = _worker(test_env, **env)
        await _until(all_sent, 40, "the notifications of the killed workers were not all sent")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    got = [m["id"] for m in await push_service.messages(sub.client_hash)]
    duplicates = len(got) - len(set(got))
    print(
        f"killed workers: {kills} SIGKILLs during {len(opened)} red alerts, "
        f"{duplicates} duplicate(s) at the push service ({duplicates / kills:.2f} per kill)"
    )
    assert set(got) == {str(a) for a in opened}
    assert duplicates <= kills
