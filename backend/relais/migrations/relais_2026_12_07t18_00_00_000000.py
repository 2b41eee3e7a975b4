"""Sign-in that resists abuse: browsers where an account signed in are remembered (they skip the
account-wide delay, and a sign-in from any other one is told to the person); sessions remember
when the password was last given (re-authentication before sensitive actions); one-time links
have a purpose (a reset, or a staff account's first password)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import UUID, ForeignKey, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-07T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "trusted devices; re-authentication time; purpose of one-time links"


class User(Table, tablename="relais_user", schema=None):
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
    manager.add_table(
        class_name="TrustedDevice", tablename="relais_trusted_device", schema=None, columns=None
    )
    for name, kind, params in (
        ("id", Varchar, _params(length=64, default="", primary_key=True)),
        (
            "user",
            ForeignKey,
            _params(
                references=User,
                on_delete=OnDelete.cascade,
                on_update=OnUpdate.cascade,
                target_column=None,
                null=True,
                index=True,
            ),
        ),
        ("created_at", Timestamptz, _params(default=TimestamptzNow())),
        ("last_used_at", Timestamptz, _params(default=TimestamptzNow())),
    ):
        manager.add_column(
            table_class_name="TrustedDevice",
            tablename="relais_trusted_device",
            column_name=name,
            db_column_name=name,
            column_class_name=kind.__name__,
            column_class=kind,
            params=params,
            schema=None,
        )
    manager.add_column(
        table_class_name="Session",
        tablename="relais_session",
        column_name="auth_at",
        db_column_name="auth_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params=_params(default=TimestamptzNow()),
        schema=None,
    )
    manager.add_column(
        table_class_name="PasswordResetToken",
        tablename="relais_password_reset",
        column_name="purpose",
        db_column_name="purpose",
        column_class_name="Varchar",
        column_class=Varchar,
        params=_params(length=10, default="reset"),
        schema=None,
    )
    return manager
