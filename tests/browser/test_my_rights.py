"""The person's rights over their data, in the app: joining from an invitation with the terms and
the privacy notice read and accepted, accepting them when they were never accepted, stopping and
resuming sharing with a care team after reading what it does, and closing the account (after which
signing in fails). Each new screen is audited with axe."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, Api, new_account
from tests.browser.test_pwa import TIMEOUT, open_page

NEW_PASSWORD = "une phrase assez longue pour moi"
DEMO_TEAM = "Réanimation polyvalente — CHU Démo"


def _enrol_and_invite(nurse: Api) -> str:
    """A new adult patient of the demo team; the invitation link for their own account."""
    team = nurse.get("/api/teams")[0]
    today = dt.date.today()
    created = nurse.post(
        "/api/patients",
        {
            "given_name": "Lucie",
            "family_name": "Marchand",
            "birth_date": "1970-02-11",
            "sex_at_birth": "female",
            "locale": "fr",
            "timezone": "Europe/Paris",
            "phone": "06 00 00 00 09",
            "gp_name": "Dr Claire Petit",
            "gp_phone": "01 45 00 00 00",
            "discharge_date": (today - dt.timedelta(days=3)).isoformat(),
            "plan_id": "adult_post_sepsis",
            "team_ids": [team["id"]],
        },
    )
    assert created.status_code == 201, created.text
    invite = nurse.post(f"/api/patients/{created.json()['id']}/invitations", {"kind": "patient"})
    assert invite.status_code == 201, invite.text
    return str(invite.json()["link"])


def _login(server: str, email: str, password: str) -> httpx.Client:
    http = httpx.Client(base_url=server, timeout=10)
    http.get("/api/auth/csrf")
    resp = http.post(
        "/api/auth/login",
        json={"email": email, "password": password},
        headers={"x-csrftoken": http.cookies.get("relais_csrf") or ""},
    )
    assert resp.status_code == 200, resp.text
    return http


def test_join_share_and_close_my_account(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    link = _enrol_and_invite(api_as(NURSE))
    email = f"lucie.{uuid.uuid4().hex[:6]}@example.org"
    context, page, problems = open_page(browser, server, bypass_csp=True)
    found: dict[str, list[str]] = {}

    def audit(name: str) -> None:
        found[name] = serious_violations(page)
        page.screenshot(path=str(artifacts / f"fr-{name}.png"), full_page=True)

    # 1. Joining: the account is refused until both documents are ticked.
    page.goto(link)
    page.locator("#consent-terms").wait_for(timeout=TIMEOUT)
    page.fill("#name", "Lucie Marchand")
    page.fill("#email", email)
    page.fill("#password", NEW_PASSWORD)
    page.click("button[type=submit]")
    page.locator("#consent-terms-error").wait_for(timeout=TIMEOUT)
    assert page.locator("#consent-privacy-error").is_visible()
    assert page.evaluate("document.activeElement.id") == "consent-terms"
    assert page.locator("#consent-terms").get_attribute("aria-invalid") == "true"
    # The text is there to read, behind a keyboard-reachable summary.
    summary = page.locator(".consent-doc[data-document=terms] summary")
    summary.focus()
    page.keyboard.press("Enter")
    terms_text = page.locator(".consent-doc[data-document=terms] .consent-text")
    terms_text.wait_for(timeout=TIMEOUT)
    assert "Relais n'est pas un service d'urgence" in terms_text.inner_text()
    assert "{emergency_number}" not in terms_text.inner_text()
    audit("join-consent")
    page.focus("#consent-terms")
    page.keyboard.press("Space")  # ticked from the keyboard
    assert page.is_checked("#consent-terms")
    page.check("#consent-privacy")
    page.click("button[type=submit]")
    page.locator("[data-action=checkin]").first.wait_for(timeout=TIMEOUT)
    assert problems == []

    me = _login(server, email, NEW_PASSWORD)
    consent = me.get("/api/consent").json()
    assert consent["pending"] == []
    assert {d["document"]: d["accepted_version"] for d in consent["documents"]} == {
        "terms": 1,
        "privacy": 1,
    }
    patient_id = me.get("/api/me/circle").json()["people"][0]["patient_id"]
    teams_url = f"/api/patients/{patient_id}/consent/teams"

    # 2. Stopping sharing with the team: explained first, cancel changes nothing.
    page.goto("/my-data")
    page.locator("a[data-action=sharing]").click()
    card = page.locator(".sharing-team", has_text=DEMO_TEAM)
    card.wait_for(timeout=TIMEOUT)
    assert card.get_attribute("data-status") == "shared"
    audit("sharing")
    card.locator("[data-action=stop-sharing]").click()
    dialog = page.locator("dialog.confirm-dialog[aria-labelledby=confirm-title]")
    dialog.wait_for(state="visible", timeout=TIMEOUT)
    # It opens at its title, not scrolled down to its buttons (the text is longer than the
    # screen at the largest size).
    assert page.evaluate("document.activeElement.id") == "confirm-title"
    explanation = dialog.locator(".sharing-explanation").inner_text()
    assert DEMO_TEAM in explanation
    assert "garde ce qu" in explanation and "pendant la pause" in explanation
    # Its only team: nobody will be alerted any more, so the emergency number is given.
    assert "plus aucune équipe" in explanation and "appelez vous-même le 15" in explanation
    assert dialog.locator("strong", has_text="Qui sera alerté").count() == 1
    assert dialog.locator("li").count() >= 4  # the consequences, one per line
    audit("sharing-confirm")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden", timeout=TIMEOUT)
    assert me.get(teams_url).json()[0]["status"] == "shared"
    assert page.evaluate("document.activeElement.dataset.action") == "stop-sharing"

    card.locator("[data-action=stop-sharing]").click()
    dialog.locator("[data-action=confirm-sharing]").click()
    dialog.wait_for(state="hidden", timeout=TIMEOUT)
    page.locator(".sharing-done", has_text="est arrêté").wait_for(timeout=TIMEOUT)
    assert card.get_attribute("data-status") == "withdrawn"
    assert me.get(teams_url).json()[0]["status"] == "withdrawn"

    # ... and sharing again.
    card.locator("[data-action=resume-sharing]").click()
    dialog.wait_for(state="visible", timeout=TIMEOUT)
    resumed = dialog.locator(".sharing-explanation").inner_text()
    assert "verra tout votre suivi" in resumed and f"« {DEMO_TEAM} » qui sera prévenue" in resumed
    dialog.locator("[data-action=confirm-sharing]").click()
    page.locator(".sharing-done", has_text="de nouveau partagé").wait_for(timeout=TIMEOUT)
    assert me.get(teams_url).json()[0]["status"] == "shared"

    # 3. Closing the account: what it does here, then the password and a box to confirm.
    page.goto("/my-data")
    page.locator("a[data-action=close-account]").click()
    page.locator(".close-effects").wait_for(timeout=TIMEOUT)
    effects = page.locator(".close-effects").inner_text()
    assert "effacé pour de bon" in effects  # RELAIS_ERASURE_MODE=delete (the default)
    assert "1095 jours" in effects
    audit("close-account")
    page.click("[data-action=close-account]")
    page.locator("#close-password-error").wait_for(timeout=TIMEOUT)
    assert page.evaluate("document.activeElement.id") == "close-password"
    page.fill("#close-password", "pas le bon mot de passe")
    page.check("#close-understand")
    page.click("[data-action=close-account]")
    page.locator("#close-password-error", has_text="pas le bon").wait_for(timeout=TIMEOUT)
    assert me.get("/api/auth/me").status_code == 200  # nothing happened
    page.fill("#close-password", NEW_PASSWORD)
    page.click("[data-action=close-account]")
    page.locator("h1", has_text="Compte fermé").wait_for(timeout=TIMEOUT)
    assert "vos données sont effacées" in page.locator("main").inner_text()
    audit("account-closed")

    # Signing in fails now, in the app and through the API.
    page.goto("/signin")
    page.fill("#email", email)
    page.fill("#password", NEW_PASSWORD)
    page.click("button[type=submit]")
    page.locator(".error[role=alert]").wait_for(timeout=TIMEOUT)
    assert page.locator("[data-action=checkin]").count() == 0
    again = httpx.Client(base_url=server, timeout=10)
    again.get("/api/auth/csrf")
    refused = again.post(
        "/api/auth/login",
        json={"email": email, "password": NEW_PASSWORD},
        headers={"x-csrftoken": again.cookies.get("relais_csrf") or ""},
    )
    assert refused.status_code in (400, 401)
    assert me.get("/api/auth/me").status_code == 401
    assert api_as(NURSE).http.get(f"/api/patients/{patient_id}").status_code in (403, 404)
    for client in (me, again):
        client.close()

    assert {name: bad for name, bad in found.items() if bad} == {}
    assert problems == []
    context.close()


def test_terms_never_accepted_are_asked_before_anything_else(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    # An account made by an administrator has accepted nothing yet.
    admin = api_as("admin@demo.relais")
    email = f"proche.{uuid.uuid4().hex[:6]}@example.org"
    new_account(server, admin, email, "Paul Proche", "proxy", NEW_PASSWORD)
    title = {"en": "Updated terms", "fr": "Nouvelles conditions"}
    for lang in ("en", "fr"):
        context, page, problems = open_page(browser, server, lang, bypass_csp=True)
        page.goto("/signin")
        page.fill("#email", email)
        page.fill("#password", NEW_PASSWORD)
        page.click("button[type=submit]")
        gate = page.locator("form.consent-gate")
        gate.wait_for(timeout=TIMEOUT)
        assert page.locator("h1").inner_text() == title[lang]
        assert page.locator("nav.tabs").count() == 0
        assert page.locator(".consent-doc").count() == 2
        # Other screens wait too; the emergency page stays one tap away.
        page.goto("/trends")
        gate.wait_for(timeout=TIMEOUT)
        assert page.locator("a[href='/emergency']").count() >= 1
        bad = serious_violations(page)
        page.screenshot(path=str(artifacts / f"{lang}-consent-gate.png"), full_page=True)
        assert bad == [], bad
        if lang == "fr":
            page.click("[data-action=accept-consent]")
            page.locator("#consent-terms-error").wait_for(timeout=TIMEOUT)
            assert page.evaluate("document.activeElement.id") == "consent-terms"
            page.check("#consent-terms")
            page.check("#consent-privacy")
            page.click("[data-action=accept-consent]")
            gate.wait_for(state="detached", timeout=TIMEOUT)
            page.reload()
            page.locator("h1").wait_for(timeout=TIMEOUT)
            page.wait_for_load_state("networkidle")  # the documents' versions are read by then
            assert gate.count() == 0
        assert problems == []
        context.close()
    with httpx.Client(base_url=server, timeout=10) as http:
        http.get("/api/auth/csrf")
        http.post(
            "/api/auth/login",
            json={"email": email, "password": NEW_PASSWORD},
            headers={"x-csrftoken": http.cookies.get("relais_csrf") or ""},
        )
        assert http.get("/api/consent").json()["pending"] == []
