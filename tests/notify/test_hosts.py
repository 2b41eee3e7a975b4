"""Each push service host on its own: a bound on sends in flight, and a circuit breaker that
opens after failures in a row, lets one probe through after its cool-down, and closes when the
host answers."""

from __future__ import annotations

import datetime as dt

from relais.notify.hosts import BUSY_DEFER_S, Gate, Gates, host_of

T0 = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_hosts_are_told_apart_by_scheme_host_and_port() -> None:
    assert host_of("https://fcm.googleapis.com/fcm/send/abc") == "https://fcm.googleapis.com"
    assert host_of("http://127.0.0.1:8090/notify/x") == "http://127.0.0.1:8090"
    assert host_of("http://127.0.0.1:8091/notify/x") != host_of("http://127.0.0.1:8090/notify/x")
    gates = Gates()
    assert gates.get("https://a") is gates.get("https://a") is not gates.get("https://b")


def test_sends_beyond_the_bound_are_deferred_not_queued() -> None:
    gate = Gate(limit=2)
    assert [gate.admit(at(0)) for _ in range(3)] == ["send", "send", "busy"]
    assert gate.retry_at(at(0)) == at(BUSY_DEFER_S)
    gate.done(at(1), answered=True)
    assert gate.admit(at(1)) == "send"


def test_failures_in_a_row_open_the_circuit_then_one_probe_closes_it() -> None:
    gate = Gate(limit=8, threshold=3, cooldown_s=2)
    for second in range(2):
        assert gate.admit(at(second)) == "send"
        assert gate.done(at(second), answered=False) is False
    assert gate.closed  # two failures: still closed
    gate.admit(at(2))
    gate.done(at(2), answered=False)
    assert not gate.closed and gate.retry_at(at(2)) == at(4)
    assert gate.admit(at(3)) == "open"  # skipped at once during the cool-down
    assert gate.admit(at(4)) == "send"  # the probe
    assert gate.admit(at(4)) == "open"  # one probe at a time
    gate.done(at(9), answered=False)  # the probe timed out: open again
    assert gate.admit(at(10)) == "open" and gate.retry_at(at(10)) == at(11)
    assert gate.admit(at(11)) == "send"
    assert gate.done(at(11.2), answered=True) is True  # back: the caller releases what waited
    assert gate.closed and gate.failures == 0
    assert gate.admit(at(11.3)) == "send"


def test_an_answer_in_between_resets_the_count() -> None:
    gate = Gate(threshold=3)
    for answered in (False, False, True, False, False):
        gate.admit(at(0))
        gate.done(at(0), answered=answered)
    assert gate.closed
