"""The nurse enrols a patient at discharge from the console (laptop), with the hand-over; a date
the server refuses is shown at its field. She sees the invitation (code, QR), prints its page
(one A4 page, in the patient's language), has the text to send, sends it again and revokes the
second one. A new browser opens the
link, the patient signs up and sends a first check-in; the nurse finds the patient in her list
and the invitation accepted. French and English, axe clean on each console screen."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, Api
from tests.browser.console_kit import TIMEOUT, checkin, desktop, sign_in_console
from tests.browser.test_pwa import open_page

pytestmark = [pytest.mark.browser, pytest.mark.db]

PEOPLE = {
    "fr": {"given": "Odile", "family": "Marchand", "email": "odile.marchand@example.org"},
    "en": {"given": "Alan", "family": "Whitfield", "email": "alan.whitfield@example.org"},
}
WORDS = {
    "fr": {
        "sheet": "Code d’invitation",
        "accepted": "Acceptée",
        "pending": "En attente",
        "partner": "Conjoint",
    },
    "en": {
        "sheet": "Invitation code",
        "accepted": "Accepted",
        "pending": "Pending",
        "partner": "Partner",
    },
}


def audit(page: Any, artifacts: Path, name: str) -> None:
    found = serious_violations(page)
    assert found == [], (name, found)
    page.screenshot(path=str(artifacts / f"enrolment-{name}.png"), full_page=True)


def pages_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_nurse_enrols_invites_and_the_patient_joins(
    browser: Any, server: str, artifacts: Path, lang: str
) -> None:
    person = PEOPLE[lang]
    words = WORDS[lang]
    context, page = desktop(browser, server, lang, bypass_csp=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in_console(page, NURSE)

    # The patients list has the way in.
    page.goto("/console/patients")
    page.locator("[data-action=enrol]").click()
    page.locator("form[data-testid=enrol]").wait_for(timeout=TIMEOUT)
    assert page.url.endswith("/console/patients/new")
    audit(page, artifacts, f"{lang}-form-empty")

    # Nothing filled: each required field says so, nothing is sent.
    page.locator("form[data-testid=enrol] button[type=submit]").click()
    page.locator("#en-given_name-error").wait_for(timeout=TIMEOUT)
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'en-given_name'"
    )
    assert page.locator("#en-given_name").get_attribute("aria-invalid") == "true"
    assert page.locator("#en-plan_id-error").is_visible()

    # A child's birth date: the plans for children, and the term at birth is asked.
    page.fill("#en-birth_date", (dt.date.today() - dt.timedelta(days=400)).isoformat())
    page.locator("#en-gestational_weeks").wait_for(timeout=TIMEOUT)
    plans = page.locator("#en-plan_id option").evaluate_all("os => os.map(o => o.value)")
    assert "child_post_sepsis" in plans and "adult_post_sepsis" not in plans, plans

    page.fill("#en-given_name", person["given"])
    page.fill("#en-family_name", person["family"])
    page.fill("#en-birth_date", "1968-04-12")
    page.locator("#en-gestational_weeks").wait_for(state="detached", timeout=TIMEOUT)
    page.select_option("#en-sex_at_birth", "female" if lang == "fr" else "male")
    page.select_option("#en-locale", lang)
    page.fill("#en-phone", "06 12 34 56 78")
    page.check("#en-no_gp")
    page.locator("#en-gp_name").wait_for(state="detached", timeout=TIMEOUT)
    # An adult: the plans for children are not offered.
    plans = page.locator("#en-plan_id option").evaluate_all("os => os.map(o => o.value)")
    assert "adult_post_sepsis" in plans and "child_post_sepsis" not in plans, plans
    page.select_option("#en-plan_id", "adult_post_sepsis")
    teams = page.locator("[data-testid=teams] input[type=checkbox]")
    if not any(teams.nth(i).is_checked() for i in range(teams.count())):
        teams.first.check()
    page.fill("#en-ho-summary", "Sepsis à point de départ urinaire, 6 jours d’hospitalisation.")
    page.fill("#en-ho-referent_name", "Infirmière de coordination")
    page.fill("#en-ho-referent_phone", "01 23 45 67 89")
    page.fill("#en-ho-prescriptions", "Amoxicilline 1 g × 3 par jour pendant 5 jours")
    page.fill("#en-ho-next_at", "2027-01-05T10:30")
    page.fill("#en-ho-next_place", "Consultation de médecine interne")
    page.fill("#en-ho-documents", "Compte rendu d’hospitalisation\nOrdonnance")

    # A discharge date the server refuses (too far ahead): its words, at the field.
    far = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    page.fill("#en-discharge_date", far)
    page.locator("form[data-testid=enrol] button[type=submit]").click()
    page.locator("#en-discharge_date-error").wait_for(timeout=TIMEOUT)
    assert page.locator("#en-discharge_date").get_attribute("aria-invalid") == "true"
    assert "Traceback" not in page.locator("main").inner_text()
    audit(page, artifacts, f"{lang}-form-refused")

    page.fill("#en-discharge_date", dt.date.today().isoformat())
    page.locator("form[data-testid=enrol] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/console/patients/[0-9a-f-]{36}/invite$"), timeout=TIMEOUT)
    patient_id = page.url.split("/")[-2]
    audit(page, artifacts, f"{lang}-invite-empty")

    # The invitation for the patient: code, QR, link.
    page.locator("[data-action=invite]").click()
    card = page.locator("[data-testid=invitation]")
    card.wait_for(timeout=TIMEOUT)
    code = card.locator("[data-testid=code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), code
    assert card.locator(".invite-qr svg").count() == 1
    link = card.locator("[data-testid=link]").get_attribute("href") or ""
    assert "/join#token=" in link
    message = page.locator("#inv-message").input_value()
    assert link in message and code in message
    page.locator("[data-action=copy]").click()
    page.wait_for_function(
        "document.querySelector('[data-action=copy] + [role=status]').textContent"
    )
    row = page.locator("tr[data-state=pending]")
    row.wait_for(timeout=TIMEOUT)
    assert words["pending"] in row.inner_text()
    audit(page, artifacts, f"{lang}-invite")

    # The printed page: the console's frame hidden, one A4 page, in the patient's language.
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator("form[data-testid=invite]").is_visible()
    sheet = page.locator(".invite-sheet")
    assert words["sheet"] in sheet.inner_text()
    page.screenshot(path=str(artifacts / f"enrolment-{lang}-print.png"), full_page=True)
    assert pages_in(page.pdf(format="A4", print_background=True)) == 1
    page.emulate_media(media="screen")

    # Sent again: a new code, both pending; the new one revoked, the first one still works.
    page.locator("tr[data-state=pending] [data-action=resend]").click()
    page.locator("tr[data-state=pending]").nth(1).wait_for(timeout=TIMEOUT)
    again = card.locator("[data-testid=code]").inner_text().strip()
    assert again != code
    page.locator("tr[data-state=pending]").first.locator("[data-action=revoke]").click()
    page.locator("tr[data-state=revoked]").wait_for(timeout=TIMEOUT)
    assert page.locator("tr[data-state=pending]").count() == 1
    assert card.count() == 0
    audit(page, artifacts, f"{lang}-invite-revoked")

    # A new browser: the patient opens the link and signs up.
    joiner, phone_page, problems = open_page(browser, server, lang)
    phone_page.goto(link)
    phone_page.locator("#name").wait_for(timeout=TIMEOUT)
    phone_page.fill("#name", f"{person['given']} {person['family']}")
    phone_page.fill("#email", person["email"])
    phone_page.fill("#password", "une phrase assez longue")
    phone_page.check("#consent-terms")
    phone_page.check("#consent-privacy")
    phone_page.click("button[type=submit]")
    phone_page.locator("h1", has_text=person["given"]).wait_for(timeout=TIMEOUT)
    assert problems == []
    joiner.close()

    # Their first check-in, sent from their account.
    patient = Api(server, person["email"], "une phrase assez longue")
    try:
        assert patient.circle()[0]["patient_id"] == patient_id
        sent = patient.post(f"/api/patients/{patient_id}/checkins", checkin())
        assert sent.status_code in (200, 201), sent.text
    finally:
        patient.close()

    # The nurse: the invitation accepted, the patient in her list with the check-in.
    page.reload()
    page.locator("tr[data-state=used]").wait_for(timeout=TIMEOUT)
    assert words["accepted"] in page.locator("tr[data-state=used]").inner_text()
    page.goto("/console/patients")
    listed = page.locator(f"tr[data-patient='{patient_id}']")
    listed.wait_for(timeout=TIMEOUT)
    assert person["family"].upper() in listed.inner_text()
    assert listed.locator(".badge").count() >= 1  # the check-in's level
    audit(page, artifacts, f"{lang}-patients")

    # From the patient's page, the invitations again; the hand-over reached the record.
    listed.locator("a").click()
    page.locator("[data-section=next-appointment]").wait_for(timeout=TIMEOUT)
    page.locator("[data-action=invitations]").click()
    page.locator("tr[data-state=used]").wait_for(timeout=TIMEOUT)
    assert page.locator("tr[data-state=revoked]").count() == 1

    # A family member: the relationship is asked for, then shown.
    page.check("#inv-kind-proxy")
    page.locator("[data-action=invite]").click()
    page.locator("#inv-rel-error").wait_for(timeout=TIMEOUT)
    page.select_option("#inv-rel", "partner")
    page.locator("[data-action=invite]").click()
    page.locator("[data-testid=invitation]").wait_for(timeout=TIMEOUT)
    assert words["partner"] in page.locator("#inv-new-title").inner_text()
    page.locator("tr[data-state=pending]", has_text=words["partner"]).wait_for(timeout=TIMEOUT)
    audit(page, artifacts, f"{lang}-invite-family")
    page.emulate_media(media="print")
    assert person["given"] in page.locator(".invite-sheet h2").inner_text()
    page.screenshot(path=str(artifacts / f"enrolment-{lang}-print-family.png"), full_page=True)
    assert pages_in(page.pdf(format="A4", print_background=True)) == 1
    page.emulate_media(media="screen")
    assert errors == []
    context.close()
