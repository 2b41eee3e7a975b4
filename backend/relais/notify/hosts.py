"""Each push service host on its own: a bound on the sends in flight, and a circuit breaker.

One hung or failing push service must never delay a red alert bound for another. A worker keeps a
``Gate`` per host (``scheme://host:port`` of the device's endpoint):

- at most ``limit`` sends to the host are in flight at once; up to ``WAITING`` more wait for a
  slot (a busy but healthy service drains them quickly); beyond that a send is deferred by
  ``BUSY_DEFER_S`` instead of holding a worker slot;
- after ``threshold`` failures in a row (no answer within the timeout, connection refused, 5xx or
  429) the host's circuit opens: sends to it are skipped at once, and the row waits for the host
  (not for its own backoff);
- ``cooldown_s`` after opening, one real send goes through as a probe (half-open). If it fails, the
  circuit opens again; if the host answers, it closes, and the worker sends at once every
  notification that was waiting for that host (``Worker._host_recovered``).

Time is the worker's clock, so that tests with a simulated clock see the same breaker. Each worker
process has its own gates: a host that fails is found out by each of them within ``threshold``
sends.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

#: Sends in flight to one push service host, per worker.
HOST_LIMIT = 8
#: Sends that may wait for a slot of one host, per worker.
WAITING = 24
#: Failures in a row that open a host's circuit.
THRESHOLD = 3
#: Seconds an open circuit waits before its probe.
COOLDOWN_S = 2.0
#: A send deferred because its host has ``limit`` sends in flight is tried again after this.
BUSY_DEFER_S = 0.5


#: Loopback push services, allowed outside production (the test push service, a developer's).
LOOPBACK = ("localhost", "127.0.0.1", "::1")


def host_allowed(endpoint: str, hosts: tuple[str, ...], *, allow_loopback: bool) -> bool:
    """Whether a device's endpoint points at an allowed push service: its host is one of
    ``hosts`` ("*.domain": a sub-domain of it), or loopback when ``allow_loopback``. Anything
    else (a private address, an internal name, another site) is refused: the worker would POST
    to it."""
    name = (urlsplit(endpoint).hostname or "").lower()
    if not name:
        return False
    if allow_loopback and name in LOOPBACK:
        return True
    for allowed in hosts:
        if allowed.startswith("*."):
            if name.endswith(allowed[1:]):
                return True
        elif name == allowed:
            return True
    return False


def host_of(endpoint: str) -> str:
    """The push service a device's endpoint belongs to: ``scheme://host[:port]``."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass
class Gate:
    """One host's state in one worker."""

    limit: int = HOST_LIMIT
    threshold: int = THRESHOLD
    cooldown_s: float = COOLDOWN_S
    in_flight: int = 0
    waiting: int = 0
    failures: int = 0
    #: When the circuit may be probed again; None while it is closed.
    open_until: dt.datetime | None = None
    probing: bool = False
    _slots: asyncio.Semaphore | None = None

    @property
    def closed(self) -> bool:
        return self.open_until is None

    @property
    def slots(self) -> asyncio.Semaphore:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.limit)
        return self._slots

    async def enter(self, clock: Callable[[], dt.datetime]) -> str:
        """``send`` (a slot is held: call ``done``), ``busy`` (too many waiting) or ``open`` (the
        host is failing: not tried). One send goes through an open circuit after its cool-down:
        the probe."""
        now = clock()
        probe = False
        if self.open_until is not None:
            if self.probing or now < self.open_until:
                return "open"
            self.probing = probe = True  # half-open: this send is the probe
        elif self.in_flight >= self.limit and self.waiting >= WAITING:
            return "busy"
        self.waiting += 1
        try:
            await self.slots.acquire()
        finally:
            self.waiting -= 1
        if self.open_until is not None and not probe:
            self.slots.release()  # the circuit opened while this send waited
            return "open"
        self.in_flight += 1
        return "send"

    def done(self, now: dt.datetime, *, answered: bool) -> bool:
        """Record a send's end: ``answered`` when the host answered in a way that is not its own
        failure (2xx, 4xx). True when this closes an open circuit (the host is back)."""
        self.in_flight = max(0, self.in_flight - 1)
        self.slots.release()
        if answered:
            recovered = self.open_until is not None
            self.failures, self.open_until, self.probing = 0, None, False
            return recovered
        self.failures += 1
        if self.probing or self.failures >= self.threshold:
            self.open_until = now + dt.timedelta(seconds=self.cooldown_s)
            self.probing = False
        return False

    def retry_at(self, now: dt.datetime) -> dt.datetime:
        """When a notification skipped or deferred for this host should be tried again."""
        if self.open_until is not None:
            if self.probing or now >= self.open_until:
                # A probe is out: wait for it (its success makes the host's backlog due at once).
                return now + dt.timedelta(seconds=self.cooldown_s)
            return self.open_until
        return now + dt.timedelta(seconds=BUSY_DEFER_S)


@dataclass
class Gates:
    """The gates of one worker, by host."""

    limit: int = HOST_LIMIT
    threshold: int = THRESHOLD
    cooldown_s: float = COOLDOWN_S
    by_host: dict[str, Gate] = field(default_factory=dict)

    def get(self, host: str) -> Gate:
        gate = self.by_host.get(host)
        if gate is None:
            gate = self.by_host[host] = Gate(self.limit, self.threshold, self.cooldown_s)
        return gate

    def open_hosts(self) -> list[str]:
        return sorted(h for h, g in self.by_host.items() if not g.closed)
