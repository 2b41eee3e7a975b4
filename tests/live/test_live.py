"""The live channel: an alert opened by a check-in reaches the open consoles of its team within
2 seconds, on both engines, and nobody else's."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais import db
from relais.live.broker import BROKER, PG_CHANNEL
from tests.live.sse import open_stream
from tests.world import World, world_fixture

GREEN_ANSWERS = {
    "da_confusion": 0, "da_shivering": 0, "da_no_urine": 0, "da_breathless_severe": 0,
    "da_might_die": 0, "da_skin": 0, "da_worse": 0, "da_fever": 0,
}  # fmt: skip


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


def red_checkin() -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "taken_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat(),
        "answers": {**GREEN_ANSWERS, "da_confusion": 1},
        "vitals": {},
    }


async def test_a_red_checkin_reaches_the_teams_console_within_two_seconds(world: World) -> None:
    pid = world.ids["patient"]
    async with (
        open_stream(world.app, world["clin_a"]) as mine,
        open_stream(world.app, world["clin_b"]) as other,
    ):
        assert mine.status == 200 and other.status == 200
        await mine.wait_for(lambda s: "retry: 3000" in s.text)
        resp = await world["patient"].post(f"/api/patients/{pid}/checkins", json=red_checkin())
        assert resp.status_code == 201 and resp.json()["level"] == "red"
        alert_id = resp.json()["alert"]["id"]
        took = await mine.wait_for(lambda s: bool(s.of("alert")), timeout=2.0)
        assert took < 2.0
        (event,) = mine.of("alert")
        assert event == {
            "id": alert_id,
            "patient_id": pid,
            "team_id": world.ids["team_a"],
            "level": "red",
            "state": "open",
            "escalation_step": 0,
            "checkins": 1,
        }
        # Nothing else: no name, no answers, no reasons.
        assert "Dupont" not in mine.text and "confusion" not in mine.text

        ack = await world["clin_a"].post(f"/api/alerts/{alert_id}/acknowledge")
        assert ack.status_code == 200
        await mine.wait_for(lambda s: len(s.of("alert")) == 2)
        assert mine.of("alert")[-1]["state"] == "acknowledged"

        res = await world["clin_a"].post(
            f"/api/alerts/{alert_id}/resolve",
            json={"outcome": "called_patient", "note": "called back"},
        )
        assert res.status_code == 200
        await mine.wait_for(lambda s: len(s.of("alert")) == 3)
        assert mine.of("alert")[-1]["state"] == "resolved"
        assert other.of("alert") == []
    assert not BROKER.subscribers


async def test_heartbeat_and_retry(world: World) -> None:
    world.app.state.live_heartbeat_s = 0.2
    try:
        async with open_stream(world.app, world["clin_a"]) as stream:
            await stream.wait_for(lambda s: ": heartbeat" in s.text, timeout=2.0)
            assert stream.text.startswith("event: ready") and "retry: 3000" in stream.text
    finally:
        del world.app.state.live_heartbeat_s


async def test_only_staff_may_listen(world: World) -> None:
    for who in ("patient", "proxy"):
        resp = await world[who].get("/api/live")
        assert resp.status_code == 403, (who, resp.status_code)


async def test_events_from_another_process_arrive(world: World) -> None:
    """On PostgreSQL, a NOTIFY sent by any other connection (another worker process) is relayed."""
    if not db.is_postgres():
        pytest.skip("cross-process delivery is PostgreSQL's LISTEN/NOTIFY")
    import asyncpg

    async with open_stream(world.app, world["clin_a"]) as stream:
        conn = await asyncpg.connect(**db.postgres_config(world.app.state.settings.database_url))
        try:
            event = {"type": "alert", "id": str(uuid.uuid4()), "team_id": world.ids["team_a"],
                     "patient_id": world.ids["patient"], "level": "amber", "state": "open",
                     "escalation_step": 1}  # fmt: skip
            await conn.execute("SELECT pg_notify($1, $2)", PG_CHANNEL, json.dumps(event))
        finally:
            await conn.close()
        await stream.wait_for(lambda s: bool(s.of("alert")), timeout=2.0)
        assert stream.of("alert")[0]["escalation_step"] == 1


async def test_events_wait_for_the_commit_and_vanish_with_a_rollback(database: Any) -> None:
    """A console told of a change must be able to read it: no event before the commit."""
    from relais.live.broker import publish

    team = uuid.uuid4()
    sub = await BROKER.subscribe([team], database.database_url)
    try:
        async with db.transaction():
            await publish("alert", {"id": uuid.uuid4(), "team_id": team})
            if not db.is_postgres():
                assert sub.queue.empty()  # not yet committed
        event = await asyncio.wait_for(sub.queue.get(), timeout=2)
        assert event["type"] == "alert"
        try:
            async with db.transaction():
                await publish("alert", {"id": uuid.uuid4(), "team_id": team})
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        # A change committed after it: had the rolled-back event gone out, it would come first.
        later = uuid.uuid4()
        async with db.transaction():
            await publish("alert", {"id": later, "team_id": team})
        event = await asyncio.wait_for(sub.queue.get(), timeout=2)
        assert event["id"] == str(later), "an event went out for a change that was rolled back"
        assert sub.queue.empty()
    finally:
        await BROKER.unsubscribe(sub)
