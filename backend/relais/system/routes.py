from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get

from relais import db
from relais.web.problems import refused_recently


class Health(msgspec.Struct):
    status: str


class Ready(msgspec.Struct):
    status: str
    database: str
    migrations: str
    engine: str
    # "ok", or how long the most overdue notification has waited for a worker ("stuck: 412 s").
    outbox: str = "unknown"


@get("/api/health", tags=["system"], summary="Liveness: the process answers")
async def health() -> Health:
    return Health(status="ok")


#: The readiness write: one row of ``relais_job_lease`` (never a job) rewritten each time.
READY_WRITE = (
    "INSERT INTO relais_job_lease (name, next_run_at, holder, last_started_at, last_error, runs) "
    "VALUES ('ready-probe', {}, '', {}, '', 0) "
    "ON CONFLICT (name) DO UPDATE SET last_started_at = excluded.last_started_at"
)


async def _write_refused() -> str:
    """Why the database refuses a write (empty when it takes it)."""
    now = db.utcnow()
    try:
        await db.fetch(READY_WRITE, now, now)
    except Exception as exc:
        return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return ""


@get(
    "/api/ready",
    tags=["system"],
    summary="Readiness: database reachable, migrations applied, notifications moving",
)
async def ready(request: Request[Any, Any, Any]) -> Response[Ready]:
    engine = "postgresql" if db.is_postgres() else "sqlite"
    try:
        await db.fetch("SELECT 1")
    except Exception:  # any failure to reach the database means not ready
        return Response(
            Ready("unavailable", "unreachable", "unknown", engine),
            status_code=503,
            headers={"Retry-After": "5"},
        )
    # Reading is not enough: a full disk, a read-only file or a read-only replica let reads
    # through while every write fails. One small write says whether writes go through.
    refused = await _write_refused() or refused_recently()
    if refused:
        return Response(
            Ready("unavailable", f"writes refused: {refused}", "unknown", engine),
            status_code=503,
            headers={"Retry-After": "5"},
        )
    pending = await db.pending_migrations()
    if pending:
        return Response(
            Ready("unavailable", "ok", f"{len(pending)} pending", engine),
            status_code=503,
            headers={"Retry-After": "5"},
        )
    # A worker that is stuck or gone leaves due notifications waiting: not ready. A push service
    # that is down is not the worker's fault: rows wait for their next attempt and are not overdue.
    from relais.system.metrics import outbox_lag

    limit = request.app.state.settings.ready_max_outbox_lag_s
    lag = await outbox_lag()
    if lag.overdue_s > limit:
        return Response(
            Ready("unavailable", "ok", "applied", engine, f"stuck: {lag.overdue_s:.0f} s"),
            status_code=503,
            headers={"Retry-After": "5"},
        )
    return Response(Ready("ok", "ok", "applied", engine, "ok"))
