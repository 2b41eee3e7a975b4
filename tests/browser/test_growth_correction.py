"""Sophie types 7,6 kg for Gabriel instead of 9,6: the app tells her he has lost weight and the
team gets an alert. She corrects it from the table (360 px, largest text, French then English):
the chart and the centiles follow, the alert is withdrawn and the team reads why, with the
values. The correction shows on the row, for her and for the nurse in the console."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, PARENT, Api
from tests.browser.console_kit import desktop, sign_in_console
from tests.browser.phone import check_screen, phone
from tests.browser.test_pwa import TIMEOUT, sign_in

# What the screens show and say; the API tests run the same writes on both engines.
pytestmark = [pytest.mark.once]

WORDS = {
    "fr": {
        "weight": "Poids (kg)",
        "add": "Ajouter la mesure",
        "correct": "Corriger",
        "withdrawn": "alerte ouverte par la valeur erronée est retirée",
        "was": "Avant",
    },
    "en": {
        "weight": "Weight (kg)",
        "add": "Add the measurement",
        "correct": "Correct",
        "withdrawn": "alert the wrong value had opened is withdrawn",
        "was": "Before",
    },
}


def shot(page: Any, artifacts: Path, name: str) -> None:
    check_screen(page, artifacts, f"growth-fix-{name}")


def test_a_weight_typo_is_corrected_and_its_alert_withdrawn(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    api = api_as(PARENT)
    nurse = api_as(NURSE)
    child = next(p for p in api.circle() if p["given_name"] == "Gabriel")
    pid = child["patient_id"]
    # Weighed at the doctor's a week ago.
    week_ago = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    body = {"id": str(uuid.uuid4()), "measured_on": week_ago, "weight_kg": 12.0}
    assert api.post(f"/api/patients/{pid}/growth", body).status_code == 201
    for lang in ("fr", "en"):
        words = WORDS[lang]
        before = api.get(f"/api/patients/{pid}/growth")["measurements"]
        last = next(m["weight_kg"] for m in reversed(before) if m["weight_kg"])
        wrong, right = round(last * 0.8, 1), round(last + 0.1, 1)

        context, page, _ = phone(browser, server, lang)
        sign_in(page, PARENT)
        page.locator(".switcher button", has_text="Gabriel").click()
        page.locator("h1", has_text="Gabriel").wait_for(timeout=TIMEOUT)
        page.locator("a[data-child=growth]").click()
        page.locator("svg[data-testid=growth-chart]").wait_for(timeout=TIMEOUT)
        page.get_by_label(words["weight"]).fill(
            str(wrong).replace(".", "," if lang == "fr" else ".")
        )
        page.locator("button[type=submit]", has_text=words["add"]).click()
        row = page.locator("tr[data-measurement]", has=page.locator("td", has_text=str(wrong)))
        row.wait_for(timeout=TIMEOUT)
        saved = api.get(f"/api/patients/{pid}/growth")["measurements"][-1]
        assert saved["weight_kg"] == wrong and saved["alert"]["state"] == "open", saved
        shot(page, artifacts, f"{lang}-typo")

        row.locator("[data-action=correct-measurement]").click()
        form = page.locator("form.correct-measurement")
        form.wait_for(timeout=TIMEOUT)
        assert page.evaluate("document.activeElement.id") in ("fix-title", "")
        form.get_by_label(words["weight"]).fill(str(right))
        shot(page, artifacts, f"{lang}-correcting")
        form.locator("[data-action=save-correction]").click()
        page.locator("[role=status] p", has_text=words["withdrawn"]).wait_for(timeout=TIMEOUT)
        fixed = page.locator("tr[data-measurement]", has=page.locator("td", has_text=str(right)))
        assert words["was"] in fixed.inner_text() and str(wrong) in fixed.inner_text()
        shot(page, artifacts, f"{lang}-corrected")
        context.close()

        now = api.get(f"/api/patients/{pid}/growth")["measurements"][-1]
        assert now["weight_kg"] == right and now["alert"]["withdrawn"] is True
        withdrawn = nurse.get(f"/api/alerts/{now['alert']['id']}")
        assert withdrawn["state"] == "resolved" and withdrawn["outcome"] == "withdrawn"
        assert f"{wrong} kg → {right} kg" in withdrawn["note"]
        assert withdrawn["timeline"][-1]["kind"] == "withdrawn", withdrawn["timeline"]

    # The nurse sees the correction on the child's page in the console.
    context, page = desktop(browser, server, bypass_csp=True)
    sign_in_console(page, NURSE)
    page.goto(f"/console/patients/{pid}")
    page.locator(".growth-table .changes").first.wait_for(timeout=TIMEOUT)
    assert serious_violations(page) == []
    page.screenshot(path=str(artifacts / "growth-fix-console.png"), full_page=True)
    context.close()
