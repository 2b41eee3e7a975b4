"""A SQLite engine for Piccolo that keeps one long-lived connection, used from the event loop.

Piccolo's stock SQLite engine opens a new aiosqlite connection (and a thread) for every query and
every transaction. Under concurrent writers that costs a thread start per query and leaves writers
spinning in SQLite's busy handler, with p99 latencies over a second. A single aiosqlite connection
is better but still hands every statement to a thread and back: a check-in's dozen statements each
wait for the event loop to come round again, while the write lock is held, and throughput falls to
a hundred per second.

Here one plain ``sqlite3`` connection lives for the whole process and statements run on the event
loop's thread: a statement on a local WAL database takes microseconds, less than the hand-over to a
thread would. An asyncio lock serialises transactions: a transaction holds it from BEGIN to COMMIT
(with nothing truly asynchronous inside, it is rarely contended). SQLite allows one writer at a time
anyway.

Other processes (a separate worker, a CLI command, a backup) still meet this one through SQLite's
own locking. The connection's busy timeout is zero so that the loop never blocks: a statement that
finds the database locked is retried after an asynchronous pause, up to ``BUSY_TIMEOUT_MS``. A
statement refused as busy has not run, so retrying it is safe (COMMIT included).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from collections.abc import Callable, Coroutine
from typing import Any

from piccolo.engine.sqlite import (
    SQLiteEngine,
    SQLiteTransaction,
    TransactionType,
    dict_factory,
)
from piccolo.querystring import QueryString

BUSY_TIMEOUT_MS = 5000


def private_file(database: Any) -> None:
    """Health data: the database file is readable by its owner only (0600), whatever the umask.
    SQLite gives its -wal and -shm files the database file's mode."""
    if not isinstance(database, str) or database.startswith(":") or database.startswith("file:"):
        return
    fd = os.open(database, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(database, 0o600)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    message = str(exc)
    return "database is locked" in message or "database is busy" in message


class LoopConnection:
    """A ``sqlite3`` connection driven from the event loop, shaped like aiosqlite's."""

    def __init__(self, raw: sqlite3.Connection) -> None:
        self.raw = raw

    def execute(self, sql: str, args: Any = None) -> Coroutine[Any, Any, list[Any]]:
        """``await conn.execute(sql)``, as Piccolo's transactions call it on aiosqlite's."""
        return self.run(sql, args or ())

    def try_now(self, sql: str, args: Any) -> list[Any] | None:
        """Run a statement at once; ``None`` when the database is busy (nothing ran)."""
        try:
            return self.raw.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                return None
            raise

    async def run(self, sql: str, args: Any) -> list[Any]:
        """Run a statement, retrying after asynchronous pauses while the database is busy."""
        pause = 0.001
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while (rows := self.try_now(sql, args)) is None:
            if time.monotonic() >= deadline:
                raise sqlite3.OperationalError("database is locked")
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.05)
        return rows

    async def close(self) -> None:
        self.raw.close()


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
            self.connection = self.engine.shared_connection()
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
    """SQLite with one shared connection, WAL set once at start, IMMEDIATE writes, busy retries."""

    def __init__(self, path: str, **kwargs: Any) -> None:
        private_file(path)
        super().__init__(path=path, **kwargs)
        self._conn: LoopConnection | None = None
        self._lock: asyncio.Lock | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._lock is None or self._loop is not loop:
            # A lock belongs to one event loop.
            self._lock = asyncio.Lock()
            self._loop = loop
        return self._lock

    def shared_connection(self) -> LoopConnection:
        if self._conn is None:
            private_file(self.connection_kwargs.get("database"))
            raw = sqlite3.connect(**self.connection_kwargs, timeout=0, check_same_thread=False)
            raw.row_factory = dict_factory
            # WAL: readers never wait for the writer. A pending transaction of another process
            # can make this first statement busy: wait for it as for any other.
            deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
            while True:
                try:
                    raw.execute("PRAGMA journal_mode = WAL")
                    break
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc) or time.monotonic() > deadline:
                        raw.close()
                        raise
                    time.sleep(0.01)
            raw.execute("PRAGMA foreign_keys = 1")
            raw.execute("PRAGMA synchronous = NORMAL")
            self._conn = LoopConnection(raw)
        return self._conn

    async def close(self) -> None:
        if self._conn is not None:
            try:
                await self._conn.close()
            finally:
                self._conn = None

    async def _run_shared(self, query: str, args: list[Any] | None) -> list[dict[str, Any]]:
        lock = self.lock
        conn = self.shared_connection()
        if not lock.locked():
            # No transaction of this process is open: run at once, without leaving the loop.
            rows = conn.try_now(query, args or ())
            if rows is not None:
                return rows
        # A transaction is between two statements, or another process holds the database: wait
        # for the lock, so that nothing of ours can begin a transaction while we retry.
        async with lock:
            return await conn.run(query, args or ())

    async def run_querystring(self, querystring: QueryString, in_pool: bool = False) -> Any:
        query, query_args = querystring.compile_string(engine_type=self.engine_type)
        current = self.current_transaction.get()
        if current:
            return await current.connection.run(query, query_args)
        return await self._run_shared(query, query_args)

    async def run_ddl(self, ddl: str, in_pool: bool = False) -> Any:
        current = self.current_transaction.get()
        if current:
            return await current.connection.run(ddl, ())
        return await self._run_shared(ddl, None)

    def transaction(
        self,
        transaction_type: TransactionType = TransactionType.immediate,
        allow_nested: bool = True,
    ) -> SQLiteTransaction:
        return SharedConnectionTransaction(
            engine=self, transaction_type=transaction_type, allow_nested=allow_nested
        )
