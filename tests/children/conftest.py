"""A child's care circle built through the real API: a team with a paediatrician, a child enrolled
on the child post-sepsis plan, two parents (proxies who log), a relative who may only see who the
child is, and a clinician of another team."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import pytest

from tests.helpers import make_user
from tests.world import World, _invite_and_accept, local_today

BIRTH_DAYS_AGO = 400  # about 13 months: the 12-month check is due


def child_patient(team_id: str, **over: Any) -> dict[str, Any]:
    today = local_today()
    return {
        "given_name": "Lina",
        "family_name": "Martin",
        "birth_date": (today - dt.timedelta(days=BIRTH_DAYS_AGO)).isoformat(),
        "sex_at_birth": "female",
        "gestational_weeks": 39,
        "discharge_date": (today - dt.timedelta(days=10)).isoformat(),
        "plan_id": "child_post_sepsis",
        "team_ids": [team_id],
        **over,
    }


async def build_family(app: Any, stack: AsyncExitStack, open_client: Any) -> World:
    world = World(app)

    async def client(name: str) -> Any:
        c = await stack.enter_async_context(open_client())
        world.clients[name] = c
        return c

    for role, email in [
        ("admin", "admin@c.test"),
        ("clinician", "paed@c.test"),
        ("clinician", "other@c.test"),
    ]:
        user = await make_user(app, role, email)
        world.ids[email] = str(user.id)
    admin = await client("admin")
    await admin.login_ok("admin@c.test")
    for key, clin in (("team", "paed@c.test"), ("other_team", "other@c.test")):
        team = await admin.post(
            "/api/teams", json={"name": key, "kind": "hospital_service", "phone": "01 02 03 04 05"}
        )
        assert team.status_code == 201, team.text
        world.ids[key] = team.json()["id"]
        added = await admin.post(
            f"/api/teams/{world.ids[key]}/members",
            json={"user_id": world.ids[clin], "role": "paediatrician", "is_lead": True},
        )
        assert added.status_code == 201, added.text
    paed = await client("paed")
    await paed.login_ok("paed@c.test")
    other = await client("other_clin")
    await other.login_ok("other@c.test")
    p = await paed.post("/api/patients", json=child_patient(world.ids["team"]))
    assert p.status_code == 201, p.text
    pid = world.ids["child"] = p.json()["id"]
    for name, email, extra in (
        ("mother", "mere@c.test", {}),
        ("father", "pere@c.test", {}),
        (
            "aunt",
            "tante@c.test",
            {"can_log": False, "can_read_results": False, "can_read_messages": False},
        ),
    ):
        await _invite_and_accept(
            paed,
            await client(name),
            pid,
            email,
            name,
            kind="proxy",
            relationship="parent" if name != "aunt" else "other",
            **extra,
        )
    return world


@pytest.fixture
async def family(app: Any, make_client: Any) -> AsyncIterator[World]:
    async with AsyncExitStack() as stack:
        yield await build_family(app, stack, make_client)
