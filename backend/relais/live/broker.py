"""Fan-out of live events to the open consoles of this process, fed from every process.

``publish()`` is called inside the transaction that changes an alert. On PostgreSQL it is a
``pg_notify`` on the ``relais_live`` channel: delivered at commit, to every process, never for a
transaction that rolls back. Each process holds one listening connection while it has at least one
subscriber and hands each event to its subscribers' queues. On SQLite (one process) the event goes
straight to the local queues.

An event names an alert, its patient and team, its level and state: no name, no health detail.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from relais import db

log = logging.getLogger("relais.live")

PG_CHANNEL = "relais_live"
QUEUE_SIZE = 200


@dataclass(eq=False)
class Subscriber:
    teams: frozenset[str]
    queue: asyncio.Queue[dict[str, Any]] = field(
        default_factory=lambda: asyncio.Queue(maxsize=QUEUE_SIZE)
    )

    def offer(self, event: dict[str, Any]) -> None:
        if str(event.get("team_id")) not in self.teams:
            return
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            # A console that stopped reading reloads the list on reconnect anyway.
            log.warning("live subscriber queue full; event dropped")


class Broker:
    def __init__(self) -> None:
        self.subscribers: set[Subscriber] = set()
        self._conn: Any = None
        self._lock = asyncio.Lock()

    def dispatch(self, event: dict[str, Any]) -> None:
        for sub in list(self.subscribers):
            sub.offer(event)

    def _on_notify(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            event = json.loads(payload)
        except ValueError:
            return
        if isinstance(event, dict):
            self.dispatch(event)

    async def subscribe(self, teams: Iterable[uuid.UUID], database_url: str = "") -> Subscriber:
        sub = Subscriber(frozenset(str(t) for t in teams))
        self.subscribers.add(sub)
        if db.is_postgres():
            async with self._lock:
                if self._conn is None or self._conn.is_closed():
                    await self._listen(database_url)
        return sub

    async def _listen(self, database_url: str) -> None:
        import asyncpg

        conn = await asyncpg.connect(**db.postgres_config(database_url))
        await conn.add_listener(PG_CHANNEL, self._on_notify)
        self._conn = conn

    async def unsubscribe(self, sub: Subscriber) -> None:
        """Forget a console; the last one out closes the listening connection."""
        self.subscribers.discard(sub)
        async with self._lock:
            if self.subscribers or self._conn is None:
                return
            conn, self._conn = self._conn, None
            try:
                await conn.close()
            except Exception:  # closing a broken connection
                log.debug("live listener close failed", exc_info=True)


BROKER = Broker()


def _event(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    event = {"type": kind}
    event.update({k: str(v) if isinstance(v, uuid.UUID) else v for k, v in payload.items()})
    return event


def live_event(kind: str, payload: dict[str, Any]) -> str:
    """An event as the PostgreSQL channel carries it (JSON text)."""
    return json.dumps(_event(kind, payload))


async def publish(kind: str, payload: dict[str, Any]) -> None:
    """Send an event to every console that may see it (call inside the change's transaction)."""
    if db.is_postgres():
        await db.fetch("SELECT pg_notify({}, {})", PG_CHANNEL, live_event(kind, payload))
    else:
        # Like NOTIFY on PostgreSQL, deliver only once the change is committed.
        event = _event(kind, payload)
        db.after_commit(lambda: BROKER.dispatch(event))


def alert_payload(alert: dict[str, Any]) -> dict[str, Any]:
    """An alert row as the live channel tells it: ids, level, state, step."""
    return {
        "id": alert["id"],
        "patient_id": alert["patient"],
        "team_id": alert["team"],
        "level": alert["level"],
        "state": alert["state"],
        "escalation_step": int(alert.get("escalation_step") or 0),
        "checkins": 1 + int(alert.get("repeats") or 0),
    }


async def publish_alert(alert: Any) -> None:
    """The alert (a row or an ``Alert``) to every console that may see it."""
    await publish("alert", alert_payload(alert if isinstance(alert, dict) else alert.to_dict()))
