"""PostgreSQL for Piccolo with one pooled connection per request.

Piccolo takes a connection from the pool for every statement run outside a transaction and gives it
back at once; a transaction takes one more. A request about a patient runs half a dozen statements:
each acquire and release costs more than the statement itself (asyncpg, measured: about three times
the CPU of a statement on a held connection).

Here a request borrows one connection the first time it needs one and keeps it until its response
starts (``RequestMiddleware`` calls ``begin_request``/``end_request``): statements and transactions
of that request all run on it. A request never holds two connections, so requests waiting for the
pool can never deadlock one another. Streaming responses (server-sent events, large exports) give
the connection back when they start; what they read afterwards takes one from the pool statement
by statement, as before. Outside a request (the worker, the CLI) nothing changes.

Two statements of one request must not run at once on the held connection (asyncpg refuses it): no
request handler runs queries concurrently (``asyncio.gather``); the worker, which does, runs outside
any request.
"""

from __future__ import annotations

import contextvars
from collections.abc import Sequence
from typing import Any

from piccolo.engine.postgres import PostgresEngine, PostgresTransaction


class _Borrowed:
    __slots__ = ("conn", "open", "pool")

    def __init__(self) -> None:
        self.conn: Any = None
        self.pool: Any = None
        self.open = True

    async def get(self, pool: Any) -> Any:
        if self.conn is None:
            self.conn = await pool.acquire()
            self.pool = pool
        return self.conn

    async def give_back(self) -> None:
        self.open = False
        conn, self.conn = self.conn, None
        if conn is not None:
            await self.pool.release(conn)


_request_connection: contextvars.ContextVar[_Borrowed | None] = contextvars.ContextVar(
    "relais_request_connection", default=None
)


def begin_request() -> contextvars.Token[_Borrowed | None]:
    return _request_connection.set(_Borrowed())


async def end_request(token: contextvars.Token[_Borrowed | None] | None = None) -> None:
    """Give the request's connection back (idempotent); with ``token``, also forget it."""
    borrowed = _request_connection.get()
    if borrowed is not None:
        await borrowed.give_back()
    if token is not None:
        _request_connection.reset(token)


def _borrowed() -> _Borrowed | None:
    borrowed = _request_connection.get()
    return borrowed if borrowed is not None and borrowed.open else None


class RelaisPostgresTransaction(PostgresTransaction):
    """A transaction on the request's connection when there is one (left open for the request)."""

    _on_request_connection = False

    async def get_connection(self) -> Any:
        borrowed = _borrowed()
        if borrowed is not None and self.engine.pool is not None:
            self._on_request_connection = True
            return await borrowed.get(self.engine.pool)
        return await super().get_connection()

    async def __aexit__(self, exception_type: Any, exception: Any, traceback: Any) -> bool:
        if self._parent or not self._on_request_connection:
            return bool(await super().__aexit__(exception_type, exception, traceback))
        try:
            if exception:
                if not self._rolled_back:
                    await self.rollback()
            elif not self._committed and not self._rolled_back:
                await self.commit()
        finally:
            self.engine.current_transaction.reset(self.context)
        return exception is None


class RelaisPostgresEngine(PostgresEngine):
    """Piccolo's PostgreSQL engine, running a request's statements on the request's connection."""

    async def _run_in_pool(self, query: str, args: Sequence[Any] | None = None) -> Any:
        borrowed = _borrowed()
        if borrowed is not None and self.pool is not None:
            conn = await borrowed.get(self.pool)
            return await conn.fetch(query, *(args or ()))
        return await super()._run_in_pool(query, args)

    def transaction(self, allow_nested: bool = True) -> PostgresTransaction:
        return RelaisPostgresTransaction(engine=self, allow_nested=allow_nested)
