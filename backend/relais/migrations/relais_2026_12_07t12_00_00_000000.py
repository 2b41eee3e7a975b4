from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import JSON, UUID, ForeignKey, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-07T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "children's records corrected: growth measurements corrected or removed (with the record of "
    "each change), development answers completed later; family members told of alerts"
)


class Patient(Table, tablename="relais_patient", schema=None):
    id = UUID(primary_key=True)


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
        ("removed_at", Timestamptz, _params(default=None, null=True)),
        ("removed_by", UUID, _params(default=None, null=True)),
    ):
        manager.add_column(
            table_class_name="GrowthMeasurement",
            tablename="relais_growth_measurement",
            column_name=name,
            db_column_name=name,
            column_class_name=kind.__name__,
            column_class=kind,
            params=params,
            schema=None,
        )
    manager.add_table(
        class_name="GrowthCorrection", tablename="relais_growth_correction", schema=None, columns=None
    )
    columns = [
        ("id", UUID, _params(default=None, primary_key=True)),
        (
            "patient",
            ForeignKey,
            _params(
                references=Patient,
                on_delete=OnDelete.cascade,
                on_update=OnUpdate.cascade,
                target_column=None,
                null=True,
                index=True,
            ),
        ),
        ("measurement", UUID, _params(default=None, index=True)),
        ("kind", Varchar, _params(length=10, default="")),
        ("before", JSON, _params(default="{}")),
        ("after", JSON, _params(default="{}")),
        ("reason", Varchar, _params(length=300, default="")),
        ("by", UUID, _params(default=None, null=True)),
        ("by_as", Varchar, _params(length=10, default="")),
        ("at", Timestamptz, _params(default=TimestamptzNow())),
        ("withdrew_alert", UUID, _params(default=None, null=True)),
    ]
    for name, kind, params in columns:
        manager.add_column(
            table_class_name="GrowthCorrection",
            tablename="relais_growth_correction",
            column_name=name,
            db_column_name=name,
            column_class_name=kind.__name__,
            column_class=kind,
            params=params,
            schema=None,
        )
    manager.add_column(
        table_class_name="DevelopmentCheck",
        tablename="relais_development_check",
        column_name="completed",
        db_column_name="completed",
        column_class_name="JSON",
        column_class=JSON,
        params=_params(default="{}"),
        schema=None,
    )
    for name, kind, params in (
        ("alerts", Varchar, _params(length=10, default="")),
        ("alerts_changed_at", Timestamptz, _params(default=None, null=True)),
        ("alerts_changed_by", UUID, _params(default=None, null=True)),
    ):
        manager.add_column(
            table_class_name="ProxyLink",
            tablename="relais_proxy_link",
            column_name=name,
            db_column_name=name,
            column_class_name=kind.__name__,
            column_class=kind,
            params=params,
            schema=None,
        )
    return manager
