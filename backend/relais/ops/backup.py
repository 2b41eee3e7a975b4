"""``relais backup`` and ``relais restore``.

SQLite: SQLite's online backup API copies a consistent snapshot while the app keeps running (WAL
readers do not block writers); the copy is checked with ``PRAGMA integrity_check`` before it
replaces the destination. PostgreSQL: ``pg_dump -Fc`` (custom format, compressed, consistent) and
``pg_restore`` in a single transaction: a failed restore leaves the target as it was.

A backup holds the database only. The data directory also holds ``secret.key`` and the Web Push key
(unless given in the environment): keep a copy of those apart, they are secrets.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from relais.settings import Settings

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupError(RuntimeError):
    """A backup or restore could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class Done:
    path: Path
    engine: str
    size: int


def kind_of(path: Path) -> str:
    """``sqlite`` or ``postgres`` from the file's first bytes."""
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgres"
    raise BackupError(f"{path} is neither a SQLite database nor a pg_dump custom-format archive")


def _partial(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.partial")


def _integrity(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


# -- SQLite --------------------------------------------------------------------------------------


def backup_sqlite(db_path: Path, dest: Path) -> Done:
    if not db_path.exists():
        raise BackupError(f"no SQLite database at {db_path}")
    part = _partial(dest)
    part.unlink(missing_ok=True)
    src = sqlite3.connect(db_path, timeout=30)
    try:
        out = sqlite3.connect(part)
        try:
            # One step (pages=-1): a consistent snapshot; in WAL mode writers are not blocked.
            src.backup(out, pages=-1)
            out.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            result = _integrity(out)
        finally:
            out.close()
    finally:
        src.close()
    if result != "ok":
        part.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check: {result}")
    os.chmod(part, 0o600)
    os.replace(part, dest)
    return Done(dest, "sqlite", dest.stat().st_size)


def _sqlite_has_data(db_path: Path) -> bool:
    if not db_path.exists() or db_path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(db_path, timeout=30)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'relais_%'"
            )
        ]
        return any(
            conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone()  # noqa: S608
            for name in names
        )
    finally:
        conn.close()


def restore_sqlite(source: Path, db_path: Path, *, force: bool) -> Done:
    check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        result = _integrity(check)
    finally:
        check.close()
    if result != "ok":
        raise BackupError(f"the backup {source} is damaged: {result}")
    if _sqlite_has_data(db_path) and not force:
        raise BackupError(
            f"{db_path} already holds data; stop the app and run again with --force to replace it"
        )
    db_path.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(db_path, timeout=30)
        try:
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode = WAL")
            result = _integrity(dst)
        finally:
            dst.close()
    finally:
        src.close()
    if result != "ok":
        raise BackupError(f"the restored database failed its integrity check: {result}")
    return Done(db_path, "sqlite", db_path.stat().st_size)


# -- PostgreSQL ----------------------------------------------------------------------------------


def pg_env(url: str) -> tuple[dict[str, str], str]:
    """libpq environment for the URL (the password never appears on a command line)."""
    parts = urlparse(url)
    env = dict(os.environ)
    env["PGHOST"] = parts.hostname or "127.0.0.1"
    env["PGPORT"] = str(parts.port or 5432)
    if parts.username:
        env["PGUSER"] = unquote(parts.username)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    dbname = (parts.path or "/").lstrip("/") or "postgres"
    env["PGDATABASE"] = dbname
    return env, dbname


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian package postgresql-client)")
    return path


def _run(cmd: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if proc.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} failed: {proc.stderr.strip()[-2000:]}")


def backup_postgres(url: str, dest: Path) -> Done:
    env, dbname = pg_env(url)
    part = _partial(dest)
    part.unlink(missing_ok=True)
    try:
        _run(
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={part}",
                f"--dbname={dbname}",
            ],
            env,
        )
    except BackupError:
        part.unlink(missing_ok=True)
        raise
    os.chmod(part, 0o600)
    os.replace(part, dest)
    return Done(dest, "postgres", dest.stat().st_size)


def _pg_has_data(env: dict[str, str], dbname: str) -> bool:
    psql = shutil.which("psql")
    if psql is None:
        return False
    proc = subprocess.run(  # noqa: S603 (fixed arguments)
        [
            psql,
            "-XAtq",
            f"--dbname={dbname}",
            "-c",
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise BackupError(f"cannot reach the target database: {proc.stderr.strip()}")
    return int(proc.stdout.strip() or 0) > 0


def restore_postgres(url: str, source: Path, *, force: bool) -> Done:
    env, dbname = pg_env(url)
    cmd = [
        _tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={dbname}",
    ]
    if _pg_has_data(env, dbname):
        if not force:
            raise BackupError(
                f"database {dbname} is not empty; stop the app and run again with --force "
                "to replace its tables"
            )
        cmd += ["--clean", "--if-exists"]
    _run([*cmd, str(source)], env)
    return Done(source, "postgres", source.stat().st_size)


# -- entry points --------------------------------------------------------------------------------


def backup(settings: Settings, dest: Path) -> Done:
    dest = dest.resolve()
    if dest.is_dir():
        raise BackupError(f"{dest} is a directory; give a file name")
    dest.parent.mkdir(parents=True, exist_ok=True)
    if settings.engine == "postgres":
        return backup_postgres(settings.database_url, dest)
    return backup_sqlite(settings.sqlite_path, dest)


def restore(settings: Settings, source: Path, *, force: bool = False) -> Done:
    kind = kind_of(source)
    if kind != settings.engine:
        raise BackupError(
            f"{source} is a {kind} backup but RELAIS_DATABASE_URL points at {settings.engine}"
        )
    if kind == "postgres":
        return restore_postgres(settings.database_url, source, force=force)
    return restore_sqlite(source, settings.sqlite_path, force=force)
