"""Seal numbers of the audit trail are unique. An index rather than a UNIQUE column (SQLite cannot
add one), in a migration of its own: piccolo runs a migration's raw statements before its new
columns. Two sealers racing for the same number: the second one's transaction fails and nothing is
half-sealed."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T20:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "audit seal numbers unique"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)

    async def unique_seals():
        await engine_finder().run_ddl(
            "CREATE UNIQUE INDEX relais_audit_seal_unique ON relais_audit (seal)"
        )

    manager.add_raw(unique_seals)
    return manager
