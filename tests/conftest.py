"""Test set-up shared by the whole suite.

The suite runs once per database engine: ``RELAIS_TEST_ENGINE=sqlite`` (default) or ``postgres``.
Each run gets its own database (a temporary SQLite file, or a new PostgreSQL database on the local
server, dropped at the end), migrated from empty. If PostgreSQL is asked for and not reachable, the
run fails loudly: it never skips.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar

from relais import db
from relais.settings import Settings, parse_settings
from tests.helpers import ApiClient
from tests.smtp import Inbox, smtp_server

ENGINE = os.environ.get("RELAIS_TEST_ENGINE", "sqlite")
PG_ADMIN_URL = os.environ.get("RELAIS_TEST_PG_URL", "postgresql://127.0.0.1:5432/test")
if ENGINE not in ("sqlite", "postgres"):
    raise RuntimeError(f"RELAIS_TEST_ENGINE must be sqlite or postgres, got {ENGINE!r}")


def pytest_report_header(config: pytest.Config) -> str:
    return f"relais database engine: {ENGINE}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Tests that touch the database are marked "db": the PostgreSQL run selects only those, the
    # engine-independent ones (content, triage vectors) run once, on the SQLite run.
    for item in items:
        if "database" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


async def _pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def test_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    data_dir = tmp_path_factory.mktemp("relais-data")
    env = {
        "RELAIS_DATA_DIR": str(data_dir),
        "RELAIS_ENV": "test",
        "RELAIS_SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "RELAIS_ARGON2_TIME_COST": "1",
        "RELAIS_ARGON2_MEMORY_KIB": "8192",
        "RELAIS_ARGON2_PARALLELISM": "1",
        "RELAIS_RUN_WORKER": "false",
    }
    dbname = ""
    if ENGINE == "postgres":
        dbname = f"relais_t_{uuid.uuid4().hex[:10]}"
        try:
            asyncio.run(_pg_admin(f'CREATE DATABASE "{dbname}"'))
        except Exception as exc:  # fail loudly, never skip
            pytest.exit(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}", returncode=3)
        env["RELAIS_DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{dbname}"
    yield env
    if dbname:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def settings(test_env: dict[str, str]) -> Settings:
    return parse_settings(test_env)


@pytest.fixture(scope="session")
async def migrated(settings: Settings) -> AsyncIterator[Settings]:
    db.configure(settings)
    await db.connect(settings)
    await db.migrate()
    yield settings
    await db.disconnect()


async def _truncate() -> None:
    tables = [t._meta.tablename for t in db.all_tables()]
    if db.is_postgres():
        await db.fetch(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    else:
        async with db.transaction():
            await db.fetch("PRAGMA defer_foreign_keys = ON")
            for name in tables:
                await db.fetch(f"DELETE FROM {name}")  # noqa: S608 (names from code)


@pytest.fixture
async def database(migrated: Settings) -> AsyncIterator[Settings]:
    """A migrated, empty database for one test."""
    await _truncate()
    yield migrated


@pytest.fixture(scope="session")
def mail() -> Iterator[Inbox]:
    """The SMTP server the application's reset links go to (aiosmtpd, real SMTP)."""
    with smtp_server() as inbox:
        yield inbox


@pytest.fixture(scope="session")
def app(migrated: Settings, mail: Inbox) -> Litestar:
    import dataclasses

    from relais.app import create_app
    from relais.notify.reset_mail import EmailResetDelivery
    from relais.notify.transports.email import EmailTransport

    application = create_app(migrated, manage_db=False)
    smtp = dataclasses.replace(migrated, smtp_host="127.0.0.1", smtp_port=mail.port)
    application.state.reset_delivery = EmailResetDelivery(
        EmailTransport(smtp), migrated.password_reset_minutes
    )
    return application


@pytest.fixture
async def client(app: Litestar, database: Settings) -> AsyncIterator[ApiClient]:
    async with ApiClient.open(app) as api:
        yield api


@pytest.fixture
def make_client(app: Litestar, database: Settings) -> Any:
    """Open more clients (each its own cookie jar: another browser, another person)."""
    return lambda ip="203.0.113.7": ApiClient.open(app, ip)


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_refusal_remembered() -> Iterator[None]:
    """Readiness remembers a request the database refused, for a few seconds, per process: one
    test's fault must not make another's server look unready."""
    from relais.web import problems

    problems._refused = None
    yield
    problems._refused = None
