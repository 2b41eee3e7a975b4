"""An adult's family members see the private answers (mental health) and check-in notes only when
the adult allows it: one flag per family link, off for every existing link."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T20:00:02:000000"
VERSION = "1.38.0"
DESCRIPTION = "family members and an adult's private answers"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)
    manager.add_column(
        table_class_name="ProxyLink",
        tablename="relais_proxy_link",
        column_name="can_read_private",
        db_column_name="can_read_private",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": False,
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
