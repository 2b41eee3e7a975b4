from __future__ import annotations

from piccolo.columns import UUID, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from relais.care.tables import Patient


class PatientIdentifier(Table, tablename="relais_patient_identifier"):
    """An identifier the hospital gives a patient (the INS, its own record number): a discharge
    finds its patient by them. One patient per (system, value): the unique index
    relais_patient_identifier_unique, made by its migration."""

    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    system = Varchar(length=200)
    value = Varchar(length=100)
    created_at = Timestamptz(default=TimestamptzNow())


class DischargeImport(Table, tablename="relais_discharge_import"):
    """One discharge (a hospital stay, named by its Encounter identifier) imported by a system
    client: imported again, it updates the same patient and never makes a second invitation.
    Unique by (encounter_system, encounter_value): relais_discharge_import_unique."""

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
