from __future__ import annotations

from piccolo.columns import UUID, BigInt, BigSerial, Boolean, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class AuditEvent(Table, tablename="relais_audit"):
    """Append-only from the application's point of view: no code path updates a row, and only the
    retention purge deletes rows past ``RELAIS_RETENTION_AUDIT_DAYS`` (relais.exports.retention).
    Rows are sealed into a hash chain shortly after they are written (``relais.audit.chain``), so
    that a change made by hand is found by ``relais check``.

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
    # The hash chain (relais.audit.chain): seal number, digest of the content, chain value.
    # (unique: the index relais_audit_seal_unique, made by its migration)
    seal = BigInt(null=True, default=None)
    digest = Varchar(length=64, default="")
    chain = Varchar(length=64, default="")
    # Pseudonymised when its person closed their account: its content no longer gives its digest.
    redacted = Boolean(default=False)
