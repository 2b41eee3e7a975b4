"""Writing audit rows. This module only ever inserts: nothing in Relais updates or deletes them."""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from litestar.connection import ASGIConnection

# AUDIT_INSERT is also imported from here (checkins.service writes the row with its check-in).
from relais.audit.queries import AUDIT_INSERT as AUDIT_INSERT
from relais.audit.queries import AUDIT_INSERT_EACH
from relais.db import as_uuid, is_postgres, raw, utcnow

log = logging.getLogger("relais.audit")


def client_ip(connection: ASGIConnection[Any, Any, Any, Any] | None) -> str:
    if connection is None or connection.client is None:
        return ""
    return connection.client.host[:64]


@dataclass
class PendingAudit:
    """An audit row to write together with the change it records (one statement or one
    transaction). ``written`` says whether it was; if the change fails, the caller writes it
    alone with ``write()``, so that every access is recorded either way."""

    values: tuple[Any, ...]
    written: bool = False

    async def write(self) -> None:
        if not self.written:
            await raw.rows(AUDIT_INSERT, *self.values)
            self.written = True


def audit_values(
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
) -> tuple[Any, ...]:
    """The values of one audit row, in ``AUDIT_INSERT``'s order."""
    user = connection.scope.get("user") if connection is not None else None
    if user is not None and actor_id is None:
        actor_id = user.id
        actor_role = actor_role or user.role
    return (
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


async def record_each(action: str, patient_ids: Any, **fields: Any) -> None:
    """A list view (the alert inbox, the console, a team's patients) read these patients: one
    row per patient shown, in one statement, so each person's access history lists the view."""
    ids = [as_uuid(p) for p in dict.fromkeys(p for p in patient_ids if p is not None)]
    if not ids:
        return
    values = list(audit_values(action, **fields))
    del values[6]  # the patient: one per row, from the list
    if is_postgres():
        await raw.rows(AUDIT_INSERT_EACH["postgres"], *values, ids)
    else:
        await raw.rows(AUDIT_INSERT_EACH["sqlite"], *values, json.dumps([str(i) for i in ids]))


async def record(action: str, **fields: Any) -> None:
    """Append one audit row (``fields``: those of ``audit_values``). ``detail`` must never hold
    health data: it is for codes, not text."""
    await raw.rows(AUDIT_INSERT, *audit_values(action, **fields))
