"""How push service answers are read: which failures are worth a retry, and when."""

from __future__ import annotations

import datetime as dt

from relais.notify.transports import PermanentError, SubscriptionGone, TransientError
from relais.notify.transports.webpush import classify, retry_after_seconds
from relais.settings import parse_settings
from relais.worker.loop import Worker


def test_answers_are_classified() -> None:
    assert isinstance(classify(410, "", None), SubscriptionGone)
    assert isinstance(classify(404, "", None), SubscriptionGone)
    too_many = classify(429, "slow down", "120")
    assert isinstance(too_many, TransientError) and too_many.retry_after == 120
    assert isinstance(classify(503, "", None), TransientError)
    assert isinstance(classify(413, "", None), PermanentError)
    assert not isinstance(classify(400, "", None), TransientError)
    assert isinstance(classify(403, "bad jwt", None), PermanentError)


def test_retry_after_as_seconds_or_http_date() -> None:
    now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("30", now) == 30
    assert retry_after_seconds("Mon, 23 Nov 2026 10:01:00 GMT", now) == 60
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_backoff_grows_with_jitter_honours_retry_after_and_is_capped(tmp_path: object) -> None:
    settings = parse_settings({"RELAIS_DATA_DIR": str(tmp_path), "RELAIS_SECRET_KEY": "k" * 40})
    worker = Worker(settings, retry_base_s=2, retry_cap_s=600)
    first = [worker.backoff_s(1, None) for _ in range(50)]
    assert all(1 <= d <= 2 for d in first) and len(set(first)) > 1
    assert all(8 <= worker.backoff_s(4, None) <= 16 for _ in range(20))
    assert worker.backoff_s(1, 120) >= 120
    assert worker.backoff_s(30, None) <= 600


def test_notification_settings_are_checked_at_start(tmp_path: object) -> None:
    import pytest

    from relais.settings import SettingsError

    base = {"RELAIS_DATA_DIR": str(tmp_path), "RELAIS_SECRET_KEY": "k" * 40}
    default = parse_settings({**base, "RELAIS_PUBLIC_URL": "https://relais.example.org"})
    assert default.vapid_subject == "mailto:relais@relais.example.org"
    assert default.smtp_host == "" and default.worker_poll_ms == 300
    with pytest.raises(SettingsError, match="RELAIS_VAPID_SUBJECT"):
        parse_settings({**base, "RELAIS_VAPID_SUBJECT": "admin@example.org"})
    with pytest.raises(SettingsError, match="RELAIS_SMTP_PORT"):
        parse_settings({**base, "RELAIS_SMTP_PORT": "smtp"})
    with pytest.raises(SettingsError, match="RELAIS_WORKER_POLL_MS"):
        parse_settings({**base, "RELAIS_WORKER_POLL_MS": "1"})


async def test_a_push_service_redirect_is_never_followed(tmp_path: object) -> None:
    """A 3xx from a push endpoint is refused as it is: the worker never POSTs where it points."""
    import asyncio

    import pytest

    from relais.notify.transports import PermanentError
    from relais.notify.transports.webpush import Device, WebPushTransport
    from relais.notify.vapid import load_vapid

    hits: list[bytes] = []

    async def target(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        hits.append(await reader.read(1024))
        writer.write(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        writer.close()

    inner = await asyncio.start_server(target, "127.0.0.1", 0)
    inner_port = inner.sockets[0].getsockname()[1]

    async def redirect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(65536)
        writer.write(
            b"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:"
            + str(inner_port).encode()
            + b"/internal\r\nContent-Length: 0\r\n\r\n"
        )
        await writer.drain()
        writer.close()

    outer = await asyncio.start_server(redirect, "127.0.0.1", 0)
    outer_port = outer.sockets[0].getsockname()[1]
    settings = parse_settings({"RELAIS_DATA_DIR": str(tmp_path), "RELAIS_SECRET_KEY": "k" * 40})
    transport = WebPushTransport(load_vapid(settings), timeout_s=5)
    # A real browser subscription's keys (the shape pywebpush needs to encrypt).
    device = Device(
        endpoint=f"http://127.0.0.1:{outer_port}/push/1",
        p256dh="BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
        auth="tBHItJI5svbpez7KI4CCXg",
    )
    try:
        with pytest.raises(PermanentError, match="307"):
            await transport.send(device, {"type": "alert"}, ttl=60, urgency="high", topic="t")
    finally:
        await transport.close()
        outer.close()
        inner.close()
    assert hits == []
