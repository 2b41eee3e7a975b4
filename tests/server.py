"""Start the real app (``relais serve``) in a child process on a free loopback port, as ``make run``
does, for tests that need a real HTTP server: schema fuzzing, browsers, several processes.
``wait_until_answering`` and ``stop_process`` start and stop every child server of the tests (the
app, Caddy, the push service)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx


def _in_a_thread(coro: Any) -> None:
    """Run a coroutine to its end in a thread of its own: callable while another event loop runs
    in this thread (Playwright's, in the browser tests)."""
    import asyncio
    import threading

    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(coro)
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


@contextlib.contextmanager
def own_database(env: dict[str, str], data_dir: Path) -> Iterator[dict[str, str]]:
    """``env`` pointed at a database of its own in ``data_dir``: a new PostgreSQL database when
    the run is on PostgreSQL (dropped afterwards), otherwise the data directory's SQLite file."""
    import uuid

    from tests.conftest import ENGINE, PG_ADMIN_URL, _pg_admin

    own = {**env, "RELAIS_DATA_DIR": str(data_dir)}
    own.pop("RELAIS_DATABASE_URL", None)
    name = ""
    if ENGINE == "postgres":
        name = f"relais_o_{uuid.uuid4().hex[:10]}"
        _in_a_thread(_pg_admin(f'CREATE DATABASE "{name}"'))
        own["RELAIS_DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield own
    finally:
        if name:
            _in_a_thread(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextlib.contextmanager
def seeded_copy(template: dict[str, str], data_dir: Path) -> Iterator[dict[str, str]]:
    """A copy of a migrated and seeded database (``template``, from ``own_database``): the SQLite
    data directory copied, or a PostgreSQL database made from it as a template (dropped
    afterwards). Much faster than migrating and seeding again."""
    import shutil
    import uuid

    from tests.conftest import ENGINE, PG_ADMIN_URL, _pg_admin

    shutil.copytree(
        template["RELAIS_DATA_DIR"],
        data_dir,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("*.log"),
    )
    own = {**template, "RELAIS_DATA_DIR": str(data_dir)}
    name = ""
    if ENGINE == "postgres":
        name = f"relais_c_{uuid.uuid4().hex[:10]}"
        source = template["RELAIS_DATABASE_URL"].rsplit("/", 1)[1]
        _in_a_thread(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{source}"'))
        own["RELAIS_DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield own
    finally:
        if name:
            _in_a_thread(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def migrate_and_seed(env: dict[str, str]) -> None:
    """``relais migrate`` then ``relais seed-demo`` on the database of ``env``."""
    cli = [sys.executable, "-m", "relais.cli"]
    for args in (["migrate"], ["seed-demo", "--if-empty"]):
        subprocess.run(
            [*cli, *args], env={**os.environ, **env}, check=True, capture_output=True, timeout=120
        )


@contextlib.contextmanager
def seeded_server(env: dict[str, str], data_dir: Path) -> Iterator[str]:
    """The demo-seeded app on a database of its own; fails if the server log shows a traceback."""
    log = data_dir / "server.log"
    with own_database(env, data_dir) as own, running_server(own, seed=True, log_path=log) as base:
        yield base
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_answering(
    proc: subprocess.Popen[Any],
    url: str,
    *,
    what: str,
    within_s: float = 90,
    method: str = "GET",
    log_path: Path | None = None,
) -> None:
    """Poll ``url`` until it answers 200. Fails, with the end of ``log_path``, when the process
    exits first or ``within_s`` passes. Every child server of the tests starts through this."""
    deadline = time.monotonic() + within_s
    while True:
        try:
            if httpx.request(method, url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = ""
            if log_path is not None and log_path.exists():
                tail = "\n" + log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{what} did not start (exit {proc.returncode}){tail}")
        time.sleep(0.05)


def stop_process(
    proc: subprocess.Popen[Any], *, sig: int = signal.SIGTERM, within_s: float = 15
) -> int | None:
    """Send ``sig`` (SIGTERM: a graceful stop), kill after ``within_s``; the exit status."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=within_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    return proc.returncode


@contextlib.contextmanager
def running_server(
    env: dict[str, str],
    *,
    migrate: bool = True,
    seed: bool = False,
    log_path: Path | None = None,
    serve_args: tuple[str, ...] = (),
    port: int | None = None,
    within_s: float = 90,
) -> Iterator[str]:
    """``port``: chosen beforehand (a service started first must know the address, as the
    OpenID provider knows the callback); a free one otherwise."""
    port = port or free_port()
    full_env = {
        **os.environ,
        **env,
        "RELAIS_PORT": str(port),
        "RELAIS_HOST": "127.0.0.1",
        "RELAIS_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    cli = [sys.executable, "-m", "relais.cli"]
    if migrate:
        subprocess.run(
            [*cli, "migrate"], env=full_env, check=True, capture_output=True, timeout=120
        )
    if seed:
        subprocess.run(
            [*cli, "seed-demo", "--if-empty"],
            env=full_env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen([*cli, "serve", *serve_args], env=full_env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(
            proc, f"{base}/api/health", what="server", log_path=log_path, within_s=within_s
        )
        yield base
    finally:
        stop_process(proc)
        if log_path:
            log.close()  # type: ignore[union-attr]
