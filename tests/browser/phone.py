"""A patient's or a family's phone for the journeys: 360 px wide, the largest text, Paris time,
and what every screen of those journeys must pass (no serious axe violation, nothing wider than
the screen), with its screenshot kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.axe import serious_violations
from tests.browser.test_pwa import open_page

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
