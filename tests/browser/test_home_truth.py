"""Home and the agenda say the truth, walked as Jean (10 days after sepsis) on a 360 px phone with
the largest text: the days he missed are told until he says he read them; today's check-in is due
at its time and late only after it; once done (even offline, still waiting on the phone) Home says
so with its time and the agenda lists it under "done", and nothing says late."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import PATIENT, Api
from tests.browser.phone import check_screen, phone
from tests.browser.test_pwa import TIMEOUT, do_checkin, sign_in, wait_for_worker

# What the screens show and say; the API tests run the same writes on both engines.
pytestmark = [pytest.mark.once]

PARIS = ZoneInfo("Europe/Paris")


def shot(page: Any, artifacts: Path, name: str) -> None:
    check_screen(page, artifacts, f"home-truth-{name}")


def test_missed_days_today_and_a_checkin_done_offline_on_home_and_the_agenda(
    browser: Any, server: str, api_as: Callable[[str], Api], artifacts: Path
) -> None:
    api = api_as(PATIENT)
    pid = api.circle()[0]["patient_id"]
    missed = api.get(f"/api/patients/{pid}/today")["missed"]
    assert missed, "the demo's Jean has days not done this week"

    context, page, problems = phone(browser, server, "en")
    sign_in(page, PATIENT)
    wait_for_worker(page)
    card = page.locator("[data-section=missed]")
    card.wait_for(timeout=TIMEOUT)
    assert card.locator("li").count() >= 1 and "Daily check-in" in card.inner_text()
    today_item = page.locator("li.due-item", has_text="Daily check-in")
    today_item.wait_for(timeout=TIMEOUT)
    assert "09:00" in today_item.inner_text()
    late = dt.datetime.now(PARIS).hour >= 9
    assert (today_item.locator(".tag", has_text="Late").count() == 1) == late
    # Yesterday's check-in, sent this morning, is not today's.
    assert page.locator("[data-state=checkin-done]").count() == 0
    shot(page, artifacts, "en-home-before")
    card.locator("[data-action=missed-seen]").click()
    assert card.count() == 0
    page.reload()
    page.locator("[data-action=worse]").wait_for(timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-section=missed]").count() == 0  # told until read, then no more

    # Offline: the check-in waits on the phone, and counts for today already.
    context.set_offline(True)
    page.reload()
    page.locator(".notice.offline").wait_for(timeout=TIMEOUT)
    do_checkin(page)
    page.locator(".status-waiting").wait_for(timeout=TIMEOUT)
    page.goto("/")
    done = page.locator("[data-state=checkin-done]")
    done.wait_for(timeout=TIMEOUT)
    assert "Daily check-in: done at" in done.inner_text()
    assert page.locator("li.due-item", has_text="Daily check-in").count() == 0
    assert page.locator(".tag", has_text="Late").count() == 0
    assert page.locator(".notice.waiting").inner_text().startswith("1 check-in waiting")
    shot(page, artifacts, "en-home-after-offline")
    page.goto("/schedule")
    done_list = page.locator("section[aria-labelledby='g-schedule.done'] li[data-item]")
    done_list.first.wait_for(timeout=TIMEOUT)
    assert page.locator("#g-schedule\\.late").count() == 0
    today = dt.datetime.now(PARIS).date()
    first_done = done_list.first.get_attribute("data-item")
    schedule = {i["id"]: i for i in api.get(f"/api/patients/{pid}/schedule")}
    assert (
        dt.datetime.fromisoformat(schedule[first_done]["due_at"]).astimezone(PARIS).date() == today
    )

    # Back online: sent once, and the server now says the same.
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.goto("/")
    page.locator("[data-state=checkin-done]").wait_for(timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    assert page.locator(".notice.waiting").count() == 0
    assert api.get(f"/api/patients/{pid}/schedule") and any(
        i["id"] == first_done and i["status"] == "done"
        for i in api.get(f"/api/patients/{pid}/schedule")
    )
    assert problems == []
    context.close()

    # The same day in French: done, its time, nothing late, the agenda's "Fait" first.
    context, page, problems = phone(browser, server, "fr")
    sign_in(page, PATIENT)
    done = page.locator("[data-state=checkin-done]")
    done.wait_for(timeout=TIMEOUT)
    assert "Point du jour : fait à" in done.inner_text()
    assert page.locator(".tag", has_text="En retard").count() == 0
    again = page.locator("[data-action=checkin]")
    assert "primary" not in (again.get_attribute("class") or "")  # possible, not urged
    shot(page, artifacts, "fr-home-after")
    page.goto("/schedule")
    page.locator("#g-schedule\\.done").wait_for(timeout=TIMEOUT)
    headings = page.locator("h2").all_inner_texts()
    assert headings.index("Fait") < headings.index("À venir"), headings
    shot(page, artifacts, "fr-agenda-after")
    assert problems == []
    context.close()
