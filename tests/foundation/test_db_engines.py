"""The two database engines under concurrent requests: SQLite driven from the event loop with busy
retries, PostgreSQL with one pooled connection per request."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais import db
from relais.alerts.tables import Alert
from relais.checkins.tables import Checkin
from relais.db import raw
from relais.db.postgres import begin_request, end_request
from relais.settings import Settings
from tests.conftest import ENGINE
from tests.world import World, world_fixture

VITALS = {"temperature": 36.8, "spo2": 97, "heart_rate": 72, "resp_rate": 14}


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


def _checkin(red: bool) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "taken_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat(),
        "answers": {},
        "vitals": {**VITALS, "resp_rate": 30 if red else 14},
        "note": "",
    }


async def test_many_concurrent_checkins_all_stored_once(world: World, settings: Settings) -> None:
    """More check-ins at once than the PostgreSQL pool has connections, one in four opening an
    alert (or joining the open one) in its transaction: every one answers, is stored once, and no
    request waits forever on a connection another request holds."""
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    count = max(40, 4 * settings.pg_pool_max)
    bodies = [_checkin(red=i % 4 == 0) for i in range(count)]
    responses = await asyncio.wait_for(
        asyncio.gather(*(world["patient"].post(url, json=b) for b in bodies)), timeout=120
    )
    assert [r.status_code for r in responses] == [201] * count, [
        r.text for r in responses if r.status_code != 201
    ][:3]
    stored = await Checkin.count().where(Checkin.id.is_in([b["id"] for b in bodies]))
    assert stored == count
    reds = [r.json() for r in responses if r.json()["level"] == "red"]
    assert len(reds) == count // 4 and all(r["alert"] for r in reds)
    # One alert per episode: every red check-in opened an alert or joined the open one.
    alerts = await Alert.select(Alert.id, Alert.repeats).where(Alert.patient == pid)
    assert len({r["alert"]["id"] for r in reds}) == len(alerts) >= 1
    assert sum(1 + a["repeats"] for a in alerts) == count // 4


@pytest.mark.skipif(ENGINE != "postgres", reason="the request's connection is PostgreSQL's")
async def test_a_request_runs_on_one_connection(database: Settings) -> None:
    eng = db.engine()
    pool = eng.pool  # type: ignore[attr-defined]
    idle_before = pool.get_idle_size()
    size_before = pool.get_size()
    token = begin_request()
    try:
        first = await raw.first("SELECT pg_backend_pid() AS pid")
        orm = await db.fetch("SELECT pg_backend_pid() AS pid")
        async with db.transaction():
            in_tx = await raw.first("SELECT pg_backend_pid() AS pid")
        assert first is not None and in_tx is not None
        assert first["pid"] == orm[0]["pid"] == in_tx["pid"]
        # Borrowed, not returned yet: one connection fewer in the pool's idle set.
        assert pool.get_idle_size() == idle_before - 1 or pool.get_size() == size_before + 1
    finally:
        await end_request(token)
    assert pool.get_idle_size() >= idle_before
    # After the response has started, statements take a connection from the pool again.
    token = begin_request()
    await end_request()
    try:
        assert await raw.first("SELECT 1 AS one") == {"one": 1}
        assert pool.get_idle_size() >= idle_before
    finally:
        await end_request(token)


@pytest.mark.skipif(ENGINE != "sqlite", reason="SQLite's busy handling")
async def test_sqlite_waits_for_another_writer_without_blocking(database: Settings) -> None:
    """Another process holding the write lock makes a write wait (asynchronously) until it is
    released; meanwhile the event loop keeps serving."""
    other = sqlite3.connect(str(database.sqlite_path), isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    running = asyncio.create_task(ticker())
    asyncio.get_running_loop().call_later(0.4, other.execute, "COMMIT")
    started = time.monotonic()
    try:
        async with db.transaction():
            await raw.rows(
                "INSERT INTO relais_audit (at, action, outcome) VALUES ({}, {}, {})",
                dt.datetime.now(dt.UTC),
                "test.busy",
                "ok",
            )
    finally:
        running.cancel()
        other.close()
    waited = time.monotonic() - started
    assert waited >= 0.3
    assert ticks >= 10  # the loop went on while the write waited
    rows = await raw.rows("SELECT action FROM relais_audit WHERE action = {}", "test.busy")
    assert len(rows) == 1
