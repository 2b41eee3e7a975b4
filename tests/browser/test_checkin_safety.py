"""The check-in's safety, walked as the person: a phone at 360 px with the largest text, in French
and in English. A red answer shows the emergency screen at once (first question, a symptom ticked
in the middle, a note confirmed at the end; offline too) and the team is alerted; stopping after
an amber answer asks, then sends; a 2-year-old is asked the child questions; a note's red-flag
phrase offers its symptom; a note without one reaches the team's "to read" list and its read mark
reaches the patient."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, PARENT, PATIENT, Api
from tests.browser.console_kit import desktop, sign_in_console
from tests.browser.phone import phone
from tests.browser.test_pwa import (
    TIMEOUT,
    do_checkin,
    open_page,
    sign_in,
    titles,
    wait_for_worker,
    wait_js,
    wait_until,
)

LANGS = ["fr", "en"]
CHEST_PAIN_NOTE = {
    "fr": "J'ai une douleur dans la poitrine depuis une heure.",
    "en": "I have had chest pain for an hour.",
}


def answer_no_until_the_picker(page: Any) -> list[str]:
    """From the check-in's first question, answer "no" (or skip) up to the symptom picker; the
    ids of the questions asked."""
    items: list[str] = []
    for _ in range(60):
        step = page.locator(".step").first
        step.wait_for(timeout=TIMEOUT)
        if step.get_attribute("data-step") == "picker":
            return items
        item = step.get_attribute("data-item") or ""
        items.append(item)
        step.locator("[data-action=skip], [data-value='0']").first.click()
        wait_js(page, f"document.querySelector('.step')?.getAttribute('data-item') !== '{item}'")
    raise AssertionError("no symptom picker")


def newest(api: Api, patient_id: str, after: set[str]) -> dict[str, Any]:
    fresh = [c for c in api.checkins(patient_id) if c["id"] not in after]
    assert len(fresh) == 1, fresh
    return fresh[0]


def alert_of(nurse: Api, patient_id: str, opened_after: dt.datetime) -> list[dict[str, Any]]:
    """The patient's red alerts opened, or updated by a check-in (one alert per episode), since
    ``opened_after``."""
    return [
        a
        for a in nurse.get("/api/alerts")
        if a["patient_id"] == patient_id
        and max(
            dt.datetime.fromisoformat(a["opened_at"]),
            dt.datetime.fromisoformat(a["updated_at"] or a["opened_at"]),
        )
        >= opened_after
        and a["level"] == "red"
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_a_red_answer_shows_the_red_screen_at_once_and_alerts_the_team(
    browser: Any, server: str, api_as: Callable[[str], Api], artifacts: Path, lang: str
) -> None:
    api, nurse = api_as(PATIENT), api_as(NURSE)
    pid = api.circle()[0]["patient_id"]
    red = titles(server, lang)["red"]
    context, page, problems = phone(browser, server, lang)
    sign_in(page, PATIENT)

    # At the first question: nothing else is asked.
    seen = {c["id"] for c in api.checkins(pid)}
    start = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    do_checkin(page, {"da_confusion": 1})
    page.locator(".emergency a.call-emergency").wait_for(timeout=TIMEOUT)
    assert red.fullmatch(page.locator("h1").inner_text())
    page.screenshot(path=str(artifacts / f"safety-red-first-{lang}.png"), full_page=True)
    page.locator(".status-sent").wait_for(timeout=TIMEOUT)
    first = newest(api, pid, seen)
    assert first["level"] == "red" and first["partial"] is True
    assert first["answers"] == {"da_confusion": 1} and first["vitals"] == {}
    wait_until(lambda: len(alert_of(nurse, pid, start)) >= 1)

    # In the middle: a symptom ticked in the picker; the measurements are not asked.
    page.goto("/")
    seen = {c["id"] for c in api.checkins(pid)}
    do_checkin(page, picks=("sa_chest_pain",))
    page.locator(".emergency a.call-emergency").wait_for(timeout=TIMEOUT)
    lines = page.locator(".sign-line")
    assert lines.count() >= 1
    assert page.locator(".sign-line a[href^='/booklet/']").count() == lines.count()
    page.locator(".status-sent").wait_for(timeout=TIMEOUT)
    middle = newest(api, pid, seen)
    assert middle["level"] == "red" and middle["partial"] is True
    assert middle["answers"].get("sa_chest_pain") == 1 and middle["vitals"] == {}

    # At the last question: the note speaks of chest pain; confirming it is red at once.
    page.goto("/")
    seen = {c["id"] for c in api.checkins(pid)}
    do_checkin(page, note=CHEST_PAIN_NOTE[lang])
    match = page.locator("[data-step=note-match]")
    match.wait_for(timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / f"safety-note-match-{lang}.png"), full_page=True)
    match.locator("[data-item=sa_chest_pain] [data-value='1']").click()
    page.locator(".emergency a.call-emergency").wait_for(timeout=TIMEOUT)
    page.locator(".status-sent").wait_for(timeout=TIMEOUT)
    last = newest(api, pid, seen)
    assert last["level"] == "red" and last["partial"] is False
    assert last["answers"].get("sa_chest_pain") == 1 and last["note"] == CHEST_PAIN_NOTE[lang]
    wait_until(lambda: len(alert_of(nurse, pid, start)) >= 1)
    assert problems == []
    context.close()


def test_a_red_answer_offline_shows_at_once_and_is_sent_when_back_online(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    api, nurse = api_as(PATIENT), api_as(NURSE)
    pid = api.circle()[0]["patient_id"]
    context, page, problems = phone(browser, server, "fr")
    sign_in(page, PATIENT)
    wait_for_worker(page)
    seen = {c["id"] for c in api.checkins(pid)}
    start = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)

    context.set_offline(True)
    page.reload()
    page.locator(".notice.offline").wait_for(timeout=TIMEOUT)
    do_checkin(page, picks=("sa_face_arm_weakness",))
    page.locator(".emergency a.call-emergency").wait_for(timeout=TIMEOUT)
    page.locator(".status-waiting").wait_for(timeout=TIMEOUT)
    assert {c["id"] for c in api.checkins(pid)} == seen

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_until(lambda: len(api.checkins(pid)) == len(seen) + 1)
    sent = newest(api, pid, seen)
    assert sent["level"] == "red" and sent["partial"] is True
    wait_until(lambda: len(alert_of(nurse, pid, start)) >= 1)
    assert problems == []
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_stopping_after_an_amber_answer_asks_then_sends(
    browser: Any, server: str, api_as: Callable[[str], Api], artifacts: Path, lang: str
) -> None:
    api = api_as(PATIENT)
    pid = api.circle()[0]["patient_id"]
    context, page, problems = phone(browser, server, lang)
    sign_in(page, PATIENT)
    seen = {c["id"] for c in api.checkins(pid)}

    # Nothing said yet: Stop goes home and sends nothing.
    page.locator("[data-action=checkin]").first.click()
    page.locator(".step").first.wait_for(timeout=TIMEOUT)
    page.click("[data-action=stop]")
    page.locator("[data-action=worse]").wait_for(timeout=TIMEOUT)

    # "I feel worse" is an amber answer: Stop now asks once.
    page.click("[data-action=worse]")
    page.locator(".step").first.wait_for(timeout=TIMEOUT)
    page.click("[data-action=stop]")
    dialog = page.locator("[role=alertdialog]")
    dialog.wait_for(timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / f"safety-stop-{lang}.png"), full_page=True)
    page.click("[data-action=stop-continue]")
    page.locator(".step").first.wait_for(timeout=TIMEOUT)
    page.click("[data-action=stop]")
    page.click("[data-action=stop-send]")
    page.locator(".result-amber").wait_for(timeout=TIMEOUT)
    page.locator(".status-sent").wait_for(timeout=TIMEOUT)
    sent = newest(api, pid, seen)
    assert sent["level"] == "amber" and sent["partial"] is True
    assert sent["answers"] == {"da_worse": 1}
    assert problems == []
    context.close()


def test_a_two_year_old_is_asked_the_child_questions(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    api = api_as(PARENT)
    toddler = next(p for p in api.circle() if p["plan_id"] == "acute_infection_home")
    assert toddler["day1"] is not None
    context, page, problems = phone(browser, server, "fr")
    sign_in(page, PARENT)
    page.locator(".switcher button", has_text=toddler["given_name"]).click()
    page.locator("h1", has_text=toddler["given_name"]).wait_for(timeout=TIMEOUT)
    page.locator("[data-action=checkin]").first.click()
    first = page.locator(".step").first
    first.wait_for(timeout=TIMEOUT)
    assert (first.get_attribute("data-item") or "").startswith("dc_")
    items = answer_no_until_the_picker(page)
    picker = page.locator("[data-step=picker]")
    assert picker.get_attribute("data-questionnaire") == "symptoms_child"
    assert items and all(i.startswith("dc_") for i in items)
    assert problems == []
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_note_reaches_the_to_read_list_and_its_read_mark_the_patient(
    browser: Any, server: str, api_as: Callable[[str], Api], artifacts: Path, lang: str
) -> None:
    api = api_as(PATIENT)
    pid = api.circle()[0]["patient_id"]
    words = {"fr": "J'ai bien mangé et un peu marché.", "en": "I ate well and walked a little."}
    context, page, problems = phone(browser, server, lang)
    sign_in(page, PATIENT)
    seen = {c["id"] for c in api.checkins(pid)}
    do_checkin(page, note=words[lang])
    # No red-flag phrase: no question about it, the result at once.
    page.locator(".result-meta").wait_for(timeout=TIMEOUT)
    assert page.locator("[data-step=note-match]").count() == 0
    page.locator(".status-sent").wait_for(timeout=TIMEOUT)
    sent = newest(api, pid, seen)
    assert sent["note"] == words[lang] and sent["note_read_at"] is None
    page.goto("/")
    page.locator(".note-status[data-read=no]").wait_for(timeout=TIMEOUT)

    desk, console = desktop(browser, server, lang)
    sign_in_console(console, NURSE)
    row = console.locator(f".note-row[data-checkin='{sent['id']}']")
    row.wait_for(timeout=TIMEOUT)
    assert row.get_attribute("data-read") == "no"
    unread = int(console.locator(".notes").get_attribute("data-unread") or "0")
    assert unread >= 1
    assert words[lang] not in console.locator(".notes").inner_text()
    row.locator("button").click()
    row.locator(".note-text", has_text=words[lang]).wait_for(timeout=TIMEOUT)
    assert row.get_attribute("data-read") == "yes"
    assert int(console.locator(".notes").get_attribute("data-unread") or "0") == unread - 1
    console.screenshot(path=str(artifacts / f"safety-notes-console-{lang}.png"), full_page=True)
    desk.close()

    wait_until(lambda: newest(api, pid, seen)["note_read_at"] is not None)
    page.reload()
    page.locator(".note-status[data-read=yes]").wait_for(timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / f"safety-note-read-{lang}.png"), full_page=True)
    assert problems == []
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_new_check_in_screens_pass_the_accessibility_audit(
    browser: Any, server: str, artifacts: Path, lang: str
) -> None:
    """The symptom picker (opened, searched), the stop dialog and the note's confirmation: no
    serious or critical axe violation, at 360 px with the largest text."""
    context, page, _ = open_page(
        browser, server, lang, viewport={"width": 360, "height": 740}, bypass_csp=True
    )
    context.add_init_script("localStorage.setItem('relais.textsize', '3')")
    found: dict[str, list[str]] = {}

    def audit(name: str) -> None:
        bad = serious_violations(page)
        if bad:
            found[name] = bad
        page.screenshot(path=str(artifacts / f"{lang}-checkin-{name}.png"), full_page=True)

    sign_in(page, PATIENT)
    page.click("[data-action=worse]")
    answer_no_until_the_picker(page)
    audit("picker-question")
    page.click("[data-action=picker-open]")
    wait_js(page, "document.activeElement?.id === 'picker-search'", timeout=TIMEOUT)
    audit("picker")
    page.fill("#picker-search", "poitrine" if lang == "fr" else "chest")
    page.locator("label[data-item=sa_chest_pain]").wait_for(timeout=TIMEOUT)
    audit("picker-search")
    page.click("[data-action=stop]")
    page.locator("[role=alertdialog]").wait_for(timeout=TIMEOUT)
    audit("stop")
    page.click("[data-action=stop-continue]")
    # Back on the picker as it was left: the search is still there.
    assert page.input_value("#picker-search") == ("poitrine" if lang == "fr" else "chest")
    page.click("[data-action=picker-done]")
    while page.locator("[data-step=note]").count() == 0:
        page.locator("[data-action=skip-vitals], [data-action=picker-done]").first.click()
    page.fill("#note", CHEST_PAIN_NOTE[lang])
    page.click("[data-action=finish]")
    page.locator("[data-step=note-match]").wait_for(timeout=TIMEOUT)
    audit("note-match")
    assert found == {}, found
    context.close()
