"""The care team's console in a real browser: a red check-in appears live, the clinician
acknowledges, the patient sees that the team has seen it; another team never sees the patient;
thresholds for one patient only; accessibility audit and screenshots of each console screen."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, PASSWORD, PATIENT, Api, new_account
from tests.browser.console_kit import (
    GREEN,
    TIMEOUT,
    VITALS,
    checkin,
    close_alerts_of,
    desktop,
    sign_in_console,
)

# Playwright's sync API runs its own event loop: these run in their own process (`-m browser`).
pytestmark = [pytest.mark.browser, pytest.mark.db]


def test_red_checkin_appears_live_then_acknowledged_and_seen_by_the_patient(
    browser: Any, server: str, api_as: Any, artifacts: Path
) -> None:
    patient_api: Api = api_as(PATIENT)
    pid = next(p["patient_id"] for p in patient_api.circle() if p["relation"] == "self")
    # Jean's alerts left open by another journey are closed: this red check-in opens a new one.
    nurse = api_as(NURSE)
    close_alerts_of(nurse, pid)
    context, page = desktop(browser, server)
    sign_in_console(page, NURSE)

    resp = patient_api.post(
        f"/api/patients/{pid}/checkins", checkin(answers={**GREEN, "da_confusion": 1})
    )
    assert resp.status_code == 201 and resp.json()["level"] == "red", resp.text
    alert_id = resp.json()["alert"]["id"]
    start = time.monotonic()
    row = page.locator(f"[data-alert='{alert_id}']")
    row.wait_for(timeout=2000)  # without reload
    assert time.monotonic() - start < 2.0
    assert row.get_attribute("data-level") == "red"
    assert "Urgence" in row.inner_text()  # the word, not only the colour
    page.screenshot(path=str(artifacts / "fr-console-inbox-red.png"), full_page=True)

    row.get_by_role("button", name="J’ai vu").click()
    page.locator(f"[data-alert='{alert_id}'][data-state='acknowledged']").wait_for(timeout=TIMEOUT)
    context.close()

    pctx, ppage = desktop(browser, server)
    ppage.set_viewport_size({"width": 390, "height": 844})
    ppage.goto("/signin")
    ppage.fill("#email", PATIENT)
    ppage.fill("#password", PASSWORD)
    ppage.click("button[type=submit]")
    ppage.get_by_text("Votre équipe de soins a vu ceci.", exact=False).first.wait_for(
        timeout=TIMEOUT
    )
    pctx.close()
    # Close it so other tests start from a calm inbox.
    done = nurse.post(
        f"/api/alerts/{alert_id}/resolve", {"outcome": "called_patient", "note": "rappel"}
    )
    assert done.status_code == 200, done.text


def test_a_clinician_of_another_team_never_sees_the_patient(
    browser: Any, server: str, api_as: Any
) -> None:
    admin = api_as("admin@demo.relais")
    email = f"other-{uuid.uuid4().hex[:6]}@demo.relais"
    made = new_account(server, admin, email, "Dr Autre", "clinician", PASSWORD)
    team = admin.post("/api/teams", {"name": "Autre équipe", "kind": "gp_practice"})
    assert team.status_code == 201, team.text
    added = admin.post(
        f"/api/teams/{team.json()['id']}/members",
        {"user_id": made["id"], "role": "gp", "is_lead": True},
    )
    assert added.status_code == 201, added.text
    pid = next(p["patient_id"] for p in api_as(PATIENT).circle() if p["relation"] == "self")
    other = api_as(email)
    assert other.http.get(f"/api/patients/{pid}").status_code == 404
    assert other.http.get(f"/api/patients/{pid}/checkins").status_code == 404
    assert all(a["patient_id"] != pid for a in other.get("/api/alerts?state=resolved"))

    context, page = desktop(browser, server)
    sign_in_console(page, email)
    page.goto("/console/patients")
    page.locator("table.patients").wait_for(timeout=TIMEOUT)
    assert page.locator(f"[data-patient='{pid}']").count() == 0
    assert "Dupont" not in page.content()
    page.goto(f"/console/patients/{pid}")
    page.locator(".error").first.wait_for(timeout=TIMEOUT)
    assert "Dupont" not in page.content()
    context.close()


def test_thresholds_edited_in_the_console_change_only_that_patient(
    browser: Any, server: str, api_as: Any
) -> None:
    patient_api: Api = api_as(PATIENT)
    pid = next(p["patient_id"] for p in patient_api.circle() if p["relation"] == "self")
    nurse = api_as(NURSE)
    others = [
        p["id"]
        for p in nurse.get(f"/api/teams/{nurse.get('/api/teams')[0]['id']}/console")["patients"]
        if p["id"] != pid
    ]
    context, page = desktop(browser, server)
    sign_in_console(page, NURSE)
    page.goto(f"/console/patients/{pid}")
    # The measurement is chosen by its name; each limit is typed beside what it means, with
    # the content's value shown (a French comma is read).
    form = page.locator(".threshold-form")
    form.get_by_label("Mesure", exact=True).select_option(label="Oxygène dans le sang (SpO2)")
    red = form.get_by_label("Urgence si la valeur est ≤")
    assert page.locator(f"#{red.get_attribute('aria-describedby')}").inner_text() == (
        "Par défaut : 91"
    )
    red.fill("85")
    form.get_by_label("À surveiller si la valeur est ≤").fill("88,5")
    form.get_by_label("Raison").fill("BPCO, SpO2 habituelle 88-90 %")
    form.get_by_role("button", name="Enregistrer le seuil").click()
    row = page.locator("li[data-threshold='spo2']", has_text="BPCO, SpO2 habituelle")
    row.wait_for(timeout=TIMEOUT)
    assert "Urgence si la valeur est ≤ 85, À surveiller si la valeur est ≤ 88,5" in (
        row.inner_text()
    )
    context.close()

    low = checkin(vitals={**VITALS, "spo2": 89})
    mine = patient_api.post(f"/api/patients/{pid}/checkins", low)
    # 89 % is red by default; with this patient's threshold (red at 85 % or less) it is not.
    assert mine.status_code == 201 and mine.json()["level"] != "red", mine.text
    # Another patient of the team with the same value is still red.
    assert others, "the demo has more than one patient in the team"
    other = nurse.post(
        f"/api/patients/{others[0]}/checkins", checkin(vitals={**VITALS, "spo2": 89})
    )
    assert other.status_code == 201 and other.json()["level"] == "red", other.text
    for a in nurse.get("/api/alerts"):
        if a["patient_id"] in (pid, others[0]):
            nurse.post(f"/api/alerts/{a['id']}/resolve", {"outcome": "no_action_needed"})


def test_console_accessibility_and_screenshots(
    browser: Any, server: str, api_as: Any, artifacts: Path
) -> None:
    pid = next(p["patient_id"] for p in api_as(PATIENT).circle() if p["relation"] == "self")
    found: dict[str, list[str]] = {}
    for lang in ("fr", "en"):
        context, page = desktop(browser, server, lang, bypass_csp=True)
        sign_in_console(page, NURSE)

        def audit(name: str, page: Any = page, lang: str = lang) -> None:
            bad = serious_violations(page, settle_ms=400)
            if bad:
                found[f"{lang}-{name}"] = bad
            page.screenshot(path=str(artifacts / f"{lang}-console-{name}.png"), full_page=True)

        audit("inbox")
        page.goto("/console/patients")
        page.locator("table.patients").wait_for(timeout=TIMEOUT)
        audit("patients")
        # A search by name, accents or not, filters the list; the name never goes in a URL.
        urls: list[str] = []
        page.on("request", lambda r, urls=urls: urls.append(r.url))
        page.fill("#patient-search", "dupo")
        page.locator("[data-matched='1']").wait_for(timeout=TIMEOUT)
        assert page.locator("table.patients tbody tr").all_inner_texts()[0].startswith("DUPONT")
        page.fill("#patient-search", "personne inconnue")
        page.locator("[data-matched='0']").wait_for(timeout=TIMEOUT)
        nobody = "Aucun patient" if lang == "fr" else "No patient of this team"
        assert nobody in page.locator("[data-matched='0']").inner_text()
        assert page.locator("table.patients").count() == 0
        audit("patients-search-none")
        assert not [u for u in urls if "dupo" in u.lower() or "inconnue" in u]
        page.fill("#patient-search", "")
        page.locator("table.patients").wait_for(timeout=TIMEOUT)
        page.goto(f"/console/patients/{pid}")
        page.locator("#th-key").wait_for(timeout=TIMEOUT)
        audit("patient")
        page.goto(f"/console/patients/{pid}/summary")
        summary = page.locator(".summary")
        summary.wait_for(timeout=TIMEOUT)
        # Overdue items by their plan's title, one line per item however many days it missed.
        overdue = summary.locator("li[data-plan-item]")
        ids = [overdue.nth(i).get_attribute("data-plan-item") for i in range(overdue.count())]
        assert ids and len(ids) == len(set(ids))
        for i, item_id in enumerate(ids):
            assert item_id not in overdue.nth(i).inner_text()
        born = "Né(e) le 14 mai 1961" if lang == "fr" else "Born 14 May 1961"
        assert born in summary.inner_text()
        # Titled by the real time since discharge, not by a review that is months away.
        since = "jours après la sortie" if lang == "fr" else "days after discharge"
        assert since in page.locator("h1").inner_text()
        # Each vital sign of the period: last, lowest, highest, each with its date.
        temperature = summary.locator("tr[data-vital='temperature'] td")
        assert temperature.count() == 3
        assert all("°C" in temperature.nth(i).inner_text() for i in range(3))
        audit("summary")
        page.emulate_media(media="print")
        page.screenshot(path=str(artifacts / f"{lang}-console-summary-print.png"), full_page=True)
        page.emulate_media(media="screen")
        context.close()
    assert not found, found
