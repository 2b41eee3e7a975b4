from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get

from relais import db


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
