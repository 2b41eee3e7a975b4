"""The database: one engine per process, SQLite (embedded default) or PostgreSQL.

``configure()`` builds the engine from settings and binds every Piccolo table to it;
``connect()``/``disconnect()`` open and close the pool or the shared SQLite connection;
``transaction()`` opens a write transaction (IMMEDIATE on SQLite).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlparse

import msgspec
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine

from relais import piccolo_conf
from relais.db.postgres import RelaisPostgresEngine
from relais.db.sqlite import RelaisSQLiteEngine
from relais.settings import Settings

# Piccolo's tools find the engine and the app registry through this module.
os.environ.setdefault("PICCOLO_CONF", "relais.piccolo_conf")

_engine: Engine[Any] | None = None


def utcnow() -> dt.datetime:
    """Aware UTC now; every stored time is aware UTC."""
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """Make a datetime read back from the database aware UTC (SQLite may return naive values)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def as_uuid(value: Any) -> uuid.UUID:
    """UUID columns come back as text on SQLite and as UUID on PostgreSQL: coerce here, once."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def json_value(value: Any) -> Any:
    """JSON columns come back as text (SQLite, and asyncpg without a codec) or decoded: decode
    here, once (msgspec: a few times faster than the standard library on these small objects)."""
    if isinstance(value, str | bytes):
        return msgspec.json.decode(value)
    return value


def is_unique_violation(exc: BaseException) -> bool:
    """A unique or primary-key constraint refused a row (either engine)."""
    import sqlite3

    import asyncpg

    if isinstance(exc, asyncpg.UniqueViolationError):
        return True
    return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)


def postgres_config(url: str) -> dict[str, Any]:
    parts = urlparse(url)
    config: dict[str, Any] = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "database": (parts.path or "/").lstrip("/") or "postgres",
    }
    if parts.username:
        config["user"] = parts.username
    if parts.password:
        config["password"] = parts.password
    return config


def _pooled_connection_class() -> type[Any]:
    """Pooled connections that skip asyncpg's reset query on release.

    By default every release sends ``SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;
    RESET ALL``: one more round trip per statement run outside a transaction. Relais keeps no
    session state on pooled connections (LISTEN uses connections of its own; no advisory session
    locks, cursors or SET), so there is nothing to reset; an open transaction is still rolled back
    by asyncpg on release."""
    import asyncpg

    class PooledConnection(asyncpg.Connection):  # type: ignore[misc]
        def get_reset_query(self) -> str:
            return ""

    return PooledConnection


def all_tables() -> list[Any]:
    """Every table of the application, as Piccolo's app registry (piccolo_conf) names them: the
    foundation reaches the features' tables through the configuration, not by importing them."""
    from relais.piccolo_conf import APP_REGISTRY

    return list(APP_REGISTRY.get_table_classes("relais"))


def configure(settings: Settings) -> Engine[Any]:
    """Create the process engine from settings and bind every table to it."""
    global _engine
    if settings.engine == "postgres":
        engine: Engine[Any] = RelaisPostgresEngine(config=postgres_config(settings.database_url))
    else:
        path = settings.sqlite_path
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = RelaisSQLiteEngine(path=str(path))
    _engine = engine
    piccolo_conf.DB = engine
    for table in all_tables():
        table._meta.db = engine
    return engine


def engine() -> Engine[Any]:
    if _engine is None:
        raise RuntimeError("relais.db.configure() has not been called")
    return _engine


def is_postgres() -> bool:
    return isinstance(engine(), PostgresEngine)


async def connect(settings: Settings) -> None:
    eng = engine()
    if isinstance(eng, PostgresEngine):
        if eng.pool is None:
            await eng.start_connection_pool(
                min_size=settings.pg_pool_min,
                max_size=settings.pg_pool_max,
                connection_class=_pooled_connection_class(),
            )
    else:
        assert isinstance(eng, RelaisSQLiteEngine)
        async with eng.lock:
            eng.shared_connection()


async def disconnect() -> None:
    eng = engine()
    if isinstance(eng, PostgresEngine):
        if eng.pool is not None:
            await eng.close_connection_pool()
    elif isinstance(eng, RelaisSQLiteEngine):
        async with eng.lock:
            await eng.close()


def transaction() -> Any:
    """A write transaction: IMMEDIATE on SQLite so writers queue instead of deadlocking."""
    return engine().transaction()


def after_commit(fn: Callable[[], None]) -> None:
    """Run ``fn`` (an in-process signal about a change: wake a worker, tell a console) once the
    current SQLite transaction has committed, never on rollback; at once when there is none.
    PostgreSQL runs it at once: what reaches the other processes there is a NOTIFY, which the
    server delivers at commit, so a listener woken early is woken again then."""
    current = engine().current_transaction.get()
    on_commit = getattr(current, "on_commit", None)
    if on_commit is not None:
        on_commit(fn)
    else:
        fn()


async def fetch(sql: str, *args: Any) -> list[dict[str, Any]]:
    """Run raw SQL with ``{}`` placeholders (Piccolo style) and return rows as dicts: the same
    path as ``relais.db.raw.rows`` (the caller's transaction, the request's connection)."""
    from relais.db import raw

    return await raw.rows(sql, *args)


@contextlib.asynccontextmanager
async def quiet() -> AsyncIterator[None]:
    """Piccolo's migration runner prints progress to stdout; keep it out of our logs."""
    with contextlib.redirect_stdout(io.StringIO()):
        yield


#: The migrations of the first days, squashed into the first two of today's history before any
#: deployment: a database that ran them has exactly the schema those two make.
SQUASHED = (
    "2026-11-23T09:21:40:154984", "2026-11-23T09:31:00:464559", "2026-11-23T09:34:33:419160",
    "2026-11-23T09:42:33:253193", "2026-11-23T10:19:25:816283", "2026-11-23T10:29:20:518933",
    "2026-11-23T10:39:23:879046", "2026-11-23T12:13:41:990737", "2026-11-23T12:14:01:829811",
    "2026-11-23T12:14:37:254225", "2026-11-23T12:38:00:000000", "2026-11-23T16:00:00:000000",
)  # fmt: skip
SQUASHED_INTO = ("2026-11-23T00:00:00:000000", "2026-11-23T00:00:01:000000")


async def _record_squash(migration: Any) -> None:
    """A database migrated before the squash: its old migration rows become the new two."""
    applied = {row["name"] for row in await migration.select(migration.name)}
    if not set(SQUASHED) <= applied:
        return
    async with transaction():
        await migration.delete().where(migration.name.is_in(list(SQUASHED)))
        for name in SQUASHED_INTO:
            if name not in applied:
                await migration.insert(migration(name=name, app_name="relais"))


async def migrate() -> list[str]:
    """Run every migration not yet applied; return the ids applied now."""
    from piccolo.apps.migrations.commands.forwards import run_forwards
    from piccolo.apps.migrations.tables import Migration

    Migration._meta.db = engine()
    await Migration.create_table(if_not_exists=True)
    await _record_squash(Migration)
    before = {row["name"] for row in await Migration.select(Migration.name)}
    async with quiet():
        result = await run_forwards("all")
    if not result.success:
        raise RuntimeError(f"migration failed: {result.message}")
    after = {row["name"] for row in await Migration.select(Migration.name)}
    return sorted(after - before)


async def pending_migrations() -> list[str]:
    """Migration ids known to the code but not applied to the database."""
    from piccolo.apps.migrations.commands.base import BaseMigrationManager
    from piccolo.apps.migrations.tables import Migration

    Migration._meta.db = engine()
    if not await Migration.table_exists():
        return ["(no migrations applied)"]
    applied = {row["name"] for row in await Migration.select(Migration.name)}
    manager = BaseMigrationManager()
    app_config = manager.get_app_config("relais")
    known = manager.get_migration_ids(
        manager.get_migration_modules(app_config.resolved_migrations_folder_path)
    )
    return [mid for mid in known if mid not in applied]
