"""Usable by a tired 70-year-old on a small phone: at 320 px (the narrowest), with the normal and
the largest text, in French and English, no tab of the bar is clipped and no screen is wider than
the phone; on a touch screen an answer just tapped does not look chosen on the next question.
Layout does not depend on the database engine: run once, on SQLite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PATIENT
from tests.browser.test_pwa import TIMEOUT, do_checkin, open_page, sign_in, wait_js

pytestmark = [pytest.mark.once]

SCREENS = ["/", "/schedule", "/booklet", "/trends", "/messages", "/settings"]

# Each tab whose words are wider than the tab (clipped, or spilling over the next one), and the
# page's width beyond the screen's.
_MEASURE = """() => ({
  clipped: [...document.querySelectorAll('.tabs a')]
    .filter((a) => a.scrollWidth > a.clientWidth + 1
      || a.getBoundingClientRect().right > innerWidth + 1)
    .map((a) => a.textContent.trim()),
  overflow: document.documentElement.scrollWidth - innerWidth,
  tabs: document.querySelectorAll('.tabs a').length,
})"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_tab_and_screen_fits_a_small_phone_with_the_largest_text(
    browser: Any, server: str, artifacts: Path, lang: str
) -> None:
    width = 320
    for size in ("1", "3"):
        context, page, problems = open_page(
            browser, server, lang, viewport={"width": width, "height": 700}
        )
        context.add_init_script(f"localStorage.setItem('relais.textsize', '{size}')")
        sign_in(page, PATIENT)
        for path in SCREENS:
            page.goto(path)
            page.locator("h1").first.wait_for(timeout=TIMEOUT)
            page.wait_for_load_state("networkidle")
            found = page.evaluate(_MEASURE)
            assert found["tabs"] == 6, (path, found)
            assert found["clipped"] == [], (width, size, path, found)
            assert found["overflow"] <= 0, (width, size, path, found)
        page.goto("/")
        page.locator("[data-action=worse]").wait_for(timeout=TIMEOUT)
        page.screenshot(path=str(artifacts / f"layout-{lang}-{width}-text{size}-home.png"))
        assert problems == []
        context.close()


def test_on_a_touch_screen_the_answer_just_tapped_does_not_look_chosen_on_the_next_question(
    browser: Any, server: str
) -> None:
    context, page, _ = open_page(
        browser,
        server,
        "fr",
        viewport={"width": 360, "height": 740},
        has_touch=True,
        is_mobile=True,
    )
    sign_in(page, PATIENT)
    page.locator("[data-action=checkin]").first.click()
    first = page.locator(".step").first
    first.wait_for(timeout=TIMEOUT)
    marker = first.get_attribute("data-item")
    answer = first.locator("button.answer").first
    box = answer.bounding_box()
    assert box is not None
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_js(
        page, "(m) => document.querySelector('.step')?.getAttribute('data-item') !== m", arg=marker
    )
    under = page.evaluate(
        "([x, y]) => { const b = document.elementFromPoint(x, y)?.closest('button.answer');"
        " return b ? getComputedStyle(b).boxShadow : 'none'; }",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert under == "none", under
    context.close()


# The answer buttons of the step on screen whose words do not fit them: wider or taller than the
# button, or broken over more than one line ("1" above "0").
_CUT_ANSWERS = """() => [...document.querySelectorAll('.step [data-value]')]
  .filter((b) => {
    const range = document.createRange();
    range.selectNodeContents(b);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    return lines > 1 || b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1;
  })
  .map((b) => b.textContent.trim())"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pain_scale_fits_a_small_phone_with_the_largest_text(
    browser: Any, server: str, artifacts: Path, lang: str
) -> None:
    context, page, problems = open_page(
        browser, server, lang, viewport={"width": 320, "height": 700}
    )
    context.add_init_script("localStorage.setItem('relais.textsize', '3')")
    sign_in(page, PATIENT)
    do_checkin(page, until="da_pain")
    scale = page.locator(".step[data-item=da_pain] [data-value]")
    assert scale.count() == 11  # 0 to 10
    assert page.evaluate(_CUT_ANSWERS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.locator(".step[data-item=da_pain]").screenshot(
        path=str(artifacts / f"layout-{lang}-320-text3-pain.png")
    )
    assert problems == []
    context.close()
