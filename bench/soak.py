"""A steady load of check-ins for ten minutes against two app processes and a worker on
PostgreSQL: prints the memory (RSS) of each process at the start and at the end, and any error.

    .venv/bin/python bench/soak.py [--minutes 10] [--rate 20]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from common import ROOT
from tests.ops.cluster import App, base_env, checkin_body, cli, pg_database, provision


def rss_mib(pid: int) -> float:
    m = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return int(m.group(1)) / 1024 if m else 0.0


async def steady(bases: list[str], tenant: object, minutes: float, rate: float) -> Counter[str]:
    statuses: Counter[str] = Counter()
    stop = time.monotonic() + minutes * 60
    n = 0
    async with httpx.AsyncClient(timeout=10) as http:
        pending: set[asyncio.Task[None]] = set()

        async def one(base: str, pid: str) -> None:
            try:
                resp = await http.post(f"{base}/api/patients/{pid}/checkins",
                                       json=checkin_body(red=n % 20 == 0),
                                       headers=tenant.headers())  # type: ignore[attr-defined]  # fmt: skip
                statuses[str(resp.status_code)] += 1
            except httpx.HTTPError as exc:
                statuses[type(exc).__name__] += 1

        while time.monotonic() < stop:
            n += 1
            pid = tenant.patients[n % len(tenant.patients)]  # type: ignore[attr-defined]
            task = asyncio.create_task(one(bases[n % len(bases)], pid))
            pending.add(task)
            task.add_done_callback(pending.discard)
            await asyncio.sleep(1 / rate)
        await asyncio.gather(*pending)
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=20, help="check-ins per second")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, pg_database() as url:
        env = {**base_env(Path(tmp) / "data", url), "RELAIS_LOG_LEVEL": "WARNING"}
        cli(env, "migrate")
        apps = [App(env, Path(tmp), f"soak-{i}").start() for i in range(2)]
        worker = subprocess.Popen([sys.executable, "-m", "relais.cli", "worker"],
                                  env={**os.environ, **env}, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            tenant = provision(env, apps[0].base, patients=20)
            pids = {a.name: a.proc.pid for a in apps if a.proc} | {"worker": worker.pid}
            start = {name: rss_mib(pid) for name, pid in pids.items()}
            statuses = asyncio.run(steady([a.base for a in apps], tenant, args.minutes, args.rate))
            end = {name: rss_mib(pid) for name, pid in pids.items()}
        finally:
            worker.terminate()
            worker.wait(30)
            for app in apps:
                app.stop()
    print(f"{args.minutes} min at {args.rate}/s: answers {dict(statuses)}")
    for name in start:
        print(f"  {name}: RSS {start[name]:.1f} MiB -> {end[name]:.1f} MiB")
    print(f"(repository {ROOT})")


if __name__ == "__main__":
    main()
