"""The fault battery: processes killed, the database cut, the disk full or read-only, the push
service down. Loopback only, bounded in time. Run alone: ``pytest tests/ops -m fault``."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.ops.cluster import (
    CLI,
    App,
    Tenant,
    apps,
    base_env,
    checkin_body,
    cli,
    pg_database,
    provision,
)
from tests.ops.proxy import Relay

pytestmark = [pytest.mark.fault]


@dataclass
class Load:
    """Clients that submit check-ins and retry each one (same id) until it is acknowledged."""

    bases: list[str]
    tenant: Tenant
    acked: dict[str, bool] = field(default_factory=dict)  # id -> red
    attempted: dict[str, bool] = field(default_factory=dict)
    served: Counter[str] = field(default_factory=Counter)  # base -> check-ins acknowledged
    statuses: Counter[str] = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)

    async def submit(self, http: httpx.AsyncClient, give_up_at: float) -> None:
        red = random.random() < 0.2
        body = checkin_body(red=red)
        pid = random.choice(self.tenant.patients)
        self.attempted[body["id"]] = red
        turn = random.randrange(len(self.bases))
        while time.monotonic() < give_up_at:
            base = self.bases[turn % len(self.bases)]
            try:
                resp = await http.post(
                    f"{base}/api/patients/{pid}/checkins", json=body, headers=self.tenant.headers()
                )
            except httpx.TransportError as exc:
                self.statuses[type(exc).__name__] += 1
                turn += 1  # that process is gone: try another
                await asyncio.sleep(0.05)
                continue
            self.statuses[str(resp.status_code)] += 1
            if resp.status_code in (200, 201):
                self.acked[body["id"]] = red
                self.served[base] += 1
                return
            if resp.status_code in (409, 503):
                assert "retry-after" in resp.headers, resp.text
                assert resp.headers["content-type"].startswith("application/problem+json")
                await asyncio.sleep(0.1)
                continue
            self.unexpected.append(f"{resp.status_code} {resp.text[:300]}")
            return

    async def run(self, seconds: float, clients: int = 6, retry_for: float = 20) -> None:
        stop = time.monotonic() + seconds

        async def client() -> None:
            async with httpx.AsyncClient(timeout=10) as http:
                while time.monotonic() < stop:
                    await self.submit(http, stop + retry_for)

        await asyncio.gather(*(client() for _ in range(clients)))


async def until(condition: Callable[[], bool], what: str, within_s: float = 20) -> None:
    """Until ``condition()`` holds; fails saying ``what`` did not happen in time."""
    deadline = time.monotonic() + within_s
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {within_s}s"
        await asyncio.sleep(0.02)


async def stored(url: str) -> tuple[dict[str, str], Counter[str]]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT id::text AS id, level FROM relais_checkin")
        # The alert a check-in opened, or the open one it joined (one alert per episode).
        alerts = await conn.fetch(
            "SELECT checkin_id::text AS id FROM relais_alert WHERE checkin_id IS NOT NULL "
            "UNION ALL SELECT detail AS id FROM relais_alert_event "
            "WHERE kind IN ('repeated', 'raised')"
        )
    finally:
        await conn.close()
    return {r["id"]: r["level"] for r in rows}, Counter(r["id"] for r in alerts)


def assert_exactly_once(load: Load, rows: dict[str, str], alerts: Counter[str]) -> None:
    assert not load.unexpected, load.unexpected
    assert "500" not in load.statuses, load.statuses
    assert set(load.acked) == set(load.attempted), "a check-in was never acknowledged"
    assert set(rows) == set(load.acked), "stored and acknowledged differ"
    for cid, red in load.acked.items():
        # Nothing half-written: a red check-in is in exactly one alert, a green one in none.
        assert alerts[cid] == (1 if red else 0), (cid, rows[cid], alerts[cid])
        assert (rows[cid] == "red") == red


def test_kill_9_an_app_process_during_load_loses_nothing(tmp_path: Path) -> None:
    with pg_database() as url:
        env = base_env(tmp_path / "data", url)
        cli(env, "migrate")
        with apps(env, tmp_path, 2) as (one, two):
            tenant = provision(env, one.base, patients=4)
            load = Load([one.base, two.base], tenant)

            def both_storing() -> bool:
                return min(load.served[one.base], load.served[two.base]) >= 25

            async def scenario() -> None:
                task = asyncio.create_task(load.run(seconds=4))
                # In the middle of the load: once both processes are storing check-ins.
                await until(both_storing, "both processes did not store 25 check-ins")
                one.signal(signal.SIGKILL)
                await task

            asyncio.run(scenario())
            assert one.proc is not None and one.proc.wait(5) == -signal.SIGKILL
        rows, alerts = asyncio.run(stored(url))
    print(f"kill -9: {len(load.acked)} check-ins acknowledged, statuses {dict(load.statuses)}")
    assert len(load.acked) > 50
    assert_exactly_once(load, rows, alerts)


def test_database_unreachable_gives_503_then_recovers_without_restart(tmp_path: Path) -> None:
    with pg_database() as url:
        env = base_env(tmp_path / "data", url)
        cli(env, "migrate")
        relay = Relay(5432).open()
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        assert port == 5432
        cut_env = {
            **env,
            "RELAIS_DATABASE_URL": url.replace(":5432/", f":{relay.port}/"),
            "RELAIS_PG_POOL_MIN": "1",
        }
        app = App(cut_env, tmp_path, "behind-relay").start()
        try:
            tenant = provision(env, app.base, patients=2)
            load = Load([app.base], tenant)
            outage: Counter[str] = Counter()
            ready_during = {}

            async def scenario() -> None:
                task = asyncio.create_task(load.run(seconds=5, clients=4, retry_for=25))
                await until(lambda: load.served[app.base] >= 10, "10 check-ins were not stored")
                relay.cut()
                before = Counter(load.statuses)

                def refused() -> int:
                    return (load.statuses - before)["503"]

                await until(lambda: refused() >= 1, "no check-in was refused after the cut")
                async with httpx.AsyncClient(timeout=10) as http:
                    ready = await http.get(f"{app.base}/api/ready")
                    ready_during.update(status=ready.status_code, body=ready.json(),
                                        retry=ready.headers.get("retry-after"))  # fmt: skip
                await until(lambda: refused() >= 3, "fewer than 3 check-ins were refused")
                outage.update(load.statuses - before)
                relay.open()
                await task

            asyncio.run(scenario())
            pid_before = app.proc.pid if app.proc else 0
            resp = httpx.post(
                f"{app.base}/api/patients/{tenant.patients[0]}/checkins",
                json=checkin_body(),
                headers=tenant.headers(),
                timeout=10,
            )
            assert resp.status_code == 201, resp.text
            assert app.proc is not None and app.proc.poll() is None and app.proc.pid == pid_before
        finally:
            app.stop()
            relay.cut()
        rows, alerts = asyncio.run(stored(url))
    print(f"database cut: statuses during the cut {dict(outage)}; overall {dict(load.statuses)}")
    assert outage["503"] >= 3, outage
    assert set(outage) <= {"503", "200", "201"}, outage
    assert ready_during["status"] == 503 and ready_during["retry"] == "5"
    assert ready_during["body"]["database"] == "unreachable"
    load.acked.pop("", None)
    rows.pop(resp.json()["id"], None)
    assert_exactly_once(load, rows, alerts)


def test_database_connections_killed_as_by_a_restart_give_503_never_500(tmp_path: Path) -> None:
    """Twelve times under load, every connection of the app is ended by the server, as a
    PostgreSQL restart ends them: each request caught gets 503 with Retry-After (asyncpg's
    "cannot switch to state" included), never 500, and every check-in is stored once."""
    with pg_database() as url:
        env = {**base_env(tmp_path / "data", url), "RELAIS_PG_POOL_MIN": "2"}
        cli(env, "migrate")
        app = App(env, tmp_path, "restarts").start()
        dbname = url.rsplit("/", 1)[1]
        try:
            tenant = provision(env, app.base, patients=2)
            load = Load([app.base], tenant)

            async def scenario() -> None:
                task = asyncio.create_task(load.run(seconds=6, clients=6, retry_for=25))
                await until(lambda: load.served[app.base] >= 10, "10 check-ins were not stored")
                admin = await asyncpg.connect(url)
                try:
                    for _ in range(12):
                        await admin.execute(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = $1 AND pid <> pg_backend_pid()",
                            dbname,
                        )
                        await asyncio.sleep(0.4)
                finally:
                    await admin.close()
                await task

            asyncio.run(scenario())
        finally:
            app.stop()
        rows, alerts = asyncio.run(stored(url))
    print(f"12 connection kills: statuses {dict(load.statuses)} (503 with Retry-After, 500 none)")
    assert_exactly_once(load, rows, alerts)


@contextlib.contextmanager
def tiny_disk(path: Path, size: str = "6m") -> Iterator[Path]:
    path.mkdir(parents=True)
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                          str(path)], capture_output=True, text=True, check=False)  # fmt: skip
    if out.returncode != 0:
        pytest.fail(f"cannot mount a small tmpfs (needs root): {out.stderr}", pytrace=False)
    try:
        yield path
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(path)], check=False)
        subprocess.run(["umount", "-l", str(path)], check=False)


def _post(app: App, tenant: Tenant, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(
        f"{app.base}/api/patients/{tenant.patients[0]}/checkins",
        json=body,
        headers=tenant.headers(),
        timeout=15,
    )


def _integrity(db_file: Path, read_only: bool = False) -> str:
    uri = f"file:{db_file}?immutable=1" if read_only else f"file:{db_file}"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_sqlite_disk_full_then_read_only_clear_error_no_corruption(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "data") as data:
        env = base_env(data)
        cli(env, "migrate")
        app = App(env, tmp_path, "sqlite").start()
        try:
            tenant = provision(env, app.base, patients=1)
            assert _post(app, tenant, checkin_body()).status_code == 201
            # Fill the disk: the next writes cannot be stored.
            filler = data / "filler"
            with open(filler, "wb") as fh, contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            refused: list[httpx.Response] = []
            bodies = [checkin_body() | {"note": "x" * 1900} for _ in range(40)]
            for body in bodies:
                resp = _post(app, tenant, body)
                assert resp.status_code in (201, 503), resp.text
                if resp.status_code == 503:
                    refused.append(resp)
            assert refused, "the disk never filled up"
            # Readiness says so, with the reason: a balancer stops sending writes here.
            ready = httpx.get(f"{app.base}/api/ready", timeout=15)
            print(f"disk full: {len(refused)} x 503, 0 x 500 in {len(bodies)} check-ins; "
                  f"ready {ready.status_code} {ready.json()['database']!r}")  # fmt: skip
            assert ready.status_code == 503 and "writes refused" in ready.json()["database"]
            problem = refused[0].json()
            # Said in the language of the signed-in person (French, the default).
            assert refused[0].headers["retry-after"]
            assert "Rien n'a été enregistré" in problem["detail"]
            filler.unlink()
            for body in bodies:  # the clients retry: everything is stored once
                assert _post(app, tenant, body).status_code in (200, 201)
            late = checkin_body()
        finally:
            # uvicorn finishes its graceful shutdown, then re-raises SIGTERM: -15 is a clean exit.
            assert app.stop() in (0, -signal.SIGTERM)
        # A read-only data directory (remounted after a disk error, a wrong volume): start-up stops
        # with one clear sentence, and the database is untouched.
        subprocess.run(["mount", "-o", "remount,ro", str(data)], check=True)
        out = subprocess.run(
            [*CLI, "serve"], env={**os.environ, **env}, capture_output=True, text=True, timeout=60,
            check=False,
        )  # fmt: skip
        assert out.returncode == 1, out.stderr
        assert "cannot write to the data directory" in out.stderr
        assert "read-only" in out.stderr and "Traceback" not in out.stderr
        assert _integrity(data / "relais.sqlite3", read_only=True) == "ok"
        subprocess.run(["mount", "-o", "remount,rw", str(data)], check=True)
        app = App(env, tmp_path, "sqlite-again").start()
        try:
            assert _post(app, tenant, late).status_code == 201
        finally:
            assert app.stop() in (0, -signal.SIGTERM)
        db_file = data / "relais.sqlite3"
        assert _integrity(db_file) == "ok"
        conn = sqlite3.connect(db_file)
        ids = {r[0] for r in conn.execute("SELECT id FROM relais_checkin")}
        conn.close()
        assert {b["id"].replace("-", "") for b in bodies} <= {i.replace("-", "") for i in ids}
        assert len(ids) == len(bodies) + 2


def _accepted(server_port: int, client_port: int) -> bool:
    """Whether the server has accepted the connection from ``client_port`` (loopback, IPv4): in
    /proc/net/tcp a connection still waiting in the listen queue has no inode."""
    server, client = f"0100007F:{server_port:04X}", f"0100007F:{client_port:04X}"
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == server and fields[2] == client:
            return fields[9] != "0"
    return False


def test_sigterm_lets_a_request_in_flight_finish(tmp_path: Path) -> None:
    env = base_env(tmp_path / "data")
    cli(env, "migrate")
    app = App(env, tmp_path, "draining").start()
    tenant = provision(env, app.base, patients=1)
    body = checkin_body()
    import json

    raw = json.dumps(body).encode()
    headers = {**tenant.headers(), "host": f"127.0.0.1:{app.port}",
               "content-type": "application/json", "content-length": str(len(raw))}  # fmt: skip
    head = f"POST /api/patients/{tenant.patients[0]}/checkins HTTP/1.1\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in headers.items()
    )

    async def new_connections_refused() -> None:
        deadline = time.monotonic() + 10
        # No connection kept alive: each probe is a new connection.
        limits = httpx.Limits(max_keepalive_connections=0)
        async with httpx.AsyncClient(timeout=5, limits=limits) as http:
            while True:
                try:
                    await http.get(f"{app.base}/api/health")
                except httpx.ConnectError:
                    return
                except httpx.TransportError:  # taken, then dropped as the listener closed
                    pass
                assert time.monotonic() < deadline, "new connections still accepted"
                await asyncio.sleep(0.02)

    async def scenario() -> bytes:
        # The request, its body cut in two: the first half, then SIGTERM, then the rest.
        reader, writer = await asyncio.open_connection("127.0.0.1", app.port)
        try:
            writer.write(f"{head}\r\n".encode() + raw[: len(raw) // 2])
            await writer.drain()
            port = writer.get_extra_info("sockname")[1]
            await until(lambda: _accepted(app.port, port), "the app never took the request")
            app.signal(signal.SIGTERM)
            await new_connections_refused()
            writer.write(raw[len(raw) // 2 :])
            await writer.drain()
            return await asyncio.wait_for(reader.read(), 15)  # the app closes it after answering
        finally:
            writer.close()

    answer = asyncio.run(scenario())
    status, _, text = answer.partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 201 "), answer
    assert json.loads(text)["id"] == body["id"]
    assert app.proc is not None and app.proc.wait(20) in (0, -signal.SIGTERM)
    conn = sqlite3.connect(tmp_path / "data" / "relais.sqlite3")
    n = conn.execute("SELECT COUNT(*) FROM relais_checkin").fetchone()[0]
    conn.close()
    assert n == 1


def test_short_soak_memory_is_bounded(tmp_path: Path) -> None:
    with pg_database() as url:
        env = base_env(tmp_path / "data", url)
        cli(env, "migrate")
        with apps(env, tmp_path, 1) as (one,):
            tenant = provision(env, one.base, patients=4)
            warm = Load([one.base], tenant)
            asyncio.run(warm.run(seconds=2, clients=4))
            start = one.rss_kib()
            load = Load([one.base], tenant)
            asyncio.run(load.run(seconds=12, clients=4))
            end = one.rss_kib()
    print(
        f"soak: {len(load.acked)} check-ins in 12 s; RSS {start // 1024} MiB -> {end // 1024} MiB"
    )
    assert not load.unexpected and set(load.statuses) <= {"201"}, load.statuses
    assert end < start * 1.3 + 20 * 1024, (start, end)
