"""Hand-written SQL for the paths every request takes (session, access check, audit row) and for
the check-in write.

Piccolo builds each query from Python objects on every call, about a fifth of a millisecond per
select: on a check-in's dozen statements that was most of the request. These statements are
written once, compiled once per engine, and sent straight to the driver, in the transaction of the
caller when there is one.

Placeholders are ``{}`` as in Piccolo's raw queries. Values go through the same conversions as the
ORM's (Piccolo's sqlite3 adapters on SQLite; asyncpg's codecs on PostgreSQL), so rows written here
and rows written by the ORM are alike. JSON values are passed as text (``dumps``).
"""

from __future__ import annotations

import json
from typing import Any

from piccolo.engine.postgres import PostgresEngine

from relais.db import engine
from relais.db.sqlite import RelaisSQLiteEngine

_compiled: dict[str, tuple[str, str]] = {}


def _compile(template: str) -> tuple[str, str]:
    """The statement for SQLite (``?``) and for PostgreSQL (``$1, $2, …``), made once."""
    found = _compiled.get(template)
    if found is None:
        parts = template.split("{}")
        sqlite = "?".join(parts)
        postgres = parts[0] + "".join(f"${n}{part}" for n, part in enumerate(parts[1:], 1))
        found = (sqlite, postgres)
        _compiled[template] = found
    return found


def dumps(value: Any) -> str:
    """A JSON column's value, as both engines take it."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


async def rows(template: str, *args: Any) -> list[dict[str, Any]]:
    """Run one statement; its rows as dicts (empty for a statement that returns none)."""
    eng = engine()
    if isinstance(eng, RelaisSQLiteEngine):
        sql = _compile(template)[0]
        current = eng.current_transaction.get()
        if current is not None:
            rows: list[dict[str, Any]] = await current.connection.run(sql, args)
            return rows
        return await eng._run_shared(sql, list(args))
    assert isinstance(eng, PostgresEngine)
    sql = _compile(template)[1]
    pg_current = eng.current_transaction.get()
    if pg_current is not None:
        return [dict(r) for r in await pg_current.connection.fetch(sql, *args)]
    # The request's connection when there is one (relais.db.postgres), else one from the pool.
    return [dict(r) for r in await eng._run_in_pool(sql, args)]


async def first(template: str, *args: Any) -> dict[str, Any] | None:
    found = await rows(template, *args)
    return found[0] if found else None


Statement = tuple[str, tuple[Any, ...]]


async def together(*statements: Statement) -> list[dict[str, Any]]:
    """Run statements as one atomic write; the rows of the last one. Every statement but the last
    must be an INSERT, UPDATE or DELETE (the last may be a SELECT).

    PostgreSQL: one statement, the others in a data-modifying WITH (run to completion, all or
    nothing, in one round trip; none sees the others' rows). SQLite: one after the other in the
    caller's transaction, or in one of their own."""
    assert statements
    if len(statements) == 1:
        return await rows(statements[0][0], *statements[0][1])
    eng = engine()
    if isinstance(eng, PostgresEngine):
        *before, (last, last_args) = statements
        ctes = ", ".join(f"_w{n} AS ({sql})" for n, (sql, _) in enumerate(before))
        args = [a for _, values in before for a in values]
        return await rows(f"WITH {ctes} {last}", *args, *last_args)
    if eng.current_transaction.get() is not None:
        return await _last_rows(statements)
    async with eng.transaction():
        return await _last_rows(statements)


async def _last_rows(statements: tuple[Statement, ...]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for sql, values in statements:
        found = await rows(sql, *values)
    return found
