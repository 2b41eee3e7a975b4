"""Patients get one push reminder for a due check-in, never during their quiet hours."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from litestar import Litestar

from relais import db
from relais.care.tables import ScheduleItem
from relais.notify.service import in_quiet_hours
from relais.notify.tables import Outbox
from relais.settings import Settings
from relais.worker.reminders import enqueue_due_reminders
from tests.alerts.world import (
    drain,
    make_world,
    running_worker,
    signed_in,
    subscribe,
    worker_settings,
)
from tests.pushsvc import PushService

pytestmark = [pytest.mark.pushsvc]


def test_quiet_hours_wrap_midnight_in_the_persons_time_zone() -> None:
    paris = ZoneInfo("Europe/Paris")
    at = lambda h, m=0: dt.datetime(2026, 11, 23, h, m, tzinfo=paris).astimezone(dt.UTC)  # noqa: E731
    night = (22 * 60, 7 * 60)
    assert in_quiet_hours(*night, at(23), "Europe/Paris")
    assert in_quiet_hours(*night, at(3), "Europe/Paris")
    assert not in_quiet_hours(*night, at(7), "Europe/Paris")
    assert not in_quiet_hours(*night, at(12), "Europe/Paris")
    assert in_quiet_hours(13 * 60, 14 * 60, at(13, 30), "Europe/Paris")
    assert not in_quiet_hours(None, None, at(3), "Europe/Paris")


async def test_a_due_check_in_is_reminded_once_outside_quiet_hours(
    app: Litestar, database: Settings, make_client: Any, push_service: PushService
) -> None:
    world = await make_world(app)
    async with signed_in(make_client, world.patient_user) as patient:
        sub = await subscribe(patient, push_service)
        now = db.utcnow()
        local = now.astimezone(ZoneInfo("Europe/Paris"))
        start = (local.hour * 60 + local.minute - 30) % 1440
        end = (start + 120) % 1440
        quiet = {"quiet_start": f"{start // 60:02d}:{start % 60:02d}",
                 "quiet_end": f"{end // 60:02d}:{end % 60:02d}"}  # fmt: skip
        resp = await patient.put("/api/push/preferences", json={"reminders": True, **quiet})
        assert resp.status_code == 200
        item = ScheduleItem(
            patient=world.patient_id,
            plan_id="p",
            plan_item_id="day1",
            kind="checkin",
            due_at=now - dt.timedelta(minutes=5),
            window_end=now + dt.timedelta(hours=6),
        )
        await item.save()
        assert await enqueue_due_reminders(now) == 0  # quiet now
        await patient.put("/api/push/preferences", json={"reminders": True})
    assert await enqueue_due_reminders(now) == 1
    assert await enqueue_due_reminders(now + dt.timedelta(minutes=1)) == 0  # once only
    async with running_worker(app, worker_settings(database)) as worker:
        await drain(worker)
    got = await push_service.messages(sub.client_hash)
    assert got == [
        {
            "type": "reminder",
            "id": str(item.id),
            "title": "Relais",
            "body": "Un suivi vous attend / A check-in is waiting",
        }
    ]
    await ScheduleItem.update({ScheduleItem.status: "done"}).where(ScheduleItem.id == item.id)
    assert await Outbox.count().where(Outbox.kind == "reminder") == 1
