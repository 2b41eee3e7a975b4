from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-23T12:38:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "index for the overdue items of a team's patients"

# The console's patient list counts each patient's overdue items (still due, window ended): a
# partial index over due items by end of window answers it without reading the done ones.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS relais_schedule_due_window "
    "ON relais_schedule_item (window_end, patient) WHERE status = 'due'",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for sql in INDEXES:
            await engine.run_ddl(sql)

    manager.add_raw(run)
    return manager
