"""The audit trail sealed into a hash chain (relais.audit.chain): each row gets a seal number, the
digest of its content and its chain value; rows pseudonymised by an erasure are marked."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt, Boolean, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T20:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "audit hash chain"


def _params(**extra):
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **extra,
    }


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)
    for name, kind, params in (
        ("seal", BigInt, _params(default=None, null=True)),
        ("digest", Varchar, _params(length=64, default="")),
        ("chain", Varchar, _params(length=64, default="")),
        ("redacted", Boolean, _params(default=False)),
    ):
        manager.add_column(
            table_class_name="AuditEvent",
            tablename="relais_audit",
            column_name=name,
            db_column_name=name,
            column_class_name=kind.__name__,
            column_class=kind,
            params=params,
            schema=None,
        )
    return manager
