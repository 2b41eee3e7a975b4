from __future__ import annotations

from relais.web.schemas import Base


class RefusalOut(Base):
    """Why the last sign-in at the provider was refused, said in the reader's language."""

    code: str
    title: str
    detail: str


class OidcOut(Base):
    """How staff sign in here."""

    #: Staff may sign in at the hospital's OpenID provider.
    enabled: bool
    #: The provider's name, for "Sign in with <name>".
    provider_name: str | None
    #: Staff may also sign in with a password here (patients and families always do).
    staff_passwords: bool
    #: Why the last sign-in at the provider was refused (said once), or null.
    refusal: RefusalOut | None = None
