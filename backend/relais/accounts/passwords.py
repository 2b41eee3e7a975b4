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


def check_password_rules(password: str, email: str = "") -> None:
    """Raise ``PasswordRejected`` when the password is too short, too long, or too common."""
    if len(password) < MIN_LENGTH:
        raise PasswordRejected("password-too-short", {"min": MIN_LENGTH})
    if len(password) > MAX_LENGTH:
        raise PasswordRejected("password-too-long", {"max": MAX_LENGTH})
    lowered = password.lower()
    # "password1234" or "azerty!!!!!!" are a common word with padding: refuse those too.
    stem = re.sub(r"[\d\W_]+$", "", lowered)
    stem = re.sub(r"^[\d\W_]+", "", stem)
    common = common_passwords()
    if lowered in common or (len(stem) >= 4 and stem in common) or len(set(lowered)) <= 3:
        raise PasswordRejected("password-too-common")
    local = email.split("@", 1)[0].lower()
    if len(local) >= 4 and local in lowered:
        raise PasswordRejected("password-contains-email")


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
