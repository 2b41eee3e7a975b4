from __future__ import annotations

from piccolo.columns import UUID, BigSerial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class AuditEvent(Table, tablename="relais_audit"):
    """Append-only from the application's point of view: no code path updates a row, and only the
    retention purge deletes rows past ``RELAIS_RETENTION_AUDIT_DAYS`` (relais.exports.retention).
    Nothing in the database refuses a change made by hand: the log is not tamper-evident yet.

    ``actor_id`` and ``patient_id`` are plain values, not foreign keys, so that erasing an account
    never cascades into the audit trail.
    """

    id = BigSerial(primary_key=True)
    at = Timestamptz(default=TimestamptzNow(), index=True)
    actor_id = UUID(null=True, default=None, index=True)
    actor_role = Varchar(length=20, default="")
    action = Varchar(length=60, index=True)
    record_type = Varchar(length=40, default="")
    record_id = Varchar(length=64, default="")
    patient_id = UUID(null=True, default=None, index=True)
    ip = Varchar(length=64, default="")
    user_agent = Varchar(length=300, default="")
    outcome = Varchar(length=20, default="ok")
    detail = Varchar(length=200, default="")
