"""Check-in throughput with 1 and 2 app processes on PostgreSQL (and the ratio), and 1 process on
SQLite. The load generator is wrk (Debian package ``wrk``: ``apt-get install -y wrk``) with a Lua
script, in its own processes: one wrk per app process, connections split between them. Each check-in
has a fresh id; one in ten is red (an alert and its notification rows in the same transaction).

    .venv/bin/python bench/scale.py [--seconds 10] [--connections 16]

Prints figures; asserts nothing. Both engines run on this machine with the load generator: on two
cores the processes compete for the same CPUs, which bounds the gain of a second app process.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import CHECKIN_LUA as LUA
from common import ROOT
from tests.ops.cluster import App, base_env, cli, pg_database, provision


def wrk(targets: list[tuple[str, Path]], seconds: int, connections: int) -> tuple[float, int]:
    """Run one wrk per (base, script) at once; total requests/s and non-2xx answers."""
    per = max(1, connections // len(targets))
    procs = [
        subprocess.Popen(
            ["wrk", "-t1", f"-c{per}", f"-d{seconds}s", "-s", str(script), base],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for base, script in targets
    ]
    rps, errors = 0.0, 0
    for proc in procs:
        out, _ = proc.communicate(timeout=seconds + 60)
        m = re.search(r"Requests/sec:\s+([\d.]+)", out)
        assert m, out
        rps += float(m.group(1))
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        errors += int(bad.group(1)) if bad else 0
    return rps, errors


def measure(env: dict[str, str], work: Path, processes: int, seconds: int, conns: int) -> float:
    started = [App(env, work, f"bench-{i}").start() for i in range(processes)]
    try:
        tenant = provision(env, started[0].base, patients=50)
        targets = []
        for i, app in enumerate(started):
            # Each wrk its own random seed: the check-in ids must never repeat across them.
            script = work / f"checkin-{i}.lua"
            script.write_text(
                LUA % {"patients": ",".join(json.dumps(p) for p in tenant.patients),
                       "csrf": tenant.csrf, "cookie": tenant.cookie, "seed": 7919 * (i + 1)}
            )  # fmt: skip
            targets.append((app.base, script))
        wrk(targets, 3, conns)  # warm-up
        rps, errors = wrk(targets, seconds, conns)
    finally:
        for app in started:
            app.stop()
    engine = "PostgreSQL" if "RELAIS_DATABASE_URL" in env else "SQLite"
    print(f"{engine}, {processes} app process(es), {conns} connections: {rps:.0f} check-ins/s"
          f" ({errors} non-2xx)")  # fmt: skip
    return rps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    quiet = {"RELAIS_LOG_LEVEL": "WARNING", "RELAIS_PG_POOL_MAX": "10"}
    results = {}
    for processes in (1, 2):
        with tempfile.TemporaryDirectory() as tmp, pg_database() as url:
            env = {**base_env(Path(tmp) / "data", url), **quiet}
            cli(env, "migrate")
            results[processes] = measure(env, Path(tmp), processes, args.seconds, args.connections)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**base_env(Path(tmp) / "data"), **quiet}
        cli(env, "migrate")
        sqlite = measure(env, Path(tmp), 1, args.seconds, args.connections)
    print(f"PostgreSQL: 2 processes / 1 process = {results[2] / results[1]:.2f}x")
    print(f"SQLite (1 process) / PostgreSQL (1 process) = {sqlite / results[1]:.2f}x")
    print(f"(machine: {len(__import__('os').sched_getaffinity(0))} cores; repository {ROOT})")


if __name__ == "__main__":
    main()
