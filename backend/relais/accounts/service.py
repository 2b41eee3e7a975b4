"""Account operations shared by the HTTP routes and the command line."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import math
import secrets
import time
import uuid
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pyotp

from relais.accounts.passwords import PasswordRejected, Passwords, check_password_rules
from relais.accounts.sessions import delete_user_sessions, token_hash
from relais.accounts.tables import ROLES, LoginFailure, PasswordResetToken, User
from relais.db import as_utc, transaction, utcnow
from relais.errors import FieldRefusal, Refusal
from relais.settings import Settings

log = logging.getLogger("relais.accounts")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_key(email: str) -> str:
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()


def password_problem(exc: PasswordRejected, field: str = "password") -> Refusal:
    return Refusal(
        exc.code,
        "invalid",
        params=exc.params,
        title="password-refused",
        fields=[FieldRefusal(field, exc.code, exc.params)],
    )


def check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Refusal(
            "invalid-timezone",
            "invalid",
            params={"name": name},
            fields=[FieldRefusal("timezone", "unknown-time-zone")],
        ) from None


async def create_user(
    passwords: Passwords,
    *,
    email: str,
    display_name: str,
    role: str,
    password: str,
    locale: str = "fr",
    timezone: str = "Europe/Paris",
) -> User:
    email = normalise_email(email)
    if role not in ROLES:
        raise Refusal("invalid-role", "invalid", params={"roles": ", ".join(ROLES)})
    check_timezone(timezone)
    try:
        check_password_rules(password, email)
    except PasswordRejected as exc:
        raise password_problem(exc) from None
    if await User.exists().where(User.email == email):
        raise Refusal("email-taken", "conflict", fields=[FieldRefusal("email", "already-used")])
    user = User(
        email=email,
        display_name=display_name.strip(),
        role=role,
        password_hash=await passwords.hash(password),
        locale=locale,
        timezone=timezone,
    )
    await user.save()
    return user


# --- sign-in protection -------------------------------------------------------------------------


class LoginThrottle:
    """Counts failed sign-ins per account (email, known or not) and per IP within a window.

    The counts live in the database so that several app processes share them, and an unknown
    email is throttled exactly like a known one: the answer never tells whether an account exists.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.window = dt.timedelta(minutes=settings.login_window_min)

    async def check(self, email: str, ip: str) -> None:
        since = utcnow() - self.window
        for column, value, limit in (
            (LoginFailure.email_key, email_key(email), self.settings.login_max_failures_account),
            (LoginFailure.ip, ip, self.settings.login_max_failures_ip),
        ):
            rows = (
                await LoginFailure.select(LoginFailure.at)
                .where((column == value) & (LoginFailure.at >= since))
                .order_by(LoginFailure.at)
            )
            if len(rows) >= limit:
                oldest = as_utc(rows[-limit]["at"])
                wait = max(1, math.ceil((oldest + self.window - utcnow()).total_seconds()))
                minutes = math.ceil(wait / 60)
                raise Refusal(
                    "too-many-attempts",
                    "too-many",
                    params={"minutes": minutes, "s": "s" if minutes > 1 else ""},
                    title="sign-in-paused",
                    headers={"Retry-After": str(wait)},
                )

    async def failed(self, email: str, ip: str) -> None:
        await LoginFailure.insert(LoginFailure(email_key=email_key(email), ip=ip, at=utcnow()))
        # Keep the table small: rows older than the window no longer count.
        await LoginFailure.delete().where(LoginFailure.at < utcnow() - 4 * self.window)

    async def succeeded(self, email: str) -> None:
        await LoginFailure.delete().where(LoginFailure.email_key == email_key(email))


async def authenticate(
    passwords: Passwords,
    throttle: LoginThrottle,
    email: str,
    password: str,
    totp_code: str | None,
    ip: str,
) -> User:
    """Return the user when the credentials are right; raise a 401/429 problem otherwise."""
    email = normalise_email(email)
    await throttle.check(email, ip)
    user = await User.objects().where(User.email == email).first()
    ok = await passwords.verify(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        await throttle.failed(email, ip)
        raise Refusal("bad-credentials", "unauthenticated", title="sign-in-failed")
    if user.totp_enabled:
        if not totp_code:
            raise Refusal("totp-required", "unauthenticated", title="second-factor-required")
        step = totp_step(user.totp_secret or "", totp_code)
        if step is None:
            await throttle.failed(email, ip)
            raise Refusal("totp-invalid", "unauthenticated", title="sign-in-failed")
        if not await use_totp_step(user.id, step):
            await throttle.failed(email, ip)
            raise Refusal("totp-used", "unauthenticated", title="sign-in-failed")
    await throttle.succeeded(email)
    if passwords.needs_rehash(user.password_hash):
        # The deployment raised the argon2 cost: upgrade this hash now that we hold the password.
        new_hash = await passwords.hash(password)
        await User.update({User.password_hash: new_hash}).where(User.id == user.id)
        user.password_hash = new_hash
    return user


async def set_password(
    passwords: Passwords,
    user: User | Any,
    new_password: str,
    keep_session: str | None = None,
    field: str = "new_password",
) -> None:
    try:
        check_password_rules(new_password, user.email)
    except PasswordRejected as exc:
        raise password_problem(exc, field) from None
    new_hash = await passwords.hash(new_password)
    async with transaction():
        await User.update({User.password_hash: new_hash, User.password_changed_at: utcnow()}).where(
            User.id == user.id
        )
        await delete_user_sessions(user.id, keep=keep_session)


# --- password reset -----------------------------------------------------------------------------


class ResetDelivery(Protocol):
    async def send_reset(self, user: User, link: str) -> None: ...


#: Reset links an account may be sent in ``RESET_WINDOW_MIN`` minutes.
RESET_PER_WINDOW = 3
RESET_WINDOW_MIN = 15


async def start_reset(settings: Settings, email: str) -> tuple[User, str] | None:
    """A reset token for the account of ``email``, if there is an active one: (the account, the
    link to send it). The token is stored hashed; the link is its only copy."""
    user = await User.objects().where(User.email == normalise_email(email)).first()
    if user is None or not user.is_active:
        return None
    now = utcnow()
    recent = await PasswordResetToken.count().where(
        (PasswordResetToken.user == user.id)
        & (PasswordResetToken.created_at > now - dt.timedelta(minutes=RESET_WINDOW_MIN))
    )
    if recent >= RESET_PER_WINDOW:
        # A mailbox flooded with links helps nobody: the links already sent still work.
        return None
    token = secrets.token_urlsafe(32)
    async with transaction():
        # A new link replaces the ones before: only the latest works.
        await PasswordResetToken.update({PasswordResetToken.used_at: now}).where(
            (PasswordResetToken.user == user.id) & PasswordResetToken.used_at.is_null()
        )
        await PasswordResetToken.insert(
            PasswordResetToken(
                id=token_hash(token),
                user=user.id,
                created_at=now,
                expires_at=now + dt.timedelta(minutes=settings.password_reset_minutes),
            )
        )
    return user, f"{settings.public_url}/reset-password#token={token}"


async def finish_reset(passwords: Passwords, token: str, new_password: str) -> User:
    row = (
        await PasswordResetToken.objects().where(PasswordResetToken.id == token_hash(token)).first()
    )
    now = utcnow()
    if row is None or row.used_at is not None or as_utc(row.expires_at) <= now:
        raise Refusal("reset-token-invalid", "invalid")
    user = await User.objects().where(User.id == row.user).first()
    if user is None:
        raise Refusal("reset-token-invalid", "invalid", detail="reset-token-invalid.no-account")
    await set_password(passwords, user, new_password)
    # Used: this link and any other of the account's die (at most one works, once).
    await PasswordResetToken.update({PasswordResetToken.used_at: now}).where(
        (PasswordResetToken.user == user.id) & PasswordResetToken.used_at.is_null()
    )
    return user


def totp_step(secret: str, code: str, *, now: float | None = None) -> int | None:
    """The 30-second step whose code ``code`` is (this step, the one before or the one after,
    for clocks a little apart); None when it is none of them."""
    if not secret or not code:
        return None
    totp = pyotp.TOTP(secret)
    moment = time.time() if now is None else now
    for offset in (0, -1, 1):
        at = moment + offset * totp.interval
        if hmac.compare_digest(totp.at(at), code.strip()):
            return int(totp.timecode(dt.datetime.fromtimestamp(at, dt.UTC)))
    return None


async def use_totp_step(user_id: uuid.UUID, step: int) -> bool:
    """Record that ``step``'s code was used; False when it, or a later one, was already: a code
    works once (a replayed or older code is refused), even when two sign-ins race."""
    moved = await (
        User.update({User.totp_last_step: step})
        .where(
            (User.id == user_id) & (User.totp_last_step.is_null() | (User.totp_last_step < step))
        )
        .returning(User.id)
    )
    return bool(moved)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name="Relais")
