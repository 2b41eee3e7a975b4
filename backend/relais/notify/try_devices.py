"""The "send me a test" button: a neutral notification to each of a person's devices, now.

It goes straight to the push services, not through the outbox, so that the person learns at once
which device got it; each device keeps the outcome (``service.mark_delivery``), as after any push
of the worker. A device the push service no longer knows (404/410) is removed, as the worker
removes it."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from relais.db import as_uuid
from relais.notify import service
from relais.notify.hosts import host_allowed
from relais.notify.tables import PushSubscription
from relais.notify.transports import DeliveryError, SubscriptionGone, TransientError
from relais.notify.transports.webpush import Device, WebPushTransport


@dataclass(frozen=True)
class Tried:
    subscription_id: uuid.UUID
    label: str
    #: sent | failed | removed (the push service no longer knows the device)
    result: str
    #: ``service.DELIVERY_CODES`` when it did not arrive
    error: str = ""


async def send_test(
    user_id: uuid.UUID,
    push: WebPushTransport,
    *,
    now: dt.datetime,
    push_hosts: tuple[str, ...],
    allow_loopback: bool,
) -> list[Tried]:
    devices = await service.list_subscriptions(user_id)
    body = service.payload("test", None)

    async def one(sub: dict[str, Any]) -> Tried:
        sid = as_uuid(sub["id"])
        code = ""
        if not host_allowed(sub["endpoint"], push_hosts, allow_loopback=allow_loopback):
            code = service.delivery_code("not-allowed")
        else:
            device = Device(endpoint=sub["endpoint"], p256dh=sub["p256dh"], auth=sub["auth"])
            try:
                await push.send(device, body, ttl=service.TTL["test"], urgency="normal", topic="")
            except SubscriptionGone:
                await PushSubscription.delete().where(PushSubscription.id == sid)
                return Tried(sid, sub["label"], "removed", service.delivery_code("gone"))
            except TransientError:
                code = service.delivery_code("transient")
            except DeliveryError:
                code = service.delivery_code("permanent")
        await service.mark_delivery(sid, ok=not code, now=now, code=code)
        return Tried(sid, sub["label"], "failed" if code else "sent", code)

    return list(await asyncio.gather(*(one(s) for s in devices)))
