"""Sophie, mother of Léa and Gabriel, asks in Settings to be told of Gabriel's alerts (360 px,
largest text): as his parent she is told at once; the card says what the notification will and
will not say, and lets her stop. Jean, an adult, finds in Sharing who is told of his alerts.
French and English, axe clean."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PARENT, PATIENT, Api
from tests.browser.phone import check_screen, phone
from tests.browser.test_pwa import TIMEOUT, sign_in

# What the screens show and say; the API tests run the same writes on both engines.
pytestmark = [pytest.mark.once]

WORDS = {
    "fr": {"told": "vous êtes prévenu", "title": "Proches prévenus de vos alertes"},
    "en": {"told": "you are told", "title": "Family told of your alerts"},
}


def shot(page: Any, artifacts: Path, name: str) -> None:
    check_screen(page, artifacts, f"family-alerts-{name}")


def test_a_parent_asks_to_be_told_and_the_patient_sees_who_is(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    parent = api_as(PARENT)
    gabriel = next(p for p in parent.circle() if p["given_name"] == "Gabriel")
    for lang in ("fr", "en"):
        words = WORDS[lang]
        context, page, _ = phone(browser, server, lang)
        sign_in(page, PARENT)
        page.goto("/settings")
        row = page.locator("li.follower", has_text="Gabriel")
        row.wait_for(timeout=TIMEOUT)
        assert row.get_attribute("data-follow") == "off"
        shot(page, artifacts, f"{lang}-settings")
        row.locator("[data-action=ask-follow]").click()
        page.locator("li.follower[data-follow=on]", has_text="Gabriel").wait_for(timeout=TIMEOUT)
        assert words["told"] in page.locator("li.follower", has_text="Gabriel").inner_text()
        assert page.locator("li.follower", has_text="Léa").get_attribute("data-follow") == "off"
        shot(page, artifacts, f"{lang}-told")
        circle = parent.circle()
        assert next(p for p in circle if p["patient_id"] == gabriel["patient_id"])["alerts"] == "on"
        page.locator("li.follower", has_text="Gabriel").locator("[data-action=stop-follow]").click()
        page.locator("li.follower[data-follow=off]", has_text="Gabriel").wait_for(timeout=TIMEOUT)
        context.close()

        context, page, _ = phone(browser, server, lang)
        sign_in(page, PATIENT)
        page.goto("/my-data/sharing")
        page.locator("h2", has_text=words["title"]).wait_for(timeout=TIMEOUT)
        shot(page, artifacts, f"{lang}-patient-sharing")
        context.close()
