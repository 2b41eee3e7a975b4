"""Checks made before serving, so that a broken host stops start-up with one clear sentence
instead of a traceback in the middle of the application's start."""

from __future__ import annotations

import errno
import os
import uuid

from relais.settings import Settings


class PreflightError(RuntimeError):
    """The host cannot run Relais as configured; the message says what to fix."""


def check_data_dir(settings: Settings) -> None:
    """SQLite writes its database, WAL and shared-memory files next to each other, and the first
    start writes the signing secret and the Web Push key: the directory must be writable."""
    if settings.engine != "sqlite":
        return
    directory = settings.sqlite_path.parent
    probe = directory / f".relais-write-check-{uuid.uuid4().hex[:8]}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, b"ok")
            os.fsync(fd)
        finally:
            os.close(fd)
        probe.unlink()
    except OSError as exc:
        reason = {
            errno.EROFS: "the file system is mounted read-only",
            errno.EACCES: "permission denied",
            errno.EPERM: "permission denied",
            errno.ENOSPC: "the disk is full",
            errno.EDQUOT: "the disk quota is exhausted",
        }.get(exc.errno or 0, exc.strerror or str(exc))
        raise PreflightError(
            f"cannot write to the data directory {directory} ({reason}); SQLite needs to write its "
            "database and journal there. Fix the mount or permissions, or set RELAIS_DATA_DIR."
        ) from None
