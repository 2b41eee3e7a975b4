"""Web Push through pywebpush: aes128gcm, VAPID, TTL, Urgency, Topic and a timeout on every send."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from dataclasses import dataclass
from typing import Any

import aiohttp
from pywebpush import WebPushException, webpush_async

from relais.notify.transports import PermanentError, SubscriptionGone, TransientError
from relais.notify.vapid import VapidKeys


@dataclass(frozen=True)
class Device:
    endpoint: str
    p256dh: str
    auth: str


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Retry-After is either seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


def classify(status: int, body: str, retry_after: str | None) -> Exception:
    """Turn a push service answer into the failure it means."""
    text = f"push service answered {status}: {body[:200]}".strip()
    if status in (404, 410):
        return SubscriptionGone(text, status=status)
    if status == 429 or status >= 500 or status == 408:
        return TransientError(text, status=status, retry_after=retry_after_seconds(retry_after))
    # 400 (bad request), 401/403 (VAPID refused), 413 (payload too large): sending the same
    # request again will not change the answer.
    return PermanentError(text, status=status)


class _NoRedirects:
    """The session pywebpush is given: its POST never follows a redirect. A push service answers
    201; a 3xx is refused as it is (a permanent error), never followed to wherever it points."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    def post(self, url: str, **kwargs: Any) -> Any:
        return self._session.post(url, allow_redirects=False, **kwargs)


class WebPushTransport:
    channel = "push"

    def __init__(self, keys: VapidKeys, *, timeout_s: float) -> None:
        self.keys = keys
        self.timeout_s = timeout_s
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout_s)
            )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(
        self, device: Device, payload: dict[str, Any], *, ttl: int, urgency: str, topic: str
    ) -> int:
        """Send one encrypted message; return the HTTP status, or raise a delivery error."""
        await self.start()
        headers: dict[str, str | int | float] = {
            "Urgency": urgency,
            # web-push-testing (and some services) refuse a body without this content type.
            "Content-Type": "application/octet-stream",
        }
        if topic:
            headers["Topic"] = topic
        try:
            response = await webpush_async(
                subscription_info={
                    "endpoint": device.endpoint,
                    "keys": {"p256dh": device.p256dh, "auth": device.auth},
                },
                data=json.dumps(payload, separators=(",", ":")),
                vapid_private_key=self.keys.vapid,
                # pywebpush writes aud and exp into the dict it is given: a fresh one each time.
                vapid_claims=self.keys.claims(),
                content_encoding="aes128gcm",
                ttl=ttl,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout_s),
                aiohttp_session=_NoRedirects(self._session),  # type: ignore[arg-type]
            )
        except WebPushException as exc:
            resp = exc.response
            if resp is None:
                raise PermanentError(str(exc)[:300]) from None
            status = int(getattr(resp, "status", 0) or 0)
            try:
                body = await resp.text()
            except Exception:
                body = ""
            raise classify(status, body, resp.headers.get("Retry-After")) from None
        except TimeoutError:
            raise TransientError(f"no answer within {self.timeout_s:g} s") from None
        except aiohttp.ClientError as exc:
            raise TransientError(f"{type(exc).__name__}: {exc}"[:300]) from None
        if isinstance(response, str):  # only with curl=True, which is never used
            return 0
        return int(response.status)
