"""Passwords: checked against a million breached ones offline, and refused when built on the
service's or the person's own name, or made of digits only (ASVS 4.0.3 V2.1.7; V2.1.1's length).
Each test names its requirement."""

from __future__ import annotations

import secrets

from relais.accounts.breached import FALSE_POSITIVE_RATE, breached_filter
from tests.helpers import PASSWORD, ApiClient, make_user


async def _change(client: ApiClient, new: str) -> tuple[int, str, str]:
    resp = await client.post(
        "/api/auth/password",
        json={"current_password": PASSWORD, "new_password": new},
        headers={"x-relais-lang": "en"},
    )
    body = resp.json()
    return resp.status_code, body.get("code", ""), body.get("detail", "")


async def test_v2_1_7_breached_and_guessable_passwords_are_refused(client: ApiClient) -> None:
    await make_user(client.app, "patient", "gwen@example.org", name="Gwendoline Kerbrat")
    await client.login_ok("gwen@example.org")
    cases = {
        # In the breached list, not in the short list of the most common ones.
        "administrator": ("password-breached", "leaked"),
        "scandinavian": ("password-breached", "leaked"),
        "123456789012": ("password-digits-only", "digits"),
        "Kerbrat-1962!!": ("password-context", "your own name"),
        "RelaisMoi2026!": ("password-context", "name of the service"),
        "gwen-gwen-2026": ("password-contains-email", "email"),
    }
    for password, (code, words) in cases.items():
        status, got, detail = await _change(client, password)
        assert (status, got) == (400, code), (password, got)
        assert words in detail, (password, detail)
    # A long passphrase of ordinary words goes through.
    assert (await _change(client, "blue kettle under the old pine"))[0] == 200


def test_v2_1_7_the_filter_holds_the_million_and_few_others() -> None:
    bloom = breached_filter()
    assert bloom is not None and bloom.bits > 14_000_000
    source_sample = ["123456", "password", "iloveyou", "trustno1", "dragon", "monkey"]
    assert all(p in bloom for p in source_sample)
    # Random strings: about FALSE_POSITIVE_RATE of them look breached.
    randoms = [secrets.token_urlsafe(12) for _ in range(20_000)]
    rate = sum(p in bloom for p in randoms) / len(randoms)
    print(f"\nfalse positives: {rate:.4%} of 20,000 random passwords")
    assert rate < 3 * FALSE_POSITIVE_RATE
