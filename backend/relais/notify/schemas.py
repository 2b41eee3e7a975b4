from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from relais.web.schemas import Base, In

HHMM = Annotated[str, msgspec.Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", examples=["22:00"])]


class PushKeyOut(Base):
    application_server_key: str


B64URL = r"^[A-Za-z0-9_\-]+={0,2}$"
# A push endpoint is a URL: no spaces, no control characters.
Endpoint = Annotated[str, msgspec.Meta(min_length=10, max_length=1000, pattern=r"^[^\x00-\x20]+$")]


class SubscriptionKeys(Base):
    p256dh: Annotated[str, msgspec.Meta(min_length=20, max_length=200, pattern=B64URL)]
    auth: Annotated[str, msgspec.Meta(min_length=8, max_length=100, pattern=B64URL)]


class SubscriptionIn(In):
    """What ``PushSubscription.toJSON()`` gives in the browser, plus an optional label."""

    endpoint: Endpoint
    keys: SubscriptionKeys
    expirationTime: float | None = None  # the browser's own field name
    label: Annotated[str, msgspec.Meta(max_length=120, pattern=r"^[^\x00-\x1f]*$")] = ""


class SubscriptionRef(Base):
    endpoint: Endpoint


DeviceStatus = Literal["working", "failing", "unknown"]
DeliveryCode = Literal["", "gone", "refused", "unreachable", "not-allowed"]


class SubscriptionOut(Base):
    id: uuid.UUID
    endpoint: str
    label: str
    created_at: dt.datetime
    last_seen_at: dt.datetime
    #: working: the last push got through; failing: the last one did not; unknown: none sent yet.
    status: DeviceStatus = "unknown"
    last_ok_at: dt.datetime | None = None
    last_error_at: dt.datetime | None = None
    #: Why the last push failed (a short code), empty when it did not.
    last_error: DeliveryCode = ""


class PushTestDevice(Base):
    id: uuid.UUID
    label: str
    #: sent; failed; removed (the push service no longer knows the device: it is forgotten).
    result: Literal["sent", "failed", "removed"]
    error: DeliveryCode = ""


class PushTestOut(Base):
    """What the test did on each of my devices; none: alerts reach me by email."""

    devices: list[PushTestDevice]
    sent: int
    failed: int


class PreferencesIn(In):
    reminders: bool = True
    quiet_start: HHMM | None = None
    quiet_end: HHMM | None = None


class PreferencesOut(Base):
    reminders: bool
    quiet_start: str | None
    quiet_end: str | None
