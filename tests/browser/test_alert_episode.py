"""One alert per episode, and closing it, in the console (laptop, FR and EN): Jean's amber
check-ins while his alert is open update the one alert (how many check-ins, the latest), a red one
raises it to red in place; the card says each rule in clinical words, the most severe first, with
its id and source below it, and the content version; the nurse closes it, which asks for an
outcome (no default) and a note, and the patient page then says who saw it, who closed it, when,
how, and the note."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, PATIENT, Api
from tests.browser.console_kit import (
    GREEN,
    TIMEOUT,
    VITALS,
    checkin,
    close_alerts_of,
    desktop,
    sign_in_console,
)

pytestmark = [pytest.mark.browser, pytest.mark.db]

WORDS = {
    "fr": {
        "two": "2 points dans cette alerte",
        "three": "3 points dans cette alerte",
        "seen": "Vue par",
        "closed": "Fermée par",
        "outcome": "Patient appelé",
        "close": "Clore",
        "confirm": "Confirmer",
        "snooze": "Mettre en pause",
        "fever": "38,6 °C (seuil > 38 °C",
        "whose": "règle du contenu Relais",
        "snoozed": "En pause jusqu’à",
        "confusion": "Confusion ou trouble de la parole récent (signe d'alerte de sepsis)",
        "fever_rule": "Fièvre > 38,0 °C (critère du score ambulatoire HAS)",
        "rule": "Règle",
        "version": "Version du contenu",
    },
    "en": {
        "two": "2 check-ins in this alert",
        "three": "3 check-ins in this alert",
        "seen": "Seen by",
        "closed": "Closed by",
        "outcome": "Called the patient",
        "close": "Close",
        "confirm": "Confirm",
        "snooze": "Snooze",
        "fever": "38.6 °C (threshold > 38 °C",
        "whose": "Relais content rule",
        "snoozed": "Snoozed until",
        "confusion": "New confusion or slurred speech (sepsis red flag)",
        "fever_rule": "Fever > 38.0 °C (HAS outpatient score criterion)",
        "rule": "Rule",
        "version": "Content version",
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_repeated_checkins_update_one_alert_then_it_is_closed_with_a_trace(
    browser: Any, server: str, api_as: Any, artifacts: Path, lang: str
) -> None:
    words = WORDS[lang]
    patient: Api = api_as(PATIENT)
    nurse: Api = api_as(NURSE)
    pid = next(p["patient_id"] for p in patient.circle() if p["relation"] == "self")
    close_alerts_of(nurse, pid)  # a calm inbox to start from
    context, page = desktop(browser, server, lang, bypass_csp=True)
    sign_in_console(page, NURSE)

    fever = {**VITALS, "temperature": 38.6}
    first = patient.post(f"/api/patients/{pid}/checkins", checkin(vitals=fever))
    assert first.status_code == 201 and first.json()["level"] == "amber", first.text
    alert_id = first.json()["alert"]["id"]
    row = page.locator(f"[data-alert='{alert_id}']")
    row.wait_for(timeout=TIMEOUT)
    again = patient.post(f"/api/patients/{pid}/checkins", checkin(vitals=fever))
    assert again.json()["alert"]["id"] == alert_id
    row.get_by_text(words["two"]).wait_for(timeout=TIMEOUT)  # live, without reload
    # The value beside the threshold it crossed, and whose threshold it is.
    measure = row.locator("li[data-measure='temperature']")
    assert words["fever"] in measure.inner_text() and words["whose"] in measure.inner_text()
    page.screenshot(path=str(artifacts / f"{lang}-console-measures.png"), full_page=True)
    red = patient.post(
        f"/api/patients/{pid}/checkins", checkin(answers={**GREEN, "da_confusion": 1})
    )
    assert red.json()["level"] == "red" and red.json()["alert"]["id"] == alert_id
    page.locator(f"[data-alert='{alert_id}'][data-level='red']").wait_for(timeout=TIMEOUT)
    row.get_by_text(words["three"]).wait_for(timeout=TIMEOUT)
    # One row for Jean in the inbox, not three.
    assert page.locator("li.alert-row", has_text="Jean").count() == 1
    # Why, in clinical words: one line per sign, red first, each with its rule and its source
    # in a smaller line below; never the patient's own wording; the content version.
    reasons = row.locator("ul.reason-list > li")
    reasons.first.get_by_text(words["confusion"]).wait_for(timeout=TIMEOUT)
    assert [li.get_attribute("data-rule") for li in reasons.all()] == [
        "adult_red_confusion",
        "adult_temp_high_amber",
    ]
    assert reasons.nth(1).locator(".reason-text").inner_text() == words["fever_rule"]
    meta = reasons.first.locator(".reason-meta")
    assert meta.inner_text().startswith(f"{words['rule']} adult_red_confusion · UK Sepsis Trust")
    assert meta.locator("[lang='en']").count() == 1  # the citation, read as English
    said = {f["reason"] for f in red.json()["fired"]}
    assert said and not any(s in row.inner_text() for s in said)
    version = nurse.get(f"/api/alerts/{alert_id}")["content_version"]
    assert f"{words['version']}" in row.inner_text() and version in row.inner_text()
    page.screenshot(path=str(artifacts / f"{lang}-console-episode.png"), full_page=True)
    assert serious_violations(page) == []

    # Snoozed for a bounded time with a reason, said on the card.
    row.get_by_role("button", name=words["snooze"]).click()
    row.locator("form.snooze-form select").select_option("30")
    row.locator("form.snooze-form textarea").fill("Rappel prévu dans 30 min")
    row.locator("form.snooze-form").get_by_role("button", name=words["snooze"]).click()
    row.locator("p.snoozed", has_text=words["snoozed"]).wait_for(timeout=TIMEOUT)
    assert "Rappel prévu dans 30 min" in row.locator("p.snoozed").inner_text()
    assert nurse.get(f"/api/alerts/{alert_id}")["snooze_reason"] == "Rappel prévu dans 30 min"

    # Closing asks for an outcome, with none chosen for the nurse, and a note.
    row.get_by_role("button", name=words["close"]).click()
    select = row.locator("select")
    assert select.input_value() == ""
    row.get_by_role("button", name=words["confirm"]).click()
    assert row.locator("form").is_visible()  # nothing sent without an outcome
    assert nurse.get(f"/api/alerts/{alert_id}")["state"] == "open"
    select.select_option("called_patient")
    row.locator("textarea").fill("Rappelé, consultation demain.")
    page.screenshot(path=str(artifacts / f"{lang}-console-closing.png"), full_page=True)
    row.get_by_role("button", name=words["confirm"]).click()
    row.wait_for(state="detached", timeout=TIMEOUT)
    assert nurse.get(f"/api/alerts/{alert_id}")["state"] == "resolved"

    page.goto(f"/console/patients/{pid}")
    entry = page.locator(f"li[data-alert='{alert_id}']")
    entry.get_by_text(words["closed"]).wait_for(timeout=TIMEOUT)
    text = entry.inner_text()
    assert words["closed"] in text and words["outcome"] in text, text
    assert "Rappelé, consultation demain." in text and words["three"] in text, text
    assert words["confusion"] in text and "UK Sepsis Trust" in text, text
    entry.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"{lang}-console-closed-trace.png"), full_page=True)
    assert serious_violations(page) == []
    context.close()
