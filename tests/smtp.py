"""A real SMTP server for the tests (aiosmtpd on a free port), and what it received."""

from __future__ import annotations

import asyncio
import contextlib
import smtplib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesParser
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller

from tests.server import free_port


@dataclass
class Inbox:
    port: int = 0
    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(BytesParser(policy=default).parsebytes(envelope.content))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]

    def wait(self, address: str, count: int = 1) -> list[Message]:
        """As ``wait_for``, for a test without an event loop of its own (the browser tests)."""
        deadline = time.monotonic() + 10
        while len(self.to(address)) < count:
            assert time.monotonic() < deadline, f"no mail to {address} after 10 s"
            time.sleep(0.02)
        return self.to(address)

    async def wait_for(self, address: str, count: int = 1) -> list[Message]:
        """The messages to ``address`` once there are ``count`` of them (or fail after 10 s)."""
        deadline = time.monotonic() + 10
        while len(self.to(address)) < count:
            assert time.monotonic() < deadline, f"no mail to {address} after 10 s"
            await asyncio.sleep(0.02)
        return self.to(address)


@contextlib.contextmanager
def smtp_server() -> Iterator[Inbox]:
    """Start the server, check it answers, and stop it at the end."""
    inbox = Inbox(port=free_port())
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        with smtplib.SMTP("127.0.0.1", inbox.port, timeout=5) as probe:
            probe.noop()
        yield inbox
    finally:
        controller.stop()
