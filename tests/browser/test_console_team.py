"""The console's team settings and the gaps of the patient page, in a real browser: the team lead
changes an escalation delay and adds a team default threshold (which triage then uses), a colleague
only reads them; the patient page draws trend charts with the thresholds' zones; an item of the
schedule is moved with a reason; an alert says why in plain words; accessibility audits."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, PATIENT, Api
from tests.browser.console_kit import GREEN, TIMEOUT, VITALS, checkin, desktop
from tests.browser.console_kit import sign_in_console as sign_in

pytestmark = [pytest.mark.browser, pytest.mark.db]

DOCTOR = "doctor@demo.relais"
TEAM_SPO2 = {
    "key": "spo2",
    "params": {"red_lte": 88, "amber_lte": 92},
    "reason": "Unité de pneumologie : SpO2 habituelle 92-94 %",
}


def eventually(check: Callable[[], bool], within_s: float = 10) -> None:
    deadline = time.monotonic() + within_s
    while not check():
        assert time.monotonic() < deadline, "not seen in time"
        time.sleep(0.1)


def patient_id(api_as: Any) -> str:
    return str(next(p["patient_id"] for p in api_as(PATIENT).circle() if p["relation"] == "self"))


def team_id(nurse: Api) -> str:
    return str(nurse.get("/api/teams")[0]["id"])


def put(api: Api, path: str, body: dict[str, Any]) -> Any:
    token = api.http.cookies.get("relais_csrf") or ""
    resp = api.http.put(path, json=body, headers={"x-csrftoken": token})
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_lead_changes_a_delay_and_adds_a_team_default_threshold(
    browser: Any, server: str, api_as: Any, artifacts: Path
) -> None:
    nurse: Api = api_as(NURSE)
    team = team_id(nurse)
    pid = patient_id(api_as)
    patient: Api = api_as(PATIENT)
    context, page = desktop(browser, server)
    sign_in(page, NURSE)
    page.get_by_role("link", name="Équipe").click()
    page.locator("#delay-amber").wait_for(timeout=TIMEOUT)
    assert page.locator("[data-member]").count() == 3
    page.get_by_text("D’astreinte maintenant : Dr Paul Martin", exact=False).wait_for(
        timeout=TIMEOUT
    )

    page.fill("#delay-amber", "120")
    page.get_by_role("button", name="Enregistrer les délais").click()
    eventually(lambda: nurse.get(f"/api/teams/{team}")["escalate_amber_min"] == 120)

    form = page.locator(".threshold-form")
    form.get_by_label("Mesure", exact=True).select_option(value="spo2")
    # Nothing typed: refused on the page, with the first limit's field in focus.
    form.get_by_label("Raison").fill(TEAM_SPO2["reason"])
    form.get_by_role("button", name="Enregistrer le seuil").click()
    form.get_by_text("Donnez au moins une limite.").wait_for(timeout=TIMEOUT)
    assert page.evaluate("document.activeElement.id") == "tth-red_lte"
    form.get_by_label("Urgence si la valeur est ≤").fill("88")
    form.get_by_label("À surveiller si la valeur est ≤").fill("92")
    form.get_by_role("button", name="Enregistrer le seuil").click()
    row = page.locator("[data-threshold='spo2']")
    row.wait_for(timeout=TIMEOUT)
    assert "Inès Moreau" in row.inner_text() and "92-94" in row.inner_text()
    page.screenshot(path=str(artifacts / "fr-console-team-settings.png"), full_page=True)
    context.close()

    # Triage now uses the team's threshold for this patient: 90 % is no longer an emergency
    # (red at 91 % or less in the content; at 88 % or less for this team).
    resp = patient.post(f"/api/patients/{pid}/checkins", checkin(vitals={**VITALS, "spo2": 90}))
    assert resp.status_code == 201 and resp.json()["level"] == "amber", resp.text
    for a in nurse.get("/api/alerts"):
        nurse.post(f"/api/alerts/{a['id']}/resolve", {"outcome": "no_action_needed"})

    # A colleague who does not lead the team reads the settings without changing them.
    context, page = desktop(browser, server)
    sign_in(page, DOCTOR)
    page.goto("/console/team")
    page.locator("[data-threshold='spo2']").wait_for(timeout=TIMEOUT)
    assert page.get_by_text("Seul le responsable de l’équipe", exact=False).count() == 1
    assert page.get_by_role("button", name="Enregistrer les délais").count() == 0
    assert page.locator("#delay-amber").is_disabled()
    context.close()


def test_patient_page_draws_trend_charts_with_threshold_zones(
    browser: Any, server: str, api_as: Any, artifacts: Path
) -> None:
    nurse: Api = api_as(NURSE)
    put(nurse, f"/api/teams/{team_id(nurse)}/thresholds", TEAM_SPO2)
    pid = patient_id(api_as)
    # Whatever an earlier test set as this patient's own SpO2 threshold, it now names only the
    # red limit: the amber limit in force is the team's.
    put(
        nurse,
        f"/api/patients/{pid}/thresholds",
        {"key": "spo2", "params": {"red_lte": 88}, "reason": "Contrôle des zones"},
    )
    # A reading between the two limits (amber for this patient): the chart reaches down to the
    # red limit near it, whatever the check-ins of the tests before.
    low = api_as(PATIENT).post(
        f"/api/patients/{pid}/checkins", checkin(vitals={**VITALS, "spo2": 90})
    )
    assert low.status_code == 201 and low.json()["level"] == "amber", low.text
    context, page = desktop(browser, server)
    sign_in(page, NURSE)
    page.goto(f"/console/patients/{pid}")
    chart = page.locator("[data-chart='tr-spo2']")
    chart.wait_for(timeout=TIMEOUT)
    assert chart.locator("svg[role=img] rect.band-red").count() >= 1
    assert chart.locator("svg rect.band-amber").count() >= 1
    assert chart.locator("svg circle.dot").count() >= 3  # the demo's week of check-ins
    label = chart.locator("svg").get_attribute("aria-label") or ""
    assert label.startswith("Saturation") or "SpO" in label, label
    team_zone = chart.locator("li[data-source='team'][data-zone='amber']")
    assert "≤ 92" in team_zone.inner_text() and "équipe" in team_zone.inner_text()
    # The text alternative: the same values as a table.
    chart.get_by_text("Voir en tableau").click()
    assert chart.locator("table tbody tr").count() >= 3
    for name in ("temperature", "heart_rate", "resp_rate"):
        # Each chart names its zones in words, even those outside the values drawn.
        legend = page.locator(f"[data-chart='tr-{name}'] li[data-zone='red']")
        assert legend.count() >= 1 and "Urgence" in legend.first.inner_text(), name
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(artifacts / "fr-console-trend-spo2.png"))
    page.screenshot(path=str(artifacts / "fr-console-patient-trends.png"), full_page=True)
    context.close()
    for a in nurse.get("/api/alerts"):
        nurse.post(f"/api/alerts/{a['id']}/resolve", {"outcome": "no_action_needed"})


def test_team_reschedules_a_schedule_item_with_a_reason(
    browser: Any, server: str, api_as: Any
) -> None:
    nurse: Api = api_as(NURSE)
    pid = patient_id(api_as)
    item = next(
        i
        for i in nurse.get(f"/api/patients/{pid}/schedule")
        if i["kind"] != "checkin" and i["status"] == "due"
    )
    due = dt.datetime.fromisoformat(item["due_at"])
    new_day = (due + dt.timedelta(days=7)).astimezone().date()
    context, page = desktop(browser, server)
    sign_in(page, NURSE)
    page.goto(f"/console/patients/{pid}")
    li = page.locator(f"[data-item='{item['id']}']")
    li.wait_for(timeout=TIMEOUT)
    # The plan's reviews months ahead are folded under "later", each "à venir" (not "à faire").
    now = dt.datetime.now(dt.UTC)
    folded = page.locator("details.schedule-later li[data-item]")
    folded_ids = {folded.nth(i).get_attribute("data-item") for i in range(folded.count())}
    planned = [
        i
        for i in nurse.get(f"/api/patients/{pid}/schedule")
        if i["kind"] != "checkin" and i["status"] == "due"
    ]
    for i in planned:  # six weeks ahead is the line; a day each side of it is left alone
        ahead = dt.datetime.fromisoformat(i["due_at"]) - now
        if ahead > dt.timedelta(days=43):
            assert i["id"] in folded_ids, i
        elif ahead < dt.timedelta(days=41):
            assert i["id"] not in folded_ids, i
    assert folded_ids and not folded.first.is_visible()
    page.locator("details.schedule-later summary").click()
    assert folded.first.is_visible() and "à venir" in folded.first.inner_text()
    li.get_by_role("button", name="Reporter").click()
    li.get_by_label("Nouvelle date").fill(new_day.isoformat())
    li.get_by_label("Raison du report").fill("Patient en vacances cette semaine")
    li.locator("button[type=submit]").click()
    li.locator(".moved").wait_for(timeout=TIMEOUT)
    assert "Patient en vacances" in li.inner_text() and "Inès Moreau" in li.inner_text()
    moved = next(i for i in nurse.get(f"/api/patients/{pid}/schedule") if i["id"] == item["id"])
    assert dt.datetime.fromisoformat(moved["due_at"]).astimezone().date() == new_day
    changes = nurse.get(f"/api/patients/{pid}/schedule/changes")
    assert changes[0]["reason"] == "Patient en vacances cette semaine"
    context.close()


def test_an_alert_shows_its_reason_in_clinical_words(
    browser: Any, server: str, api_as: Any
) -> None:
    nurse: Api = api_as(NURSE)
    patient: Api = api_as(PATIENT)
    pid = patient_id(api_as)
    context, page = desktop(browser, server)
    sign_in(page, NURSE)
    body = checkin(answers={**GREEN, "da_confusion": 1})
    resp = patient.post(f"/api/patients/{pid}/checkins", body)
    assert resp.status_code == 201 and resp.json()["level"] == "red", resp.text
    fired = resp.json()["fired"][0]  # the patient's language is French, as the nurse's
    row = page.locator(f"[data-alert='{resp.json()['alert']['id']}']")
    row.wait_for(timeout=TIMEOUT)
    # The team reads the rule's clinical wording, not the words the patient was shown.
    clinical = "Confusion ou trouble de la parole récent (signe d'alerte de sepsis)"
    reason = row.locator(f".reason-list li[data-rule='{fired['id']}']")
    assert reason.locator(".reason-text").inner_text() == clinical
    assert fired["reason"] not in row.inner_text()
    assert fired["id"] in reason.locator(".reason-meta").inner_text()
    page.goto(f"/console/patients/{pid}")
    page.locator(f"li[data-alert='{resp.json()['alert']['id']}'] .reason-list").wait_for(
        timeout=TIMEOUT
    )
    assert clinical in page.locator(f"li[data-alert='{resp.json()['alert']['id']}']").inner_text()
    # The check-in itself, opened: measurements with their names and units, answers in words.
    entry = page.locator(f"li[data-checkin='{body['id']}']")
    entry.locator("summary").click()
    temperature = entry.locator("[data-key='temperature']")
    assert temperature.locator("dt").inner_text() == "Température"
    assert temperature.locator("dd").inner_text() == "36,8 °C"
    confusion = entry.locator("[data-key='da_confusion']")
    assert confusion.locator("dt").inner_text().startswith("Êtes-vous confus")
    assert confusion.locator("dd").inner_text() == "Oui"
    assert entry.locator("[data-key='da_fever'] dd").inner_text() == "Non"
    assert clinical in entry.locator(".reason-list").inner_text()
    context.close()
    for a in nurse.get("/api/alerts"):
        nurse.post(f"/api/alerts/{a['id']}/resolve", {"outcome": "no_action_needed"})


def test_team_settings_accessibility(
    browser: Any, server: str, api_as: Any, artifacts: Path
) -> None:
    pid = patient_id(api_as)
    found: dict[str, list[str]] = {}
    for lang in ("fr", "en"):
        context, page = desktop(browser, server, lang, bypass_csp=True)
        sign_in(page, NURSE)
        page.goto("/console/team")
        page.locator("#tth-key").wait_for(timeout=TIMEOUT)
        page.locator("[data-shift]").first.wait_for(timeout=TIMEOUT)
        bad = serious_violations(page, settle_ms=400)
        if bad:
            found[f"{lang}-team"] = bad
        page.screenshot(path=str(artifacts / f"{lang}-console-team.png"), full_page=True)
        page.goto(f"/console/patients/{pid}")
        page.locator("[data-chart='tr-spo2']").wait_for(timeout=TIMEOUT)
        bad = serious_violations(page, settle_ms=400)
        if bad:
            found[f"{lang}-patient-trends"] = bad
        context.close()
    assert not found, found
