"""One transport per channel. Each raises ``TransientError`` (try again later) or ``PermanentError``
(trying again cannot help); ``SubscriptionGone`` is the permanent failure that removes a device."""

from __future__ import annotations


class DeliveryError(Exception):
    """A send failed. ``status`` is the HTTP (or SMTP) code when there was one."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class TransientError(DeliveryError):
    """Timeouts, refused connections, 5xx, 429: the same send may work later."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, status=status)
        self.retry_after = retry_after


class PermanentError(DeliveryError):
    """A request the other side will never accept (bad payload, bad key): do not retry."""


class SubscriptionGone(PermanentError):
    """404/410 from the push service: the browser unsubscribed or the subscription expired."""
