"""A team's daily amber digest: off by default; when on, an amber alert pushes no one, and once a
day each member gets one neutral notification with how many alerts wait (push through a real push
service, email through a real SMTP server for those with no device). Red is never digested, a
rise to red pushes at once, escalation counts from the digest, and one digest goes per team per
day whatever the workers do."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from litestar import Litestar

from relais import db
from relais.alerts.digest import send_due_digests
from relais.alerts.escalation import next_digest
from relais.alerts.service import open_episode, repeat_alert
from relais.alerts.tables import Alert
from relais.care.tables import Team
from relais.db import raw
from relais.notify.tables import Outbox
from relais.settings import Settings
from tests.alerts.world import (
    World,
    drain,
    make_world,
    open_test_alert,
    running_worker,
    signed_in,
    subscribe,
    worker_settings,
)
from tests.notify.test_delivery import assert_neutral
from tests.pushsvc import PushService
from tests.smtp import smtp_server

pytestmark = [pytest.mark.pushsvc]

DIGEST_AT = "08:00"


async def _digest_on(world: World, make_client: Any) -> None:
    """The team's lead (the doctor) turns the digest on from the team settings."""
    async with signed_in(make_client, world.doctor) as lead:
        resp = await lead.patch(
            f"/api/teams/{world.team_id}",
            json={"amber_digest_at": DIGEST_AT, "timezone": "Europe/Paris"},
        )
        assert resp.status_code == 200, resp.text
        assert (resp.json()["amber_digest_at"], resp.json()["timezone"]) == (
            DIGEST_AT,
            "Europe/Paris",
        )


async def _staff_rows(kind: str) -> list[dict[str, Any]]:
    return list(await Outbox.select().where(Outbox.kind == kind))


async def test_the_digest_is_off_by_default_and_set_by_the_lead_only(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.nurse) as nurse:
        team = (await nurse.get(f"/api/teams/{world.team_id}")).json()
        assert (team["amber_digest_at"], team["amber_digest_day"]) == ("", None)
        on = {"amber_digest_at": "08:00"}
        refused = await nurse.patch(f"/api/teams/{world.team_id}", json=on)
        assert refused.status_code == 403
    async with signed_in(make_client, world.doctor) as lead:
        for bad in ({"amber_digest_at": "25:00"}, {"amber_digest_at": "8h"}):
            assert (await lead.patch(f"/api/teams/{world.team_id}", json=bad)).status_code == 400
        zone = await lead.patch(f"/api/teams/{world.team_id}", json={"timezone": "Mars/Olympus"})
        assert zone.status_code == 400 and "timezone" in zone.text
    # Off: an amber alert pushes the day team at once, as it always did.
    await open_test_alert(world, level="amber")
    assert {r["user"] for r in await _staff_rows("alert")} == {world.nurse.id, world.doctor.id}


async def test_amber_waits_for_one_neutral_digest_by_push_and_email(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    await _digest_on(world, make_client)
    async with signed_in(make_client, world.nurse) as nurse:
        sub = await subscribe(nurse, push_service)
    now = db.utcnow()
    first = await open_test_alert(world, level="amber", now=now)
    await open_test_alert(world, level="amber", now=now)
    # No push of its own: nothing in the outbox for the team.
    assert await _staff_rows("alert") == []
    # Its escalation counts from the digest that announces it, not from its opening.
    digest_at = next_digest(DIGEST_AT, "Europe/Paris", now)
    alert = await Alert.select().where(Alert.id == first).first()
    assert alert is not None
    assert db.as_utc(alert["next_escalation_at"]) == digest_at + dt.timedelta(minutes=240)

    # A minute before the digest's time: nothing goes.
    assert await send_due_digests(digest_at - dt.timedelta(minutes=1)) == {"teams": 0, "alerts": 0}
    at = digest_at + dt.timedelta(minutes=1)
    with smtp_server() as inbox:
        async with running_worker(app, worker_settings(database, inbox.port)) as worker:
            assert await send_due_digests(at) == {"teams": 1, "alerts": 2}
            await drain(worker, now=at)
    raw_push = await push_service.raw_messages(sub.client_hash)
    assert len(raw_push) == 1
    assert_neutral(raw_push[0])
    got = (await push_service.messages(sub.client_hash))[0]
    assert got == {
        "type": "digest",
        "id": str(world.team_id),
        "title": "Relais",
        "body": "Résumé du jour : 2 alertes à voir / Daily digest: 2 alerts to see",
    }
    # Every member of the team without a device gets it by email, as neutral.
    for member in (world.doctor, world.referent, world.social):
        mails = inbox.to(member.email)
        assert len(mails) == 1, member.email
        assert_neutral(mails[0]["Subject"] + mails[0].get_payload())
        assert "2 alerts to see" in mails[0]["Subject"]
    assert not inbox.to(world.nurse.email) and not inbox.to(world.outsider.email)
    team = await Team.select(Team.amber_digest_day).where(Team.id == world.team_id).first()
    assert team is not None and str(team["amber_digest_day"]) == str(
        at.astimezone(ZoneInfo("Europe/Paris")).date()
    )


async def test_red_and_a_rise_to_red_push_at_once_with_the_digest_on(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    world = await make_world(app)
    await _digest_on(world, make_client)
    red = await open_test_alert(world, level="red")
    assert {r["user"] for r in await _staff_rows("alert") if r["ref_id"] == red} == {
        world.nurse.id,
        world.doctor.id,
    }
    # Close the red alert, then an amber episode that rises to red: pushed at once.
    await Alert.update({Alert.state: "resolved"}).where(Alert.id == red)
    amber = await open_test_alert(world, level="amber")
    assert [r for r in await _staff_rows("alert") if r["ref_id"] == amber] == []
    episode = await open_episode(world.patient_id, world.team_id, "checkin")
    assert episode is not None
    now = db.utcnow()
    rise = await repeat_alert(
        episode, team_id=world.team_id, level="red", reasons=["r_red"], urgent=True,
        checkin_id=uuid.uuid4(), now=now,
    )  # fmt: skip
    async with db.transaction():
        await raw.together(*rise.writes)
    rows = [r for r in await _staff_rows("alert") if r["ref_id"] == amber]
    assert {r["user"] for r in rows} == {world.nurse.id, world.doctor.id}
    assert {r["urgency"] for r in rows} == {"high"}
    raised = await Alert.select().where(Alert.id == amber).first()
    assert raised is not None and raised["level"] == "red"
    assert db.as_utc(raised["next_escalation_at"]) == now + dt.timedelta(minutes=5)


async def test_one_digest_per_team_per_day_across_workers_and_restarts(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    world = await make_world(app)
    await _digest_on(world, make_client)
    now = db.utcnow()
    await open_test_alert(world, level="amber", now=now)
    at = next_digest(DIGEST_AT, "Europe/Paris", now) + dt.timedelta(minutes=2)
    # Two workers at the same moment: one digest.
    both = await asyncio.gather(send_due_digests(at), send_due_digests(at))
    assert sorted(b["teams"] for b in both) == [0, 1]
    # A worker started again later that day: nothing more.
    assert await send_due_digests(at + dt.timedelta(hours=3)) == {"teams": 0, "alerts": 0}
    assert len(await _staff_rows("digest")) == 4  # one per active member
    # The next day: the next digest.
    assert (await send_due_digests(at + dt.timedelta(days=1)))["teams"] == 1
    assert len(await _staff_rows("digest")) == 8


async def test_no_digest_notification_when_no_amber_alert_waits(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    world = await make_world(app)
    await _digest_on(world, make_client)
    red = await open_test_alert(world, level="red")  # red waits, but is never in the digest
    at = next_digest(DIGEST_AT, "Europe/Paris", db.utcnow()) + dt.timedelta(minutes=1)
    assert await send_due_digests(at) == {"teams": 1, "alerts": 0}
    assert await _staff_rows("digest") == []
    assert red


async def test_the_worker_sends_the_digest_as_one_of_its_periodic_jobs(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    world = await make_world(app)
    await _digest_on(world, make_client)
    now = db.utcnow()
    await open_test_alert(world, level="amber", now=now)
    at = next_digest(DIGEST_AT, "Europe/Paris", now) + dt.timedelta(minutes=1)
    async with running_worker(app, worker_settings(database)) as worker:
        await worker.run_once(at - dt.timedelta(minutes=2))  # before its time: nothing
        assert await _staff_rows("digest") == []
    # A worker started again (its jobs' first tick comes at once), at the digest's time.
    async with running_worker(app, worker_settings(database)) as worker:
        await worker.run_once(at)
    assert {r["user"] for r in await _staff_rows("digest")} == {
        world.nurse.id,
        world.doctor.id,
        world.referent.id,
        world.social.id,
    }
