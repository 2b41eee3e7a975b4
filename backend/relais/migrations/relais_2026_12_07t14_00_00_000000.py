"""Administration and care kept apart: an administrator is a member of no care team, so that an
administrator's account never reads clinical data (relais.care.service.add_member refuses it
from now on). Memberships of administrator accounts made before are removed."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "administrators leave the care teams"

REMOVE = (
    "DELETE FROM relais_team_member WHERE \"user\" IN "
    "(SELECT id FROM relais_user WHERE role = 'admin')"
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)

    async def run():
        await engine_finder().run_ddl(REMOVE)

    manager.add_raw(run)
    return manager
