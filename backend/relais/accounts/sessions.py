"""Server-side sessions.

The cookie carries a random token; the database keeps only its SHA-256, so a copy of the table
cannot be replayed as cookies. A session ends when idle too long (30 minutes for staff by default,
longer for patients and families who check in once a day) or at its absolute expiry, whichever
comes first. A new id is issued at every sign-in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from litestar.datastructures import Cookie
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from relais.accounts.queries import SESSION_TOUCH, SESSION_USER
from relais.accounts.tables import STAFF_ROLES, OidcSession, Session
from relais.db import as_utc, raw, utcnow
from relais.errors import Refusal
from relais.settings import Settings
from relais.web.headers import cookies

COOKIE_NAME = "relais_session"
DEVICE_COOKIE = "relais_device"
#: A browser keeps its device token this long after its last sign-in.
DEVICE_DAYS = 365
# Refresh last_seen_at at most this often: a write on every request would cost more than it tells.
TOUCH_EVERY = dt.timedelta(seconds=60)


@dataclass(frozen=True)
class CurrentUser:
    id: uuid.UUID
    email: str
    display_name: str
    role: str
    locale: str
    timezone: str
    totp_enabled: bool
    session_id: str
    #: When the password was last given in this session (sign-in or confirmation).
    auth_at: dt.datetime | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def cookie_name(settings: Settings, base: str) -> str:
    """``base``, with the ``__Host-`` prefix behind https: the browser then accepts the cookie only
    from this exact host, over https, for the whole site (no subdomain can set or shadow it)."""
    return f"__Host-{base}" if settings.secure_cookies else base


def http_only_cookie(settings: Settings, name: str, value: str, max_age: int | None) -> Cookie:
    """A cookie of Relais (``name`` with the deployment's prefix) that scripts cannot read, sent
    back on same-site requests and top-level navigations only; ``max_age`` 0 deletes it."""
    return Cookie(
        key=cookie_name(settings, name),
        value=value,
        path="/",
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        max_age=max_age,
        expires=0 if max_age == 0 else None,
    )


def session_cookie(settings: Settings, token: str, max_age: int | None) -> Cookie:
    return http_only_cookie(settings, COOKIE_NAME, token, max_age)


def device_cookie(settings: Settings, token: str) -> Cookie:
    return Cookie(
        key=cookie_name(settings, DEVICE_COOKIE),
        value=token,
        path="/",
        httponly=True,
        secure=settings.secure_cookies,
        samesite="strict",
        max_age=DEVICE_DAYS * 24 * 3600,
    )


def clearing_cookie(settings: Settings) -> Cookie:
    return Cookie(
        key=cookie_name(settings, COOKIE_NAME),
        value="",
        path="/",
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        max_age=0,
        expires=0,
    )


def idle_minutes_for(settings: Settings, role: str) -> int:
    return (
        settings.session_idle_staff_min
        if role in STAFF_ROLES
        else settings.session_idle_patient_min
    )


async def create_session(
    settings: Settings, user_id: uuid.UUID, role: str, ip: str, user_agent: str
) -> tuple[str, Session]:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    hours = (
        settings.session_absolute_staff_hours
        if role in STAFF_ROLES
        else settings.session_absolute_hours
    )
    row = Session(
        id=token_hash(token),
        user=user_id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + dt.timedelta(hours=hours),
        idle_minutes=idle_minutes_for(settings, role),
        ip=ip[:64],
        user_agent=user_agent[:300],
        auth_at=now,
    )
    await Session.insert(row)
    return token, row


#: Exports, second-factor changes, adding a family member and linking an invitation to a
#: signed-in account ask for the password again when it was last given longer ago than this.
REAUTH_MINUTES = 5


def confirmed_until(user: CurrentUser) -> dt.datetime | None:
    return user.auth_at + dt.timedelta(minutes=REAUTH_MINUTES) if user.auth_at else None


def require_recent_auth(user: CurrentUser) -> None:
    """Refuse (403 ``reauth-needed``) unless the password was given in the last minutes: a
    phone left unlocked, or a stolen session, does not take the record away."""
    until = confirmed_until(user)
    if until is None or utcnow() >= until:
        raise Refusal("reauth-needed", "forbidden", params={"minutes": REAUTH_MINUTES})


async def mark_confirmed(session_id: str) -> None:
    await Session.update({Session.auth_at: utcnow()}).where(Session.id == session_id)


def public_id(session_id: str) -> str:
    """The id a list of sessions shows: derived from the stored hash, useless as a cookie."""
    return hashlib.sha256(f"listed:{session_id}".encode()).hexdigest()[:20]


async def list_sessions(user_id: uuid.UUID, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """The account's live sessions, most recent first (expired ones are not shown)."""
    now = now or utcnow()
    rows = await Session.select().where(Session.user == user_id)
    alive = [
        r
        for r in rows
        if as_utc(r["expires_at"]) > now
        and now - as_utc(r["last_seen_at"]) < dt.timedelta(minutes=r["idle_minutes"])
    ]
    return sorted(alive, key=lambda r: as_utc(r["last_seen_at"]), reverse=True)


async def opened_at_provider(session_id: str) -> dict[str, Any] | None:
    """The session's sign-in at the hospital's OpenID provider (its ID token and ``acr``), when it
    was opened there (relais.sso). Read only on the rare paths that need it: a staff member
    without Relais' second factor where one is required, and sign-out."""
    row = (
        await OidcSession.select(OidcSession.id_token, OidcSession.acr)
        .where(OidcSession.session == session_id)
        .first()
    )
    return dict(row) if row else None


async def delete_session(session_id: str) -> None:
    await Session.delete().where(Session.id == session_id)


async def delete_user_sessions(user_id: uuid.UUID, keep: str | None = None) -> None:
    query = Session.delete().where(Session.user == user_id)
    if keep:
        query = query.where(Session.id != keep)
    await query


async def load_user(
    token: str, now: dt.datetime | None = None, *, touch: bool = True
) -> tuple[CurrentUser | None, bool]:
    """Return (user, expired). An expired session is deleted on sight. ``touch``: this use counts
    as activity (a live stream's check does not: an unattended console still times out)."""
    sid = token_hash(token)
    row = await raw.first(SESSION_USER, sid)
    if row is None:
        return None, False
    now = now or utcnow()
    last_seen = as_utc(row["last_seen_at"])
    idle = dt.timedelta(minutes=row["idle_minutes"])
    if now >= as_utc(row["expires_at"]) or now - last_seen >= idle or not row["is_active"]:
        await delete_session(sid)
        return None, True
    if touch and now - last_seen >= TOUCH_EVERY:
        await raw.rows(SESSION_TOUCH, now, sid)
    user_id = row["id"]
    return (
        CurrentUser(
            id=user_id if isinstance(user_id, uuid.UUID) else uuid.UUID(str(user_id)),
            email=row["email"],
            display_name=row["display_name"],
            role=row["role"],
            locale=row["locale"],
            timezone=row["timezone"],
            totp_enabled=bool(row["totp_enabled"]),
            session_id=sid,
            auth_at=as_utc(row["auth_at"]) if row.get("auth_at") else None,
        ),
        False,
    )


class SessionMiddleware(ASGIMiddleware):
    """Puts the signed-in person (or None) in ``scope["user"]`` for every request under /api."""

    def __init__(
        self, cookie: str = COOKIE_NAME, exclude: tuple[str, ...] = ("/api/health",)
    ) -> None:
        self.cookie = cookie
        self.exclude = exclude

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        scope["user"] = None
        path = scope.get("path", "")
        if path.startswith("/api/") and not path.startswith(self.exclude):
            token = cookies(scope).get(self.cookie)
            if token:
                user, expired = await load_user(token)
                scope["user"] = user
                if expired:
                    scope.setdefault("state", {})["session_expired"] = True
        await next_app(scope, receive, send)


def scope_user(scope: Any) -> CurrentUser | None:
    user = scope.get("user")
    return user if isinstance(user, CurrentUser) else None
