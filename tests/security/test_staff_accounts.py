"""Staff accounts: created with a one-time set-up link the administrator never sees, and a second
factor before anything else where the deployment requires it (ASVS 4.0.3 V2.3.1, V2.5.1, V4.3.1,
V2.8.4). Each test names the ASVS requirement it checks."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pyotp

from relais.accounts.tables import User
from relais.app import create_app
from tests.helpers import PASSWORD, ApiClient, make_user
from tests.smtp import Inbox

LINK = re.compile(r"(http\S+/reset-password#token=([\w-]+)&setup=1)")


async def test_v2_3_1_a_staff_account_gets_its_password_from_a_one_time_link(
    client: ApiClient, make_client: Any, mail: Inbox
) -> None:
    await make_user(client.app, "admin", "chef@example.org")
    await client.login_ok("chef@example.org")
    made = await client.post(
        "/api/admin/users",
        json={"email": "Infirmiere@Example.org", "display_name": "Inès", "role": "clinician"},
    )
    assert made.status_code == 201, made.text
    assert made.json()["setup_link_sent"] is True
    [sent] = await mail.wait_for("infirmiere@example.org")
    body = sent.get_payload(decode=True).decode()
    _link, token = LINK.search(body).groups()  # type: ignore[union-attr]
    assert "Inès" in body and "72" in body
    # The administrator's answer holds neither a password nor the link.
    assert token not in made.text and "password" not in made.json()["user"]

    async with make_client("192.0.2.30") as ines:
        # Before the link is used, no password opens the account.
        assert (await ines.login("infirmiere@example.org", "")).status_code in (400, 401)
        stored = await User.select(User.password_hash).where(User.email == "infirmiere@example.org")
        assert not stored[0]["password_hash"].startswith("$argon2")
        done = await ines.post(
            "/api/auth/password-reset/confirm", json={"token": token, "new_password": PASSWORD}
        )
        assert done.status_code == 200, done.text
        assert (await ines.login("infirmiere@example.org")).status_code == 200
        again = await ines.post(
            "/api/auth/password-reset/confirm",
            json={"token": token, "new_password": "another long passphrase"},
        )
        assert again.status_code == 400


async def test_v4_3_1_staff_turn_on_a_second_factor_before_anything_else(
    migrated: Any, database: Any
) -> None:
    required = dataclasses.replace(migrated, staff_second_factor="required")
    app = create_app(required, manage_db=False)
    await make_user(app, "clinician", "garde@example.org")
    await make_user(app, "patient", "jean@example.org")
    async with ApiClient.open(app) as doctor, ApiClient.open(app) as patient:
        me = await doctor.login_ok("garde@example.org")
        assert me["second_factor_needed"] is True
        refused = await doctor.get("/api/alerts")
        assert refused.status_code == 403 and refused.json()["code"] == "second-factor-needed"
        made = await doctor.post("/api/teams", json={"name": "X", "kind": "hospital_service"})
        assert made.status_code == 403
        # Patients are not asked for one.
        assert (await patient.login_ok("jean@example.org"))["second_factor_needed"] is False

        setup = (await doctor.post("/api/auth/totp/setup")).json()
        code = pyotp.TOTP(setup["secret"]).now()
        assert (await doctor.post("/api/auth/totp/enable", json={"code": code})).status_code == 200
        assert (await doctor.get("/api/auth/me")).json()["second_factor_needed"] is False
        assert (await doctor.get("/api/alerts")).status_code == 200
