"""A real Web Push service for the tests: the npm package ``web-push-testing`` (tests/pushsvc/,
installed with ``npm ci``). It decrypts what it receives, so a test reads back exactly what a
browser would have shown.

``Gate`` is a plain TCP relay in front of it that can be shut (connections refused) and opened
again: a network outage, without losing the service's in-memory subscriptions.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server import free_port, stop_process, wait_until_answering

PUSHSVC_DIR = Path(__file__).resolve().parent / "pushsvc"
SERVER_JS = PUSHSVC_DIR / "node_modules" / "web-push-testing" / "src" / "bin" / "server.js"


@dataclass
class Subscription:
    endpoint: str
    p256dh: str
    auth: str
    client_hash: str

    def as_json(self, endpoint: str | None = None) -> dict[str, Any]:
        return {
            "endpoint": endpoint or self.endpoint,
            "keys": {"p256dh": self.p256dh, "auth": self.auth},
        }


class PushService:
    def __init__(self, base: str, port: int) -> None:
        self.base = base
        self.port = port

    async def subscribe(self, application_server_key: str) -> Subscription:
        async with httpx.AsyncClient(timeout=5) as http:
            resp = await http.post(
                f"{self.base}/subscribe",
                json={"applicationServerKey": application_server_key, "userVisibleOnly": "true"},
            )
        resp.raise_for_status()
        data = resp.json()["data"]
        return Subscription(
            endpoint=data["endpoint"],
            p256dh=data["keys"]["p256dh"],
            auth=data["keys"]["auth"],
            client_hash=data["clientHash"],
        )

    async def raw_messages(self, client_hash: str) -> list[str]:
        async with httpx.AsyncClient(timeout=5) as http:
            resp = await http.post(
                f"{self.base}/get-notifications", json={"clientHash": client_hash}
            )
        resp.raise_for_status()
        return list(resp.json()["data"]["messages"])

    async def messages(self, client_hash: str) -> list[dict[str, Any]]:
        return [json.loads(m) for m in await self.raw_messages(client_hash)]

    async def expire(self, client_hash: str) -> None:
        async with httpx.AsyncClient(timeout=5) as http:
            resp = await http.post(f"{self.base}/expire-subscription/{client_hash}")
        resp.raise_for_status()

    async def wait_for(
        self, client_hash: str, count: int, within_s: float = 10.0
    ) -> list[dict[str, Any]]:
        deadline = time.monotonic() + within_s
        while True:
            got = await self.messages(client_hash)
            if len(got) >= count or time.monotonic() > deadline:
                return got
            await asyncio.sleep(0.02)


@contextlib.contextmanager
def running_push_service() -> Iterator[PushService]:
    node = shutil.which("node")
    if node is None or not SERVER_JS.exists():
        pytest.fail(
            "web-push-testing is not installed: run `npm ci` in tests/pushsvc (make install)",
            pytrace=False,
        )
    port = free_port()
    proc = subprocess.Popen(
        [node, str(SERVER_JS), str(port)],
        cwd=PUSHSVC_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://localhost:{port}"
    try:
        wait_until_answering(
            proc, f"{base}/status", what="web-push-testing", within_s=20, method="POST"
        )
        yield PushService(base, port)
    finally:
        stop_process(proc, within_s=5)


class Gate:
    """A TCP relay to the push service that can be shut and opened again."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    def endpoint(self, endpoint: str) -> str:
        path = endpoint.split("/notify/", 1)[1]
        return f"http://127.0.0.1:{self.port}/notify/{path}"

    async def open(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)

    async def shut(self) -> None:
        """Refuse new connections and cut the live ones."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        self._writers.update({writer, up_writer})

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                with contextlib.suppress(Exception):
                    dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._writers.difference_update({writer, up_writer})


@contextlib.asynccontextmanager
async def gate_to(service: PushService) -> AsyncIterator[Gate]:
    gate = Gate(service.port)
    await gate.open()
    try:
        yield gate
    finally:
        await gate.shut()


@pytest.fixture(scope="session")
def push_service() -> Iterator[PushService]:
    with running_push_service() as service:
        yield service
