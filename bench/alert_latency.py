"""Alert latency: from a red check-in's HTTP response to the decrypted push at the push service.

Starts ``relais serve`` (worker in-process, as ``make run``) on a fresh database and the real push
service (web-push-testing), builds a team with one coordinating nurse whose browser is subscribed,
enrols ``PATIENTS`` patients through the API, then the patients submit red check-ins in turn at a
steady rate through ``POST /api/patients/{id}/checkins``; the nurse closes each alert once its
push has arrived, so that the patient's next red check-in opens a new alert rather than joining
the open one (one alert per episode). A poller reads the push service every few milliseconds; the
latency of each alert is the time its decrypted payload was first seen minus the time the check-in
answer was received (so it includes up to one polling interval). Prints figures; asserts nothing.

With ``--hung-neighbour``, a physician of the same day team has a device whose push service hangs
(a relay that accepts and never answers): the nurse's red pushes must not wait for it (target:
p99 < 1 s at 2 red alerts a second).

    .venv/bin/python bench/alert_latency.py [--count 200] [--rate 10] [--engine sqlite|postgres]
    .venv/bin/python bench/alert_latency.py --hung-neighbour --rate 2 --count 120

With ``--outage S``, the nurse's push service is cut (connections refused) for the first S seconds
of the run: the figure is how long after it came back the last waiting push arrived (target:
within 10 s after a 60 s outage).

    .venv/bin/python bench/alert_latency.py --outage 60 --rate 1 --count 70
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.ops.proxy import Relay  # noqa: E402
from tests.pushsvc import running_push_service  # noqa: E402
from tests.server import running_server  # noqa: E402

PASSWORD = "correct horse battery staple"
#: Patients taking turns: at 10 check-ins a second each sends one every 2 s, long after the
#: nurse closed its previous alert.
PATIENTS = 20
GREEN_ANSWERS = {
    "da_confusion": 0, "da_shivering": 0, "da_no_urine": 0, "da_breathless_severe": 0,
    "da_might_die": 0, "da_skin": 0, "da_worse": 0, "da_fever": 0,
}  # fmt: skip
GREEN_VITALS = {
    "temperature": 36.8, "spo2": 97, "heart_rate": 72, "resp_rate": 14, "systolic_bp": 124,
}  # fmt: skip


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def create_user(env: dict[str, str], email: str, role: str) -> str:
    """The account's id (made by the operator's command, as a deployment's first accounts are)."""
    done = subprocess.run(
        [sys.executable, "-m", "relais.cli", "create-user", "--email", email, "--name", email,
         "--role", role, "--password-stdin"],
        input=PASSWORD + "\n", text=True, env={**os.environ, **env}, check=True,
        capture_output=True, timeout=60,
    )  # fmt: skip
    return done.stdout.strip().rsplit("(", 1)[1].rstrip(")")


async def client(base: str) -> httpx.AsyncClient:
    http = httpx.AsyncClient(base_url=base, timeout=30)
    await http.get("/api/auth/csrf")
    http.headers["x-csrftoken"] = http.cookies["relais_csrf"]
    return http


async def login(base: str, email: str) -> httpx.AsyncClient:
    http = await client(base)
    resp = await http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    resp.raise_for_status()
    http.headers["x-csrftoken"] = http.cookies["relais_csrf"]
    return http


async def setup(
    base: str,
    env: dict[str, str],
    push: Any,
    hung: Relay | None = None,
    cut: Relay | None = None,
) -> tuple[list[tuple[httpx.AsyncClient, str]], httpx.AsyncClient, str]:
    """Team, nurse with a subscribed browser, ``PATIENTS`` patients enrolled and signed in; with
    ``hung``, a physician of the day team whose device's push service hangs."""
    create_user(env, "admin@bench.test", "admin")
    admin = await login(base, "admin@bench.test")
    nurse_id = create_user(env, "nurse@bench.test", "clinician")
    team = (await admin.post("/api/teams", json={"name": "Bench", "kind": "hospital_service",
                                                  "phone": "01 02 03 04 05"})).json()  # fmt: skip
    added = await admin.post(f"/api/teams/{team['id']}/members",
                             json={"user_id": nurse_id, "role": "coordinating_nurse",
                                   "is_lead": True})  # fmt: skip
    added.raise_for_status()
    if hung is not None:
        doctor_id = create_user(env, "doctor@bench.test", "clinician")
        (await admin.post(f"/api/teams/{team['id']}/members",
                          json={"user_id": doctor_id, "role": "physician"})
         ).raise_for_status()  # fmt: skip
        doctor = await login(base, "doctor@bench.test")
        key = (await doctor.get("/api/push/key")).json()["application_server_key"]
        stuck = await push.subscribe(key)
        (await doctor.post("/api/push/subscriptions",
                           json=stuck.as_json(hung.endpoint(stuck.endpoint)))
         ).raise_for_status()  # fmt: skip
        await doctor.aclose()
    nurse = await login(base, "nurse@bench.test")
    key = (await nurse.get("/api/push/key")).json()["application_server_key"]
    sub = await push.subscribe(key)
    endpoint = cut.endpoint(sub.endpoint) if cut is not None else None
    (await nurse.post("/api/push/subscriptions", json=sub.as_json(endpoint))).raise_for_status()
    today = dt.date.today()
    patients: list[tuple[httpx.AsyncClient, str]] = []
    for n in range(PATIENTS):
        enrolled = await nurse.post("/api/patients", json={
            "given_name": "Jean", "family_name": f"Bench {n}", "birth_date": "1962-04-03",
            "sex_at_birth": "male", "locale": "fr", "timezone": "Europe/Paris",
            "phone": "+33 6 00 00 00 01", "gp_name": "Dr X", "gp_phone": "01 23 45 67 89",
            "discharge_date": (today - dt.timedelta(days=10)).isoformat(),
            "plan_id": "adult_post_sepsis", "team_ids": [team["id"]]})  # fmt: skip
        enrolled.raise_for_status()
        pid = enrolled.json()["id"]
        invite = await nurse.post(f"/api/patients/{pid}/invitations", json={"kind": "patient"})
        invite.raise_for_status()
        token = invite.json()["link"].split("#token=", 1)[1]
        joiner = await client(base)
        docs = (await joiner.get("/api/consent/documents")).json()["documents"]
        consents = [{"document": d["document"], "version": d["version"]} for d in docs]
        accepted = await joiner.post("/api/invitations/accept", json={
            "token": token, "email": f"jean{n}@bench.test", "display_name": "Jean",
            "password": PASSWORD, "consents": consents})  # fmt: skip
        accepted.raise_for_status()
        await joiner.aclose()
        patients.append((await login(base, f"jean{n}@bench.test"), pid))
    await admin.aclose()
    return patients, nurse, sub.client_hash


async def run(
    base: str,
    env: dict[str, str],
    push: Any,
    count: int,
    rate: float,
    hung: Relay | None,
    outage: float = 0.0,
) -> None:
    cut = Relay(push.port).open() if outage else None
    patients, nurse, client_hash = await setup(base, env, push, hung, cut)
    back_at = 0.0

    async def outage_then_back() -> None:
        nonlocal back_at
        assert cut is not None
        cut.cut()
        await asyncio.sleep(outage)
        cut.open()
        back_at = time.perf_counter()

    answered: dict[str, float] = {}
    arrived: dict[str, float] = {}
    failures = 0
    done = asyncio.Event()

    async def poll() -> None:
        async with httpx.AsyncClient(timeout=5) as http:
            while not done.is_set():
                resp = await http.post(f"{push.base}/get-notifications",
                                       json={"clientHash": client_hash})  # fmt: skip
                now = time.perf_counter()
                for raw in resp.json()["data"]["messages"]:
                    alert_id = json.loads(raw)["id"]
                    if alert_id not in arrived:
                        arrived[alert_id] = now
                        closing.append(asyncio.create_task(close(alert_id)))
                await asyncio.sleep(0.002)

    closing: list[asyncio.Task[None]] = []

    async def close(alert_id: str) -> None:
        # One alert per episode: the patient's next red check-in opens a new alert (and a new
        # push) only once this one is closed, as the nurse does once she has called back.
        await nurse.post(f"/api/alerts/{alert_id}/resolve",
                         json={"outcome": "called_patient", "note": ""})  # fmt: skip

    async def submit(i: int) -> None:
        nonlocal failures
        patient, pid = patients[i % len(patients)]
        body = {
            "id": str(uuid.uuid4()),
            "taken_at": dt.datetime.now(dt.UTC).isoformat(),
            "answers": {**GREEN_ANSWERS, "da_confusion": 1},
            "vitals": GREEN_VITALS,
            "note": "",
        }
        resp = await patient.post(f"/api/patients/{pid}/checkins", json=body)
        now = time.perf_counter()
        if resp.status_code != 201 or not resp.json().get("alert"):
            failures += 1
            return
        answered[resp.json()["alert"]["id"]] = now

    poller = asyncio.create_task(poll())
    outage_task = asyncio.create_task(outage_then_back()) if cut is not None else None
    started = time.perf_counter()
    tasks = []
    for i in range(count):
        target = started + i / rate
        await asyncio.sleep(max(0.0, target - time.perf_counter()))
        tasks.append(asyncio.create_task(submit(i)))
    await asyncio.gather(*tasks)
    if outage_task is not None:
        await outage_task
    deadline = time.perf_counter() + 10 + outage
    while set(answered) - set(arrived) and time.perf_counter() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.05)  # the poller fills ``arrived``; give stragglers 10 s
    done.set()
    await poller
    await asyncio.gather(*closing)
    for patient, _ in patients:
        await patient.aclose()
    await nurse.aclose()
    latencies = [max(0.0, arrived[a] - t) for a, t in answered.items() if a in arrived]
    early = sum(1 for a, t in answered.items() if a in arrived and arrived[a] < t)
    lost = len(answered) - len(latencies)
    print(f"check-ins sent: {count} at {rate:g}/s; refused or not red: {failures}")
    print(f"pushes received: {len(latencies)}; lost: {lost}; before the HTTP answer: {early}")
    if cut is not None:
        cut.cut()
        waited = [a for a, t in answered.items() if t < back_at and a in arrived]
        if waited:
            last = max(arrived[a] for a in waited) - back_at
            print(f"outage {outage:g} s: {len(waited)} alerts waited; the last arrived "
                  f"{last:.1f} s after the push service came back")  # fmt: skip
    if latencies:
        ms = [x * 1000 for x in latencies]
        print(f"latency ms: p50 {pct(ms, 50):.1f}  p90 {pct(ms, 90):.1f}  "
              f"p99 {pct(ms, 99):.1f}  max {max(ms):.1f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rate", type=float, default=10.0, help="check-ins per second")
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--pg-url", default="postgresql://127.0.0.1:5432/test")
    parser.add_argument("--outage", type=float, default=0.0,
                        help="seconds the nurse's push service is cut at the start")  # fmt: skip
    parser.add_argument("--hung-neighbour", action="store_true",
                        help="a day-team colleague's push service hangs")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "RELAIS_DATA_DIR": tmp,
            "RELAIS_RUN_WORKER": "true",
            "RELAIS_ARGON2_TIME_COST": "1",
            "RELAIS_ARGON2_MEMORY_KIB": "8192",
            "RELAIS_LOG_LEVEL": "WARNING",
        }
        dbname = ""
        if args.engine == "postgres":
            import asyncpg

            dbname = f"relais_bench_{uuid.uuid4().hex[:8]}"

            async def admin(sql: str) -> None:
                conn = await asyncpg.connect(args.pg_url)
                try:
                    await conn.execute(sql)
                finally:
                    await conn.close()

            asyncio.run(admin(f'CREATE DATABASE "{dbname}"'))
            env["RELAIS_DATABASE_URL"] = args.pg_url.rsplit("/", 1)[0] + f"/{dbname}"
        try:
            print(f"engine: {args.engine}" + (", hung neighbour" if args.hung_neighbour else ""))
            with running_push_service() as push, running_server(env) as base:
                hung = Relay(push.port, mode="hang").open() if args.hung_neighbour else None
                try:
                    asyncio.run(run(base, env, push, args.count, args.rate, hung, args.outage))
                finally:
                    if hung is not None:
                        hung.cut()
        finally:
            if dbname:
                asyncio.run(admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
