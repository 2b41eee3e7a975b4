"""Dates and times at the ends of the calendar, from a phone's clock gone wrong or a slip of the
keyboard (year 1, year 9999), are refused with a 400 that names the field, on every route that
takes one: never a server error, nothing stored."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.care.tables import OnCallShift, Patient
from tests.world import World, adult_patient, world_fixture

EARLY = "0001-01-01T00:30:00+01:00"  # cannot be put in UTC
LATE = "9999-12-31T23:30:00-01:00"  # nor this one


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


def refused(resp: Any, field: str) -> None:
    assert resp.status_code == 400, resp.text
    body = resp.json()
    assert body["code"] == "validation"
    assert [e["field"] for e in body["errors"]] == [field], body
    assert "1900" in body["errors"][0]["message"] and "2199" in body["errors"][0]["message"]


async def test_out_of_range_times_are_refused_naming_the_field(world: World) -> None:
    clin, patient = world["clin_a"], world["patient"]
    pid, team = world.ids["patient"], world.ids["team_a"]
    user = world.ids["clin.a@w.test"]
    for bad in (EARLY, LATE):
        refused(
            await clin.post(
                f"/api/teams/{team}/on-call",
                json={"user_id": user, "starts_at": bad, "ends_at": LATE},
            ),
            "starts_at",
        )
        refused(
            await clin.put(f"/api/patients/{pid}/handover", json={"next_appointment_at": bad}),
            "next_appointment_at",
        )
        refused(
            await patient.post(f"/api/patients/{pid}/messages/read", json={"until": bad}),
            "until",
        )
        refused(
            await patient.post(
                f"/api/patients/{pid}/checkins",
                json={"id": str(uuid.uuid4()), "taken_at": bad, "answers": {}, "vitals": {}},
            ),
            "taken_at",
        )
    items = (await clin.get(f"/api/patients/{pid}/schedule")).json()
    refused(
        await clin.patch(
            f"/api/patients/{pid}/schedule/{items[0]['id']}",
            json={"due_at": EARLY, "reason": "slip"},
        ),
        "due_at",
    )
    refused(
        await clin.post(
            "/api/patients", json=adult_patient(team, given_name="Zoé", birth_date="0001-01-01")
        ),
        "birth_date",
    )
    assert await OnCallShift.count() == 0
    assert await Patient.count().where(Patient.given_name == "Zoé") == 0
