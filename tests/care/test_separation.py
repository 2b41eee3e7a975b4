"""Administration and care kept apart: an administrator runs the teams but joins none, and reads
no clinical data, even through a membership made before this rule."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais import db
from relais.care.tables import TeamMember
from relais.migrations.relais_2026_12_07t14_00_00_000000 import REMOVE
from tests.exports.support import checkin
from tests.helpers import make_user
from tests.world import World, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def test_an_administrator_cannot_join_a_care_team(world: World) -> None:
    admin, team = world["admin"], world.ids["team_a"]
    me = world.ids["admin@w.test"]
    for body in ({"user_id": me, "role": "physician"}, {"email": "admin@w.test", "role": "gp"}):
        refused = await admin.post(f"/api/teams/{team}/members", json=body)
        assert refused.status_code == 403, refused.text
        assert refused.json()["code"] == "admin-not-in-care-team"
    french = await admin.post(
        f"/api/teams/{team}/members?lang=fr", json={"user_id": me, "role": "physician"}
    )
    assert "administrateur ne peut pas rejoindre" in french.text
    members = (await admin.get(f"/api/teams/{team}")).json()["members"]
    assert me not in str(members)
    # Nor another administrator, by id or by email.
    other = await make_user(world.app, "admin", "admin2@w.test")
    for body in (
        {"user_id": str(other.id), "role": "physician"},
        {"email": "admin2@w.test", "role": "gp", "is_lead": True},
    ):
        refused = await admin.post(f"/api/teams/{team}/members", json=body)
        assert refused.status_code == 403 and refused.json()["code"] == "admin-not-in-care-team"
    # A lead cannot bring an administrator in either.
    lead = await world["clin_a"].post(
        f"/api/teams/{team}/members", json={"user_id": me, "role": "physician"}
    )
    assert lead.status_code == 403


async def test_an_old_membership_gives_an_administrator_nothing(world: World) -> None:
    admin, team, pid = world["admin"], world.ids["team_a"], world.ids["patient"]
    await world["patient"].post(
        f"/api/patients/{pid}/checkins",
        json=checkin(1, vitals={"temperature": 36.8, "spo2": 85, "heart_rate": 72}),
    )
    # As a deployment from before the rule could hold.
    await TeamMember.insert(
        TeamMember(team=team, user=world.ids["admin@w.test"], role="physician", is_lead=False)
    )
    assert (await admin.get(f"/api/patients/{pid}")).status_code == 404
    assert (await admin.get(f"/api/patients/{pid}/checkins")).status_code == 404
    assert (await admin.get("/api/alerts")).json() == []
    assert (await admin.get(f"/api/teams/{team}/console")).status_code == 404
    assert (await admin.get(f"/api/teams/{team}/notes")).status_code == 404
    # The migration's statement removes such memberships (the database has run it already).
    await db.fetch(REMOVE)
    left = await TeamMember.count().where(TeamMember.user == world.ids["admin@w.test"])
    assert left == 0
    assert (await world["clin_a"].get("/api/alerts")).json() != []


async def test_a_care_team_member_is_not_made_an_administrator(world: World) -> None:
    admin, team = world["admin"], world.ids["team_a"]
    clin = world.ids["clin.a@w.test"]
    refused = await admin.patch(
        f"/api/admin/users/{clin}", json={"role": "admin"}, headers={"x-relais-lang": "en"}
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "admin-role-in-care-team"
    assert "member of 1 care team" in refused.json()["detail"]
    assert (await world["clin_a"].get("/api/auth/me")).json()["role"] == "clinician"
    # Out of every team (another lead first: a team keeps one), the role can be given.
    other = world.ids["clin.b@w.test"]
    added = await admin.post(
        f"/api/teams/{team}/members", json={"user_id": other, "role": "physician", "is_lead": True}
    )
    assert added.status_code == 201, added.text
    assert (await admin.delete(f"/api/teams/{team}/members/{clin}")).status_code == 200
    made = await admin.patch(f"/api/admin/users/{clin}", json={"role": "admin"})
    assert made.status_code == 200, made.text
    # And, an administrator now, they join no team.
    again = await admin.post(
        f"/api/teams/{team}/members", json={"user_id": clin, "role": "physician"}
    )
    assert again.status_code == 403 and again.json()["code"] == "admin-not-in-care-team"


async def test_a_team_is_created_with_its_lead_or_not_at_all(world: World) -> None:
    admin = world["admin"]
    clin = world.ids["clin.b@w.test"]
    made = await admin.post(
        "/api/teams",
        json={
            "name": "Soins de suite",
            "kind": "coordination",
            "phone": "01 23 45 67 89",
            "lead_user_id": clin,
            "lead_role": "coordinating_nurse",
        },
    )
    assert made.status_code == 201, made.text
    [lead] = made.json()["members"]
    assert lead["user_id"] == clin and lead["is_lead"] is True
    assert lead["role"] == "coordinating_nurse"
    # The lead runs it at once.
    team = made.json()["id"]
    assert (await world["clin_b"].get(f"/api/teams/{team}")).status_code == 200

    before = len((await admin.get("/api/teams")).json())
    jean = str((await make_user(world.app, "patient", "jean.seul@w.test")).id)
    for lead_id, status, code in (
        (world.ids["admin@w.test"], 403, "admin-not-in-care-team"),
        (jean, 400, "not-staff"),
        ("00000000-0000-4000-8000-000000000000", 404, "user-not-found"),
    ):
        refused = await admin.post(
            "/api/teams", json={"name": "Sans chef", "kind": "gp_practice", "lead_user_id": lead_id}
        )
        assert refused.status_code == status, refused.text
        assert refused.json()["code"] == code
    # Nothing was left half made.
    assert len((await admin.get("/api/teams")).json()) == before
