"""An alert snoozed for a bounded time, with a reason: its escalation waits until then."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T21:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "alert snooze: until when, why"

_PARAMS = {
    "primary_key": False,
    "unique": False,
    "index": False,
    "index_method": IndexMethod.btree,
    "choices": None,
    "db_column_name": None,
    "secret": False,
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)
    manager.add_column(
        table_class_name="Alert",
        tablename="relais_alert",
        column_name="snoozed_until",
        db_column_name="snoozed_until",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={**_PARAMS, "default": None, "null": True},
        schema=None,
    )
    manager.add_column(
        table_class_name="Alert",
        tablename="relais_alert",
        column_name="snooze_reason",
        db_column_name="snooze_reason",
        column_class_name="Varchar",
        column_class=Varchar,
        params={**_PARAMS, "default": "", "null": False, "length": 300},
        schema=None,
    )
    return manager
