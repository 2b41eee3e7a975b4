"""A steady load of check-ins for ten minutes against two app processes and a worker on
PostgreSQL, with a clinician's device subscribed at a real push service (web-push-testing) so the
worker sends every alert. Prints, for each process, the memory (RSS) at the start, every minute
and at the end, the answers, the latency, the errors (non-2xx answers, failed connections, error
lines in each process's log), the pushes received, and the machine's load average.

    .venv/bin/python bench/soak.py [--minutes 10] [--rate 20] [--apps 2] [--workers 1]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

import asyncpg
import httpx
from common import ROOT, ms, pct
from tests.ops.cluster import (
    App,
    Tenant,
    Worker,
    base_env,
    checkin_body,
    cli,
    pg_database,
    provision,
    rss_kib,
)
from tests.pushsvc import PushService, running_push_service

RED_EVERY = 20  # one check-in in 20 is red: an alert, and a push to the clinician


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def memory(procs: dict[str, int]) -> dict[str, float]:
    return {name: rss_kib(pid) / 1024 for name, pid in procs.items()}


def log_errors(path: Path) -> Counter[str]:
    """Error lines of a process's JSON log, by logger and message."""
    found: Counter[str] = Counter()
    for line in path.read_text(errors="replace").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            if "Traceback" in line:
                found["(traceback)"] += 1
            continue
        if rec.get("level") in ("error", "critical"):
            found[f"{rec.get('logger')}: {str(rec.get('msg'))[:80]}"] += 1
    return found


class Soak:
    def __init__(self, bases: list[str], tenant: Tenant, procs: dict[str, int]) -> None:
        self.bases = bases
        self.tenant = tenant
        self.procs = procs
        self.statuses: Counter[str] = Counter()
        self.latencies: list[float] = []
        self.alerts: set[str] = set()
        self.samples: list[tuple[float, dict[str, float]]] = []

    async def one(self, http: httpx.AsyncClient, base: str, pid: str, red: bool) -> None:
        start = time.monotonic()
        try:
            resp = await http.post(
                f"{base}/api/patients/{pid}/checkins",
                json=checkin_body(red=red),
                headers=self.tenant.headers(),
            )
        except httpx.HTTPError as exc:
            self.statuses[type(exc).__name__] += 1
            return
        self.statuses[str(resp.status_code)] += 1
        if resp.status_code == 201:
            self.latencies.append(time.monotonic() - start)
            if resp.json().get("alert"):
                self.alerts.add(str(resp.json()["alert"]["id"]))

    async def run(self, minutes: float, rate: float) -> None:
        begin = time.monotonic()
        stop = begin + minutes * 60
        next_sample = begin + 60
        n = 0
        pending: set[asyncio.Task[None]] = set()
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
        async with httpx.AsyncClient(timeout=30, limits=limits) as http:
            while (now := time.monotonic()) < stop:
                if now >= next_sample:
                    self.samples.append((now - begin, memory(self.procs)))
                    print(f"  {round((now - begin) / 60):>3} min: " + rss_line(self.samples[-1][1])
                          + f"; {load()}", flush=True)  # fmt: skip
                    next_sample += 60
                n += 1
                pid = self.tenant.patients[n % len(self.tenant.patients)]
                task = asyncio.create_task(
                    self.one(http, self.bases[n % len(self.bases)], pid, n % RED_EVERY == 0)
                )
                pending.add(task)
                task.add_done_callback(pending.discard)
                # Open loop: the next request leaves on time even when answers are slow.
                await asyncio.sleep(max(0.0, begin + n / rate - time.monotonic()))
            await asyncio.gather(*pending)


def rss_line(rss: dict[str, float]) -> str:
    return ", ".join(f"{name} {mib:.1f} MiB" for name, mib in rss.items())


async def deliveries(url: str, push: PushService, client_hash: str) -> tuple[int, Counter[str]]:
    """Once the worker has nothing left to send (or after a minute): the pushes received at the
    device, and each push notification (an outbox row: an alert opened, or escalated to the
    clinician after 5 minutes unanswered) by how many times it was sent."""
    conn = await asyncpg.connect(url)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            left = await conn.fetchval(
                "SELECT COUNT(*) FROM relais_outbox WHERE channel = 'push' "
                "AND state IN ('pending', 'sending')"
            )
            if not left:
                break
            await asyncio.sleep(0.5)
        rows = await conn.fetch(
            "SELECT o.state, COUNT(a.id) AS sent FROM relais_outbox o LEFT JOIN "
            "relais_delivery_attempt a ON a.outbox = o.id AND a.status = 'sent' "
            "WHERE o.channel = 'push' GROUP BY o.id, o.state"
        )
    finally:
        await conn.close()
    times = {0: "never sent", 1: "sent once"}
    by_count = Counter(f"{r['state']}, {times.get(r['sent'], 'sent more than once')}" for r in rows)
    return len(await push.raw_messages(client_hash)), by_count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=20, help="check-ins per second")
    parser.add_argument("--apps", type=int, default=2, help="app processes (relais serve)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (relais worker)")
    args = parser.parse_args()
    print(f"start: {load()}", flush=True)
    with (
        tempfile.TemporaryDirectory() as tmp,
        pg_database() as url,
        running_push_service() as push,
    ):
        work = Path(tmp)
        env = {**base_env(work / "data", url), "RELAIS_LOG_LEVEL": "WARNING"}
        cli(env, "migrate")
        apps: list[App] = []
        workers: list[Worker] = []
        try:
            apps = [App(env, work, f"app-{i + 1}").start() for i in range(args.apps)]
            workers = [Worker(env, work, f"worker-{i + 1}").start() for i in range(args.workers)]
            tenant = provision(env, apps[0].base, patients=20)
            headers = tenant.headers()
            key = httpx.get(f"{apps[0].base}/api/push/key", headers=headers).json()
            device = asyncio.run(push.subscribe(key["application_server_key"]))
            httpx.post(f"{apps[0].base}/api/push/subscriptions", json=device.as_json(),
                       headers=headers).raise_for_status()  # fmt: skip
            procs = {p.name: p.proc.pid for p in [*apps, *workers] if p.proc is not None}
            start = memory(procs)
            print(f"  start: {rss_line(start)}", flush=True)
            soak = Soak([a.base for a in apps], tenant, procs)
            asyncio.run(soak.run(args.minutes, args.rate))
            end = memory(procs)
            received, notifications = asyncio.run(deliveries(url, push, device.client_hash))
            finish = load()
        finally:
            codes = {p.name: p.stop() for p in [*workers, *apps]}
        errors = {p.name: log_errors(p.log_path) for p in [*apps, *workers]}
    sent = sum(soak.statuses.values())
    print(f"{args.minutes:g} min at {args.rate:g}/s over {args.apps} app process(es) and"
          f" {args.workers} worker(s) on PostgreSQL: {sent} check-ins sent")  # fmt: skip
    print(f"  answers: {dict(soak.statuses)}")
    if soak.latencies:
        lat = soak.latencies
        print(f"  latency of a stored check-in: p50 {ms(pct(lat, 50))}, p99 {ms(pct(lat, 99))},"
              f" max {ms(max(lat))}")  # fmt: skip
    print(f"  alerts opened {len(soak.alerts)}; push notifications {sum(notifications.values())}"
          f" {dict(notifications)}; pushes received at the device {received}")  # fmt: skip
    print("  RSS (MiB), start -> end:")
    for name in start:
        print(f"    {name}: {start[name]:.1f} -> {end[name]:.1f} ({end[name] - start[name]:+.1f})")
    for name, found in errors.items():
        # uvicorn ends a graceful shutdown by re-raising SIGTERM: -15 is a clean stop.
        code = "clean stop" if codes[name] in (0, -15) else f"exit {codes[name]}"
        print(f"  {name}: {code}, {sum(found.values())} error line(s)"
              + "".join(f"\n    {n} x {what}" for what, n in found.most_common(5)))  # fmt: skip
    print(f"end: {finish}")
    print(f"(repository {ROOT})")


if __name__ == "__main__":
    main()
