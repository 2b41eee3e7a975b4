"""Sophie answered Gabriel's development check with two "not sure": the app asked her to watch
and come back. A week later (360 px, largest text) she finds the check with every answer she
gave, answers the two in the app, and sees them marked as answered later; the team's review
gets them. Then in English, the same check reads in English."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import NURSE, PARENT, Api
from tests.browser.phone import check_screen, phone
from tests.browser.test_pwa import TIMEOUT, sign_in

# What the screens show and say; the API tests run the same writes on both engines.
pytestmark = [pytest.mark.once]


def shot(page: Any, artifacts: Path, name: str) -> None:
    check_screen(page, artifacts, f"dev-later-{name}")


def open_development(page: Any) -> None:
    sign_in(page, PARENT)
    page.locator(".switcher button", has_text="Gabriel").click()
    page.locator("h1", has_text="Gabriel").wait_for(timeout=TIMEOUT)
    page.locator("a[data-child=development]").click()


def test_not_sure_answers_completed_a_week_later(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    api = api_as(PARENT)
    pid = next(p["patient_id"] for p in api.circle() if p["given_name"] == "Gabriel")
    due = api.get(f"/api/patients/{pid}/development")["due"]
    first, second, *rest = [m["id"] for m in due["milestones"]]
    answers = {first: "not_sure", second: "not_sure", **{m: "yes" for m in rest}}
    answered_at = (dt.datetime.now(dt.UTC) - dt.timedelta(days=7)).isoformat()
    body = {
        "id": str(uuid.uuid4()),
        "check_id": due["id"],
        "answered_at": answered_at,
        "answers": answers,
    }
    sent = api.post(f"/api/patients/{pid}/development", body)
    assert sent.status_code == 201, sent.text

    context, page, _ = phone(browser, server, "fr")
    open_development(page)
    check = page.locator(f"li.dev-history[data-check='{body['id']}']")
    check.wait_for(timeout=TIMEOUT)
    assert "2 à compléter" in check.locator("summary").inner_text()
    # Every answer she gave is there, in words.
    assert check.locator(".dev-answers > div").count() == len(answers)
    assert check.locator(f"[data-milestone='{rest[0]}'] dd").inner_text().startswith("Oui")
    shot(page, artifacts, "fr-to-complete")
    later = check.locator("form.dev-later")
    later.locator(f"fieldset[data-milestone='{first}'] input[value=yes]").check()
    later.locator(f"fieldset[data-milestone='{second}'] input[value=not_yet]").check()
    later.locator("[data-action=complete-check]").click()
    page.locator("[role=status]", has_text="ajoutées au bilan").wait_for(timeout=TIMEOUT)
    check.locator("form.dev-later").wait_for(state="detached", timeout=TIMEOUT)
    assert "répondu plus tard" in check.locator(f"[data-milestone='{first}'] dd").inner_text()
    shot(page, artifacts, "fr-completed")
    context.close()

    stored = next(
        h for h in api.get(f"/api/patients/{pid}/development")["history"] if h["id"] == body["id"]
    )
    assert stored["answers"][first] == "yes" and stored["answers"][second] == "not_yet"
    review = api_as(NURSE).get(f"/api/patients/{pid}/development")["review"]
    assert second in {r["milestone_id"] for r in review}

    context, page, _ = phone(browser, server, "en")
    open_development(page)
    check = page.locator(f"li.dev-history[data-check='{body['id']}']")
    check.wait_for(timeout=TIMEOUT)
    check.locator("summary").click()
    assert "answered later" in check.locator(f"[data-milestone='{first}'] dd").inner_text()
    shot(page, artifacts, "en-history")
    context.close()
