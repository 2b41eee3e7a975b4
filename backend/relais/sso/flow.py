"""What a sign-in at the provider must find again when the browser comes back: ``state``,
``nonce`` and the PKCE verifier, in a short-lived cookie signed with the deployment's secret
(HttpOnly, SameSite=Lax so that the provider's redirect brings it back, 10 minutes). A refused
sign-in leaves its code (never a token) in another such cookie, for the sign-in screen to say.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

from litestar.datastructures import Cookie

from relais.accounts.sessions import http_only_cookie
from relais.settings import Settings

FLOW_COOKIE = "relais_oidc_flow"
REFUSAL_COOKIE = "relais_oidc_refusal"
FLOW_SECONDS = 600
REFUSAL_SECONDS = 120


def _mac(settings: Settings, purpose: str, body: str) -> str:
    key = settings.secret_key.encode()
    return hmac.new(key, f"{purpose}|{body}".encode(), hashlib.sha256).hexdigest()


def seal(settings: Settings, purpose: str, value: dict[str, Any]) -> str:
    body = base64.urlsafe_b64encode(
        json.dumps({**value, "at": int(time.time())}, separators=(",", ":")).encode()
    ).decode()
    return f"{body}.{_mac(settings, purpose, body)}"


def unseal(settings: Settings, purpose: str, sealed: str | None, max_age: int) -> dict[str, Any]:
    """The value, or {} when missing, forged or too old."""
    if not sealed or "." not in sealed:
        return {}
    body, mac = sealed.rsplit(".", 1)
    if not hmac.compare_digest(mac, _mac(settings, purpose, body)):
        return {}
    try:
        value = json.loads(base64.urlsafe_b64decode(body.encode()))
    except (ValueError, TypeError):
        return {}
    if not isinstance(value, dict) or not isinstance(value.get("at"), int):
        return {}
    if not 0 <= time.time() - value["at"] <= max_age:
        return {}
    return value


def cookie(settings: Settings, name: str, value: str, max_age: int) -> Cookie:
    return http_only_cookie(settings, name, value, max_age)
