"""A parent follows a child in the app: the development check, a weight measurement plotted on
the WHO growth chart, the return-to-school checklist, accessibility and a screenshot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.browser.axe import serious_violations
from tests.browser.conftest import PARENT, Api
from tests.browser.test_pwa import TIMEOUT, open_page, sign_in, wait_js


def chart_points(page: Any, count: int) -> None:
    """Wait until the growth chart draws ``count`` points (it is drawn before they come)."""
    wait_js(
        page,
        "n => document.querySelectorAll('svg[data-testid=growth-chart] circle').length >= n",
        arg=count,
        timeout=TIMEOUT,
    )


def test_parent_checks_development_and_growth(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    api = api_as(PARENT)
    child = next(p for p in api.circle() if p["is_child"] and p["given_name"] == "Gabriel")
    child_id = child["patient_id"]
    measurements = len(api.get(f"/api/patients/{child_id}/growth")["measurements"])
    checks = len(api.get(f"/api/patients/{child_id}/development")["history"])

    # The audit script is injected by the test: CSP is bypassed in this context only.
    context, page, problems = open_page(browser, server, bypass_csp=True)
    found: dict[str, list[str]] = {}
    sign_in(page, PARENT)
    page.locator(".switcher button", has_text="Gabriel").click()
    page.locator("h1", has_text="Gabriel").wait_for(timeout=TIMEOUT)

    # From the home screen to the development check.
    page.locator("a[data-child=development]").click()
    page.locator("h1", has_text="Développement de Gabriel").wait_for(timeout=TIMEOUT)
    form = page.locator("form:has(fieldset.milestone)")
    form.wait_for(timeout=TIMEOUT)
    found["development"] = serious_violations(page)
    questions = form.locator("fieldset.milestone")
    assert questions.count() > 0
    for i in range(questions.count()):
        questions.nth(i).locator("input[value=yes]").check()
    form.locator("button[type=submit]").click()
    page.locator("[role=status].result").wait_for(timeout=TIMEOUT)
    assert len(api.get(f"/api/patients/{child_id}/development")["history"]) == checks + 1

    # A weight, plotted on the chart.
    page.locator("a[data-child=growth]").click()
    page.locator("h1", has_text="Croissance de Gabriel").wait_for(timeout=TIMEOUT)
    chart = page.locator("svg[data-testid=growth-chart]")
    points = len(api.get(f"/api/patients/{child_id}/growth")["chart"]["points"])
    chart_points(page, points)
    assert chart.locator("circle").count() == points
    page.get_by_label("Poids (kg)").fill("12,4")
    page.locator("button[type=submit]", has_text="Ajouter la mesure").click()
    chart_points(page, points + 1)
    assert chart.locator("circle").count() == points + 1
    assert page.locator("table td", has_text="12.4").count() >= 1
    growth = api.get(f"/api/patients/{child_id}/growth")
    assert len(growth["measurements"]) == measurements + 1
    assert any(p["value"] == 12.4 for p in growth["chart"]["points"])
    found["growth"] = serious_violations(page)
    chart.screenshot(path=str(artifacts / "fr-child-growth-chart.png"))
    page.screenshot(path=str(artifacts / "fr-child-growth.png"), full_page=True)

    # The return-to-school checklist opens from the same links.
    page.locator("a[data-child=school]").click()
    page.locator("h1", has_text="Gabriel").wait_for(timeout=TIMEOUT)
    page.locator("ol.school-list").wait_for(timeout=TIMEOUT)
    found["school"] = serious_violations(page)

    assert {name: bad for name, bad in found.items() if bad} == {}
    assert problems == []
    context.close()


def test_a_measurement_whose_answer_was_lost_is_stored_once(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    """The server stored the measurement but its answer never reached the phone: the parent sees
    that the connection failed and sends again; the server answers from what it stored, and the
    chart and the team see one measurement, not two."""
    api = api_as(PARENT)
    child = next(p for p in api.circle() if p["is_child"] and p["given_name"] == "Gabriel")
    url = f"/api/patients/{child['patient_id']}/growth"
    growth = api.get(url)
    before, points = len(growth["measurements"]), len(growth["chart"]["points"])
    # No service worker here: requests go straight from the page, where they can be cut.
    context, page, problems = open_page(browser, server, service_workers="block")
    sign_in(page, PARENT)
    page.locator(".switcher button", has_text="Gabriel").click()
    page.locator("a[data-child=growth]").click()
    chart = page.locator("svg[data-testid=growth-chart]")
    chart_points(page, points)
    assert chart.locator("circle").count() == points
    sent: list[str] = []

    def lose_the_answer(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        sent.append(route.request.post_data_json["id"])
        route.fetch()  # it reaches the server, which stores it...
        route.abort("connectionreset")  # ...and the answer is lost on the way back

    page.route("**/growth", lose_the_answer)
    page.get_by_label("Poids (kg)").fill("12,6")
    page.locator("button[type=submit]", has_text="Ajouter la mesure").click()
    page.get_by_text("Pas de connexion", exact=False).wait_for(timeout=TIMEOUT)
    assert len(api.get(url)["measurements"]) == before + 1  # stored, though the phone can't know
    page.unroute("**/growth")

    page.locator("button[type=submit]", has_text="Ajouter la mesure").click()
    chart_points(page, points + 1)
    assert chart.locator("circle").count() == points + 1
    assert len(api.get(url)["measurements"]) == before + 1
    assert len(sent) == 1
    assert problems == []
    context.close()
