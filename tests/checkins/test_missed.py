"""A patient who stops checking in during the critical window gets the team's attention."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.alerts.tables import Alert
from relais.checkins.missed import scan_missed
from relais.db import utcnow
from tests.world import World, adult_patient, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def test_missed_checkins_in_the_critical_window_open_one_amber_alert(world: World) -> None:
    clin = world["clin_a"]
    today = dt.date.today()
    inside = await clin.post(
        "/api/patients",
        json=adult_patient(
            world.ids["team_a"],
            given_name="Fenêtre",
            plan_id="acute_infection_home",
            day1=(today - dt.timedelta(days=7)).isoformat(),
        ),
    )
    before = await clin.post(
        "/api/patients",
        json=adult_patient(
            world.ids["team_a"],
            given_name="Avant",
            plan_id="acute_infection_home",
            day1=(today - dt.timedelta(days=2)).isoformat(),
        ),
    )
    assert inside.status_code == before.status_code == 201
    library = world.app.state.content
    assert await scan_missed(library, utcnow()) == 1
    alerts = await Alert.select().where(Alert.kind == "missed")
    assert [str(a["patient"]) for a in alerts] == [inside.json()["id"]]
    assert alerts[0]["level"] == "amber" and alerts[0]["reasons"]
    # Running again does not pile up alerts.
    assert await scan_missed(library, utcnow()) == 0
    assert await Alert.count().where(Alert.kind == "missed") == 1


async def test_the_worker_runs_the_missed_checkin_scan_once_per_period(
    world: World, settings: Any
) -> None:
    from relais.worker import jobs

    today = dt.date.today()
    created = await world["clin_a"].post(
        "/api/patients",
        json=adult_patient(
            world.ids["team_a"],
            given_name="Silence",
            plan_id="acute_infection_home",
            day1=(today - dt.timedelta(days=7)).isoformat(),
        ),
    )
    assert created.status_code == 201, created.text
    now = utcnow()
    # Two workers tick at the same moment: one of them runs the scan.
    first = await jobs.run_due(jobs.default_jobs(), "worker-a", settings, now)
    second = await jobs.run_due(jobs.default_jobs(), "worker-b", settings, now)
    assert first.get("missed_checkins") == 1 and "missed_checkins" not in second
    alerts = await Alert.select().where(Alert.kind == "missed")
    assert [str(a["patient"]) for a in alerts] == [created.json()["id"]]
    # Not again before its period has passed; after it, the scan runs (and opens nothing new).
    later = await jobs.run_due(
        jobs.default_jobs(), "worker-a", settings, now + dt.timedelta(minutes=5)
    )
    assert "missed_checkins" not in later
    again = await jobs.run_due(
        jobs.default_jobs(), "worker-b", settings, now + dt.timedelta(minutes=16)
    )
    assert again.get("missed_checkins") == 0
    assert await Alert.count().where(Alert.kind == "missed") == 1
