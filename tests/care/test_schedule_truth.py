"""Home and the agenda say the truth: a check-in made today completes today's item whatever the
hour; a past item not done is "missed" (never late for ever); "late" is only today's item once its
time has passed; a questionnaire is completed by its own answers, not the day's check-in."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from relais.care.schedule import status_of
from tests.checkins.test_checkins import GREEN_ANSWERS, GREEN_VITALS
from tests.world import World, adult_patient, world_fixture

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


def _paris(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS).astimezone(dt.UTC)


def test_a_status_is_late_only_for_todays_item_and_missed_once_its_window_closes() -> None:
    day = dt.date(2026, 12, 7)
    nine, tomorrow_nine = _paris(day, 9), _paris(day + dt.timedelta(days=1), 9)
    yesterday_nine = _paris(day - dt.timedelta(days=1), 9)

    def shown(due: dt.datetime, end: dt.datetime, now: dt.datetime, status: str = "due") -> str:
        return status_of(status, due, end, now, "Europe/Paris")

    assert shown(nine, tomorrow_nine, _paris(day, 8)) == "due"  # its time has not come
    assert shown(nine, tomorrow_nine, _paris(day, 9, 30)) == "late"
    assert shown(nine, tomorrow_nine, _paris(day, 23, 50)) == "late"
    # Yesterday's item, still open until 09:00: due, not late; then missed, for good.
    assert shown(yesterday_nine, nine, _paris(day, 8)) == "due"
    assert shown(yesterday_nine, nine, _paris(day, 9)) == "missed"
    assert shown(yesterday_nine, nine, _paris(day + dt.timedelta(days=20), 9)) == "missed"
    # An item with a window of days stays due after its first day, then is missed.
    week_end = _paris(day + dt.timedelta(days=3), 0)
    assert shown(nine, week_end, _paris(day + dt.timedelta(days=1), 10)) == "due"
    assert shown(nine, week_end, week_end) == "missed"
    assert shown(nine, tomorrow_nine, _paris(day, 10), "done") == "done"
    # Midnight in Paris is not midnight in UTC: the day is the person's.
    assert shown(_paris(day, 0, 30), tomorrow_nine, _paris(day, 0, 45)) == "late"
    # 09:00 in Paris is 19:00 in Nouméa; at 23:30 in Paris it is the next morning there.
    assert status_of("due", nine, tomorrow_nine, _paris(day, 23, 30), "Pacific/Noumea") == "due"


def _early_today(now: dt.datetime) -> dt.datetime:
    """A time early this morning in Paris (before the 09:00 check-in), in the past."""
    start = dt.datetime.combine(now.astimezone(PARIS).date(), dt.time(0), tzinfo=PARIS)
    return min(start + dt.timedelta(minutes=30), now - dt.timedelta(minutes=1))


async def test_a_checkin_made_early_completes_todays_item_and_past_days_are_missed(
    world: World,
) -> None:
    pid = world.ids["patient"]  # ten days after discharge, no check-in yet
    now = dt.datetime.now(dt.UTC)
    taken = _early_today(now)
    body = {
        "id": str(uuid.uuid4()),
        "taken_at": taken.isoformat(),
        "answers": dict(GREEN_ANSWERS),
        "vitals": dict(GREEN_VITALS),
    }
    assert (
        await world["patient"].post(f"/api/patients/{pid}/checkins", json=body)
    ).status_code == 201
    sched = (await world["patient"].get(f"/api/patients/{pid}/schedule")).json()
    today = now.astimezone(PARIS).date()
    daily = [i for i in sched if i["plan_item_id"] == "daily_checkin"]

    def day_of(item: dict[str, Any]) -> dt.date:
        return dt.datetime.fromisoformat(item["due_at"]).astimezone(PARIS).date()

    todays = [i for i in daily if day_of(i) == today]
    assert [i["status"] for i in todays] == ["done"]
    past = [i for i in daily if day_of(i) < today - dt.timedelta(days=1)]
    assert len(past) >= 8 and {i["status"] for i in past} == {"missed"}
    assert not [i for i in sched if i["status"] == "late"]  # today's is done; no other is late
    home = (await world["patient"].get(f"/api/patients/{pid}/today")).json()
    assert all(i["plan_item_id"] != "daily_checkin" or day_of(i) > today for i in home["due"])
    # The missed ones of the last week are told apart; the team still sees every one of them.
    assert {i["status"] for i in home["missed"]} == {"missed"} and len(home["missed"]) >= 6
    team = (await world["clin_a"].get(f"/api/patients/{pid}/schedule")).json()
    assert sum(i["status"] == "missed" for i in team) == sum(i["status"] == "missed" for i in sched)


async def test_a_questionnaire_is_completed_by_its_own_answers(world: World) -> None:
    """29 days after discharge the 1-month mood questionnaire and the weekly check-in are both due.
    Answering PHQ-9 alone completes the questionnaire, not the check-in; the check-in's own
    questions complete the check-in."""
    clin = world["clin_a"]
    discharge = dt.date.today() - dt.timedelta(days=29)
    made = await clin.post(
        "/api/patients",
        json=adult_patient(
            world.ids["team_a"], given_name="Odile", discharge_date=discharge.isoformat()
        ),
    )
    assert made.status_code == 201, made.text
    pid = made.json()["id"]

    async def status(item_id: str) -> list[str]:
        sched = (await clin.get(f"/api/patients/{pid}/schedule")).json()
        now = dt.datetime.now(dt.UTC)
        return [
            i["status"]
            for i in sched
            if i["plan_item_id"] == item_id
            and dt.datetime.fromisoformat(i["due_at"]) <= now
            and dt.datetime.fromisoformat(i["window_end"]) > now - dt.timedelta(days=1)
        ]

    assert "due" in await status("screen_1m") or "late" in await status("screen_1m")
    weekly_before = await status("weekly_checkin")
    assert weekly_before and weekly_before[-1] in ("due", "late")
    phq9 = {
        "id": str(uuid.uuid4()),
        "taken_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat(),
        "answers": {f"phq9_{n}": 0 for n in range(1, 10)},
        "vitals": {},
    }
    assert (await clin.post(f"/api/patients/{pid}/checkins", json=phq9)).status_code == 201
    assert await status("screen_1m") == ["done"]
    assert await status("weekly_checkin") == weekly_before  # not the check-in
    daily = {
        "id": str(uuid.uuid4()),
        "taken_at": (dt.datetime.now(dt.UTC) - dt.timedelta(seconds=30)).isoformat(),
        "answers": dict(GREEN_ANSWERS),
        "vitals": dict(GREEN_VITALS),
    }
    assert (await clin.post(f"/api/patients/{pid}/checkins", json=daily)).status_code == 201
    assert (await status("weekly_checkin"))[-1] == "done"


async def test_a_checkin_moved_by_the_team_is_due_until_the_end_of_its_new_day(
    world: World,
) -> None:
    """Moved to 07:00 it is not missed at 22:00; moved to the evening it is not still due the next
    morning: its window ends with its day, in the person's zone."""
    pid, clin = world.ids["patient"], world["clin_a"]
    sched = (await clin.get(f"/api/patients/{pid}/schedule")).json()
    now = dt.datetime.now(dt.UTC)
    item = next(
        i for i in sched if i["kind"] == "checkin" and dt.datetime.fromisoformat(i["due_at"]) > now
    )
    for hour in (7, 21):
        day = (now + dt.timedelta(days=2)).astimezone(PARIS).date()
        moved = await clin.patch(
            f"/api/patients/{pid}/schedule/{item['id']}",
            json={"due_at": _paris(day, hour).isoformat(), "reason": "Away in the morning"},
        )
        assert moved.status_code == 200, moved.text
        end = dt.datetime.fromisoformat(moved.json()["window_end"])
        assert end == _paris(day + dt.timedelta(days=1), 0), (hour, end)
