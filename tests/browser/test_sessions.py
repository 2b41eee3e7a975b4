"""Where I am signed in, walked as Jean at 360 px with the largest text: Settings lists his
browsers, this one marked; he signs out the other one, which is then signed out for real.
French and English; an axe audit on the screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PATIENT
from tests.browser.phone import check_screen, phone
from tests.browser.test_pwa import TIMEOUT, open_page, sign_in

pytestmark = [pytest.mark.once]

WORDS = {
    "fr": {"this": "cet appareil", "ended": "est déconnecté"},
    "en": {"this": "this device", "ended": "is signed out"},
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_jean_signs_out_a_browser_he_left_signed_in(
    browser: Any, server: str, artifacts: Path, lang: str
) -> None:
    words = WORDS[lang]
    laptop, laptop_page, _ = open_page(browser, server, lang)
    sign_in(laptop_page, PATIENT)
    context, page, problems = phone(browser, server, lang)
    try:
        sign_in(page, PATIENT)
        page.goto("/settings")
        card = page.locator("[data-testid=sessions]")
        card.locator("ul.sessions li").nth(1).wait_for(timeout=TIMEOUT)
        assert card.locator("li[data-current=true]").count() == 1
        assert words["this"] in card.locator("li[data-current=true]").inner_text()
        card.scroll_into_view_if_needed()
        check_screen(page, artifacts, f"sessions-{lang}")

        others = card.locator("li:not([data-current])")
        before = others.count()
        assert before >= 1
        others.first.get_by_role("button").click()
        done = card.locator("[data-state=done]")
        done.wait_for(timeout=TIMEOUT)
        assert words["ended"] in done.inner_text()
        assert card.locator("li:not([data-current])").count() == before - 1
        # The other browser is signed out for real: its next call is refused.
        status = laptop_page.evaluate(
            "fetch('/api/auth/me', {credentials: 'same-origin'}).then(r => r.status)"
        )
        if before == 1:
            assert status == 401
        assert problems == []
    finally:
        context.close()
        laptop.close()
