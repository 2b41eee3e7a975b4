"""Writing audit rows. This module only ever inserts: nothing in Relais updates or deletes them."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from litestar.connection import ASGIConnection

from relais.db import raw, utcnow

log = logging.getLogger("relais.audit")


def client_ip(connection: ASGIConnection[Any, Any, Any, Any] | None) -> str:
    if connection is None or connection.client is None:
        return ""
    return connection.client.host[:64]


async def record(
    action: str,
    *,
    connection: ASGIConnection[Any, Any, Any, Any] | None = None,
    actor_id: uuid.UUID | None = None,
    actor_role: str = "",
    record_type: str = "",
    record_id: str | uuid.UUID = "",
    patient_id: uuid.UUID | None = None,
    outcome: str = "ok",
    detail: str = "",
) -> None:
    """Append one audit row. ``detail`` must never hold health data: it is for codes, not text."""
    user = connection.scope.get("user") if connection is not None else None
    if user is not None and actor_id is None:
        actor_id = user.id
        actor_role = actor_role or user.role
    await raw.rows(
        "INSERT INTO relais_audit (at, actor_id, actor_role, action, record_type, record_id, "
        "patient_id, ip, user_agent, outcome, detail) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, "
        "{}, {})",
        utcnow(),
        actor_id,
        actor_role,
        action,
        record_type,
        str(record_id),
        patient_id,
        client_ip(connection),
        (connection.headers.get("user-agent", "") if connection else "")[:300],
        outcome,
        detail[:200],
    )
