"""The retention job deletes what is past its period and nothing else; the record of processing
states the same periods."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from click.testing import CliRunner

from relais.audit.tables import AuditEvent
from relais.checkins.tables import Checkin
from relais.cli import main
from relais.db import utcnow
from relais.exports.retention import run_retention
from relais.notify.tables import Outbox
from tests.exports.support import checkin
from tests.world import World, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def test_retention_purges_only_rows_past_their_period(world: World, settings: Any) -> None:
    pid = world.ids["patient"]
    fresh = await world["patient"].post(f"/api/patients/{pid}/checkins", json=checkin(5))
    assert fresh.status_code == 201
    now = utcnow()
    old = now - dt.timedelta(days=settings.retention_health_days + 1)
    old_id = uuid.uuid4()
    await Checkin.insert(
        Checkin(
            id=old_id, patient=pid, taken_at=old, received_at=old, level="green",
            content_version="x", body_hash="x",
        )
    )  # fmt: skip
    await AuditEvent.insert(
        AuditEvent(at=now - dt.timedelta(days=settings.retention_audit_days + 1), action="x.read")
    )
    uid = world.ids["clin.a@w.test"]
    await Outbox.insert(
        Outbox(user=uid, kind="alert", state="sent", created_at=now - dt.timedelta(days=40)),
        Outbox(user=uid, kind="alert", state="pending", created_at=now - dt.timedelta(days=40)),
        Outbox(user=uid, kind="alert", state="sent", created_at=now - dt.timedelta(days=2)),
    )
    audit_before = await AuditEvent.count()
    done = await run_retention(settings, now)
    assert done["checkins"] == 1 and done["audit_rows"] == 1 and done["notifications"] == 1
    assert not await Checkin.exists().where(Checkin.id == old_id)
    assert await Checkin.exists().where(Checkin.id == fresh.json()["id"])
    assert await AuditEvent.count() == audit_before - 1
    assert await Outbox.count() == 2
    again = await run_retention(settings, now)
    assert again["checkins"] == 0 and again["audit_rows"] == 0

    shorter = dataclasses.replace(settings, retention_health_days=30)
    assert (await run_retention(shorter, now + dt.timedelta(days=31)))["checkins"] == 1


async def test_processing_record_for_admins(world: World) -> None:
    resp = await world["admin"].get("/api/admin/processing-record?lang=en")
    assert resp.status_code == 200, resp.text
    rec = resp.json()
    assert {a["id"] for a in rec["activities"]} == {
        "follow_up",
        "accounts",
        "notifications",
        "audit",
    }
    assert "1095 days" in rec["activities"][0]["retention"]
    assert rec["markdown"].startswith("# Record of processing activities")
    assert (await world["clin_a"].get("/api/admin/processing-record")).status_code == 403
    assert (await world["patient"].get("/api/admin/processing-record")).status_code == 403


def test_processing_record_command(tmp_path: Any, monkeypatch: Any) -> None:
    from relais.settings import get_settings

    monkeypatch.setenv("RELAIS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RELAIS_RETENTION_AUDIT_DAYS", "730")
    monkeypatch.setenv("RELAIS_CONTROLLER_NAME", "CHU de Test")
    get_settings.cache_clear()
    try:
        out = CliRunner().invoke(main, ["processing-record", "--lang", "fr"])
    finally:
        get_settings.cache_clear()
    assert out.exit_code == 0, out.output
    assert "Registre des traitements" in out.output and "CHU de Test" in out.output
    assert "730 jours" in out.output


async def _old_checkin(pid: str, taken: dt.datetime) -> uuid.UUID:
    cid = uuid.uuid4()
    await Checkin.insert(
        Checkin(
            id=cid, patient=pid, taken_at=taken, received_at=taken, level="green",
            content_version="x", body_hash="x",
        )
    )  # fmt: skip
    return cid


async def test_worker_runs_retention_once_a_day_whatever_the_number_of_workers(
    world: World, settings: Any
) -> None:
    from relais.notify.tables import JobLease
    from relais.worker.loop import Worker

    pid = world.ids["patient"]
    fresh = await world["patient"].post(f"/api/patients/{pid}/checkins", json=checkin(5))
    assert fresh.status_code == 201
    now = utcnow()
    period = dt.timedelta(days=settings.retention_health_days + 1)
    first_old = await _old_checkin(pid, now - period)
    vapid = world.app.state.vapid
    workers = [Worker(settings, vapid=vapid, worker_id=f"w{i}") for i in range(3)]

    # Three workers tick at the same moment: the purge runs in one of them.
    await asyncio.gather(*(w.run_once(now) for w in workers))
    assert not await Checkin.exists().where(Checkin.id == first_old)
    assert await Checkin.exists().where(Checkin.id == fresh.json()["id"])
    lease = await JobLease.select().where(JobLease.name == "retention").first()
    assert lease is not None and lease["runs"] == 1 and lease["last_error"] == ""
    assert lease["holder"] in {"w0", "w1", "w2"}

    # Later the same day (a new worker, or the same one a minute on): not again.
    second_old = await _old_checkin(pid, now - period)
    later = Worker(settings, vapid=vapid, worker_id="w3")
    await later.run_once(now + dt.timedelta(hours=3))
    await workers[0].run_once(now + dt.timedelta(hours=23))
    assert await Checkin.exists().where(Checkin.id == second_old)

    # A day on, the next tick purges again.
    await later.run_once(now + dt.timedelta(days=1, minutes=1))
    assert not await Checkin.exists().where(Checkin.id == second_old)
    lease = await JobLease.select().where(JobLease.name == "retention").first()
    assert lease is not None and lease["runs"] == 2


async def test_a_failed_periodic_job_is_tried_again_later_and_delivery_goes_on(
    database: Any, settings: Any, app: Any
) -> None:
    from relais.notify.tables import JobLease
    from relais.worker.jobs import Job
    from relais.worker.loop import Worker

    calls: list[dt.datetime] = []

    async def flaky(_: Any, now: dt.datetime) -> None:
        calls.append(now)
        if len(calls) == 1:
            raise RuntimeError("database went away")

    job = Job("flaky", dt.timedelta(days=1), flaky, retry=dt.timedelta(hours=1))
    worker = Worker(settings, vapid=app.state.vapid, periodic=[job], jobs_every_s=0)
    now = utcnow()
    assert await worker.run_once(now) == 0  # the failure does not escape the tick
    await worker.run_once(now + dt.timedelta(minutes=30))
    assert len(calls) == 1
    await worker.run_once(now + dt.timedelta(hours=1, minutes=1))
    assert len(calls) == 2
    row = await JobLease.select().where(JobLease.name == "flaky").first()
    assert row is not None and row["last_error"] == "" and row["runs"] == 2
