"""One alert per episode: a check-in that fires again while its patient's alert is open updates
that alert (how many check-ins, the latest one, when) instead of opening another."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import UUID, Integer, Timestamptz
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T21:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "alert episodes: repeats, latest check-in"

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
    for name, cls, extra in (
        ("repeats", Integer, {"default": 0, "null": False}),
        ("last_checkin_id", UUID, {"default": None, "null": True}),
        ("updated_at", Timestamptz, {"default": None, "null": True}),
    ):
        manager.add_column(
            table_class_name="Alert",
            tablename="relais_alert",
            column_name=name,
            db_column_name=name,
            column_class_name=cls.__name__,
            column_class=cls,
            params={**_PARAMS, **extra},
            schema=None,
        )
    return manager
