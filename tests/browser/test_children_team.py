"""The team's side of a child's follow-up in the console, and the parent's wellbeing screens, in
Debian's Chromium against the demo data: the nurse reviews a "not yet" answer from the team's
list, then on Gabriel's page sees his growth chart on WHO centiles, enters a length measured
lying down (0.7 cm off from 2 years), hands a school step to the team; the parent answers Léa's
wellbeing screen and is shown where to get help. Accessibility audits and screenshots."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from relais.content.loader import load_library
from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, PARENT, Api
from tests.browser.test_console import desktop, sign_in_console
from tests.browser.test_pwa import TIMEOUT, open_page, sign_in, wait_js, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.db]

LIBRARY = load_library()
CHILDREN = LIBRARY.children


def child_id(api: Api, name: str) -> str:
    return next(p["patient_id"] for p in api.circle() if p["given_name"] == name)


def answer_not_yet(parent: Api, pid: str) -> tuple[str, str]:
    """The parent answers an earlier check (one the child's age has passed, so that the check
    due now stays due for the other tests) with one "not yet": (check uuid, the milestone's text
    as the team reads it)."""
    dev = parent.get(f"/api/patients/{pid}/development")
    earlier = [c for c in dev["checks"] if c["status"] in ("missed", "done")]
    check_id = earlier[-1]["id"] if earlier else dev["due"]["id"]
    check = CHILDREN.check(check_id)
    assert check is not None
    first = check.milestones[0]
    answers = {m.id: "yes" for m in check.milestones} | {first.id: "not_yet"}
    resp = parent.post(
        f"/api/patients/{pid}/development",
        {
            "id": str(uuid.uuid4()),
            "check_id": check_id,
            "answered_at": dt.datetime.now(dt.UTC).isoformat(),
            "answers": answers,
        },
    )
    assert resp.status_code == 201, resp.text
    return resp.json()["id"], first.text["fr"]


def test_nurse_reviews_a_not_yet_and_sees_the_growth_chart(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    parent, nurse = api_as(PARENT), api_as(NURSE)
    gabriel = child_id(parent, "Gabriel")
    check_uuid, text = answer_not_yet(parent, gabriel)
    weighed = parent.post(
        f"/api/patients/{gabriel}/growth",
        {"id": str(uuid.uuid4()), "measured_on": dt.date.today().isoformat(), "weight_kg": 12.6},
    )
    assert weighed.status_code == 201, weighed.text

    context, page = desktop(browser, server, bypass_csp=True)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    found: dict[str, list[str]] = {}
    sign_in_console(page, NURSE)

    # The team's review list, from the console's navigation.
    page.get_by_role("link", name="Développement à revoir").click()
    page.locator("h1", has_text="Développement : réponses à revoir").wait_for(timeout=TIMEOUT)
    card = page.locator(f"li[data-review='{check_uuid}']")
    card.wait_for(timeout=TIMEOUT)
    assert "BERNARD Gabriel" in card.inner_text()
    item = card.locator("li", has_text=text)
    assert item.count() == 1 and "Pas encore" in item.inner_text()
    found["review list"] = serious_violations(page)
    page.screenshot(path=str(artifacts / "fr-console-development-review.png"), full_page=True)
    card.get_by_role(
        "button", name=re.compile("Marquer ce point comme revu : BERNARD Gabriel")
    ).click()
    card.wait_for(state="detached", timeout=TIMEOUT)
    page.locator("[role=status]", has_text="Marqué comme revu").wait_for(timeout=TIMEOUT)
    history = nurse.get(f"/api/patients/{gabriel}/development")["history"]
    assert next(h for h in history if h["id"] == check_uuid)["reviewed_at"] is not None
    waiting = nurse.get("/api/children/development-review")["checks"]
    assert check_uuid not in {c["check_uuid"] for c in waiting}

    # Gabriel's page: the growth chart on WHO centiles, with the parent's weight on it.
    page.goto(f"/console/patients/{gabriel}")
    page.locator("h1", has_text="Gabriel").wait_for(timeout=TIMEOUT)
    growth = page.locator("[data-child-panel=growth]")
    chart = growth.locator("svg[data-testid=growth-chart]")
    chart.wait_for(timeout=TIMEOUT)
    points = chart.locator("circle").count()
    assert points >= 1
    assert chart.locator("path").count() == len(CHILDREN.growth.centile_lines)

    # The nurse enters a weight and a length measured lying down: Gabriel is over 2, so the
    # form offers "standing", and the length goes on the curves 0.7 cm shorter.
    assert growth.get_by_label(re.compile("^Debout")).is_checked()
    growth.get_by_label("Poids (kg)").fill("12,9")
    growth.get_by_label("Taille (cm)").fill("88")
    growth.get_by_label(re.compile("^Couché")).check()
    growth.locator("[data-testid=length-adjusted]", has_text="87.3").wait_for(timeout=TIMEOUT)
    growth.get_by_role("button", name="Ajouter la mesure").click()
    wait_js(
        page,
        "n => document.querySelectorAll("
        "'[data-child-panel=growth] svg[data-testid=growth-chart] circle').length > n",
        arg=points,
        timeout=TIMEOUT,
    )
    measured = nurse.get(f"/api/patients/{gabriel}/growth")["measurements"][-1]
    assert measured["weight_kg"] == 12.9 and measured["length_cm"] == 88.0
    assert measured["position"] == "recumbent" and measured["length_adjusted_cm"] == 87.3
    assert measured["entered_as"] == "staff"
    row = growth.locator(f"tr[data-measurement='{measured['id']}']")
    assert "87.3" in row.inner_text() and "l’équipe" in row.inner_text()

    # The development checks with their answers, the answer reviewed.
    dev = page.locator("[data-child-panel=development]")
    dev.locator(f"li[data-check='{check_uuid}']").wait_for(timeout=TIMEOUT)
    assert "revu le" in dev.locator(f"li[data-check='{check_uuid}'] summary").inner_text()

    # The school checklist shared with the family: the team takes a step on and ticks another.
    school = page.locator("[data-child-panel=school]")
    doctor = school.locator("li[data-school-item=school_doctor]")
    doctor.wait_for(timeout=TIMEOUT)
    doctor.get_by_label("Qui s’en occupe").select_option("team")
    page.locator("[data-child-panel=school] [role=status]", has_text="Enregistré").wait_for(
        timeout=TIMEOUT
    )
    first_item = CHILDREN.school.items[0].id
    school.locator(f"li[data-school-item={first_item}]").get_by_label("Fait", exact=True).check()

    def school_seen_by_the_parent() -> dict[str, Any]:
        return {i["id"]: i for i in parent.get(f"/api/patients/{gabriel}/school")["items"]}

    wait_until(lambda: school_seen_by_the_parent()[first_item]["state"] == "done")
    seen = school_seen_by_the_parent()
    assert seen["school_doctor"]["responsible"] == "team"
    assert seen[first_item]["updated_as"] == "staff"

    page.locator("[data-child-panel=wellbeing] h2").wait_for(timeout=TIMEOUT)
    found["child page"] = serious_violations(page)
    chart.screenshot(path=str(artifacts / "fr-console-child-growth-chart.png"))
    page.screenshot(path=str(artifacts / "fr-console-child.png"), full_page=True)

    assert {name: bad for name, bad in found.items() if bad} == {}
    assert problems == []
    context.close()


def test_parent_answers_a_wellbeing_screen_and_sees_where_to_get_help(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    parent, nurse = api_as(PARENT), api_as(NURSE)
    lea = child_id(parent, "Léa")
    before = parent.get(f"/api/patients/{lea}/wellbeing")
    offered = {s["questionnaire_id"]: s for s in before["available"]}
    assert offered["child_stress"]["can_answer"] and offered["pcl5"]["can_answer"]
    alerts_before = {a["id"] for a in nurse.get("/api/alerts") if a["kind"] == "wellbeing"}

    context, page, problems = open_page(browser, server, bypass_csp=True)
    found: dict[str, list[str]] = {}
    sign_in(page, PARENT)
    page.locator(".switcher button", has_text="Léa").click()
    page.locator("h1", has_text="Léa").wait_for(timeout=TIMEOUT)
    page.locator("a[data-child=wellbeing]").click()
    page.locator("h1", has_text="Bien-être : Léa et ses parents").wait_for(timeout=TIMEOUT)
    screen = page.locator("li[data-screen=child_stress]")
    screen.wait_for(timeout=TIMEOUT)
    found["screens"] = serious_violations(page)

    screen.get_by_role("button", name=re.compile("Répondre")).click()
    form = page.locator("form[data-screen=child_stress]")
    form.wait_for(timeout=TIMEOUT)
    # The form's title takes the focus once the form is drawn (an effect after the paint).
    wait_js(page, "document.activeElement?.id === 'wb-form-title'", timeout=TIMEOUT)
    # Sent with nothing answered: told what is missing, nothing stored.
    form.get_by_role("button", name="Envoyer mes réponses").click()
    form.locator("[role=alert]", has_text="sans réponse").wait_for(timeout=TIMEOUT)
    found["form"] = serious_violations(page)
    # Nightmares, fears and startling often: a hard time.
    for item in LIBRARY.questionnaires["child_stress"].items:
        box = form.locator(f"[data-item={item.id}]")
        if item.type == "text":
            continue
        value = "2" if item.type == "choice" else "0"
        if item.id == "child_stress_daily_life":
            value = "1"
        box.locator(f"input[value='{value}']").check()
    form.get_by_role("button", name="Envoyer mes réponses").click()
    result = page.locator(".wb-result[data-positive=true]")
    result.wait_for(timeout=TIMEOUT)
    help_text = result.inner_text()
    assert "{" not in help_text  # placeholders filled with the numbers
    assert result.locator("a.call-emergency").count() == 1
    assert result.locator("a.call-team").count() == 1
    wait_js(page, "document.activeElement?.classList.contains('wb-result')", timeout=TIMEOUT)
    found["result"] = serious_violations(page)
    page.screenshot(path=str(artifacts / "fr-child-wellbeing-result.png"), full_page=True)

    after = parent.get(f"/api/patients/{lea}/wellbeing")
    assert len(after["screens"]) == len(before["screens"]) + 1
    newest = after["screens"][0]
    assert newest["questionnaire_id"] == "child_stress" and newest["positive"] is True
    assert page.locator(f"li[data-result='{newest['id']}']").count() == 1
    alerts = [a for a in nurse.get("/api/alerts") if a["kind"] == "wellbeing"]
    assert {a["id"] for a in alerts} - alerts_before

    assert {name: bad for name, bad in found.items() if bad} == {}
    assert problems == []
    context.close()
