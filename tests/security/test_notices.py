"""A person is told by email of every change to how their account is signed in to, and of a
sign-in from a browser never used before (ASVS 4.0.3 V2.2.3). Each test names its requirement."""

from __future__ import annotations

import time
from typing import Any

import pyotp

from tests.helpers import PASSWORD, ApiClient, make_user
from tests.smtp import Inbox

CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


def _bodies(mail: Inbox, address: str, since: int) -> list[str]:
    return [
        f"{m['Subject']}\n{m.get_payload(decode=True).decode()}" for m in mail.to(address)[since:]
    ]


async def test_v2_2_3_a_new_browser_and_a_new_password_are_told_by_email(
    client: ApiClient, make_client: Any, mail: Inbox
) -> None:
    address = "avis@example.org"
    await make_user(client.app, "patient", address, locale="en")
    before = len(mail.to(address))
    await client.login_ok(address)  # the first browser ever: nothing to tell
    await client.post("/api/auth/logout")
    await client.login_ok(address)  # the same browser again: nothing either
    async with make_client("192.0.2.50") as phone:
        phone.http.headers["user-agent"] = CHROME_ANDROID
        await phone.login_ok(address)
    [new_device] = await mail.wait_for(address, count=before + 1)
    text = _bodies(mail, address, before)[0]
    assert "new device" in new_device["Subject"] and "Chrome, Android" in text
    assert "http" not in text  # no link to click in a security notice

    changed = await client.post(
        "/api/auth/password",
        json={"current_password": PASSWORD, "new_password": "a brand new passphrase"},
    )
    assert changed.status_code == 200, changed.text
    await mail.wait_for(address, count=before + 2)
    assert "password was changed" in _bodies(mail, address, before)[1]


async def test_v2_2_3_turning_the_second_factor_on_and_off_is_told(
    client: ApiClient, mail: Inbox
) -> None:
    address = "medecin@example.org"
    await make_user(client.app, "clinician", address)
    await client.login_ok(address)
    before = len(mail.to(address))
    secret = (await client.post("/api/auth/totp/setup")).json()["secret"]
    totp = pyotp.TOTP(secret)
    assert (await client.post("/api/auth/totp/enable", json={"code": totp.now()})).is_success
    await mail.wait_for(address, count=before + 1)
    assert "second facteur" in _bodies(mail, address, before)[0]
    # The code of the next step (each works once).
    code = totp.at(int(time.time()) + 30)
    off = await client.post("/api/auth/totp/disable", json={"password": PASSWORD, "code": code})
    assert off.status_code == 200, off.text
    await mail.wait_for(address, count=before + 2)
    assert "désactivé" in _bodies(mail, address, before)[1]
