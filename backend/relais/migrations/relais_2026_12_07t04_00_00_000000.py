from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import UUID, Boolean, Timestamptz
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T04:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "check-ins sent before their end (partial), and their note read by the team"


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
    columns = [
        ("partial", Boolean, _params(default=False)),
        ("note_read_at", Timestamptz, _params(default=None, null=True)),
        ("note_read_by", UUID, _params(default=None, null=True)),
    ]
    for name, kind, params in columns:
        manager.add_column(
            table_class_name="Checkin",
            tablename="relais_checkin",
            column_name=name,
            db_column_name=name,
            column_class_name=kind.__name__,
            column_class=kind,
            params=params,
            schema=None,
        )
    return manager
