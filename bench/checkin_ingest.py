"""Check-in ingest throughput and latency, on SQLite and PostgreSQL, with wrk as the load generator.

For each engine: a fresh database, `relais serve` (worker off; one process on SQLite, one then two
on PostgreSQL, ``--pg-workers``; logging as in production), 50 enrolled patients,
then wrk (a separate process, Lua script) posts check-ins from 16 connections for a fixed time;
one check-in in ten carries a red vital sign and opens an alert with its notification rows, or
joins its patient's open alert (one alert per episode), in the same transaction. Printed:
throughput, p50/p99 latency, errors; the ceiling of the same machine (a bare one-row insert
through the same driver, 16 concurrent writers) and the ratio.
Then the history read: the last 30 days of one patient's check-ins (60: twice a day) with 1 million
check-ins in the table (``--rows``; patients who checked in twice a day for a year), p50/p99 over
200 requests.

    .venv/bin/python bench/checkin_ingest.py [--seconds 15] [--rows 1000000] [--engines sqlite]
        [--pg-workers 1,2]

Needs wrk (Debian package `wrk`).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from common import CHECKIN_LUA as LUA
from common import ROOT, ms, pct
from tests.server import running_server

PG_ADMIN = "postgresql://127.0.0.1:5432/test"
PASSWORD = "a benchmark passphrase"
CONCURRENCY = 16


async def pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def sign_in(base: str, email: str) -> tuple[httpx.Client, str]:
    http = httpx.Client(base_url=base, timeout=30)
    http.get("/api/auth/csrf")
    csrf = http.cookies["relais_csrf"]
    resp = http.post(
        "/api/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"x-csrftoken": csrf},
    )
    resp.raise_for_status()
    return http, http.cookies["relais_csrf"]  # rotated at sign-in


def setup_patients(env: dict[str, str], base: str, count: int) -> tuple[list[str], str, str]:
    cli = [str(ROOT / ".venv/bin/relais")]
    for email, role in (("admin@bench.test", "admin"), ("clin@bench.test", "clinician")):
        subprocess.run(
            [
                *cli,
                "create-user",
                "--email",
                email,
                "--name",
                role,
                "--role",
                role,
                "--password-stdin",
            ],
            input=PASSWORD + "\n",
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    admin, csrf = sign_in(base, "admin@bench.test")
    team = admin.post(
        "/api/teams",
        json={"name": "Bench", "kind": "hospital_service"},
        headers={"x-csrftoken": csrf},
    ).json()
    users = admin.get("/api/auth/me").json()  # noqa: F841 (keeps the session warm)
    clin, ccsrf = sign_in(base, "clin@bench.test")
    clin_id = clin.get("/api/auth/me").json()["id"]
    admin.post(
        f"/api/teams/{team['id']}/members",
        json={"user_id": clin_id, "role": "physician"},
        headers={"x-csrftoken": csrf},
    ).raise_for_status()
    ids = []
    discharge = (dt.date.today() - dt.timedelta(days=5)).isoformat()
    for i in range(count):
        resp = clin.post(
            "/api/patients",
            headers={"x-csrftoken": ccsrf},
            json={
                "given_name": f"P{i}",
                "family_name": "Bench",
                "birth_date": "1960-01-01",
                "sex_at_birth": "female",
                "discharge_date": discharge,
                "plan_id": "adult_post_sepsis",
                "team_ids": [team["id"]],
            },
        )
        resp.raise_for_status()
        ids.append(resp.json()["id"])
    cookie = f"relais_csrf={ccsrf}; relais_session={clin.cookies['relais_session']}"
    return ids, ccsrf, cookie


def run_wrk(base: str, script: Path, seconds: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{CONCURRENCY}", f"-d{seconds}s", "--latency", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def lat(label: str) -> float:
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
        assert m, out
        value, unit = float(m.group(1)), m.group(2)
        return value / {"us": 1e6, "ms": 1e3, "s": 1}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = float(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "requests": total,
        "p50": lat("50"),
        "p99": lat("99"),
        "errors": float(errors.group(1)) if errors else 0.0,
    }


async def ceiling(env: dict[str, str], seconds: float = 5) -> float:
    """Bare one-row inserts through the app's driver with 16 concurrent writers."""
    stop = time.perf_counter() + seconds
    count = 0
    if "RELAIS_DATABASE_URL" in env:
        import asyncpg

        pool = await asyncpg.create_pool(
            env["RELAIS_DATABASE_URL"], min_size=CONCURRENCY, max_size=CONCURRENCY
        )
        await pool.execute(
            "CREATE TABLE IF NOT EXISTS bench_bare (id uuid primary key, "
            "at timestamptz, body jsonb)"
        )

        async def writer() -> None:
            nonlocal count
            while time.perf_counter() < stop:
                await pool.execute(
                    "INSERT INTO bench_bare VALUES ($1, now(), $2)",
                    uuid.uuid4(),
                    '{"resp_rate": 16}',
                )
                count += 1

        await asyncio.gather(*(writer() for _ in range(CONCURRENCY)))
        await pool.close()
    else:
        import aiosqlite

        conn = await aiosqlite.connect(
            Path(env["RELAIS_DATA_DIR"]) / "relais.sqlite3", isolation_level=None
        )
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS bench_bare (id text primary key, at text, body text)"
        )
        lock = asyncio.Lock()

        async def writer() -> None:
            nonlocal count
            while time.perf_counter() < stop:
                async with lock:
                    await conn.execute("BEGIN IMMEDIATE")
                    await conn.execute(
                        "INSERT INTO bench_bare VALUES (?, datetime('now'), ?)",
                        (str(uuid.uuid4()), '{"resp_rate": 16}'),
                    )
                    await conn.execute("COMMIT")
                count += 1

        await asyncio.gather(*(writer() for _ in range(CONCURRENCY)))
        await conn.close()
    return count / seconds


async def stored(env: dict[str, str]) -> tuple[int, int, int]:
    """Check-ins, alerts and notification rows in the database: what the load really wrote."""
    queries = [
        "SELECT count(*) FROM relais_checkin",
        "SELECT count(*) FROM relais_alert",
        "SELECT count(*) FROM relais_outbox",
    ]
    if "RELAIS_DATABASE_URL" in env:
        import asyncpg

        conn = await asyncpg.connect(env["RELAIS_DATABASE_URL"])
        try:
            counts = [await conn.fetchval(q) for q in queries]
        finally:
            await conn.close()
    else:
        import sqlite3

        conn2 = sqlite3.connect(Path(env["RELAIS_DATA_DIR"]) / "relais.sqlite3")
        counts = [conn2.execute(q).fetchone()[0] for q in queries]
        conn2.close()
    return counts[0], counts[1], counts[2]


PER_PATIENT = 730  # twice a day for a year: the most a patient of the default plans sends


async def fill(env: dict[str, str], rows: int) -> list[str]:
    """Bulk-load ``rows`` check-ins: patients who checked in twice a day for a year, each attached
    to the bench team (so the clinician may read them). Returns their ids."""
    now = dt.datetime.now(dt.UTC)
    ids = [uuid.uuid4() for _ in range(max(1, rows // PER_PATIENT))]

    def checkins():  # type: ignore[no-untyped-def]
        for pid in ids:
            for k in range(PER_PATIENT):
                taken = now - dt.timedelta(hours=12 * k, minutes=7)
                yield (uuid.uuid4(), pid, taken, taken, "green")

    common = ("{}", '{"resp_rate": 16}', "", "{}", "[]", "[]", "", "bench", "x")
    columns = [
        "id",
        "patient",
        "taken_at",
        "received_at",
        "level",
        "answers",
        "vitals",
        "note",
        "scores",
        "fired",
        "flags",
        "client_level",
        "content_version",
        "body_hash",
    ]
    birth = dt.date(1960, 1, 1)
    if "RELAIS_DATABASE_URL" in env:
        import asyncpg

        conn = await asyncpg.connect(env["RELAIS_DATABASE_URL"])
        team = await conn.fetchval("SELECT id FROM relais_team LIMIT 1")
        await conn.copy_records_to_table(
            "relais_patient",
            columns=["id", "given_name", "family_name", "birth_date", "created_at"],
            records=((pid, "Bulk", "Patient", birth, now) for pid in ids),
        )
        await conn.copy_records_to_table(
            "relais_patient_team",
            columns=["patient", "team", "created_at"],
            records=((pid, team, now) for pid in ids),
        )
        await conn.copy_records_to_table(
            "relais_checkin", columns=columns, records=((*r, *common) for r in checkins())
        )
        await conn.execute("ANALYZE")
        await conn.close()
    else:
        import sqlite3

        # Times as the app's driver writes them (str() of an aware UTC datetime), so that text
        # comparisons order them alike.
        conn2 = sqlite3.connect(Path(env["RELAIS_DATA_DIR"]) / "relais.sqlite3")
        team = conn2.execute("SELECT id FROM relais_team LIMIT 1").fetchone()[0]
        conn2.executemany(
            "INSERT INTO relais_patient (id, given_name, family_name, birth_date, created_at) "
            "VALUES (?,?,?,?,?)",
            ((str(pid), "Bulk", "Patient", birth.isoformat(), str(now)) for pid in ids),
        )
        conn2.executemany(
            "INSERT INTO relais_patient_team (patient, team, created_at) VALUES (?,?,?)",
            ((str(pid), team, str(now)) for pid in ids),
        )
        conn2.executemany(
            "INSERT INTO relais_checkin (id, patient, taken_at, received_at, level, answers, "
            "vitals, note, scores, fired, flags, client_level, content_version, body_hash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ((str(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4], *common) for r in checkins()),
        )
        conn2.commit()
        conn2.execute("ANALYZE")
        conn2.close()
    return [str(pid) for pid in ids]


def read_latency(base: str, patients: list[str], n: int = 200) -> list[float]:
    http, _ = sign_in(base, "clin@bench.test")
    times = []
    for _ in range(n):
        pid = random.choice(patients)
        t0 = time.perf_counter()
        resp = http.get(f"/api/patients/{pid}/checkins?days=30")
        times.append(time.perf_counter() - t0)
        resp.raise_for_status()
    return times


def bench_engine(engine: str, seconds: int, rows: int, workers: int = 1) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "RELAIS_DATA_DIR": tmp,
            "RELAIS_RUN_WORKER": "false",
            # Logs as in production: one JSON line per request (to /dev/null here).
            "RELAIS_LOG_LEVEL": "INFO",
            "PATH": str(ROOT / ".venv/bin") + ":/usr/bin:/bin",
        }
        dbname = ""
        if engine == "postgres":
            dbname = f"relais_bench_{uuid.uuid4().hex[:8]}"
            asyncio.run(pg_admin(f'CREATE DATABASE "{dbname}"'))
            env["RELAIS_DATABASE_URL"] = f"postgresql://127.0.0.1:5432/{dbname}"
        try:
            with running_server(env, serve_args=("--workers", str(workers))) as base:
                patients, csrf, cookie = setup_patients(env, base, 50)
                script = Path(tmp) / "checkin.lua"
                script.write_text(
                    LUA
                    % {
                        "patients": ",".join(json.dumps(p) for p in patients),
                        "csrf": csrf,
                        "cookie": cookie,
                        "seed": 1,
                    }
                )
                run_wrk(base, script, 3)  # warm-up
                before = asyncio.run(stored(env))
                result = run_wrk(base, script, seconds)
                after = asyncio.run(stored(env))
                top = asyncio.run(ceiling(env))
                print(
                    f"[{engine}, {workers} app process{'es' if workers > 1 else ''}] "
                    f"check-ins: {result['rps']:.0f}/s at {CONCURRENCY} connections, "
                    f"p50={ms(result['p50'])} p99={ms(result['p99'])}, "
                    f"errors={result['errors']:.0f}; 1 in 10 red (opens or joins an alert)"
                )
                # What the load wrote (requests cut short when wrk stops may still land).
                checkins, alerts, notices = (a - b for a, b in zip(after, before, strict=True))
                print(
                    f"[{engine}] stored: {checkins} check-ins for {result['requests']:.0f} "
                    f"requests, {alerts} alerts, {notices} notification rows"
                )
                print(
                    f"[{engine}] ceiling (bare one-row insert, same driver, {CONCURRENCY} "
                    f"writers): {top:.0f}/s; check-in/ceiling = {result['rps'] / top:.2f}"
                )
                if rows:
                    t0 = time.perf_counter()
                    bulk = asyncio.run(fill(env, rows))
                    loaded = len(bulk) * PER_PATIENT
                    print(
                        f"[{engine}] loaded {loaded} check-ins ({len(bulk)} patients, twice a day "
                        f"for a year) in {time.perf_counter() - t0:.0f} s"
                    )
                    lat = read_latency(base, bulk)
                    print(
                        f"[{engine}] last 30 days of one patient (60 check-ins, "
                        f"{loaded + result['rps'] * seconds:.0f} in the table): "
                        f"p50={ms(statistics.median(lat))} p99={ms(pct(lat, 99))}"
                    )
        finally:
            if dbname:
                asyncio.run(pg_admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument(
        "--pg-workers",
        default="1,2",
        help="app processes to try on PostgreSQL (SQLite always runs one)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    for engine in args.engines.split(","):
        if engine == "postgres":
            counts = [int(n) for n in args.pg_workers.split(",")]
            for n in counts:
                # The million-row read once, on the last run.
                bench_engine(engine, args.seconds, args.rows if n == counts[-1] else 0, n)
        else:
            bench_engine(engine, args.seconds, args.rows)


if __name__ == "__main__":
    main()
