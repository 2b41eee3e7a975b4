from __future__ import annotations

from piccolo.columns import (
    UUID,
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

ROLES = ("patient", "proxy", "clinician", "admin")
STAFF_ROLES = ("clinician", "admin")


class User(Table, tablename="relais_user"):
    id = UUID(primary_key=True)
    email = Varchar(length=254, unique=True, index=True)
    display_name = Varchar(length=200)
    password_hash = Varchar(length=255)
    role = Varchar(length=20, index=True)
    locale = Varchar(length=5, default="fr")
    timezone = Varchar(length=64, default="Europe/Paris")
    totp_secret = Varchar(length=64, null=True, default=None)
    totp_enabled = Boolean(default=False)
    # The last 30-second step whose code was accepted: a code is used once (none of that step or
    # an earlier one is accepted again).
    totp_last_step = Integer(null=True, default=None)
    is_active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())
    password_changed_at = Timestamptz(default=TimestamptzNow())
    # The person's professional identifier (the RPPS number in France), set by an administrator:
    # the hospital's OpenID provider may find the account by it (relais.sso). Unique when set
    # (relais.accounts.service; SQLite cannot add a UNIQUE column).
    professional_id = Varchar(length=64, null=True, default=None, index=True)


class Session(Table, tablename="relais_session"):
    """Server-side sessions: the cookie holds a random token, the table its SHA-256."""

    id = Varchar(length=64, primary_key=True)
    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz(default=TimestamptzNow())
    last_seen_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz(default=TimestamptzNow())
    idle_minutes = Integer(default=30)
    ip = Varchar(length=64, default="")
    user_agent = Varchar(length=300, default="")
    # When the person last gave their password (sign-in or confirmation): exports, second-factor
    # changes, new proxies and invitations into an existing account ask for it again after 5 min.
    auth_at = Timestamptz(default=TimestamptzNow())


class TrustedDevice(Table, tablename="relais_trusted_device"):
    """A browser where the account signed in: its cookie holds a random token, this table the
    token's SHA-256. Such a browser skips the account-wide sign-in delay (relais.accounts.throttle)
    and a sign-in from a browser not listed here tells the person by email."""

    id = Varchar(length=64, primary_key=True)
    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz(default=TimestamptzNow())
    last_used_at = Timestamptz(default=TimestamptzNow())


class LoginFailure(Table, tablename="relais_login_failure"):
    """One row per counted try (relais.accounts.throttle), keyed by a hash of the email (or of
    another guessable secret) and by IP; a try that works is removed, old rows are purged."""

    id = Serial(primary_key=True)
    email_key = Varchar(length=64, index=True)
    ip = Varchar(length=64, index=True)
    at = Timestamptz(default=TimestamptzNow(), index=True)


class PasswordResetToken(Table, tablename="relais_password_reset"):
    """One-time links that set a password: ``reset`` (asked for by the person) or ``setup`` (a
    staff account's first password, sent when an administrator creates it)."""

    id = Varchar(length=64, primary_key=True)
    purpose = Varchar(length=10, default="reset")
    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz(default=TimestamptzNow())
    used_at = Timestamptz(null=True, default=None)


class OidcLink(Table, tablename="relais_oidc_link"):
    """A staff account's identity at the hospital's OpenID provider (relais.sso): made at the
    first sign-in there that matched an account an administrator had created, then found by the
    provider's ``sub`` alone. One per account and provider."""

    #: SHA-256 of the issuer and the subject: one account per identity.
    id = Varchar(length=64, primary_key=True)
    issuer = Varchar(length=300)
    subject = Varchar(length=255)
    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz(default=TimestamptzNow())
    last_sign_in_at = Timestamptz(default=TimestamptzNow())


class OidcSession(Table, tablename="relais_oidc_session"):
    """A session opened through the OpenID provider: its ID token (the hint of the provider's
    logout) and the authentication level the provider said (``acr``). Ends with the session."""

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade, index=True)
    issuer = Varchar(length=300)
    id_token = Text(default="")
    acr = Varchar(length=100, default="")
    created_at = Timestamptz(default=TimestamptzNow())
