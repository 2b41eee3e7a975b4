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


@get("/api/health", tags=["system"], summary="Liveness: the process answers")
async def health() -> Health:
    return Health(status="ok")


@get("/api/ready", tags=["system"], summary="Readiness: database reachable and migrations applied")
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
    return Response(Ready("ok", "ok", "applied", engine))
