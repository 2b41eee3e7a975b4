"""What an alert measured: for each rule that fired, the values it compared, the threshold crossed
and whose threshold it was, as the check-in was triaged (kept with the alert)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T21:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "alert measures"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)
    manager.add_column(
        table_class_name="Alert",
        tablename="relais_alert",
        column_name="measures",
        db_column_name="measures",
        column_class_name="JSON",
        column_class=JSON,
        params={
            "default": "[]",
            "null": False,
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
    return manager
