"""Sign-in latency (argon2id cost) and GET /api/health throughput against a real server.

Starts ``relais serve`` on a temporary SQLite database with the production argon2 parameters
(unless RELAIS_ARGON2_* are set), signs in sequentially, then hammers /api/health with concurrent
keep-alive clients from this process. Prints figures; asserts nothing.

    .venv/bin/python bench/auth.py [--signins 30] [--health-seconds 5] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time

import httpx
from common import ms, pct
from tests.server import running_server


async def health_load(base: str, seconds: float, concurrency: int) -> tuple[int, list[float]]:
    latencies: list[float] = []
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits) as client:

        async def worker() -> None:
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                resp = await client.get("/api/health")
                latencies.append(time.perf_counter() - t0)
                assert resp.status_code == 200

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return len(latencies), latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--signins", type=int, default=30)
    parser.add_argument("--health-seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {"RELAIS_DATA_DIR": tmp, "RELAIS_RUN_WORKER": "false"}
        with running_server(env, seed=True) as base:
            with httpx.Client(base_url=base) as http:
                http.get("/api/auth/csrf")
                times = []
                for _ in range(args.signins):
                    t0 = time.perf_counter()
                    resp = http.post(
                        "/api/auth/login",
                        json={"email": "nurse@demo.relais", "password": "relais-demo-2026"},
                        # Each sign-in rotates the token: send the current one.
                        headers={"x-csrftoken": http.cookies["relais_csrf"]},
                    )
                    times.append(time.perf_counter() - t0)
                    assert resp.status_code == 200, resp.text
            print(
                f"sign-in (argon2id, production cost): n={len(times)} "
                f"p50={ms(statistics.median(times))} p99={ms(pct(times, 99))}"
            )
            count, lat = asyncio.run(health_load(base, args.health_seconds, args.concurrency))
            print(
                f"GET /api/health: {count / args.health_seconds:.0f} req/s at "
                f"{args.concurrency} concurrent clients, p50={ms(statistics.median(lat))} "
                f"p99={ms(pct(lat, 99))} (client on the same machine, 1 server process)"
            )


if __name__ == "__main__":
    main()
