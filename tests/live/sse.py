"""A server-sent events reader that drives the app in-process over raw ASGI (httpx's ASGI
transport waits for the end of a response, which a live stream never reaches)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from litestar import Litestar

from tests.helpers import ApiClient


@dataclass
class Stream:
    status: int = 0
    text: str = ""
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def events(self) -> list[dict[str, Any]]:
        out = []
        for block in self.text.replace("\r\n", "\n").split("\n\n"):
            fields: dict[str, Any] = {}
            for line in block.split("\n"):
                key, _, value = line.partition(":")
                fields.setdefault(key.strip() or "comment", value.strip())
            if fields:
                out.append(fields)
        return out

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [json.loads(e["data"]) for e in self.events() if e.get("event") == kind]

    async def wait_for(self, predicate: Any, timeout: float = 2.0) -> float:  # noqa: ASYNC109
        """Seconds it took until ``predicate(self)`` held; fails after ``timeout``."""
        start = time.monotonic()
        while not predicate(self):
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                raise AssertionError(f"nothing within {timeout}s; got {self.text!r}")
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)
        return time.monotonic() - start


@contextlib.asynccontextmanager
async def open_stream(
    app: Litestar, client: ApiClient, path: str = "/api/live"
) -> AsyncIterator[Stream]:
    cookies = "; ".join(f"{k}={v}" for k, v in client.http.cookies.items())
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver.local"),
            (b"accept", b"text/event-stream"),
            (b"cookie", cookies.encode()),
        ],
        "client": ("203.0.113.7", 50000),
        "server": ("testserver.local", 80),
        "state": {},
    }
    stream = Stream()
    gone = asyncio.Event()

    async def receive() -> dict[str, Any]:
        await gone.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            stream.status = message["status"]
        elif message["type"] == "http.response.body":
            stream.text += message.get("body", b"").decode()
        stream.changed.set()

    task = asyncio.create_task(app(scope, receive, send))  # type: ignore[arg-type]
    try:
        await stream.wait_for(lambda s: s.status != 0)
        yield stream
    finally:
        gone.set()
        try:
            await asyncio.wait_for(task, 5)
        except (TimeoutError, asyncio.CancelledError):
            task.cancel()
