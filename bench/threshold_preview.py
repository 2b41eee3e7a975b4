"""Previewing a team's threshold change at scale, on PostgreSQL: one team following 2,000 patients
with their check-ins as a service would have them, read through ``relais serve`` (one process,
worker off).

Set-up: a fresh database; the lead, the team and one patient made through the CLI and the API
(as bench/console_scale.py); then, bulk-loaded with COPY, 2,000 adult patients of the team, each
followed for 120 to 300 days, with check-ins over the last 120 days (the 90 days replayed and the
30 before them that their history reads): twice a day in the first three weeks, then once or twice
(twice one day in three), one day in ten missed. Each patient has their own usual values (SpO2
around 96 %, one in sixteen around 92 % with a chronic lung disease and their own SpO2 threshold),
measured with some noise each time; two in five have no blood-pressure cuff; a fever now and
then.

Measured, as the server itself times each request (the ``duration_ms`` of its JSON access log)
and as the client sees it: ``POST /api/teams/{id}/thresholds/preview`` for several changes a lead
may try, from a limit in the tail of the values (few check-ins to triage again) to one in their
middle (many). Target: < 2 s.

    .venv/bin/python bench/threshold_preview.py [--patients 2000] [--runs 7]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import functools
import json
import os
import random
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from common import pct
from console_scale import GREEN, served_database, setup
from tests import server as test_server

# On a machine shared with other work the server may take longer than the tests allow to start.
test_server.wait_until_answering = functools.partial(  # type: ignore[assignment]
    test_server.wait_until_answering, within_s=180
)

TARGET_S = 2.0
#: Changes a lead may preview for the team, from the tail of the values to their middle.
PROPOSALS: list[tuple[str, dict[str, Any]]] = [
    ("heart rate: red at >= 125 (content 131)",
     {"key": "heart_rate", "params": {"red_gte": 125}}),
    ("temperature: amber above 38.5 (content 38.0)",
     {"key": "temperature", "params": {"amber_gt": 38.5}}),
    ("breathing rate: amber at >= 22 (content 21)",
     {"key": "resp_rate", "params": {"amber_gte": 22}}),
    ("SpO2: red <= 88, amber <= 92 (content 91, 95)",
     {"key": "spo2", "params": {"red_lte": 88, "amber_lte": 92}}),
]  # fmt: skip


def level_of(v: dict[str, float]) -> str:
    """A plausible stored level (what history's streak rule reads), not the evaluator's."""
    if v["spo2"] <= 91 or v["resp_rate"] >= 25 or v["heart_rate"] >= 131 or v["temperature"] <= 35:
        return "red"
    if v["spo2"] <= 95 or v["resp_rate"] >= 21 or v["heart_rate"] > 110 or v["temperature"] > 38:
        return "amber"
    return "green"


async def seed(url: str, team_id: str, lead_id: str, patients: int) -> None:
    import asyncpg

    from relais.content.loader import default_content_dir, load_library

    library = load_library(default_content_dir())
    rng = random.Random(11)
    now = dt.datetime.now(dt.UTC)
    today = dt.date.today()
    team, lead = uuid.UUID(team_id), uuid.UUID(lead_id)
    people, links, checkins, own = [], [], [], []
    for n in range(patients):
        pid = uuid.uuid4()
        started = rng.randint(120, 300)
        copd = rng.random() < 1 / 16
        people.append(
            (pid, f"Prénom{n}", f"Nom{n:04d}",
             dt.date(rng.randint(1940, 2004), 1 + n % 12, 1 + n % 28),
             "female" if n % 2 else "male", "fr", "Europe/Paris", "06 00 00 00 00", "Dr G",
             "01 02 03 04 05", None, today - dt.timedelta(days=started), None, "adult_post_sepsis",
             "active", now, lead)
        )  # fmt: skip
        links.append((pid, team, now - dt.timedelta(days=started)))
        if copd:
            params = json.dumps({"red_lte": 85, "amber_lte": 88})
            own.append((pid, "spo2", params, "COPD", lead, now, True))
        spo2 = rng.gauss(92, 1.5) if copd else min(99.0, rng.gauss(96.6, 1.2))
        hr, rr, temp = rng.gauss(78, 10), rng.gauss(16, 2), rng.gauss(36.8, 0.25)
        sbp = rng.gauss(128, 15) if rng.random() < 0.6 else None
        for day in range(min(started, 120), -1, -1):
            if rng.random() < 0.1:
                continue
            per_day = 2 if started - day < 21 or rng.random() < 1 / 3 else 1
            for k in range(per_day):
                taken = now - dt.timedelta(days=day, hours=2 + 10 * k, minutes=rng.randint(0, 120))
                if taken > now:
                    continue
                fever = 1.6 if rng.random() < 0.03 else 0.0
                vitals: dict[str, Any] = {
                    "spo2": min(100, round(spo2 + rng.gauss(0, 1.0))),
                    "heart_rate": round(hr + rng.gauss(0, 7) + fever * 8),
                    "resp_rate": round(rr + rng.gauss(0, 1.5)),
                    "temperature": round(temp + rng.gauss(0, 0.25) + fever, 1),
                }
                if sbp is not None:
                    vitals["systolic_bp"] = round(sbp + rng.gauss(0, 8))
                answers = {**GREEN, "da_pain": rng.choice([0, 0, 1, 2, 3, 5]),
                           "da_worse": int(rng.random() < 0.04)}  # fmt: skip
                checkins.append(
                    (uuid.uuid4(), pid, pid, taken, taken, json.dumps(answers), json.dumps(vitals),
                     "", "{}", level_of(vitals), "[]", "[]", "", library.version, "bench")
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
            "relais_threshold_override",
            records=own,
            columns=["patient", "key", "params", "reason", "set_by", "set_at", "active"],
        )
        await conn.copy_records_to_table(
            "relais_checkin",
            records=checkins,
            columns=["id", "patient", "submitted_by", "taken_at", "received_at", "answers",
                     "vitals", "note", "scores", "level", "fired", "flags", "client_level",
                     "content_version", "body_hash"],
        )  # fmt: skip
        await conn.execute("VACUUM ANALYZE")
        total = await conn.fetchval("SELECT count(*) FROM relais_checkin")
        period = await conn.fetchval(
            "SELECT count(*) FROM relais_checkin WHERE taken_at >= now() - interval '90 days'"
        )
    finally:
        await conn.close()
    print(
        f"loaded: {patients} patients ({len(own)} with their own SpO2 threshold), {total} check-ins"
        f" ({period} in the last 90 days, {period / patients / 90:.2f} a day per patient)"
    )


def server_times(log: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in log.read_text(errors="replace").splitlines():
        if '"duration_ms"' not in line:
            continue
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if str(row.get("request_id", "")).startswith("bench-"):
            out[row["request_id"]] = float(row["duration_ms"])
    return out


def measure(http: httpx.Client, log: Path, team: str, runs: int) -> None:
    url = f"/api/teams/{team}/thresholds/preview"
    token = http.cookies["relais_csrf"]
    print(
        f"POST {url}, {runs} runs each after one to warm up; load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs:"
    )
    worst = 0.0
    for label, body in PROPOSALS:
        ids: list[tuple[str, float]] = []
        out: dict[str, Any] = {}
        for n in range(runs + 1):
            rid = f"bench-{uuid.uuid4().hex}"
            t0 = time.perf_counter()
            resp = http.post(
                url,
                json={**body, "reason": "bench"},
                headers={"x-csrftoken": token, "x-request-id": rid},
            )
            elapsed = (time.perf_counter() - t0) * 1000
            resp.raise_for_status()
            out = resp.json()
            if n:
                ids.append((rid, elapsed))
        time.sleep(0.3)
        srv_all = server_times(log)
        srv = [srv_all[r] for r, _ in ids if r in srv_all]
        cli = [ms for _, ms in ids]
        worst = max(worst, pct(srv, 99))
        added, removed = out["added"], out["removed"]
        print(
            f"  {label}\n"
            f"    {out['checkins']} check-ins replayed ({out['patients']} patients), "
            f"{out['evaluated']} triaged again by the evaluator, the others unchanged by proof; "
            f"would add {added['red']} red, {added['amber']} amber, remove {removed['red']} red, "
            f"{removed['amber']} amber ({out['patients_affected']} patients)\n"
            f"    server p50={statistics.median(srv):7.1f} ms p99={pct(srv, 99):7.1f} ms | client "
            f"p50={statistics.median(cli):7.1f} ms p99={pct(cli, 99):7.1f} ms"
        )
    print(
        f"  slowest p99: {worst / 1000:.2f} s -> target < {TARGET_S:.0f} s "
        + ("met" if worst / 1000 < TARGET_S else "NOT met")
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with served_database() as (url, env, log, base):
        lead, team, lead_id, _ = setup(env, base)
        lead.timeout = httpx.Timeout(900)  # a change in the middle of the values is slow
        t0 = time.perf_counter()
        asyncio.run(seed(url, team, lead_id, args.patients))
        print(f"  in {time.perf_counter() - t0:.0f} s")
        measure(lead, log, team, args.runs)
        lead.close()


if __name__ == "__main__":
    main()
