"""Sensitive actions ask for the password again after 5 minutes (ASVS 4.0.3 V3.7.1): exports,
second-factor changes, a family member adding another, an invitation linked to the account
already open. Each test names the ASVS requirement it checks."""

from __future__ import annotations

import datetime as dt

from relais.accounts.tables import Session
from relais.audit.tables import AuditEvent
from tests.helpers import PASSWORD, ApiClient
from tests.world import World


async def _age_sessions(minutes: int) -> None:
    await Session.update(
        {Session.auth_at: Session.auth_at - dt.timedelta(minutes=minutes)}, force=True
    )


async def test_v3_7_1_an_export_asks_for_the_password_after_five_minutes(world: World) -> None:
    patient: ApiClient = world["patient"]
    url = f"/api/patients/{world.ids['patient']}/export/csv"
    assert (await patient.get(url)).status_code == 200
    fresh = (await patient.get("/api/auth/confirm")).json()
    assert fresh["confirmed_until"] and fresh["minutes"] == 5

    await _age_sessions(6)
    refused = await patient.get(url, headers={"x-relais-lang": "en"})
    assert refused.status_code == 403 and refused.json()["code"] == "reauth-needed"
    assert "password again" in refused.json()["detail"]
    assert (await patient.get("/api/auth/confirm")).json()["confirmed_until"] is None

    wrong = await patient.post("/api/auth/confirm", json={"password": "not the password"})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "password"
    right = await patient.post("/api/auth/confirm", json={"password": PASSWORD})
    assert right.status_code == 200, right.text
    assert (await patient.get(url)).status_code == 200
    actions = [r["outcome"] for r in await AuditEvent.select().where(
        AuditEvent.action == "auth.confirm")]  # fmt: skip
    assert actions == ["failure", "ok"]


async def test_v3_7_1_second_factor_changes_ask_for_the_password(world: World) -> None:
    clin = world["clin_a"]
    await _age_sessions(6)
    assert (await clin.post("/api/auth/totp/setup")).status_code == 403
    assert (await clin.post("/api/auth/confirm", json={"password": PASSWORD})).status_code == 200
    assert (await clin.post("/api/auth/totp/setup")).status_code == 200


async def test_v3_7_1_linking_an_invitation_to_the_open_account_asks_for_it(world: World) -> None:
    pid = world.ids["other_patient"]
    inv = (
        await world["clin_b"].post(
            f"/api/patients/{pid}/invitations", json={"kind": "proxy", "relationship": "child"}
        )
    ).json()
    proxy = world["proxy"]
    await _age_sessions(6)
    refused = await proxy.post("/api/invitations/accept", json={"code": inv["code"]})
    assert refused.status_code == 403 and refused.json()["code"] == "reauth-needed"
    assert (await proxy.post("/api/auth/confirm", json={"password": PASSWORD})).status_code == 200
    linked = await proxy.post("/api/invitations/accept", json={"code": inv["code"]})
    assert linked.status_code == 201, linked.text
