"""Closing an account deletes every row that belonged to it, none is left with an empty owner
(ASVS 4.0.3 V8.3.2). The test names its requirement."""

from __future__ import annotations

from piccolo.columns import ForeignKey, OnDelete

from relais import db
from relais.accounts.tables import User
from tests.helpers import PASSWORD
from tests.world import World


def _owned_columns() -> list[tuple[type, ForeignKey]]:
    return [
        (table, col)
        for table in db.all_tables()
        for col in table._meta.columns
        if isinstance(col, ForeignKey)
        and col._foreign_key_meta.resolved_references is User
        and col._foreign_key_meta.on_delete == OnDelete.cascade
    ]


async def test_v8_3_2_closing_an_account_leaves_no_row_behind(world: World) -> None:
    proxy = world["proxy"]
    me = (await proxy.get("/api/auth/me")).json()
    # A reset link and a second session, as a person who used the app for a while has.
    assert (await proxy.post("/api/auth/password-reset", json={"email": me["email"]})).is_success
    await proxy.post("/api/auth/logout")
    await proxy.login_ok(me["email"])
    owned = {
        f"{table.__name__}.{col._meta.name}": await table.count().where(col == me["id"])
        for table, col in _owned_columns()
    }
    assert sum(owned.values()) >= 4, owned  # sessions, browser, reset link, consent records
    empty_before = {
        f"{table.__name__}.{col._meta.name}": await table.count().where(col.is_null())
        for table, col in _owned_columns()
    }
    done = await proxy.post("/api/me/erase", json={"password": PASSWORD, "confirm": True})
    assert done.status_code == 200, done.text
    for table, col in _owned_columns():
        name = f"{table.__name__}.{col._meta.name}"
        assert await table.count().where(col == me["id"]) == 0, name
        assert await table.count().where(col.is_null()) == empty_before[name], name
