from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine

ID = "2026-11-23T16:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "a patient's recent check-ins read from the index alone"

# Every check-in's triage reads the patient's last 30 days (time taken, level, vital signs): with
# those in the (patient, taken_at) index, the read no longer visits one table page per check-in.
# PostgreSQL carries them as INCLUDE columns; SQLite as trailing key columns.
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
        await engine.run_ddl(COVERING[kind])
        await engine.run_ddl("DROP INDEX IF EXISTS relais_checkin_patient_taken")

    manager.add_raw(run)
    return manager
