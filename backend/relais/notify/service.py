"""Devices, preferences and what a notification says.

A payload never carries health data: a type, an id and a neutral text. The app fetches the details
after sign-in.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from relais import db
from relais.db import as_utc, as_uuid
from relais.errors import FieldRefusal, Refusal
from relais.notify.hosts import host_allowed
from relais.notify.tables import NotifyPreference, PushSubscription

TEXTS = {
    "alert": "Nouvelle alerte / New alert",
    "alert_seen": "Votre équipe a vu votre suivi / Your care team has seen this",
    "reminder": "Un suivi vous attend / A check-in is waiting",
    "message": "Nouveau message / New message",
    # To a family member told of a relative's alerts: nothing of whom or why on a lock screen.
    "family_alert": "Une information vous attend / Something is waiting for you",
    # A team's daily amber digest: only how many amber alerts wait (``digest_text``).
    "digest": "Résumé du jour : des alertes à voir / Daily digest: alerts to see",
    # The "send me a test" button: says only that this device receives Relais' notifications.
    "test": "Test : les alertes arrivent sur cet appareil / Test: alerts reach this device",
}
# Seconds a push service keeps an undelivered message.
TTL = {
    "alert": 24 * 3600,
    "alert_seen": 24 * 3600,
    "reminder": 4 * 3600,
    "message": 24 * 3600,
    "family_alert": 24 * 3600,
    "digest": 12 * 3600,
    "test": 600,
}

#: Why the last push to a device failed, as stored on it (``PushSubscription.last_error``) and
#: shown in the device list: a short code, never the push service's own text.
DELIVERY_CODES = ("gone", "refused", "unreachable", "not-allowed")


def delivery_code(status: str) -> str:
    """The stored code of a failed send, from the sender's outcome (``gone``: 404/410, the
    device forgot the subscription; ``transient``: no answer, 5xx, 429; ``permanent``: the
    service refused the request; ``not-allowed``: its host is not on the allow-list)."""
    return {"gone": "gone", "transient": "unreachable", "not-allowed": "not-allowed"}.get(
        status, "refused"
    )


async def mark_delivery(
    subscription_id: uuid.UUID, *, ok: bool, now: dt.datetime, code: str = ""
) -> None:
    """Write on the device what its last push did (one UPDATE by primary key)."""
    values: dict[Any, Any] = (
        {PushSubscription.last_ok_at: now}
        if ok
        else {PushSubscription.last_error_at: now, PushSubscription.last_error: code[:40]}
    )
    await PushSubscription.update(values).where(PushSubscription.id == subscription_id)


def device_status(row: dict[str, Any]) -> str:
    """``working`` when the last push got through, ``failing`` when it did not, ``unknown``
    when none was sent yet."""
    ok, failed = row.get("last_ok_at"), row.get("last_error_at")
    if failed is not None and (ok is None or as_utc(failed) >= as_utc(ok)):
        return "failing"
    return "working" if ok is not None else "unknown"


def payload(kind: str, ref_id: uuid.UUID | None, **extra: Any) -> dict[str, Any]:
    """``extra``: what a kind adds (an alert's "Seen" action and its token, for staff)."""
    return {
        "type": kind,
        "id": str(ref_id) if ref_id else "",
        "title": "Relais",
        "body": TEXTS.get(kind, TEXTS["message"]),
        **extra,
    }


def digest_text(count: int) -> str:
    """The daily amber digest: how many alerts wait, nothing of whom or why, and not even their
    level (a lock screen shows it; only amber alerts are digested)."""
    fr, en = ("s", "s") if count > 1 else ("", "")
    return f"Résumé du jour : {count} alerte{fr} à voir / Daily digest: {count} alert{en} to see"


def email_text(
    kind: str, ref_id: uuid.UUID | None, public_url: str, count: int | None = None
) -> tuple[str, str]:
    """Subject and body of the fallback email: as neutral as the push."""
    if kind == "digest":
        subject = f"Relais : {digest_text(count or 0)}"
        body = (
            "Des alertes attendent votre équipe dans Relais (résumé du jour).\n"
            "Alerts are waiting for your team in Relais (daily digest).\n\n"
            f"{public_url}/console\n\n"
            "Connectez-vous pour les voir. / Sign in to see them.\n"
        )
        return subject, body
    link = f"{public_url}/alerts/{ref_id}" if kind == "alert" and ref_id else public_url
    subject = f"Relais : {TEXTS.get(kind, TEXTS['message'])}"
    body = (
        "Une alerte attend votre attention dans Relais.\n"
        "An alert is waiting for you in Relais.\n\n"
        f"{link}\n\n"
        "Connectez-vous pour la voir. / Sign in to see it.\n"
    )
    return subject, body


def _b64url_len(value: str) -> int | None:
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (binascii.Error, ValueError):
        return None


def validate_subscription(
    endpoint: str, p256dh: str, auth: str, *, allow_http: bool, hosts: tuple[str, ...]
) -> None:
    """``allow_http``: outside production, http:// and loopback push services are accepted."""
    errors: list[FieldRefusal] = []
    if not (endpoint.startswith("https://") or (allow_http and endpoint.startswith("http://"))):
        errors.append(FieldRefusal("endpoint", "endpoint-not-https"))
    elif not host_allowed(endpoint, hosts, allow_loopback=allow_http):
        errors.append(FieldRefusal("endpoint", "endpoint-host-not-allowed"))
    if _b64url_len(p256dh) != 65:
        errors.append(FieldRefusal("keys.p256dh", "p256dh-not-valid"))
    if _b64url_len(auth) != 16:
        errors.append(FieldRefusal("keys.auth", "auth-not-valid"))
    if errors:
        raise Refusal("invalid-subscription", "unprocessable", fields=errors)


def device_label(user_agent: str) -> str:
    ua = user_agent or ""
    browser = next(
        (
            name
            for key, name in (
                ("Edg/", "Edge"),
                ("Firefox/", "Firefox"),
                ("Chrome/", "Chrome"),
                ("Safari/", "Safari"),
            )
            if key in ua
        ),
        "Browser",
    )
    system = next(
        (
            name
            for key, name in (
                ("Android", "Android"),
                ("iPhone", "iPhone"),
                ("iPad", "iPad"),
                ("Windows", "Windows"),
                ("Mac OS", "macOS"),
                ("Linux", "Linux"),
            )
            if key in ua
        ),
        "",
    )
    return f"{browser} on {system}" if system else browser


async def save_subscription(
    user_id: uuid.UUID, endpoint: str, p256dh: str, auth: str, label: str
) -> tuple[dict[str, Any], bool]:
    """Create the device, or re-sync it (keys, owner, last seen). Returns (row, created)."""
    now = db.utcnow()
    async with db.transaction():
        existing = (
            await PushSubscription.select().where(PushSubscription.endpoint == endpoint).first()
        )
        if existing is None:
            row = PushSubscription(
                user=user_id,
                endpoint=endpoint,
                p256dh=p256dh,
                auth=auth,
                label=label[:120],
                created_at=now,
                last_seen_at=now,
            )
            await row.save()
            created = True
        else:
            if as_uuid(existing["user"]) != user_id:
                # One device endpoint belongs to one account: signing out forgets it (the app
                # deletes it), so another account registering it is not the same person's phone.
                raise Refusal("endpoint-taken", "conflict", title="conflict", fields=[
                    FieldRefusal("endpoint", "endpoint-taken")])  # fmt: skip
            # The same browser, re-synced when the app opens.
            await PushSubscription.update(
                {
                    PushSubscription.user: user_id,
                    PushSubscription.p256dh: p256dh,
                    PushSubscription.auth: auth,
                    PushSubscription.label: label[:120] or existing["label"],
                    PushSubscription.last_seen_at: now,
                }
            ).where(PushSubscription.endpoint == endpoint)
            created = False
        saved = await PushSubscription.select().where(PushSubscription.endpoint == endpoint).first()
    assert saved is not None
    return saved, created


async def delete_subscription(user_id: uuid.UUID, endpoint: str) -> bool:
    rows = await (
        PushSubscription.delete()
        .where((PushSubscription.endpoint == endpoint) & (PushSubscription.user == user_id))
        .returning(PushSubscription.id)
    )
    return bool(rows)


async def list_subscriptions(user_id: uuid.UUID) -> list[dict[str, Any]]:
    return list(
        await PushSubscription.select()
        .where(PushSubscription.user == user_id)
        .order_by(PushSubscription.created_at)
    )


def parse_hhmm(value: str | None) -> int | None:
    if value is None:
        return None
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def format_hhmm(value: int | None) -> str | None:
    return None if value is None else f"{value // 60:02d}:{value % 60:02d}"


async def get_preferences(user_id: uuid.UUID) -> dict[str, Any]:
    row = await NotifyPreference.select().where(NotifyPreference.user == user_id).first()
    return row or {"reminders": True, "quiet_start_min": None, "quiet_end_min": None}


async def set_preferences(
    user_id: uuid.UUID, reminders: bool, quiet_start: int | None, quiet_end: int | None
) -> dict[str, Any]:
    now = db.utcnow()
    values: dict[Any, Any] = {
        NotifyPreference.reminders: reminders,
        NotifyPreference.quiet_start_min: quiet_start,
        NotifyPreference.quiet_end_min: quiet_end,
        NotifyPreference.updated_at: now,
    }
    async with db.transaction():
        updated = await (
            NotifyPreference.update(values)
            .where(NotifyPreference.user == user_id)
            .returning(NotifyPreference.id)
        )
        if not updated:
            await NotifyPreference.insert(
                NotifyPreference(
                    user=user_id,
                    reminders=reminders,
                    quiet_start_min=quiet_start,
                    quiet_end_min=quiet_end,
                    updated_at=now,
                )
            )
    return await get_preferences(user_id)


def in_quiet_hours(start: int | None, end: int | None, now: dt.datetime, tz: str) -> bool:
    """Quiet hours may wrap midnight (22:00 → 08:00)."""
    if start is None or end is None or start == end:
        return False
    try:
        local = now.astimezone(ZoneInfo(tz))
    except (KeyError, ValueError):
        local = now
    minute = local.hour * 60 + local.minute
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end
