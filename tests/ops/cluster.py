"""Real processes on loopback for the production tests: app processes (``relais serve``) on one
PostgreSQL database or a SQLite file, Caddy in front, people and patients made through the API."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import PG_ADMIN_URL, _pg_admin
from tests.helpers import PASSWORD
from tests.server import free_port, stop_process, wait_until_answering

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "relais.cli"]
SECRET = "ops-test-secret-key-that-is-long-enough-0123456789"


def base_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {
        "RELAIS_DATA_DIR": str(data_dir),
        "RELAIS_ENV": "test",
        "RELAIS_SECRET_KEY": SECRET,
        "RELAIS_ARGON2_TIME_COST": "1",
        "RELAIS_ARGON2_MEMORY_KIB": "8192",
        "RELAIS_ARGON2_PARALLELISM": "1",
        "RELAIS_RUN_WORKER": "false",
        "RELAIS_LOG_FORMAT": "json",
        "RELAIS_LOG_LEVEL": "INFO",
        "RELAIS_LOGIN_MAX_FAILURES_IP": "100000",
    }
    if database_url:
        env["RELAIS_DATABASE_URL"] = database_url
    return env


@contextlib.contextmanager
def pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database on the local server, dropped afterwards."""
    name = f"relais_ops_{uuid.uuid4().hex[:10]}"
    try:
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # fail loudly, never skip
        pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}", pytrace=False)
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def cli(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    proc = subprocess.run(
        [*CLI, *args],
        env={**os.environ, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, f"relais {' '.join(args)}: {proc.stdout}{proc.stderr}"
    return proc.stdout


def rss_kib(pid: int) -> int:
    """A process's resident memory (VmRSS), in KiB."""
    m = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return int(m.group(1)) if m else 0


class App:
    """One ``relais serve`` process; its JSON log goes to a file the test can read."""

    def __init__(self, env: dict[str, str], log_dir: Path, name: str) -> None:
        self.port = free_port()
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self.env = {
            **os.environ,
            **env,
            "RELAIS_PORT": str(self.port),
            "RELAIS_HOST": "127.0.0.1",
        }
        self.env.setdefault("RELAIS_PUBLIC_URL", f"http://127.0.0.1:{self.port}")
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait: bool = True) -> App:
        log = open(self.log_path, "ab")  # noqa: SIM115 (the child holds it)
        self.proc = subprocess.Popen([*CLI, "serve"], env=self.env, stdout=log, stderr=log)
        log.close()
        if wait:
            self.wait_healthy()
        return self

    def wait_healthy(self, within_s: float = 30) -> None:
        assert self.proc is not None
        wait_until_answering(self.proc, f"{self.base}/api/health", what=self.name,
                             within_s=within_s, log_path=self.log_path)  # fmt: skip

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def stop(self) -> int | None:
        return None if self.proc is None else stop_process(self.proc, within_s=30)

    def rss_kib(self) -> int:
        assert self.proc is not None
        return rss_kib(self.proc.pid)

    def request_ids(self) -> set[str]:
        import json

        ids = set()
        for line in self.log_path.read_text().splitlines():
            with contextlib.suppress(ValueError):
                rec = json.loads(line)
                if rec.get("logger") == "relais.access":
                    ids.add(rec["request_id"])
        return ids


class Worker:
    """One ``relais worker`` process (notifications, escalations, reminders); JSON log to a file."""

    def __init__(self, env: dict[str, str], log_dir: Path, name: str) -> None:
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        # INFO: it says when its loop runs (and little else: nothing per notification sent).
        self.env = {**os.environ, **env, "RELAIS_LOG_LEVEL": "INFO"}
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, wait: bool = True) -> Worker:
        log = open(self.log_path, "ab")  # noqa: SIM115 (the child holds it)
        self.proc = subprocess.Popen([*CLI, "worker"], env=self.env, stdout=log, stderr=log)
        log.close()
        if wait:
            self.wait_started()
        return self

    def wait_started(self, within_s: float = 30) -> None:
        """Until it has logged that its loop runs."""
        assert self.proc is not None
        deadline = time.monotonic() + within_s
        while not re.search(r'"msg": "worker \S+ started"', self.log_path.read_text()):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not start:\n{self.log_path.read_text()}")
            time.sleep(0.05)

    @property
    def worker_id(self) -> str:
        """The id it claims notifications under (host:pid:random)."""
        m = re.search(r'"msg": "worker (\S+) started"', self.log_path.read_text())
        assert m, self.log_path.read_text()
        return m.group(1)

    def stop(self) -> int | None:
        return None if self.proc is None else stop_process(self.proc, within_s=30)

    def rss_kib(self) -> int:
        assert self.proc is not None
        return rss_kib(self.proc.pid)


@contextlib.contextmanager
def workers(env: dict[str, str], log_dir: Path, count: int) -> Iterator[list[Worker]]:
    started: list[Worker] = []
    try:
        for i in range(count):  # all at once: they start in parallel
            started.append(Worker(env, log_dir, f"worker-{i + 1}").start(wait=False))
        for worker in started:
            worker.wait_started()
        yield started
    finally:
        for worker in started:
            worker.stop()


@contextlib.contextmanager
def apps(env: dict[str, str], log_dir: Path, count: int) -> Iterator[list[App]]:
    started: list[App] = []
    try:
        for i in range(count):  # all at once: they start in parallel
            started.append(App(env, log_dir, f"app-{i + 1}").start(wait=False))
        for app in started:
            app.wait_healthy()
        yield started
    finally:
        for app in started:
            app.stop()


@dataclass
class Tenant:
    """A clinician's signed-in session and the patients of their team."""

    cookie: str
    csrf: str
    patients: list[str] = field(default_factory=list)
    admin_cookie: str = ""

    def headers(self) -> dict[str, str]:
        return {"Cookie": self.cookie, "x-csrftoken": self.csrf}


def _sign_in(base: str, email: str) -> tuple[httpx.Client, str]:
    http = httpx.Client(base_url=base, timeout=30)
    http.get("/api/auth/csrf")
    csrf = http.cookies["relais_csrf"]
    resp = http.post(
        "/api/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"x-csrftoken": csrf},
    )
    resp.raise_for_status()
    # Signing in rotated the token: the one bound to the new session is in the cookie now.
    return http, http.cookies["relais_csrf"]


def provision(env: dict[str, str], base: str, patients: int = 4) -> Tenant:
    """An administrator, a team, a clinician in it and ``patients`` enrolled adults."""
    tag = uuid.uuid4().hex[:6]
    admin_email, clin_email = f"admin-{tag}@ops.test", f"clin-{tag}@ops.test"
    for email, role in ((admin_email, "admin"), (clin_email, "clinician")):
        cli(env, "create-user", "--email", email, "--name", role.title(), "--role", role,
            "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    admin, acsrf = _sign_in(base, admin_email)
    team = admin.post("/api/teams", json={"name": "Ops", "kind": "hospital_service"},
                      headers={"x-csrftoken": acsrf})  # fmt: skip
    team.raise_for_status()
    clin, csrf = _sign_in(base, clin_email)
    clin_id = clin.get("/api/auth/me").json()["id"]
    admin.post(
        f"/api/teams/{team.json()['id']}/members",
        json={"user_id": clin_id, "role": "physician"},
        headers={"x-csrftoken": acsrf},
    ).raise_for_status()
    tenant = Tenant(
        cookie=f"relais_csrf={csrf}; relais_session={clin.cookies['relais_session']}",
        csrf=csrf,
        admin_cookie=f"relais_csrf={acsrf}; relais_session={admin.cookies['relais_session']}",
    )
    from tests.world import adult_patient

    for i in range(patients):
        resp = clin.post("/api/patients", json=adult_patient(team.json()["id"], given_name=f"P{i}"),
                         headers={"x-csrftoken": csrf})  # fmt: skip
        resp.raise_for_status()
        tenant.patients.append(resp.json()["id"])
    return tenant


def checkin_body(red: bool = False) -> dict[str, Any]:
    from tests.checkins.test_checkins import GREEN_ANSWERS, checkin

    answers = {**GREEN_ANSWERS, "da_confusion": 1} if red else GREEN_ANSWERS
    return checkin(minutes_ago=2, answers=answers)


def caddy_binary() -> str:
    path = shutil.which("caddy")
    if path is None:
        pytest.fail(
            "caddy is not installed: run `make caddy` (Debian package caddy)", pytrace=False
        )
    return path


def loopback_caddyfile(upstreams: list[int], port: int, *, tag_upstream: bool = False) -> str:
    """The production Caddyfile (infra/Caddyfile) for loopback: plain HTTP on ``port``, the
    replicas on ``upstreams``, no certificate, no admin endpoint. Every proxy directive is kept.
    ``tag_upstream``: each answer names the replica that served it (``X-Upstream: 127.0.0.1:port``),
    for tests only (in production it would show the inside of the network)."""
    text = (ROOT / "infra" / "Caddyfile").read_text()
    text = re.sub(r"\n\{\n\temail [^\n]*\n\}\n", "\n{\n\tadmin off\n\tauto_https off\n}\n", text)
    text = text.replace("{$SITE_ADDRESS:localhost} {", f"http://127.0.0.1:{port} {{")
    text = text.replace(
        "reverse_proxy app-1:8000 app-2:8000 {",
        "reverse_proxy " + " ".join(f"127.0.0.1:{p}" for p in upstreams) + " {",
    )
    text = text.replace("health_interval 5s", "health_interval 1s")
    if tag_upstream:
        tag = "header_down X-Upstream {http.reverse_proxy.upstream.hostport}"
        text = text.replace("\t\t\tflush_interval -1\n", f"\t\t\tflush_interval -1\n\t\t\t{tag}\n")
        assert "X-Upstream" in text, "infra/Caddyfile no longer has flush_interval -1"
    text = re.sub(r"\n\tlog \{\n\t\toutput stdout\n\t\tformat json\n\t\}\n", "\n", text)
    return text


@contextlib.contextmanager
def caddy(upstreams: list[int], work: Path, *, tag_upstream: bool = False) -> Iterator[str]:
    port = free_port()
    conf = work / "Caddyfile.loopback"
    conf.write_text(loopback_caddyfile(upstreams, port, tag_upstream=tag_upstream))
    log = open(work / "caddy.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [caddy_binary(), "run", "--config", str(conf), "--adapter", "caddyfile"],
        stdout=log,
        stderr=log,
        env={
            **os.environ,
            "HOME": str(work),
            "XDG_DATA_HOME": str(work),
            "XDG_CONFIG_HOME": str(work),
        },
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(proc, f"{base}/api/health", what="caddy", within_s=20,
                             log_path=work / "caddy.log")  # fmt: skip
        yield base
    finally:
        stop_process(proc, within_s=10)
        log.close()
