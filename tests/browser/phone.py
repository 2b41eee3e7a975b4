"""A patient's or a family's phone for the journeys: 360 px wide, the largest text, Paris time,
and what every screen of those journeys must pass (no serious axe violation, nothing wider than
the screen), with its screenshot kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.axe import serious_violations
from tests.browser.test_pwa import TIMEOUT, open_page

WIDTH = 360


def phone(browser: Any, base: str, lang: str) -> tuple[Any, Any, list[str]]:
    """A new context and page at 360 px with the largest text (CSP bypassed for axe)."""
    context, page, problems = open_page(
        browser,
        base,
        lang,
        viewport={"width": WIDTH, "height": 740},
        timezone_id="Europe/Paris",
        bypass_csp=True,
    )
    context.add_init_script("localStorage.setItem('relais.textsize', '3')")
    return context, page, problems


def check_screen(page: Any, artifacts: Path, name: str) -> None:
    """Axe finds nothing serious, nothing is wider than the phone; the screenshot is kept."""
    found = serious_violations(page)
    assert found == [], (name, found)
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, name


def choose_person(page: Any, name: str) -> None:
    """Choose ``name`` in the person switcher. On a loaded CI machine a tap made while the app
    was still starting was once lost (the choice waited on IndexedDB before showing; it now
    shows first). Tapped again, as a person would, it must take."""
    chosen = page.locator(".switcher button[aria-pressed=true]", has_text=name)
    page.locator("#main h1").wait_for(timeout=TIMEOUT)
    for _ in range(2):
        page.locator(".switcher button", has_text=name).click()
        try:
            chosen.wait_for(timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    page.locator(".switcher button", has_text=name).click()
    chosen.wait_for(timeout=TIMEOUT)
