"""Devices that accept Web Push, and reminder preferences, for the signed-in person."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from relais import db
from relais.accounts.guards import current_user, require_user
from relais.audit.service import record
from relais.db import as_utc
from relais.errors import FieldRefusal, Refusal
from relais.notify import service
from relais.notify.schemas import (
    PreferencesIn,
    PreferencesOut,
    PushKeyOut,
    PushTestDevice,
    PushTestOut,
    SubscriptionIn,
    SubscriptionOut,
    SubscriptionRef,
)
from relais.notify.transports.webpush import WebPushTransport
from relais.notify.try_devices import send_test


def _when(value: Any) -> Any:
    return as_utc(value) if value is not None else None


def subscription_out(row: dict[str, Any]) -> SubscriptionOut:
    return SubscriptionOut(
        id=row["id"],
        endpoint=row["endpoint"],
        label=row["label"],
        created_at=as_utc(row["created_at"]),
        last_seen_at=as_utc(row["last_seen_at"]),
        status=service.device_status(row),  # type: ignore[arg-type]
        last_ok_at=_when(row.get("last_ok_at")),
        last_error_at=_when(row.get("last_error_at")),
        last_error=row.get("last_error") or "",
    )


def preferences_out(row: dict[str, Any]) -> PreferencesOut:
    return PreferencesOut(
        reminders=bool(row["reminders"]),
        quiet_start=service.format_hhmm(row["quiet_start_min"]),
        quiet_end=service.format_hhmm(row["quiet_end_min"]),
    )


class PushController(Controller):
    path = "/api/push"
    tags = ["notifications"]

    @get("/key", summary="The VAPID public key (applicationServerKey, base64url)")
    async def key(self, request: Request[Any, Any, Any]) -> PushKeyOut:
        return PushKeyOut(application_server_key=request.app.state.vapid.application_server_key)

    @get("/subscriptions", guards=[require_user], summary="My devices that receive notifications")
    async def list_subscriptions(self, request: Request[Any, Any, Any]) -> list[SubscriptionOut]:
        me = current_user(request)
        return [subscription_out(r) for r in await service.list_subscriptions(me.id)]

    @post(
        "/subscriptions",
        guards=[require_user],
        status_code=HTTP_200_OK,
        summary="Register this device, or re-sync it (idempotent by endpoint)",
        description="201 when the device is new, 200 when it was known (keys and owner updated).",
    )
    async def subscribe(
        self, request: Request[Any, Any, Any], data: JSONBody[SubscriptionIn]
    ) -> Response[SubscriptionOut]:
        me = current_user(request)
        settings = request.app.state.settings
        service.validate_subscription(
            data.endpoint,
            data.keys.p256dh,
            data.keys.auth,
            allow_http=settings.environment != "production",
            hosts=settings.push_hosts,
        )
        label = data.label or service.device_label(request.headers.get("user-agent", ""))
        row, created = await service.save_subscription(
            me.id, data.endpoint, data.keys.p256dh, data.keys.auth, label
        )
        return Response(
            subscription_out(row), status_code=HTTP_201_CREATED if created else HTTP_200_OK
        )

    @delete(
        "/subscriptions",
        guards=[require_user],
        status_code=HTTP_204_NO_CONTENT,
        summary="Stop notifications on this device (by endpoint)",
    )
    async def unsubscribe(
        self, request: Request[Any, Any, Any], data: JSONBody[SubscriptionRef]
    ) -> None:
        me = current_user(request)
        if not await service.delete_subscription(me.id, data.endpoint):
            raise Refusal("subscription-not-found", "not-found")

    @post(
        "/test",
        guards=[require_user],
        status_code=HTTP_200_OK,
        summary="Send a test notification to each of my devices now",
        description="Neutral text, nothing about anyone's health. Each device keeps the outcome "
        "(its status in the list); a device the push service no longer knows is removed. "
        "No device: nothing is sent (staff alerts then go by email).",
    )
    async def test(self, request: Request[Any, Any, Any]) -> PushTestOut:
        me = current_user(request)
        settings = request.app.state.settings
        push = WebPushTransport(request.app.state.vapid, timeout_s=settings.push_timeout_s)
        try:
            tried = await send_test(
                me.id,
                push,
                now=db.utcnow(),
                push_hosts=settings.push_hosts,
                allow_loopback=settings.environment != "production",
            )
        finally:
            await push.close()
        await record("push.test", connection=request, detail=f"{len(tried)} device(s)")
        return PushTestOut(
            devices=[
                PushTestDevice(
                    id=t.subscription_id,
                    label=t.label,
                    result=t.result,  # type: ignore[arg-type]
                    error=t.error,  # type: ignore[arg-type]
                )
                for t in tried
            ],
            sent=sum(1 for t in tried if t.result == "sent"),
            failed=sum(1 for t in tried if t.result != "sent"),
        )

    @get("/preferences", guards=[require_user], summary="My reminder settings")
    async def get_preferences(self, request: Request[Any, Any, Any]) -> PreferencesOut:
        return preferences_out(await service.get_preferences(current_user(request).id))

    @put("/preferences", guards=[require_user], summary="Change my reminder settings")
    async def put_preferences(
        self, request: Request[Any, Any, Any], data: JSONBody[PreferencesIn]
    ) -> PreferencesOut:
        if (data.quiet_start is None) != (data.quiet_end is None):
            raise Refusal(
                "invalid-quiet-hours",
                "unprocessable",
                fields=[FieldRefusal("quiet_end", "set-with-quiet-start")],
            )
        row = await service.set_preferences(
            current_user(request).id,
            data.reminders,
            service.parse_hhmm(data.quiet_start),
            service.parse_hhmm(data.quiet_end),
        )
        return preferences_out(row)
