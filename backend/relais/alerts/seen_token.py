"""The token of an alert notification's "Seen" action.

A clinician's phone shows an alert's notification with a "Seen" button; the service worker sends
this token back (``POST /api/alerts/{id}/seen-from-notification``) and the alert is acknowledged
as that person. A service worker cannot read the CSRF cookie, and the staff session may have
ended while the phone was in a pocket: the token is the proof instead. It is good for one thing
only (acknowledging this alert, as this person, until it expires), and holds nothing about the
patient: the person's id, the expiry and an HMAC of the alert id, the person's id and the expiry
under the deployment's secret.

Format: ``v1.<user id hex>.<expiry, unix seconds>.<HMAC-SHA256, base64url>``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import uuid
from dataclasses import dataclass

#: How long a notification's "Seen" works after it was sent: about a night on call. After it, the
#: notification still opens the console.
LIFETIME = dt.timedelta(hours=12)
_PURPOSE = "relais/alert-seen/v1"


def _mac(secret: str, alert_id: uuid.UUID, user_id: uuid.UUID, expires: int) -> str:
    message = f"{_PURPOSE}|{alert_id.hex}|{user_id.hex}|{expires}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def make(secret: str, alert_id: uuid.UUID, user_id: uuid.UUID, now: dt.datetime) -> str:
    expires = int((now + LIFETIME).timestamp())
    return f"v1.{user_id.hex}.{expires}.{_mac(secret, alert_id, user_id, expires)}"


@dataclass(frozen=True)
class Seen:
    """A token that checked out: who it acts for, and when it was issued."""

    user_id: uuid.UUID
    issued_at: dt.datetime


def check(secret: str, token: str, alert_id: uuid.UUID, now: dt.datetime) -> Seen | str:
    """The token's person, or why it is refused: ``invalid`` (malformed, forged, or made for
    another alert or person) or ``expired``."""
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != "v1" or not parts[2].isdigit():
        return "invalid"
    try:
        user_id = uuid.UUID(hex=parts[1])
    except ValueError:
        return "invalid"
    expires = int(parts[2])
    if not hmac.compare_digest(parts[3], _mac(secret, alert_id, user_id, expires)):
        return "invalid"
    if now.timestamp() >= expires:
        return "expired"
    return Seen(user_id, dt.datetime.fromtimestamp(expires, dt.UTC) - LIFETIME)
