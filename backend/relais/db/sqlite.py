"""A SQLite engine for Piccolo that keeps one long-lived connection.

Piccolo's stock SQLite engine opens a new aiosqlite connection (and a thread) for every query and
every transaction. Under concurrent writers that costs a thread start per query and leaves writers
spinning in SQLite's busy handler, with p99 latencies over a second. Here one connection lives for
the whole process and an asyncio lock serialises its use: a transaction holds the lock from BEGIN to
COMMIT, a statement outside a transaction holds it for that statement. SQLite allows one writer at a
time anyway; serialising in-process turns busy-waiting into an orderly queue.

Other processes (a separate worker, a CLI command) still meet this one through SQLite's own locking:
WAL journal, a busy timeout and IMMEDIATE write transactions keep them from deadlocking.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import aiosqlite
from piccolo.engine.sqlite import (
    SQLiteEngine,
    SQLiteTransaction,
    TransactionType,
    dict_factory,
)
from piccolo.querystring import QueryString

BUSY_TIMEOUT_MS = 5000


class SharedConnectionTransaction(SQLiteTransaction):
    """A transaction on the engine's shared connection, holding the engine's lock throughout.

    ``on_commit(fn)`` runs ``fn`` once the transaction has committed (never on rollback): an
    in-process event about a change must not reach anyone before the change is visible.
    """

    engine: RelaisSQLiteEngine

    def on_commit(self, fn: Callable[[], None]) -> None:
        callbacks: list[Callable[[], None]] | None = getattr(self, "_after_commit", None)
        if callbacks is None:
            callbacks = []
            self._after_commit = callbacks
        callbacks.append(fn)

    async def __aenter__(self) -> SQLiteTransaction:
        if self._parent is not None:
            return self._parent
        await self.engine.lock.acquire()
        try:
            self.connection = await self.engine.shared_connection()
            await self.begin()
        except BaseException:
            self.engine.lock.release()
            raise
        self.context = self.engine.current_transaction.set(self)
        return self

    async def __aexit__(self, exception_type: Any, exception: Any, traceback: Any) -> bool:
        if self._parent:
            return exception is None
        try:
            if exception:
                if not self._rolled_back:
                    await self.rollback()
            elif not self._committed and not self._rolled_back:
                await self.commit()
        finally:
            self.engine.current_transaction.reset(self.context)
            self.engine.lock.release()
        if exception is None and self._committed:
            for fn in getattr(self, "_after_commit", ()):
                fn()
        return exception is None


class RelaisSQLiteEngine(SQLiteEngine):
    """SQLite with one shared connection, WAL set once at start, busy timeout, IMMEDIATE writes."""

    def __init__(self, path: str, **kwargs: Any) -> None:
        super().__init__(path=path, timeout=BUSY_TIMEOUT_MS / 1000, **kwargs)
        self._conn: aiosqlite.Connection | None = None
        self._lock: asyncio.Lock | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._lock is None or self._loop is not loop:
            # A lock and a connection belong to one event loop.
            self._lock = asyncio.Lock()
            self._loop = loop
            self._conn = None
        return self._lock

    async def shared_connection(self) -> aiosqlite.Connection:
        if self._conn is None:
            conn = await aiosqlite.connect(**self.connection_kwargs)
            conn.row_factory = dict_factory  # type: ignore[assignment]
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await conn.execute("PRAGMA foreign_keys = 1")
            await conn.execute("PRAGMA synchronous = NORMAL")
            self._conn = conn
        return self._conn

    async def close(self) -> None:
        if self._conn is not None:
            try:
                await self._conn.close()
            finally:
                self._conn = None

    async def _run_shared(self, query: str, args: list[Any] | None) -> list[dict[str, Any]]:
        async with self.lock:
            conn = await self.shared_connection()
            async with conn.execute(query, args or []) as cursor:
                rows = await cursor.fetchall()
            # Connections are in autocommit mode (isolation_level=None); nothing to commit.
            return list(rows)  # type: ignore[arg-type]

    async def run_querystring(self, querystring: QueryString, in_pool: bool = False) -> Any:
        query, query_args = querystring.compile_string(engine_type=self.engine_type)
        current = self.current_transaction.get()
        if current:
            async with current.connection.execute(query, query_args) as cursor:
                return await cursor.fetchall()
        return await self._run_shared(query, query_args)

    async def run_ddl(self, ddl: str, in_pool: bool = False) -> Any:
        current = self.current_transaction.get()
        if current:
            async with current.connection.execute(ddl) as cursor:
                return await cursor.fetchall()
        return await self._run_shared(ddl, None)

    def transaction(
        self,
        transaction_type: TransactionType = TransactionType.immediate,
        allow_nested: bool = True,
    ) -> SQLiteTransaction:
        return SharedConnectionTransaction(
            engine=self, transaction_type=transaction_type, allow_nested=allow_nested
        )
