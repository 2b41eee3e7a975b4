"""Sign-in throttling that slows guessing without locking the real person out.

Every attempt is written *before* the password is checked, then counted: twenty wrong passwords
sent at once are twenty rows that each request sees, so they cannot all slip under the limit (a
count made first and written after the check let 20 concurrent guesses through, 0 refused). An
attempt that succeeds is removed; one that is refused before its check is removed too, since
nothing was tried.

Three counts apply within ``login_window_min`` minutes:

* **the pair** (account, address): ``login_max_failures_account`` failures pause that address for
  that account until the window passes. Someone who mistypes is paused alone;
* **the address**: ``login_max_failures_ip`` failures over all accounts pause the address (one
  machine spraying many accounts);
* **the account**, over all addresses: past ``login_max_failures_account`` failures, each new try
  waits for a delay that doubles (2 s, 4 s ... up to ``MAX_DELAY_S``) after the last failure. No
  hard lock: a guesser with many addresses gets a few tries a minute, and the person gets in.
  A browser where the account signed in before carries a device cookie
  (:class:`relais.accounts.tables.TrustedDevice`) and skips the account's delay: the on-call
  doctor on her own phone signs in while someone else hammers her address.

The rows are keyed by a hash of the email, known or not, so an unknown address is throttled like
a known one and the answers never tell which accounts exist. The same machinery throttles other
guessable secrets (invitation codes) under their own keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass

from relais.accounts.tables import LoginFailure
from relais.db import as_utc, utcnow
from relais.errors import Refusal
from relais.settings import Settings

#: The longest wait between two tries of one account from browsers it never signed in on.
MAX_DELAY_S = 60


def throttle_key(kind: str, value: str) -> str:
    """The stored key for ``value`` (an email, a code): a hash, never the value itself."""
    text = value.strip().lower() if kind == "email" else value.strip()
    base = hashlib.sha256(text.encode()).hexdigest()
    # Emails keep their historic key (other tables and the erasure use it); other kinds are
    # prefixed so that a code can never share a count with an account.
    return base if kind == "email" else hashlib.sha256(f"{kind}:{base}".encode()).hexdigest()


def account_delay(failures: int, free: int) -> int:
    """Seconds the next try of an account waits after its last failure, once ``failures`` (in the
    window) reached ``free``: 2, 4, 8 ... capped at ``MAX_DELAY_S``."""
    if failures < free:
        return 0
    return int(min(MAX_DELAY_S, 2 ** (failures - free + 1)))


@dataclass(frozen=True)
class Attempt:
    """One counted try: forget it with :meth:`LoginThrottle.succeeded` when it worked."""

    row_id: int
    key: str
    ip: str


def _paused(seconds: float, *, slowed: bool) -> Refusal:
    wait = max(1, math.ceil(seconds))
    minutes = math.ceil(wait / 60)
    return Refusal(
        "too-many-attempts",
        "too-many",
        detail="too-many-attempts.slowed" if slowed else None,
        params={
            "minutes": minutes,
            "s": "s" if minutes > 1 else "",
            "seconds": wait,
        },
        title="sign-in-paused",
        headers={"Retry-After": str(wait)},
    )


class LoginThrottle:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.window = dt.timedelta(minutes=settings.login_window_min)

    async def begin(
        self,
        key: str,
        ip: str,
        *,
        trusted: bool = False,
        account_limit: int | None = None,
    ) -> Attempt:
        """Count one try of ``key`` from ``ip``, or raise 429 when it must wait (then it is not
        counted). ``trusted``: the browser signed in to this account before (no account delay).
        ``account_limit``: failures over all addresses after which the delay applies. ``ip`` empty:
        a count over everyone (e.g. all invitation codes), with the delay only."""
        now = utcnow()
        ip = ip[:64]
        inserted = await LoginFailure.insert(LoginFailure(email_key=key, ip=ip, at=now)).returning(
            LoginFailure.id
        )
        row_id = int(inserted[0]["id"])
        since = now - self.window
        rows = await LoginFailure.select(
            LoginFailure.id, LoginFailure.email_key, LoginFailure.ip, LoginFailure.at
        ).where(
            (LoginFailure.at >= since) & ((LoginFailure.email_key == key) | (LoginFailure.ip == ip))
        )
        pair = [r for r in rows if r["email_key"] == key and r["ip"] == ip]
        from_ip = sorted(as_utc(r["at"]) for r in rows if r["ip"] == ip)
        others = [as_utc(r["at"]) for r in rows if r["email_key"] == key and r["id"] != row_id]
        refusal: Refusal | None = None
        pair_max = self.settings.login_max_failures_account
        if ip and len(pair) > pair_max:
            # Paused until the oldest counted failure of the pair leaves the window.
            oldest = sorted(as_utc(r["at"]) for r in pair if r["id"] != row_id)[-pair_max]
            refusal = _paused((oldest + self.window - now).total_seconds(), slowed=False)
        elif ip and len(from_ip) > self.settings.login_max_failures_ip:
            oldest = from_ip[-self.settings.login_max_failures_ip - 1]
            refusal = _paused((oldest + self.window - now).total_seconds(), slowed=False)
        elif not trusted and others:
            free = account_limit or self.settings.login_max_failures_account
            delay = account_delay(len(others), free)
            wait = (max(others) + dt.timedelta(seconds=delay) - now).total_seconds()
            if delay and wait > 0:
                refusal = _paused(wait, slowed=True)
        attempt = Attempt(row_id, key, ip)
        if refusal is not None:
            await self.forget(attempt)
            raise refusal
        return attempt

    async def forget(self, attempt: Attempt) -> None:
        """The try was not one (e.g. the second factor is asked next): it does not count."""
        await LoginFailure.delete().where(LoginFailure.id == attempt.row_id)

    async def succeeded(self, attempt: Attempt) -> None:
        """The try worked: it and the pair's earlier failures no longer count."""
        await LoginFailure.delete().where(
            (LoginFailure.id == attempt.row_id)
            | ((LoginFailure.email_key == attempt.key) & (LoginFailure.ip == attempt.ip))
        )
        # Keep the table small: rows older than the window no longer count.
        await LoginFailure.delete().where(LoginFailure.at < utcnow() - 4 * self.window)
