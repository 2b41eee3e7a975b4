from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated, Literal

import msgspec

from relais.db import as_uuid
from relais.web.schemas import Base, In

if TYPE_CHECKING:
    from relais.accounts.sessions import CurrentUser
    from relais.accounts.tables import User

Email = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=254,
        pattern=r"^[^@\s\x00]+@[^@\s\x00]+$",
        description="An email address",
    ),
]
Password = Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
ProfessionalId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[0-9A-Za-z]{4,64}$",
        description="A professional identifier (the RPPS number: 11 digits)",
    ),
]
Role = Literal["patient", "proxy", "clinician", "admin"]
Locale = Literal["fr", "en"]


class LoginIn(In):
    email: Email
    password: Password
    totp_code: Annotated[str, msgspec.Meta(pattern=r"^\d{6}$")] | None = None


class UserOut(Base):
    id: uuid.UUID
    email: str
    display_name: str
    role: Role
    locale: Locale
    timezone: str
    totp_enabled: bool
    #: A staff account that must turn on its second factor before anything else.
    second_factor_needed: bool = False


class PasswordChangeIn(In):
    current_password: Password
    new_password: Password


class ResetRequestIn(In):
    email: Email


class ResetAvailableOut(Base):
    #: False when no SMTP server is configured: the person asks their care team instead.
    by_email: bool
    #: How long a link stays valid.
    minutes: int


class ResetConfirmIn(In):
    token: Annotated[str, msgspec.Meta(min_length=10, max_length=128)]
    new_password: Password


class TotpSetupOut(Base):
    secret: str
    otpauth_uri: str
    qr_svg: str


class TotpCodeIn(In):
    code: Annotated[str, msgspec.Meta(pattern=r"^\d{6}$")]


class TotpDisableIn(In):
    password: Password
    code: Annotated[str, msgspec.Meta(pattern=r"^\d{6}$")]


class UserCreateIn(In):
    """A new account: it gets its password from a one-time link sent to its address, never
    from the administrator."""

    email: Email
    display_name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    role: Role
    locale: Locale = "fr"
    timezone: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] = "Europe/Paris"
    #: A staff member's professional identifier (the RPPS number in France): the hospital's
    #: OpenID provider may find the account by it at the first sign-in there.
    professional_id: ProfessionalId | None = None


class SessionOut(Base):
    """One place where the account is signed in."""

    #: An opaque id for this list (not the session's secret, nor its hash).
    id: str
    created_at: str
    last_seen_at: str
    #: The browser's own description of itself, as it sent it.
    user_agent: str
    ip: str
    #: This browser.
    current: bool


class SessionsOut(Base):
    sessions: list[SessionOut]


class AdminUserOut(Base):
    id: uuid.UUID
    email: str
    display_name: str
    role: Role
    is_active: bool
    totp_enabled: bool
    sessions: int
    #: No password yet: the person has not used their one-time set-up link.
    setup_pending: bool = False
    #: The last sign-in that worked, while the audit trail keeps it (None: none kept).
    last_sign_in_at: str | None = None
    #: The professional identifier (RPPS), when the administrator gave one.
    professional_id: str | None = None
    #: Linked to the person's identity at the hospital's OpenID provider.
    provider_linked: bool = False


class AdminUserUpdateIn(In):
    """A staff account's role: clinician or administrator (never a patient's)."""

    role: Literal["clinician", "admin"]


class AdminUsersOut(Base):
    users: list[AdminUserOut]


class UserCreatedOut(Base):
    user: UserOut
    #: The set-up link went to the person's address. False: no email is configured here; the
    #: server's operator runs ``relais setup-link EMAIL`` and hands it over.
    setup_link_sent: bool


class ConfirmIn(In):
    password: Password
    totp_code: Annotated[str, msgspec.Meta(pattern=r"^\d{6}$")] | None = None


class ConfirmedOut(Base):
    #: Until when sensitive actions need no password again (None: they need it now).
    confirmed_until: str | None
    minutes: int


class Message(Base):
    message: str


class SignedOut(Base):
    message: str
    #: Where to send the browser to end the session at the hospital's OpenID provider too
    #: (RP-initiated logout), when this session was opened there.
    provider_logout_url: str | None = None


def user_out(user: User | CurrentUser, second_factor_required: bool = False) -> UserOut:
    """``second_factor_required``: the deployment requires one of staff (settings)."""
    return UserOut(
        id=as_uuid(user.id),
        email=user.email,
        display_name=user.display_name,
        role=user.role,  # type: ignore[arg-type]
        locale=user.locale if user.locale in ("fr", "en") else "fr",  # type: ignore[arg-type]
        timezone=user.timezone,
        totp_enabled=bool(user.totp_enabled),
        second_factor_needed=second_factor_required
        and user.role in ("clinician", "admin")
        and not user.totp_enabled,
    )
