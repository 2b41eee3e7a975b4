"""Each push service host on its own: a bound on sends in flight, and a circuit breaker that
opens after failures in a row, lets one probe through after its cool-down, and closes when the
host answers."""

from __future__ import annotations

import asyncio
import datetime as dt

from relais.notify.hosts import BUSY_DEFER_S, WAITING, Gate, Gates, host_allowed, host_of

T0 = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_hosts_are_told_apart_by_scheme_host_and_port() -> None:
    assert host_of("https://fcm.googleapis.com/fcm/send/abc") == "https://fcm.googleapis.com"
    assert host_of("http://127.0.0.1:8090/notify/x") == "http://127.0.0.1:8090"
    assert host_of("http://127.0.0.1:8091/notify/x") != host_of("http://127.0.0.1:8090/notify/x")
    gates = Gates()
    assert gates.get("https://a") is gates.get("https://a") is not gates.get("https://b")


async def test_a_busy_host_queues_a_few_sends_then_defers_the_rest() -> None:
    gate = Gate(limit=2)
    clock = lambda: at(0)  # noqa: E731
    assert [await gate.enter(clock) for _ in range(2)] == ["send", "send"]
    # Two slots taken: the next ones wait for a slot, up to WAITING of them, then are deferred.
    waiters = [asyncio.create_task(gate.enter(clock)) for _ in range(WAITING)]
    await asyncio.sleep(0)
    assert gate.waiting == WAITING and not any(w.done() for w in waiters)
    assert await gate.enter(clock) == "busy"
    assert gate.retry_at(at(0)) == at(BUSY_DEFER_S)
    gate.done(at(1), answered=True)  # a slot frees: one waiter sends
    await asyncio.sleep(0)
    assert sum(w.done() for w in waiters) == 1 and gate.in_flight == 2
    for _ in range(WAITING + 1):
        gate.done(at(1), answered=True)
        await asyncio.sleep(0)
    assert all(w.result() == "send" for w in waiters)


async def test_failures_in_a_row_open_the_circuit_then_one_probe_closes_it() -> None:
    gate = Gate(limit=8, threshold=3, cooldown_s=2)
    now = {"t": at(0)}
    clock = lambda: now["t"]  # noqa: E731
    for second in range(2):
        now["t"] = at(second)
        assert await gate.enter(clock) == "send"
        assert gate.done(at(second), answered=False) is False
    assert gate.closed  # two failures: still closed
    now["t"] = at(2)
    await gate.enter(clock)
    gate.done(at(2), answered=False)
    assert not gate.closed and gate.retry_at(at(2)) == at(4)
    now["t"] = at(3)
    assert await gate.enter(clock) == "open"  # skipped at once during the cool-down
    now["t"] = at(4)
    assert await gate.enter(clock) == "send"  # the probe
    assert await gate.enter(clock) == "open"  # one probe at a time
    assert gate.retry_at(at(4)) == at(6)  # the others wait for it, not spin
    gate.done(at(9), answered=False)  # the probe timed out: open again
    now["t"] = at(10)
    assert await gate.enter(clock) == "open" and gate.retry_at(at(10)) == at(11)
    now["t"] = at(11)
    assert await gate.enter(clock) == "send"
    assert gate.done(at(11.2), answered=True) is True  # back: the caller releases what waited
    assert gate.closed and gate.failures == 0
    assert await gate.enter(clock) == "send"


async def test_a_send_waiting_when_the_circuit_opens_is_not_tried() -> None:
    gate = Gate(limit=1, threshold=1, cooldown_s=2)
    clock = lambda: at(0)  # noqa: E731
    assert await gate.enter(clock) == "send"
    waiter = asyncio.create_task(gate.enter(clock))
    await asyncio.sleep(0)
    gate.done(at(0), answered=False)  # the host fails: the circuit opens
    assert await waiter == "open" and gate.in_flight == 0


async def test_an_answer_in_between_resets_the_count() -> None:
    gate = Gate(threshold=3)
    for answered in (False, False, True, False, False):
        await gate.enter(lambda: at(0))
        gate.done(at(0), answered=answered)
    assert gate.closed


def test_only_the_browsers_push_services_are_allowed() -> None:
    from relais.settings import DEFAULT_PUSH_HOSTS

    def allowed(endpoint: str, loopback: bool = False) -> bool:
        return host_allowed(endpoint, DEFAULT_PUSH_HOSTS, allow_loopback=loopback)

    assert allowed("https://fcm.googleapis.com/fcm/send/x")
    assert allowed("https://wns2-db5p.notify.windows.com/w/?token=x")
    assert not allowed("https://notify.windows.com.evil.example/w")
    assert not allowed("https://169.254.169.254/latest/meta-data")
    # Loopback: the test push service, a developer's; never in production.
    assert allowed("http://127.0.0.1:9000/notify/x", loopback=True)
    assert not allowed("http://127.0.0.1:9000/notify/x")
    assert not allowed("http://localhost:9000/notify/x")
