"""Every patient-scoped route refuses every kind of outsider, and leaks nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.audit.tables import AuditEvent
from tests.access_matrix import ROUTES, app_patient_routes
from tests.world import World, world_fixture

OUTSIDERS = ["other_patient", "other_proxy", "scoped_proxy", "clin_b", "admin"]


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


def test_every_patient_route_of_the_application_is_in_the_matrix(app: Any) -> None:
    """Derived from the route table: a new route with a patient id needs its line in
    tests/access_matrix.py, and a line for a route that is gone fails too."""
    listed = {(r.method, r.path) for r in ROUTES}
    assert len(listed) == len(ROUTES), "a route is listed twice"
    served = app_patient_routes(app)
    assert len(served) >= 38
    assert served - listed == set(), "routes with no line in tests/access_matrix.py"
    assert listed - served == set(), "lines for routes the application does not serve"


async def test_outsiders_are_refused_everywhere(world: World) -> None:
    pid = world.ids["patient"]
    refused = 0
    for route in ROUTES:
        for who in OUTSIDERS:
            if who == "scoped_proxy" and route.need == "read":
                continue  # a family member with a link may see who the patient is
            client = world[who]
            resp = await client.request(route.method, route.url(pid), json=route.body)
            assert resp.status_code in (403, 404), (str(route), who, resp.status_code, resp.text)
            assert "Dupont" not in resp.text and "Lefèvre" not in resp.text, (str(route), who)
            refused += 1
    assert refused >= len(ROUTES) * 4
    denied = await AuditEvent.count().where(AuditEvent.outcome == "denied")
    assert denied >= refused - 5  # each refusal is written down (guards before policy aside)


async def test_insiders_get_through(world: World) -> None:
    pid = world.ids["patient"]
    for who in ("patient", "proxy", "clin_a"):
        resp = await world[who].get(f"/api/patients/{pid}")
        assert resp.status_code == 200, (who, resp.text)
        assert resp.json()["family_name"] == "Dupont"
    assert (await world["clin_a"].get(f"/api/patients/{pid}/handover")).status_code == 200


async def test_reads_are_audited(world: World) -> None:
    pid = world.ids["patient"]
    before = await AuditEvent.count().where(AuditEvent.action == "patient.read")
    await world["clin_a"].get(f"/api/patients/{pid}")
    rows = (
        await AuditEvent.select()
        .where(AuditEvent.action == "patient.read")
        .order_by(AuditEvent.id, ascending=False)
    )
    assert len(rows) == before + 1
    assert str(rows[0]["patient_id"]) == pid and rows[0]["actor_role"] == "clinician"
