from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-23T09:42:33:253193"
VERSION = "1.38.0"
DESCRIPTION = "composite indexes for hot queries"

# Piccolo tables declare single-column indexes only; these serve the queries that must stay fast
# with millions of rows: a patient's recent check-ins, a patient's schedule, open alerts.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS relais_checkin_patient_taken "
    "ON relais_checkin (patient, taken_at)",
    "CREATE INDEX IF NOT EXISTS relais_schedule_patient_due "
    "ON relais_schedule_item (patient, due_at)",
    "CREATE INDEX IF NOT EXISTS relais_alert_team_state_opened "
    "ON relais_alert (team, state, opened_at)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for sql in INDEXES:
            await engine.run_ddl(sql)

    manager.add_raw(run)
    return manager
