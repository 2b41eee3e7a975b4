"""Each push device says whether its last notification got through: when the last one was
delivered, when the last one failed and a short code of why. All three may be empty (a device
never sent to yet), so they are added to existing rows on both engines."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T21:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "push devices' delivery status"


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
        ("last_ok_at", Timestamptz, _params(default=None, null=True)),
        ("last_error_at", Timestamptz, _params(default=None, null=True)),
        ("last_error", Varchar, _params(length=40, default="")),
    ):
        manager.add_column(
            table_class_name="PushSubscription",
            tablename="relais_push_subscription",
            column_name=name,
            db_column_name=name,
            column_class_name=kind.__name__,
            column_class=kind,
            params=params,
            schema=None,
        )
    return manager
