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
