"""The administrator's screens' API: what the staff list says of each account, and changing a
staff account's role with its refusals (one's own role, the last administrator, a patient's
account, a password given too long ago)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from relais.accounts.routes import refuse_losing_last_admin
from relais.accounts.tables import Session, User
from relais.errors import Refusal
from tests.helpers import PASSWORD, ApiClient, make_user

EN = {"x-relais-lang": "en"}


async def _age_sessions(minutes: int) -> None:
    await Session.update(
        {Session.auth_at: Session.auth_at - dt.timedelta(minutes=minutes)}, force=True
    )


async def test_the_staff_list_says_set_up_pending_and_the_last_sign_in(
    client: ApiClient, make_client: Any
) -> None:
    await make_user(client.app, "admin", "chef@example.org")
    await make_user(client.app, "clinician", "ines@example.org")
    await make_user(client.app, "patient", "jean@example.org")
    await client.login_ok("chef@example.org")
    made = await client.post(
        "/api/admin/users",
        json={"email": "new@example.org", "display_name": "Nouvelle", "role": "clinician"},
    )
    assert made.status_code == 201, made.text
    async with make_client() as ines:
        await ines.login_ok("ines@example.org")
    listed = {u["email"]: u for u in (await client.get("/api/admin/users")).json()["users"]}
    assert set(listed) == {"chef@example.org", "ines@example.org", "new@example.org"}
    assert listed["new@example.org"]["setup_pending"] is True
    assert listed["new@example.org"]["last_sign_in_at"] is None
    assert listed["ines@example.org"]["setup_pending"] is False
    last = dt.datetime.fromisoformat(listed["ines@example.org"]["last_sign_in_at"])
    assert abs(dt.datetime.now(dt.UTC) - last) < dt.timedelta(minutes=1)
    assert listed["chef@example.org"]["last_sign_in_at"] is not None


async def test_an_administrator_changes_a_staff_role_and_the_sessions_end(
    client: ApiClient, make_client: Any
) -> None:
    await make_user(client.app, "admin", "chef@example.org")
    nurse = await make_user(client.app, "clinician", "ines@example.org")
    await client.login_ok("chef@example.org")
    async with make_client() as ines:
        await ines.login_ok("ines@example.org")
        up = await client.patch(f"/api/admin/users/{nurse.id}", json={"role": "admin"})
        assert up.status_code == 200, up.text
        assert up.json()["role"] == "admin" and up.json()["sessions"] == 0
        assert (await ines.get("/api/auth/me")).status_code == 401
        assert (await ines.login_ok("ines@example.org"))["role"] == "admin"
        down = await client.patch(f"/api/admin/users/{nurse.id}", json={"role": "clinician"})
        assert down.status_code == 200 and down.json()["role"] == "clinician"
        # Nothing but a staff role is given here.
        refused = await client.patch(f"/api/admin/users/{nurse.id}", json={"role": "patient"})
        assert refused.status_code == 400


async def test_a_role_change_is_refused_with_a_reason(client: ApiClient, make_client: Any) -> None:
    admin = await make_user(client.app, "admin", "chef@example.org")
    other = await make_user(client.app, "admin", "second@example.org")
    patient = await make_user(client.app, "patient", "jean@example.org")
    await client.login_ok("chef@example.org")
    own = await client.patch(f"/api/admin/users/{admin.id}", json={"role": "clinician"}, headers=EN)
    assert own.status_code == 409 and own.json()["code"] == "cannot-change-own-role"
    assert "your own role" in own.json()["detail"]
    french = await client.patch(f"/api/admin/users/{admin.id}", json={"role": "clinician"})
    assert "votre propre rôle" in french.json()["detail"]
    # A patient's account is not a staff account: as if it did not exist.
    assert (
        await client.patch(f"/api/admin/users/{patient.id}", json={"role": "clinician"})
    ).status_code == 404
    # A clinician is not allowed the route at all.
    await make_user(client.app, "clinician", "ines@example.org")
    async with make_client() as ines:
        await ines.login_ok("ines@example.org")
        assert (
            await ines.patch(f"/api/admin/users/{other.id}", json={"role": "clinician"})
        ).status_code == 403
    # Another administrator may be made a clinician; then I am the last one, and no one but me
    # could demote me (refused above): an administrator always remains.
    down = await client.patch(f"/api/admin/users/{other.id}", json={"role": "clinician"})
    assert down.status_code == 200, down.text


async def test_the_last_active_administrator_is_never_demoted(client: ApiClient) -> None:
    """Through the route, only reached when two administrators demote each other at once (one's
    own role is refused); the route's check, called alone."""
    alone = await make_user(client.app, "admin", "chef@example.org")
    off = await make_user(client.app, "admin", "parti@example.org")
    await User.update({User.is_active: False}).where(User.id == off.id)
    with pytest.raises(Refusal) as refused:
        await refuse_losing_last_admin(alone.id)
    assert refused.value.code == "last-administrator"
    await refuse_losing_last_admin(off.id)  # another one is active


async def test_a_role_change_asks_for_the_password_after_five_minutes(client: ApiClient) -> None:
    await make_user(client.app, "admin", "chef@example.org")
    nurse = await make_user(client.app, "clinician", "ines@example.org")
    await client.login_ok("chef@example.org")
    await _age_sessions(6)
    refused = await client.patch(f"/api/admin/users/{nurse.id}", json={"role": "admin"})
    assert refused.status_code == 403 and refused.json()["code"] == "reauth-needed"
    assert (await client.post("/api/auth/confirm", json={"password": PASSWORD})).status_code == 200
    assert (
        await client.patch(f"/api/admin/users/{nurse.id}", json={"role": "admin"})
    ).status_code == 200


async def test_a_second_factor_reset_and_a_new_administrator_ask_for_the_password(
    client: ApiClient,
) -> None:
    await make_user(client.app, "admin", "chef@example.org")
    nurse = await make_user(client.app, "clinician", "ines@example.org")
    await client.login_ok("chef@example.org")
    await _age_sessions(6)
    reset = await client.post(f"/api/admin/users/{nurse.id}/second-factor/reset")
    assert reset.status_code == 403 and reset.json()["code"] == "reauth-needed"
    new_admin = {"email": "root2@example.org", "display_name": "Root", "role": "admin"}
    made = await client.post("/api/admin/users", json=new_admin)
    assert made.status_code == 403 and made.json()["code"] == "reauth-needed"
    # A clinician's account is made without it (deactivation neither: it only takes away).
    clinician = {"email": "paul@example.org", "display_name": "Paul", "role": "clinician"}
    assert (await client.post("/api/admin/users", json=clinician)).status_code == 201
    assert (await client.post("/api/auth/confirm", json={"password": PASSWORD})).status_code == 200
    assert (
        await client.post(f"/api/admin/users/{nurse.id}/second-factor/reset")
    ).status_code == 200
    assert (await client.post("/api/admin/users", json=new_admin)).status_code == 201


async def test_an_account_is_created_with_its_rpps_number_once(client: ApiClient) -> None:
    """The professional identifier the hospital's OpenID provider may find the account by
    (docs/integration.md): listed, and never given to two accounts."""
    await make_user(client.app, "admin", "chef@example.org")
    await client.login_ok("chef@example.org")
    body = {"email": "ines@example.org", "display_name": "Inès", "role": "clinician"}
    made = await client.post("/api/admin/users", json={**body, "professional_id": "10101010101"})
    assert made.status_code == 201, made.text
    listed = {u["email"]: u for u in (await client.get("/api/admin/users")).json()["users"]}
    assert listed["ines@example.org"]["professional_id"] == "10101010101"
    assert listed["ines@example.org"]["provider_linked"] is False
    again = await client.post(
        "/api/admin/users",
        json={**body, "email": "other@example.org", "professional_id": "10101010101"},
        headers=EN,
    )
    assert again.status_code == 409
    assert again.json()["code"] == "professional-id-taken"
    assert again.json()["errors"][0]["field"] == "professional_id"
    bad = await client.post(
        "/api/admin/users", json={**body, "email": "x@example.org", "professional_id": "1 2"}
    )
    assert bad.status_code == 400
