"""The messages inbox and the daily amber digest.

- ``relais_message (patient, created_at, id)``: one index probe gives a thread's last message
  (newest first, ties by id, no sort) and its unread messages after a point (the inbox's list,
  bench/inbox_scale.py);
- ``relais_team.timezone``: the team's time zone (the digest's hour is the team's);
- ``relais_team.amber_digest_at``: "HH:MM", the daily amber digest's time, or "" (off, the
  default: each amber alert pushes at once);
- ``relais_team.amber_digest_day``: the team's local day of its last digest, moved by one
  conditional update, so that one digest goes per team per day whatever the workers do.

The index is raw DDL, the same text on both engines; piccolo runs it before the new columns.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Date, Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder

ID = "2026-12-07T22:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "messages inbox index; team time zone and daily amber digest"

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

    async def thread_index():
        await engine_finder().run_ddl(
            "CREATE INDEX relais_message_patient_created"
            " ON relais_message (patient, created_at, id)"
        )

    manager.add_raw(thread_index)
    for name, cls, params in (
        ("timezone", Varchar, {"default": "Europe/Paris", "null": False, "length": 64}),
        ("amber_digest_at", Varchar, {"default": "", "null": False, "length": 5}),
        ("amber_digest_day", Date, {"default": None, "null": True}),
    ):
        manager.add_column(
            table_class_name="Team",
            tablename="relais_team",
            column_name=name,
            db_column_name=name,
            column_class_name=cls.__name__,
            column_class=cls,
            params={**_PARAMS, **params},
            schema=None,
        )
    return manager
