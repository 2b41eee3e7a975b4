"""Password rules and argon2id hashing.

Hashing runs in a worker thread: argon2id is deliberately slow and memory-hard (tens of
milliseconds, tens of MiB) and would otherwise stall every other request on the event loop.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from relais.accounts.breached import is_breached
from relais.settings import Settings

MIN_LENGTH = 12
MAX_LENGTH = 256
_COMMON_FILE = Path(__file__).with_name("common_passwords.txt")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = _COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


class PasswordRejected(ValueError):
    """The password breaks a rule; ``code`` is stable and names its message in the catalogues,
    ``params`` fill it."""

    def __init__(self, code: str, params: dict[str, int] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}


#: Words of this service that make a password easy to guess for anyone who knows where it is used.
CONTEXT_WORDS = ("relais", "sepsis", "motdepasse", "password")


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-zà-ÿ0-9]+", text.lower()) if len(w) >= 4]


def check_password_rules(password: str, email: str = "", name: str = "") -> None:
    """Raise ``PasswordRejected`` when the password is too short or too long, only digits, common
    (alone or with digits and signs around it), in the breached-password list, or built on the
    service's name or the person's own name or email."""
    if len(password) < MIN_LENGTH:
        raise PasswordRejected("password-too-short", {"min": MIN_LENGTH})
    if len(password) > MAX_LENGTH:
        raise PasswordRejected("password-too-long", {"max": MAX_LENGTH})
    if password.isdigit():
        # A date, a phone or card number: guessed long before its length suggests.
        raise PasswordRejected("password-digits-only")
    lowered = password.lower()
    # "password1234" or "azerty!!!!!!" are a common word with padding: refuse those too.
    stem = re.sub(r"[\d\W_]+$", "", lowered)
    stem = re.sub(r"^[\d\W_]+", "", stem)
    common = common_passwords()
    if lowered in common or (len(stem) >= 4 and stem in common) or len(set(lowered)) <= 3:
        raise PasswordRejected("password-too-common")
    if is_breached(password) or (len(stem) >= 6 and is_breached(stem)):
        raise PasswordRejected("password-breached")
    local = email.split("@", 1)[0].lower()
    if len(local) >= 4 and local in lowered:
        raise PasswordRejected("password-contains-email")
    # The service's name or the person's own name with a little around it ("Relais2026!",
    # "Dupont-1962"): most of the password is a word anyone near them knows.
    letters = re.sub(r"[\d\W_]+", "", lowered)
    for word in (*CONTEXT_WORDS, *_words(name), *_words(local)):
        if word in lowered and len(letters) <= len(word) + 3:
            raise PasswordRejected("password-context")


class Passwords:
    """argon2id with the deployment's cost parameters."""

    def __init__(self, settings: Settings) -> None:
        self.hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
        )
        # Verified against when the email is unknown, so both answers take the same time.
        self._dummy = self.hasher.hash("relais-dummy-password-for-timing")

    async def hash(self, password: str) -> str:
        return await anyio.to_thread.run_sync(self.hasher.hash, password)

    async def verify(self, stored_hash: str | None, password: str) -> bool:
        # An account without a password yet ("!") costs the same time as a wrong password.
        real = bool(stored_hash) and str(stored_hash).startswith("$argon2")
        target = stored_hash if real and stored_hash else self._dummy

        def _verify() -> bool:
            try:
                return self.hasher.verify(target, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return False

        ok = await anyio.to_thread.run_sync(_verify)
        return ok and real

    def needs_rehash(self, stored_hash: str) -> bool:
        try:
            return self.hasher.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True
