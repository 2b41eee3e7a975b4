"""Administration and care kept apart: an administrator is a member of no care team, so that an
administrator's account never reads clinical data (relais.care.service.add_member refuses it
from now on). Memberships of administrator accounts made before are removed. A second-factor code
is used once: the last accepted time step is kept."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder

ID = "2026-12-07T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "administrators leave the care teams; second-factor codes used once"

REMOVE = (
    "DELETE FROM relais_team_member WHERE \"user\" IN "
    "(SELECT id FROM relais_user WHERE role = 'admin')"
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)
    manager.add_column(
        table_class_name="User",
        tablename="relais_user",
        column_name="totp_last_step",
        db_column_name="totp_last_step",
        column_class_name="Integer",
        column_class=Integer,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    async def run():
        await engine_finder().run_ddl(REMOVE)

    manager.add_raw(run)
    return manager
