"""Account operations shared by the HTTP routes and the command line."""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import secrets
import time
import uuid
from dataclasses import dataclass
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pyotp

from relais.accounts.passwords import PasswordRejected, Passwords, check_password_rules
from relais.accounts.sessions import delete_user_sessions, token_hash
from relais.accounts.tables import ROLES, STAFF_ROLES, PasswordResetToken, TrustedDevice, User
from relais.accounts.throttle import LoginThrottle, throttle_key
from relais.db import as_utc, transaction, utcnow
from relais.errors import FieldRefusal, Refusal
from relais.settings import Settings

log = logging.getLogger("relais.accounts")


#: A hash no password matches: the account cannot sign in until its set-up link is used.
UNUSABLE_HASH = "!"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_key(email: str) -> str:
    """The key of an email in the sign-in counts (relais.accounts.throttle): a hash."""
    return throttle_key("email", email)


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
    passwords: Passwords | None,
    *,
    email: str,
    display_name: str,
    role: str,
    password: str | None,
    locale: str = "fr",
    timezone: str = "Europe/Paris",
    professional_id: str | None = None,
) -> User:
    """A new account. ``password`` None: none yet (a staff account made by an administrator): it
    cannot sign in until the person uses its set-up link (``start_setup``)."""
    email = normalise_email(email)
    if role not in ROLES:
        raise Refusal("invalid-role", "invalid", params={"roles": ", ".join(ROLES)})
    check_timezone(timezone)
    if password is not None:
        try:
            check_password_rules(password, email, display_name)
        except PasswordRejected as exc:
            raise password_problem(exc) from None
    if await User.exists().where(User.email == email):
        raise Refusal("email-taken", "conflict", fields=[FieldRefusal("email", "already-used")])
    if professional_id and await User.exists().where(User.professional_id == professional_id):
        raise Refusal(
            "professional-id-taken",
            "conflict",
            fields=[FieldRefusal("professional_id", "already-used")],
        )
    if password is None:
        password_hash = UNUSABLE_HASH
    else:
        assert passwords is not None, "a password is hashed with the deployment's cost"
        password_hash = await passwords.hash(password)
    user = User(
        email=email,
        display_name=display_name.strip(),
        role=role,
        password_hash=password_hash,
        locale=locale,
        timezone=timezone,
        professional_id=professional_id or None,
    )
    await user.save()
    return user


# --- signing in ---------------------------------------------------------------------------------


@dataclass
class SignIn:
    """A sign-in that worked: the account, and the device token to set when the browser is new
    to it (None when it carried one already)."""

    user: User
    new_device_token: str | None
    #: The account had signed in on other browsers before this new one (the person is told).
    other_devices: bool = False


async def _trusted(device_token: str | None, email: str) -> bool:
    if not device_token:
        return False
    rows = await TrustedDevice.select(TrustedDevice.id).where(
        (TrustedDevice.id == token_hash(device_token)) & (TrustedDevice.user.email == email)
    )
    return bool(rows)


async def remember_device(user_id: uuid.UUID, device_token: str | None) -> str | None:
    """Mark the browser as one where ``user_id`` signed in; a new token when it was not one."""
    now = utcnow()
    if device_token:
        moved = await (
            TrustedDevice.update({TrustedDevice.last_used_at: now})
            .where((TrustedDevice.id == token_hash(device_token)) & (TrustedDevice.user == user_id))
            .returning(TrustedDevice.id)
        )
        if moved:
            return None
    token = secrets.token_urlsafe(32)
    await TrustedDevice.insert(
        TrustedDevice(id=token_hash(token), user=user_id, created_at=now, last_used_at=now)
    )
    return token


def _failed(code: str, user: User | None, title: str = "sign-in-failed") -> Refusal:
    refusal = Refusal(code, "unauthenticated", title=title)
    # For the audit: which account was aimed at (never the password).
    refusal.account_id = user.id if user is not None else None  # type: ignore[attr-defined]
    return refusal


async def authenticate(
    passwords: Passwords,
    throttle: LoginThrottle,
    email: str,
    password: str,
    totp_code: str | None,
    ip: str,
    device_token: str | None = None,
    *,
    staff_passwords: bool = True,
) -> SignIn:
    """The account when the credentials are right; raise a 401/429 refusal otherwise. The try is
    counted before the password is checked (relais.accounts.throttle)."""
    email = normalise_email(email)
    attempt = await throttle.begin(
        throttle_key("email", email), ip, trusted=await _trusted(device_token, email)
    )
    user = await User.objects().where(User.email == email).first()
    ok = await passwords.verify(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        raise _failed("bad-credentials", user)
    if not staff_passwords and user.role in STAFF_ROLES:
        # Staff sign in at the hospital's OpenID provider here (RELAIS_STAFF_PASSWORDS=false);
        # said only to whoever gave the right password.
        raise _failed("password-sign-in-off", user)
    if user.totp_enabled:
        if not totp_code:
            # Not a failure: the person is asked for the code next. This try does not count.
            await throttle.forget(attempt)
            raise Refusal("totp-required", "unauthenticated", title="second-factor-required")
        step = totp_step(user.totp_secret or "", totp_code)
        if step is None:
            raise _failed("totp-invalid", user)
        if not await use_totp_step(user.id, step):
            raise _failed("totp-used", user)
    await throttle.succeeded(attempt)
    if passwords.needs_rehash(user.password_hash):
        # The deployment raised the argon2 cost: upgrade this hash now that we hold the password.
        new_hash = await passwords.hash(password)
        await User.update({User.password_hash: new_hash}).where(User.id == user.id)
        user.password_hash = new_hash
    token = await remember_device(user.id, device_token)
    # A new browser: was there another before it (the person is then told of this one)?
    others = (
        token is not None and await TrustedDevice.count().where(TrustedDevice.user == user.id) > 1
    )
    return SignIn(user, token, other_devices=others)


async def reconfirm(
    passwords: Passwords,
    throttle: LoginThrottle,
    me: Any,
    password: str,
    totp_code: str | None,
    ip: str,
) -> None:
    """The signed-in person's password (and code, when they have a second factor) again; counted
    like a sign-in, so a stolen session cannot guess it."""
    attempt = await throttle.begin(throttle_key("email", me.email), ip, trusted=True)
    user = await User.objects().where(User.id == me.id).first()
    if user is None or not await passwords.verify(user.password_hash, password):
        raise Refusal(
            "bad-current-password", "invalid", fields=[FieldRefusal("password", "not-right")]
        )
    if user.totp_enabled:
        step = totp_step(user.totp_secret or "", totp_code or "")
        if step is None or not await use_totp_step(user.id, step):
            raise Refusal(
                "totp-invalid", "invalid", fields=[FieldRefusal("totp_code", "not-right")]
            )
    await throttle.succeeded(attempt)


async def set_password(
    passwords: Passwords,
    user: User | Any,
    new_password: str,
    keep_session: str | None = None,
    field: str = "new_password",
) -> None:
    try:
        check_password_rules(new_password, user.email, user.display_name)
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

    async def send_setup(self, user: User, link: str, hours: int) -> None: ...

    async def send_notice(self, user: Any, kind: str, **values: str) -> None: ...


#: A staff account's set-up link works this long, once.
SETUP_HOURS = 72


async def _new_link(user_id: uuid.UUID, purpose: str, lifetime: dt.timedelta) -> str:
    """A one-time password link's token (stored hashed; the link is its only copy). A new link
    replaces the ones before: only the latest works."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    async with transaction():
        await PasswordResetToken.update({PasswordResetToken.used_at: now}).where(
            (PasswordResetToken.user == user_id) & PasswordResetToken.used_at.is_null()
        )
        await PasswordResetToken.insert(
            PasswordResetToken(
                id=token_hash(token),
                user=user_id,
                purpose=purpose,
                created_at=now,
                expires_at=now + lifetime,
            )
        )
    return token


async def start_setup(settings: Settings, user: User) -> str:
    """A one-time link that sets the account's first password (the person's only: the
    administrator never sees it). Any earlier link of the account stops working."""
    token = await _new_link(user.id, "setup", dt.timedelta(hours=SETUP_HOURS))
    return f"{settings.public_url}/reset-password#token={token}&setup=1"


#: Reset links an account may be sent in ``RESET_WINDOW_MIN`` minutes.
RESET_PER_WINDOW = 3
RESET_WINDOW_MIN = 15


async def start_reset(settings: Settings, email: str) -> tuple[User, str] | None:
    """A reset token for the account of ``email``, if there is an active one: (the account, the
    link to send it). The token is stored hashed; the link is its only copy."""
    user = await User.objects().where(User.email == normalise_email(email)).first()
    if user is None or not user.is_active:
        return None
    if not settings.staff_passwords and user.role in STAFF_ROLES:
        return None  # staff have no password here: they sign in at the hospital's provider
    now = utcnow()
    recent = await PasswordResetToken.count().where(
        (PasswordResetToken.user == user.id)
        & (PasswordResetToken.created_at > now - dt.timedelta(minutes=RESET_WINDOW_MIN))
    )
    if recent >= RESET_PER_WINDOW:
        # A mailbox flooded with links helps nobody: the links already sent still work.
        return None
    token = await _new_link(user.id, "reset", dt.timedelta(minutes=settings.password_reset_minutes))
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


async def clear_second_factor(user_id: uuid.UUID) -> None:
    """The account's second factor off: no secret, no last used step."""
    await User.update(
        {User.totp_enabled: False, User.totp_secret: None, User.totp_last_step: None}
    ).where(User.id == user_id)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name="Relais")
