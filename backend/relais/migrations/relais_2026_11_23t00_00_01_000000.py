"""The indexes the tables cannot declare (Piccolo runs a migration's raw SQL before its tables, so
they follow the first migration). Squashed with it from the migrations of the first days."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine

ID = "2026-11-23T00:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "composite, partial and covering indexes"

# Piccolo tables declare single-column indexes only; these serve the queries that must stay fast
# with millions of rows: a patient's schedule, open alerts, the overdue items of a team's patients,
# and a patient's recent check-ins read from the index alone (level and vital signs carried as
# INCLUDE columns on PostgreSQL, trailing key columns on SQLite).
INDEXES = [
    "CREATE INDEX IF NOT EXISTS relais_schedule_patient_due "
    "ON relais_schedule_item (patient, due_at)",
    "CREATE INDEX IF NOT EXISTS relais_alert_team_state_opened "
    "ON relais_alert (team, state, opened_at)",
    "CREATE INDEX IF NOT EXISTS relais_schedule_due_window "
    "ON relais_schedule_item (window_end, patient) WHERE status = 'due'",
]
COVERING = {
    "postgres": "CREATE INDEX IF NOT EXISTS relais_checkin_patient_taken_cover "
    "ON relais_checkin (patient, taken_at) INCLUDE (level, vitals)",
    "sqlite": "CREATE INDEX IF NOT EXISTS relais_checkin_patient_taken_cover "
    "ON relais_checkin (patient, taken_at, level, vitals)",
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        kind = "postgres" if isinstance(engine, PostgresEngine) else "sqlite"
        for sql in [*INDEXES, COVERING[kind]]:
            await engine.run_ddl(sql)

    manager.add_raw(run)
    return manager
