# ruff: noqa: S608  (table names come from the code)
"""Restore drill: seed data, back up while the app runs, restore into a fresh database, compare
every table's row count and a checksum of the check-ins. On the engine of the run."""

from __future__ import annotations

import asyncio
import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar

from relais import db
from relais.settings import parse_settings
from tests.checkins.test_checkins import GREEN_ANSWERS, GREEN_VITALS, checkin
from tests.conftest import ENGINE, PG_ADMIN_URL, _pg_admin
from tests.world import World, world_fixture

CHECKIN_COLUMNS = "id, patient, taken_at, level, body_hash, answers, vitals, note, fired"


@pytest.fixture
async def world(app: Litestar, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


def relais(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "relais.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def snapshot(url: str) -> tuple[dict[str, int], str]:
    """Row count of every table and a checksum of the check-ins, read with the engine's driver."""
    tables = sorted([t._meta.tablename for t in db.all_tables()] + ["migration"])
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
            rows = conn.execute(
                f"SELECT {CHECKIN_COLUMNS} FROM relais_checkin ORDER BY id"
            ).fetchall()
        finally:
            conn.close()
    else:
        import asyncpg

        pg = await asyncpg.connect(url)
        try:
            counts = {t: await pg.fetchval(f"SELECT COUNT(*) FROM {t}") for t in tables}
            rows = [
                tuple(r)
                for r in await pg.fetch(f"SELECT {CHECKIN_COLUMNS} FROM relais_checkin ORDER BY id")
            ]
        finally:
            await pg.close()
    digest = hashlib.sha256(repr([tuple(map(str, r)) for r in rows]).encode()).hexdigest()
    return counts, digest


@pytest.fixture
def fresh_target(tmp_path: Path, test_env: dict[str, str]) -> Iterator[dict[str, str]]:
    """The environment of an empty database of the run's engine."""
    env = {**test_env, "RELAIS_DATA_DIR": str(tmp_path / "fresh")}
    if ENGINE == "postgres":
        name = f"relais_restore_{uuid.uuid4().hex[:8]}"
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
        env["RELAIS_DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
        yield env
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    else:
        env.pop("RELAIS_DATABASE_URL", None)
        yield env


@pytest.mark.slow
async def test_restore_drill(
    world: World, test_env: dict[str, str], fresh_target: dict[str, str], tmp_path: Path
) -> None:
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    for i in range(12):
        answers = {**GREEN_ANSWERS, "da_confusion": 1} if i % 4 == 0 else GREEN_ANSWERS
        vitals = {**GREEN_VITALS, "temperature": 36.5 + i / 10}
        resp = await world["patient"].post(
            url, json=checkin(minutes_ago=5 + i, answers=answers, vitals=vitals, note=f"n{i}")
        )
        assert resp.status_code == 201, resp.text
    source_url = parse_settings(test_env).database_url
    before = await snapshot(source_url)
    assert before[0]["relais_checkin"] == 12 and before[0]["relais_alert"] >= 1

    archive = tmp_path / "relais.backup"
    made = relais(test_env, "backup", str(archive))
    assert made.returncode == 0, made.stderr
    assert archive.stat().st_mode & 0o077 == 0, "a backup holds health data: owner only"

    # The app keeps writing after the backup: the restore must not see it.
    resp = await world["patient"].post(url, json=checkin(minutes_ago=1))
    assert resp.status_code == 201

    restored = relais(fresh_target, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    target_url = parse_settings(fresh_target).database_url
    after = await snapshot(target_url)
    assert after == before
    check = relais(fresh_target, "check")
    assert check.returncode == 0, check.stdout + check.stderr

    # A database that holds data is never overwritten by accident.
    again = relais(fresh_target, "restore", str(archive))
    assert again.returncode == 1
    assert "--force" in again.stderr
    forced = relais(fresh_target, "restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    assert await snapshot(target_url) == before


@pytest.mark.slow
async def test_a_backup_of_the_other_engine_or_garbage_is_refused(
    database: Any, test_env: dict[str, str], tmp_path: Path
) -> None:
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup at all")
    out = relais(test_env, "restore", str(junk))
    assert out.returncode == 1 and "neither a SQLite database nor" in out.stderr
    other = tmp_path / "other.backup"
    if ENGINE == "postgres":
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
        expected = "is a sqlite backup"
    else:
        other.write_bytes(b"PGDMP" + b"\0" * 64)
        expected = "is a postgres backup"
    out = relais(test_env, "restore", str(other))
    assert out.returncode == 1 and expected in out.stderr
