"""The deployment in infra/: the compose file and .env.example agree with the settings the app
reads, the Caddyfile is valid, and a real Caddy balances two app processes on one PostgreSQL."""

from __future__ import annotations

import re
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.ops.cluster import (
    ROOT,
    apps,
    base_env,
    caddy,
    caddy_binary,
    checkin_body,
    cli,
    pg_database,
    provision,
)

INFRA = ROOT / "infra"


def settings_read_by_the_app() -> set[str]:
    backend = ROOT / "backend" / "relais"
    names = set(re.findall(r'"(RELAIS_[A-Z0-9_]+)"', (backend / "settings.py").read_text()))
    assert len(names) > 30, names
    # A module that reads the environment itself (logging, set up before the settings) counts too.
    read = re.compile(r'(?:getenv\(|environ\.get\(|environ\[)\s*"(RELAIS_[A-Z0-9_]+)"')
    for path in backend.rglob("*.py"):
        names |= set(read.findall(path.read_text()))
    return names


def compose() -> dict[str, Any]:
    return yaml.safe_load((INFRA / "docker-compose.yml").read_text())  # type: ignore[no-any-return]


def test_compose_sets_only_settings_the_app_reads() -> None:
    known = settings_read_by_the_app()
    services = compose()["services"]
    assert {"postgres", "migrate", "app-1", "app-2", "worker", "caddy"} <= set(services)
    for name, service in services.items():
        env = service.get("environment") or {}
        unknown = {k for k in env if k.startswith("RELAIS_")} - known
        assert not unknown, f"{name} sets variables the app does not read: {unknown}"
    for name in ("app-1", "app-2"):
        app = services[name]
        assert app["command"][:2] == ["relais", "serve"]
        assert app["environment"]["RELAIS_RUN_WORKER"] == "false"
        assert app["environment"]["RELAIS_DATABASE_URL"].startswith("postgresql://")
        assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["worker"]["command"] == ["relais", "worker"]
    assert services["migrate"]["command"] == ["relais", "migrate"]
    # The replicas share secrets through the environment, never a file one of them made.
    for key in ("RELAIS_SECRET_KEY", "RELAIS_VAPID_PRIVATE_KEY"):
        assert ":?" in services["app-1"]["environment"][key]


def test_env_example_and_readme_document_every_setting() -> None:
    known = settings_read_by_the_app()
    example = (INFRA / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*(RELAIS_[A-Z0-9_]+)=", example, re.M))
    assert known - documented == set(), "missing from infra/.env.example"
    assert documented - known == set(), "infra/.env.example lists settings the app ignores"
    readme = (ROOT / "README.md").read_text()
    assert known - set(re.findall(r"RELAIS_[A-Z0-9_]+", readme)) == set(), "missing from README"


def test_caddyfiles_are_valid(tmp_path: Path) -> None:
    for conf in (INFRA / "Caddyfile", tmp_path / "loopback"):
        if conf.name == "loopback":
            from tests.ops.cluster import loopback_caddyfile

            conf.write_text(loopback_caddyfile([8001, 8002], 8080))
        out = subprocess.run(
            [caddy_binary(), "validate", "--config", str(conf), "--adapter", "caddyfile"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )
        assert out.returncode == 0, out.stderr
        assert "Valid configuration" in out.stdout + out.stderr


def test_systemd_units_run_the_right_commands() -> None:
    web = (INFRA / "systemd" / "relais-web@.service").read_text()
    worker = (INFRA / "systemd" / "relais-worker.service").read_text()
    assert "relais serve --port %i" in web and "RELAIS_RUN_WORKER=false" in web
    assert "relais worker" in worker
    for unit in (web, worker):
        assert "KillSignal=SIGTERM" in unit and "EnvironmentFile=/etc/relais/relais.env" in unit


@pytest.mark.slow
def test_caddy_alternates_between_two_apps_and_stores_a_checkin_once(tmp_path: Path) -> None:
    with pg_database() as url:
        env = base_env(tmp_path / "data", url)
        cli(env, "migrate")
        with apps(env, tmp_path, 2) as (one, two), caddy([one.port, two.port], tmp_path) as site:
            tenant = provision(env, site, patients=1)
            http = httpx.Client(base_url=site, headers=tenant.headers(), timeout=10)
            ids = [http.get("/api/auth/me").headers["x-request-id"] for _ in range(10)]
            assert len(set(ids)) == 10 and all(uuid.UUID(i) for i in ids)  # set by Caddy
            # The access line is written just after the answer: until each id is in a log.
            deadline = time.monotonic() + 10
            while True:
                logged = (one.request_ids(), two.request_ids())
                served = [1 if i in logged[0] else 2 if i in logged[1] else 0 for i in ids]
                if 0 not in served or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            assert 0 not in served, "every request id is in one app's log"
            assert served.count(1) >= 3 and served.count(2) >= 3, served
            body = checkin_body(red=True)
            url_ = f"/api/patients/{tenant.patients[0]}/checkins"
            first = http.post(url_, json=body)
            assert first.status_code == 201, first.text
            replay = http.post(url_, json=body)
            assert replay.status_code == 200 and replay.json() == first.json()
            http.close()
        rows = _count(url, "SELECT COUNT(*) FROM relais_checkin WHERE id = $1", body["id"])
        alerts = _count(url, "SELECT COUNT(*) FROM relais_alert WHERE checkin_id = $1", body["id"])
        assert (rows, alerts) == (1, 1)


def _count(url: str, sql: str, *args: Any) -> int:
    import asyncio

    import asyncpg

    async def go() -> int:
        conn = await asyncpg.connect(url)
        try:
            return int(await conn.fetchval(sql, *(uuid.UUID(a) for a in args)))
        finally:
            await conn.close()

    return asyncio.run(go())
