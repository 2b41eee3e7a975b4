"""Every route with a team id is guarded by one of the team guards (derived from the application's
route table), and a clinician of another team is refused on each of them with nothing of the team
in the answer."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.access.teams import team_lead, team_member, team_reader
from tests.world import World, world_fixture

GUARDS = {team_member, team_reader, team_lead}
_FILL = {"int": "987654", "uuid": "00000000-0000-4000-8000-00000000beef", "str": "spo2"}


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


def team_routes(app: Any) -> list[tuple[str, str, Any]]:
    """(method, path, handler) of every route of the application that takes a team id."""
    out = []
    for route in app.routes:
        if "{team_id:uuid}" not in route.path:
            continue
        for handler in getattr(route, "route_handlers", []):
            for method in handler.http_methods - {"OPTIONS", "HEAD"}:
                out.append((method, route.path, handler))
    return out


def test_every_team_route_has_a_team_guard(app: Any) -> None:
    routes = team_routes(app)
    assert len(routes) >= 14
    unguarded = [f"{m} {p}" for m, p, h in routes if not GUARDS & set(h.resolve_guards())]
    assert unguarded == [], "routes with a team id and no team guard (relais.access.teams)"


async def test_a_clinician_of_another_team_is_refused_on_every_team_route(
    world: World, app: Any
) -> None:
    team = world.ids["team_a"]
    refused = 0
    for method, path, _ in team_routes(app):
        url = re.sub(
            r"\{([a-z_]+):(int|uuid|str)\}",
            lambda m: team if m[1] == "team_id" else _FILL[m[2]],
            path,
        )
        body = {} if method in ("POST", "PUT", "PATCH") else None
        resp = await world["clin_b"].request(method, url, json=body)
        assert resp.status_code == 404, (method, path, resp.status_code, resp.text)
        assert "Réanimation" not in resp.text, (method, path)
        refused += 1
    assert refused >= 14
