"""A discharge sent by the hospital as FHIR (relais.discharge): the patients' identifiers (the
INS, the hospital's numbers), one patient per identifier; and each discharge imported, one per
Encounter identifier, so that importing it again updates instead of duplicating. New tables
only: made with frozen copies of their definitions, then their unique indexes (both engines)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import UUID, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-07T22:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "discharge import: patient identifiers, imported discharges"


class Patient(Table, tablename="relais_patient"):
    id = UUID(primary_key=True)


class PatientIdentifier(Table, tablename="relais_patient_identifier"):
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    system = Varchar(length=200)
    value = Varchar(length=100)
    created_at = Timestamptz(default=TimestamptzNow())


class DischargeImport(Table, tablename="relais_discharge_import"):
    id = UUID(primary_key=True)
    client_id = Varchar(length=100)
    encounter_system = Varchar(length=200)
    encounter_value = Varchar(length=100)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    team = UUID()
    invitation = UUID(null=True, default=None)
    imports = Integer(default=1)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)

    async def create():
        for table in (PatientIdentifier, DischargeImport):
            await table.create_table(if_not_exists=True)
        engine = engine_finder()
        for sql in (
            "CREATE UNIQUE INDEX IF NOT EXISTS relais_patient_identifier_unique "
            "ON relais_patient_identifier (system, value)",
            "CREATE UNIQUE INDEX IF NOT EXISTS relais_discharge_import_unique "
            "ON relais_discharge_import (encounter_system, encounter_value)",
        ):
            await engine.run_ddl(sql)

    manager.add_raw(create)
    return manager
