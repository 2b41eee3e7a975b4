"""The discharge papers in the app: the nurse edits the hand-over in the console (a laptop); Jean
(360 px, largest text) finds the next appointment on Home, when, what for and where, and in "My
discharge papers" the prescriptions and his 24/7 referent with a call button, offline too; French
and English; an axe audit on each screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, PATIENT, Api
from tests.browser.console_kit import desktop, sign_in_console
from tests.browser.phone import check_screen, phone
from tests.browser.test_pwa import TIMEOUT, sign_in, wait_for_worker

# What the screens show and say; the API tests run the same writes on both engines.
pytestmark = [pytest.mark.once]

REASON = "Bilan à un mois : la fatigue et le souffle"
PLACE = "Hôpital de jour, 2e étage"


def shot(page: Any, artifacts: Path, name: str) -> None:
    check_screen(page, artifacts, f"discharge-{name}")


def test_the_team_edits_the_hand_over_and_the_patient_reads_it_offline(
    browser: Any, server: str, api_as: Callable[[str], Api], artifacts: Path
) -> None:
    pid = api_as(PATIENT).circle()[0]["patient_id"]
    context, page = desktop(browser, server, timezone_id="Europe/Paris", bypass_csp=True)
    sign_in_console(page, NURSE)
    page.goto(f"/console/patients/{pid}")
    page.click("[data-action=edit-handover]")
    when = (dt.datetime.now() + dt.timedelta(days=12)).replace(hour=14, minute=30)
    page.fill("#ho-next_at", when.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#ho-next_reason", REASON)
    page.fill("#ho-next_place", PLACE)
    assert serious_violations(page) == []
    page.click("#ho-title ~ form button[type=submit]")
    saved = page.locator("#ho-title ~ [data-section=next-appointment]", has_text=REASON)
    saved.wait_for(timeout=TIMEOUT)
    assert PLACE in saved.inner_text()
    context.close()

    for lang, next_title, papers, referent in (
        ("fr", "Prochain rendez-vous", "Mes papiers de sortie", "Référent 24 h/24"),
        ("en", "Next appointment", "My discharge papers", "24/7 referent"),
    ):
        context, page, _ = phone(browser, server, lang)
        sign_in(page, PATIENT)
        wait_for_worker(page)
        card = page.locator("section", has=page.locator("h2", has_text=next_title))
        card.wait_for(timeout=TIMEOUT)
        text = card.inner_text()
        assert REASON in text and PLACE in text and "14:30" in text, text
        shot(page, artifacts, f"{lang}-home")
        page.locator("[data-action=discharge]", has_text=papers).click()
        call = page.locator("a.call", has_text=referent)
        call.wait_for(timeout=TIMEOUT)
        assert call.get_attribute("href", timeout=TIMEOUT).startswith("tel:")
        assert page.locator("h2", has_text="Ordonnances" if lang == "fr" else "Prescriptions")
        shot(page, artifacts, f"{lang}-papers")
        # Offline, reloaded: the papers are on the phone.
        context.set_offline(True)
        page.reload()
        page.locator(".notice.offline").wait_for(timeout=TIMEOUT)
        page.locator("a.call", has_text=referent).wait_for(timeout=TIMEOUT)
        assert REASON in page.locator("[data-section=next-appointment]").inner_text()
        context.close()
