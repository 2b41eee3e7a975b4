"""Staff sign-in with the hospital's OpenID provider: an account's professional identifier (the
RPPS number), the link between an account and its identity at the provider, and the sessions
opened there (their ID token, for the provider's logout, and the level of authentication)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import (
    UUID,
    ForeignKey,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-07T22:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "professional identifier; OpenID Connect links and sessions"


class User(Table, tablename="relais_user", schema=None):
    id = UUID(primary_key=True)


class Session(Table, tablename="relais_session", schema=None):
    id = Varchar(length=64, primary_key=True)


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


def _fk(table):
    return _params(
        references=table,
        on_delete=OnDelete.cascade,
        on_update=OnUpdate.cascade,
        target_column=None,
        null=True,
        index=True,
    )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="relais", description=DESCRIPTION)
    manager.add_column(
        table_class_name="User",
        tablename="relais_user",
        column_name="professional_id",
        db_column_name="professional_id",
        column_class_name="Varchar",
        column_class=Varchar,
        params=_params(length=64, default=None, null=True, index=True),
        schema=None,
    )
    tables = {
        ("OidcLink", "relais_oidc_link"): (
            ("id", Varchar, _params(length=64, default="", primary_key=True)),
            ("issuer", Varchar, _params(length=300, default="")),
            ("subject", Varchar, _params(length=255, default="")),
            ("user", ForeignKey, _fk(User)),
            ("created_at", Timestamptz, _params(default=TimestamptzNow())),
            ("last_sign_in_at", Timestamptz, _params(default=TimestamptzNow())),
        ),
        ("OidcSession", "relais_oidc_session"): (
            ("id", Serial, _params(primary_key=True)),
            ("session", ForeignKey, _fk(Session)),
            ("issuer", Varchar, _params(length=300, default="")),
            ("id_token", Text, _params(default="")),
            ("acr", Varchar, _params(length=100, default="")),
            ("created_at", Timestamptz, _params(default=TimestamptzNow())),
        ),
    }
    for (class_name, tablename), columns in tables.items():
        manager.add_table(class_name=class_name, tablename=tablename, schema=None, columns=None)
        for name, kind, params in columns:
            manager.add_column(
                table_class_name=class_name,
                tablename=tablename,
                column_name=name,
                db_column_name=name,
                column_class_name=kind.__name__,
                column_class=kind,
                params=params,
                schema=None,
            )
    return manager
