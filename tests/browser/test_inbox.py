"""The console's messages inbox as the team lives it: a patient writes; the nurse, on a laptop,
sees the count in the console's navigation, filters the threads by the patient's name, opens the
thread in place, and the count drops by what she read; the filter is still there when she comes
back from the patient's page. The on-call doctor does the same on a 360 px phone with the largest
text. French and English, an axe audit on each screen, screenshots kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, PATIENT, Api
from tests.browser.console_kit import TIMEOUT, desktop, sign_in_console
from tests.browser.phone import check_screen, phone

DOCTOR = "doctor@demo.relais"

# What the screens show and say; the API tests run the same reads on both engines.
pytestmark = [pytest.mark.once]

WORDS = {
    "fr": {"open": "Ouvrir le fil", "search": "Patient (nom)", "unread": "non lu"},
    "en": {"open": "Open the thread", "search": "Patient (name)", "unread": "unread"},
}


def waiting(staff: Api) -> int:
    got = staff.get("/api/inbox/unread")
    return int(got["messages"]) + int(got["notes"])


def nav_count(page: Any) -> int:
    badge = page.locator("[data-nav=messages] .nav-count")
    return int(badge.inner_text()) if badge.count() else 0


def wait_nav(page: Any, expected: int) -> None:
    for _ in range(60):
        if nav_count(page) == expected:
            return
        page.wait_for_timeout(250)
    assert nav_count(page) == expected


def journey(
    page: Any, staff: Api, lang: str, patient_name: str, shots: Callable[[str], None]
) -> None:
    words = WORDS[lang]
    before = waiting(staff)
    assert before >= 1
    page.goto("/console")
    wait_nav(page, before)
    nav = page.locator("[data-nav=messages]")
    assert f"{before}" in nav.inner_text()
    nav.click()
    page.locator("ul.threads").wait_for(timeout=TIMEOUT)
    shots("list")

    # Filter by the patient's name: only their thread, with its unread count.
    page.get_by_label(words["search"]).fill(patient_name.split()[-1].lower())
    row = page.locator(".thread-row", has_text=patient_name)
    row.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(600)  # the search waits for a pause in typing
    assert page.locator(".thread-row").count() == 1
    unread = int(row.get_attribute("data-unread") or "0")
    assert unread >= 1 and words["unread"] in row.inner_text()
    shots("filtered")

    # Open it in place: it is read, and the navigation's count drops by what was read.
    row.get_by_role("button", name=words["open"]).click()
    row.locator(".thread").wait_for(timeout=TIMEOUT)
    wait_nav(page, before - unread)
    assert waiting(staff) == before - unread
    assert row.get_attribute("data-unread") == "0"
    shots("opened")

    # To the patient's page and back: the filter is as it was left.
    row.locator("a.alert-name").click()
    page.wait_for_url("**/console/patients/*", timeout=TIMEOUT)
    page.go_back()
    page.locator(".thread-row").first.wait_for(timeout=TIMEOUT)
    assert page.get_by_label(words["search"]).input_value() == patient_name.split()[-1].lower()
    assert page.locator(".thread-row").count() == 1


def test_a_patients_message_is_counted_filtered_opened_and_read(
    browser: Any, server: str, api_as: Callable[[str], Api], artifacts: Path
) -> None:
    patient = api_as(PATIENT)
    pid = patient.circle()[0]["patient_id"]
    name = "Jean Dupont"
    for lang in ("fr", "en"):
        body = {"body": f"[{lang}] J'ai froid ce soir."}
        sent = patient.post(f"/api/patients/{pid}/messages", body)
        assert sent.status_code == 201, sent.text

        # The nurse, on a laptop.
        context, page = desktop(browser, server, lang, bypass_csp=True)
        sign_in_console(page, NURSE)

        def laptop(step: str, page: Any = page, lang: str = lang) -> None:
            found = serious_violations(page)
            assert found == [], (step, found)
            shot = artifacts / f"{lang}-console-messages-{step}.png"
            page.screenshot(path=str(shot), full_page=True)

        journey(page, api_as(NURSE), lang, name, laptop)
        context.close()

        # The on-call doctor, on a phone with the largest text.
        context, page, _ = phone(browser, server, lang)
        sign_in_console(page, DOCTOR)

        def small(step: str, page: Any = page, lang: str = lang) -> None:
            check_screen(page, artifacts, f"{lang}-console-messages-phone-{step}")

        journey(page, api_as(DOCTOR), lang, name, small)
        context.close()


def test_the_lead_turns_the_daily_amber_digest_on_and_reads_how_escalation_goes_on(
    browser: Any, server: str, api_as: Callable[[str], Api], artifacts: Path
) -> None:
    nurse = api_as(NURSE)
    for lang, words in (
        ("fr", {"on": "Regrouper les alertes orange", "save": "Enregistrer le résumé",
                "pending": "Aucun résumé envoyé", "escalation": "L’escalade continue"}),
        ("en", {"on": "Gather amber alerts", "save": "Save the digest",
                "pending": "No digest sent yet", "escalation": "Escalation goes on"}),
    ):  # fmt: skip
        context, page = desktop(browser, server, lang, bypass_csp=True)
        sign_in_console(page, NURSE)
        page.goto("/console/team")
        section = page.locator("section[aria-labelledby=digest-title]")
        section.wait_for(timeout=TIMEOUT)
        assert section.get_attribute("data-digest") == "off"
        assert words["escalation"] in section.inner_text()
        section.get_by_label(words["on"]).check()
        section.locator("#digest-at").fill("07:30")
        section.get_by_role("button", name=words["save"]).click()
        page.locator("section[data-digest='07:30']").wait_for(timeout=TIMEOUT)
        assert words["pending"] in section.inner_text()
        found = serious_violations(page)
        assert found == [], found
        section.screenshot(path=str(artifacts / f"{lang}-console-team-digest.png"))
        team = nurse.get("/api/teams")[0]["id"]
        assert nurse.get(f"/api/teams/{team}")["amber_digest_at"] == "07:30"
        # Off again: the demo team pushes each amber alert, as the other journeys expect.
        section.get_by_label(words["on"]).uncheck()
        section.get_by_role("button", name=words["save"]).click()
        page.locator("section[data-digest='off']").wait_for(timeout=TIMEOUT)
        context.close()
