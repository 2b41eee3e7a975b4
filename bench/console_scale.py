"""The care team's console at scale, on PostgreSQL: one team following 2,000 patients with 20,000
alerts in their history, read through ``relais serve`` (one process, worker off).

Set-up: a fresh database; a lead clinician and a team made through the CLI and the API; one patient
enrolled through the API (with a hand-over); then, bulk-loaded with COPY, 2,000 patients of the team
with their real follow-up schedules (built from the content's plans, past items mostly done), a
daily check-in over the last 30 days each, and 20,000 alerts over the last six months (most of them
resolved, a few hundred still open or seen).

Measured, as the server itself times each request (the ``duration_ms`` of its JSON access log,
matched by request id), and as the client sees it: the patient list (``/api/teams/{id}/console``,
its first page of 100, riskiest first), a search by name, the alert inbox (``/api/alerts``, and its
"closed" filter), and every call of one patient's page. Target: p99 < 100 ms. Then 200
server-sent-event connections to ``/api/live`` on that one process: do they all open, stay open,
and each receive the one alert a red check-in opens?

    .venv/bin/python bench/console_scale.py [--patients 2000] [--alerts 20000] [--requests 200]
        [--sse 200]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from common import ROOT, pct
from tests.server import running_server

PG_ADMIN = "postgresql://127.0.0.1:5432/test"
PASSWORD = "a benchmark passphrase"
TARGET_MS = 100.0
GREEN = {
    "da_confusion": 0, "da_shivering": 0, "da_no_urine": 0, "da_breathless_severe": 0,
    "da_might_die": 0, "da_skin": 0, "da_worse": 0, "da_fever": 0,
}  # fmt: skip


async def pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextlib.contextmanager
def served_database(keep: bool = False) -> Any:
    """A new PostgreSQL database served by ``relais serve`` (one process, worker off, JSON access
    log): yields (database URL, server env, log path, base URL); the database is dropped after,
    unless ``keep``."""
    dbname = f"relais_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(pg_admin(f'CREATE DATABASE "{dbname}"'))
    url = f"postgresql://127.0.0.1:5432/{dbname}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                "RELAIS_DATA_DIR": tmp,
                "RELAIS_DATABASE_URL": url,
                "RELAIS_RUN_WORKER": "false",
                "RELAIS_LOG_FORMAT": "json",
                "RELAIS_LOG_LEVEL": "INFO",
                "PATH": str(ROOT / ".venv/bin") + ":/usr/bin:/bin",
            }
            log = Path(tmp) / "server.log"
            with running_server(env, log_path=log) as base:
                yield url, env, log, base
    finally:
        if keep:
            print(f"  kept the database {dbname}")
        else:
            asyncio.run(pg_admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))


def create_user(env: dict[str, str], email: str, role: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "relais.cli", "create-user", "--email", email, "--name",
         f"Bench {role}", "--role", role, "--password-stdin"],
        input=PASSWORD + "\n", text=True, env=env, check=True, capture_output=True, timeout=60,
    )  # fmt: skip


def sign_in(base: str, email: str) -> httpx.Client:
    http = httpx.Client(base_url=base, timeout=60)
    http.get("/api/auth/csrf")
    resp = http.post(
        "/api/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"x-csrftoken": http.cookies["relais_csrf"]},
    )
    resp.raise_for_status()
    return http


def write(http: httpx.Client, method: str, url: str, body: Any) -> Any:
    token = http.cookies["relais_csrf"]
    resp = http.request(method, url, json=body, headers={"x-csrftoken": token})
    resp.raise_for_status()
    return resp.json()


def setup(env: dict[str, str], base: str) -> tuple[httpx.Client, str, str, str]:
    """The team, its lead (signed in) and one patient enrolled through the API."""
    create_user(env, "admin@bench.test", "admin")
    create_user(env, "lead@bench.test", "clinician")
    admin = sign_in(base, "admin@bench.test")
    team = write(admin, "POST", "/api/teams", {"name": "Bench", "kind": "hospital_service"})
    lead = sign_in(base, "lead@bench.test")
    lead_id = lead.get("/api/auth/me").json()["id"]
    write(
        admin,
        "POST",
        f"/api/teams/{team['id']}/members",
        {"user_id": lead_id, "role": "coordinating_nurse", "is_lead": True},
    )
    admin.close()
    patient = write(
        lead,
        "POST",
        "/api/patients",
        {
            "given_name": "Jeanne",
            "family_name": "Repère",
            "birth_date": "1958-02-11",
            "sex_at_birth": "female",
            "discharge_date": (dt.date.today() - dt.timedelta(days=12)).isoformat(),
            "plan_id": "adult_post_sepsis",
            "team_ids": [team["id"]],
            "handover": {"summary": "Sepsis, 9 days in intensive care.", "referent_name": "Dr B"},
        },
    )
    return lead, team["id"], lead_id, patient["id"]


async def seed(url: str, team_id: str, lead_id: str, patients: int, alerts: int) -> None:
    """Bulk-load the team's patients, schedules, check-ins and alerts."""
    import asyncpg

    from relais.care.schedule import build_schedule
    from relais.content.loader import default_content_dir, load_library

    library = load_library(default_content_dir())
    plan = library.plans["adult_post_sepsis"]
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    today = dt.date.today()
    team = uuid.UUID(team_id)
    lead = uuid.UUID(lead_id)
    people, links, items, checkins, alert_rows = [], [], [], [], []
    ids = [uuid.uuid4() for _ in range(patients)]
    for n, pid in enumerate(ids):
        discharge = today - dt.timedelta(days=rng.randint(1, 200))
        no_gp = rng.random() < 0.1
        people.append(
            (pid, f"Prénom{n}", f"Nom{n:04d}",
             dt.date(rng.randint(1940, 2004), 1 + n % 12, 1 + n % 28),
             "female" if n % 2 else "male", "fr", "Europe/Paris", "06 00 00 00 00",
             "" if no_gp else "Dr Généraliste", "" if no_gp else "01 02 03 04 05", None, discharge,
             None, "adult_post_sepsis", "active", now, lead)
        )  # fmt: skip
        links.append((pid, team, now))
        for d in build_schedule(plan, discharge, "Europe/Paris"):
            past = d.window_end < now
            done = past and rng.random() < 0.85
            items.append(
                (uuid.uuid4(), pid, "adult_post_sepsis", d.plan_item_id, d.kind,
                 json.dumps(list(d.questionnaires)), d.due_at, d.window_end,
                 "done" if done else "due", d.window_end if done else None, None, "")
            )  # fmt: skip
        for k in range(min(30, (today - discharge).days)):
            taken = now - dt.timedelta(days=k, minutes=rng.randint(0, 600))
            r = rng.random()
            level = "red" if r < 0.03 else ("amber" if r < 0.15 else "green")
            vitals = {
                "temperature": round(rng.uniform(36.2, 38.4), 1),
                "spo2": rng.randint(90, 99),
                "heart_rate": rng.randint(60, 115),
                "resp_rate": rng.randint(12, 24),
            }
            checkins.append(
                (uuid.uuid4(), pid, lead, taken, taken, json.dumps(GREEN), json.dumps(vitals), "",
                 "{}", level, "[]", "[]", "", library.version, "bench")
            )  # fmt: skip
    for _ in range(alerts):
        pid = rng.choice(ids)
        opened = now - dt.timedelta(minutes=rng.randint(5, 180 * 24 * 60))
        recent = now - opened < dt.timedelta(days=3)
        state = "resolved"
        if recent:
            state = rng.choice(["open", "acknowledged", "resolved"])
        level = "red" if rng.random() < 0.3 else "amber"
        seen = state != "open"
        alert_rows.append(
            (uuid.uuid4(), pid, team, None, level, "checkin", level == "red",
             json.dumps(["spo2_red" if level == "red" else "temp_amber"]), library.version, state,
             opened, opened + dt.timedelta(minutes=7) if seen else None, lead if seen else None,
             opened + dt.timedelta(hours=2) if state == "resolved" else None,
             lead if state == "resolved" else None,
             "called_patient" if state == "resolved" else "", "", 0 if seen else 1,
             None if seen else opened + dt.timedelta(minutes=240))
        )  # fmt: skip
    conn = await asyncpg.connect(url)
    try:
        await conn.copy_records_to_table(
            "relais_patient",
            records=people,
            columns=["id", "given_name", "family_name", "birth_date", "sex_at_birth", "locale",
                     "timezone", "phone", "gp_name", "gp_phone", "gestational_weeks",
                     "discharge_date", "day1", "plan_id", "status", "created_at", "created_by"],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "relais_patient_team", records=links, columns=["patient", "team", "created_at"]
        )
        await conn.copy_records_to_table(
            "relais_schedule_item",
            records=items,
            columns=["id", "patient", "plan_id", "plan_item_id", "kind", "questionnaires",
                     "due_at", "window_end", "status", "done_at", "done_by", "note"],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "relais_checkin",
            records=checkins,
            columns=["id", "patient", "submitted_by", "taken_at", "received_at", "answers",
                     "vitals", "note", "scores", "level", "fired", "flags", "client_level",
                     "content_version", "body_hash"],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "relais_alert",
            records=alert_rows,
            columns=["id", "patient", "team", "checkin_id", "level", "kind", "urgent", "reasons",
                     "content_version", "state", "opened_at", "acknowledged_at",
                     "acknowledged_by", "resolved_at", "resolved_by", "outcome", "note",
                     "escalation_step", "next_escalation_at"],
        )  # fmt: skip
        await conn.execute("VACUUM ANALYZE")  # as autovacuum would have, long since
        counts = {
            t: await conn.fetchval(f"SELECT count(*) FROM {t}")  # noqa: S608 (names from code)
            for t in ("relais_patient", "relais_schedule_item", "relais_checkin", "relais_alert")
        }
        open_alerts = await conn.fetchval(
            "SELECT count(*) FROM relais_alert WHERE state <> 'resolved'"
        )
    finally:
        await conn.close()
    print(
        "loaded: "
        + ", ".join(f"{n} {t.removeprefix('relais_')}" for t, n in counts.items())
        + f" ({open_alerts} alerts open or seen)"
    )


class Timer:
    """Requests tagged with a request id, timed by the client here and by the server's log."""

    def __init__(self, http: httpx.Client, log: Path) -> None:
        self.http = http
        self.log = log
        self.client: dict[str, list[tuple[str, float]]] = {}

    def get(self, label: str, url: str, body: Any = None) -> Any:
        """GET ``url`` (POST ``body`` when given, with the session's CSRF header)."""
        rid = f"bench-{uuid.uuid4().hex}"
        headers = {"x-request-id": rid}
        t0 = time.perf_counter()
        if body is None:
            resp = self.http.get(url, headers=headers)
        else:
            headers["x-csrftoken"] = self.http.cookies["relais_csrf"]
            resp = self.http.post(url, json=body, headers=headers)
        elapsed = time.perf_counter() - t0
        resp.raise_for_status()
        self.client.setdefault(label, []).append((rid, elapsed * 1000))
        return resp.json()

    def server(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for line in self.log.read_text(errors="replace").splitlines():
            if '"duration_ms"' not in line:
                continue
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if str(row.get("request_id", "")).startswith("bench-"):
                out[row["request_id"]] = float(row["duration_ms"])
        return out

    def report(self, warmup: int) -> dict[str, tuple[float, float]]:
        time.sleep(0.5)  # the last log lines
        server = self.server()
        figures: dict[str, tuple[float, float]] = {}
        for label, rows in self.client.items():
            rows = rows[warmup:]
            srv = [server[rid] for rid, _ in rows if rid in server]
            cli = [ms for _, ms in rows]
            figures[label] = (statistics.median(srv), pct(srv, 99))
            print(
                f"  {label:<44} server p50={statistics.median(srv):6.1f} ms "
                f"p99={pct(srv, 99):6.1f} ms | client p50={statistics.median(cli):6.1f} ms "
                f"p99={pct(cli, 99):6.1f} ms ({len(srv)} requests)"
            )
        return figures


def measure(http: httpx.Client, log: Path, team: str, requests: int) -> None:
    timer = Timer(http, log)
    warmup = 10
    listed = http.get(f"/api/teams/{team}/console?limit=500").json()
    patients = [p["id"] for p in listed["patients"]]
    search = {"query": listed["patients"][-1]["family_name"][:4]}
    for _ in range(warmup + requests):
        body = timer.get("patient list   /api/teams/{id}/console", f"/api/teams/{team}/console")
        assert body["count"] == listed["count"] and len(body["patients"]) == 100
        found = timer.get(
            "patient search /api/teams/{id}/console/search",
            f"/api/teams/{team}/console/search",
            search,
        )
        assert found["matched"] >= 1
        timer.get("alert inbox    /api/alerts", "/api/alerts")
        timer.get("alert inbox    /api/alerts?state=resolved", "/api/alerts?state=resolved")
    page = [
        ("", "record"),
        ("/handover", "hand-over"),
        ("/proxies", "family"),
        ("/checkins?days=30", "check-ins (30 days)"),
        ("/alerts", "alerts"),
        ("/thresholds", "thresholds"),
        ("/thresholds/effective", "effective thresholds"),
        ("/schedule", "schedule"),
        ("/schedule/changes", "schedule changes"),
        ("/messages", "messages"),
    ]
    rng = random.Random(3)
    for _ in range(warmup + requests):
        pid = rng.choice(patients)
        for suffix, name in page:
            timer.get(f"patient page   {name}", f"/api/patients/{pid}{suffix}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"server time of {requests} requests each (after {warmup} to warm up); "
        f"load average now {load} on {os.cpu_count()} CPUs:"
    )
    figures = timer.report(warmup)
    worst = max(p99 for _, p99 in figures.values())
    print(
        f"  slowest p99: {worst:.1f} ms -> target p99 < {TARGET_MS:.0f} ms "
        + ("met" if worst < TARGET_MS else "NOT met")
    )
    server = timer.server()
    pages = []
    per_load = len(page)
    labels = [f"patient page   {name}" for _, name in page]
    for i in range(warmup, warmup + requests):
        pages.append(sum(server.get(timer.client[lbl][i][0], 0.0) for lbl in labels))
    print(
        f"  one patient page, its {per_load} calls summed: server p50="
        f"{statistics.median(pages):.1f} ms p99={pct(pages, 99):.1f} ms"
    )


async def sse(base: str, cookie: str, connections: int, fire: Any) -> None:
    """Open ``connections`` live channels, fire one alert, check each gets it and stays open."""
    host, port = base.removeprefix("http://").split(":")
    ready = asyncio.Event()
    all_got = asyncio.Event()
    opened = 0
    got: list[float] = []
    alerts_per_conn: list[int] = []
    closed = 0
    fired_at = 0.0

    async def one() -> None:
        nonlocal opened, closed
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(
            (
                f"GET /api/live HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
                f"Cookie: {cookie}\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        buf = b""
        seen_ready = False
        alerts = 0
        try:
            while True:
                chunk = await reader.read(4096)
                if not chunk:
                    closed += 1
                    break
                buf += chunk
                if not seen_ready and b"event: ready" in buf:
                    seen_ready = True
                    opened += 1
                    if opened == connections:
                        ready.set()
                while b"event: alert" in buf:
                    alerts += 1
                    if alerts == 1:
                        got.append(time.perf_counter() - fired_at)
                        if len(got) >= opened:
                            all_got.set()
                    buf = buf.split(b"event: alert", 1)[1]
                buf = buf[-64:]
        except asyncio.CancelledError:
            alerts_per_conn.append(alerts)
            writer.close()
            raise

    tasks = [asyncio.create_task(one()) for _ in range(connections)]
    t0 = time.perf_counter()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(ready.wait(), timeout=60)
    took = time.perf_counter() - t0
    print(f"live channel: {opened}/{connections} connections open in {took:.1f} s")
    await asyncio.sleep(3)
    fired_at = time.perf_counter()
    await asyncio.to_thread(fire)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(all_got.wait(), timeout=10)
    await asyncio.sleep(2)  # anything more than one event would show now
    still_open = sum(1 for t in tasks if not t.done())
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    exactly_one = sum(1 for n in alerts_per_conn if n == 1)
    print(
        f"  after one red check-in: {len(got)}/{connections} received the alert event "
        f"(p50={statistics.median(got) * 1000:.0f} ms, max={max(got) * 1000:.0f} ms after the "
        f"check-in was sent); {exactly_one} received exactly one; {still_open} still open, "
        f"{closed} closed by the server"
        if got
        else f"  after one red check-in: no connection received the alert; {still_open} open"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--alerts", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--sse", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the database, to explain")
    args = parser.parse_args()
    with served_database(args.keep) as (url, env, log, base):
        lead, team, lead_id, jeanne = setup(env, base)
        t0 = time.perf_counter()
        asyncio.run(seed(url, team, lead_id, args.patients, args.alerts))
        print(f"  in {time.perf_counter() - t0:.0f} s")
        measure(lead, log, team, args.requests)
        cookie = "; ".join(f"{k}={v}" for k, v in lead.cookies.items())

        def fire() -> None:
            body = {
                "id": str(uuid.uuid4()),
                "taken_at": dt.datetime.now(dt.UTC).isoformat(),
                "answers": {**GREEN, "da_confusion": 1},
                "vitals": {},
            }
            resp = write(lead, "POST", f"/api/patients/{jeanne}/checkins", body)
            assert resp["level"] == "red", resp

        asyncio.run(sse(base, cookie, args.sse, fire))
        lead.close()


if __name__ == "__main__":
    main()
