"""The administrator's space in the console, walked on a laptop in French and in English: Alice
creates a nurse's account from the screen (no password typed or seen; this server sends no email,
so the screen names the operator's command), the nurse opens her set-up link and signs in in a
second browser, Alice sees her session, then deactivates her: the nurse's open console is signed
out at its next call and shows the sign-in screen. Alice reactivates her, makes her an
administrator after typing her password again, is refused making a team member one, and creates
a care team with its lead. An axe audit on each screen; the pages also at 390 px."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import PASSWORD, Api, age_password_confirmations, setup_link
from tests.browser.console_kit import desktop
from tests.browser.test_pwa import TIMEOUT, wait_js
from tests.browser.test_second_factor import fresh_code

pytestmark = [pytest.mark.once]

ADMIN = "admin@demo.relais"
NURSE_PASSWORD = "une phrase assez longue pour moi"
W: dict[str, dict[str, Any]] = {
    "fr": {
        "staff": "Comptes du personnel",
        "teams": "Équipes soignantes",
        "pending": "Mot de passe à choisir",
        "active": "Actif",
        "deactivated": "Compte désactivé",
        "ends": "prennent fin immédiatement",
        "ended": "compte désactivé ; ses sessions ont pris fin",
        "none": "Aucune session ouverte.",
        "reactivated": "réactivé",
        "reset": "Inès Nouvelle : second facteur réinitialisé",
        "admin": "Administrateur",
        "role_done": "Rôle changé : Administrateur",
        "in_team": re.compile(r"membre de \d+ équipe\(s\) soignante\(s\)"),
        "team_done": "créée, avec Inès Moreau pour responsable",
        "signin": "Se connecter",
        "no_admin": "administrateur ne peut pas rejoindre",
    },
    "en": {
        "staff": "Staff accounts",
        "teams": "Care teams",
        "pending": "Set-up pending",
        "active": "Active",
        "deactivated": "Deactivated",
        "ends": "end at once",
        "ended": "account deactivated; their sessions ended",
        "none": "No open session.",
        "reactivated": "reactivated",
        "reset": "Inès Nouvelle's second factor reset",
        "admin": "Administrator",
        "role_done": "Role changed: Administrator",
        "in_team": re.compile(r"member of \d+ care team\(s\)"),
        "team_done": "created, with Inès Moreau as lead",
        "signin": "Sign in",
        "no_admin": "administrator cannot join a care team",
    },
}


def _audit(page: Any, artifacts: Path, name: str) -> None:
    assert serious_violations(page) == [], name
    page.screenshot(path=str(artifacts / f"admin-{name}.png"), full_page=True)


def _narrow(page: Any, artifacts: Path, name: str) -> None:
    """The same screen 390 px wide: nothing wider than the screen but the tables' own scroll."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(200)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name}: {width} px wide"
    assert serious_violations(page) == [], name
    page.screenshot(path=str(artifacts / f"admin-{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _heading(page: Any, text: str) -> None:
    page.locator("h1", has_text=text).wait_for(timeout=TIMEOUT)


def _row(page: Any, email: str) -> Any:
    return page.locator(f"table.staff tr[data-email='{email}']")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_administrator_creates_a_nurse_and_deactivates_her(
    browser: Any, server: str, artifacts: Path, lang: str
) -> None:
    w = W[lang]
    email = f"ines.{lang}.{uuid.uuid4().hex[:6]}@demo.relais"
    admin_ctx, admin = desktop(browser, server, lang, bypass_csp=True)
    nurse_ctx, nurse = desktop(browser, server, lang, bypass_csp=True)
    problems: list[str] = []
    admin.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    try:
        admin.goto("/signin")
        admin.fill("#email", ADMIN)
        admin.fill("#password", PASSWORD)
        admin.click("button[type=submit]")
        _heading(admin, w["staff"])
        # An administrator's console shows no clinical space: staff accounts and teams only.
        nav = admin.locator("nav.console-nav a")
        assert nav.all_inner_texts() == [w["staff"], w["teams"]]
        _row(admin, "nurse@demo.relais").wait_for(timeout=TIMEOUT)
        _audit(admin, artifacts, f"staff-{lang}")

        # A new nurse: name, email, role; no password anywhere.
        form = admin.locator("[data-testid=new-account]")
        assert form.locator("input[type=password]").count() == 0
        form.locator("button[type=submit]").click()
        form.locator("#new-display_name-error").wait_for(timeout=TIMEOUT)
        assert admin.locator("#new-display_name").get_attribute("aria-invalid") == "true"
        admin.fill("#new-display_name", "Inès Nouvelle")
        admin.fill("#new-email", email)
        admin.select_option("#new-role", "clinician")
        form.locator("button[type=submit]").click()
        created = admin.locator("[data-testid=created] .note")
        created.wait_for(timeout=TIMEOUT)
        # This server sends no email: the screen names the operator's command.
        assert f"relais setup-link {email}" in created.inner_text()
        assert w["pending"] in _row(admin, email).inner_text()
        _audit(admin, artifacts, f"created-{lang}")

        # She opens her link (printed by the operator) and chooses her password, then signs in.
        parts = urlsplit(setup_link(server, email))
        nurse.goto(f"{parts.path}#{parts.fragment}")
        nurse.fill("#new-password", NURSE_PASSWORD)
        nurse.fill("#new-password-again", NURSE_PASSWORD)
        nurse.click("button[type=submit]")
        nurse.locator("[data-state=done]").wait_for(timeout=TIMEOUT)
        nurse.goto("/signin")
        nurse.fill("#email", email)
        nurse.fill("#password", NURSE_PASSWORD)
        nurse.click("button[type=submit]")
        nurse.locator(".live-on").wait_for(timeout=TIMEOUT)

        # Alice sees her account active, signed in, and her session.
        admin.reload()
        _row(admin, email).wait_for(timeout=TIMEOUT)
        assert w["active"] in _row(admin, email).inner_text()
        _row(admin, email).locator("a").click()
        _heading(admin, "Inès Nouvelle")
        admin.locator("[data-testid=sessions] tbody tr").first.wait_for(timeout=TIMEOUT)
        assert admin.locator("[data-testid=sessions] tbody tr").count() == 1
        _audit(admin, artifacts, f"person-{lang}")
        _narrow(admin, artifacts, f"person-{lang}")

        # Deactivating asks first, and says the sessions end at once; the focus is in the dialog.
        admin.click("[data-action=deactivate]")
        dialog = admin.locator("[data-testid=confirm-deactivate]")
        dialog.locator("h2").wait_for(timeout=TIMEOUT)
        assert w["ends"] in dialog.inner_text()
        assert admin.evaluate(
            "document.querySelector('[data-testid=confirm-deactivate]')"
            ".contains(document.activeElement)"
        )
        _audit(admin, artifacts, f"deactivate-{lang}")
        # Escape closes it without doing anything.
        admin.keyboard.press("Escape")
        dialog.locator("h2").wait_for(state="detached", timeout=TIMEOUT)
        assert admin.locator("[data-testid=no-sessions]").count() == 0
        admin.click("[data-action=deactivate]")
        dialog.locator("[data-action=confirm]").click()
        said = admin.locator("[data-testid=said]")
        said.filter(has_text=w["ended"]).wait_for(timeout=TIMEOUT)
        admin.locator("[data-testid=no-sessions]").wait_for(timeout=TIMEOUT)
        assert w["deactivated"] in admin.locator("dl.facts").inner_text()

        # Her open console: the server refuses her next call, and the app shows the sign-in.
        status = nurse.evaluate(
            "fetch('/api/auth/me', {credentials: 'same-origin'}).then(r => r.status)"
        )
        assert status == 401
        nurse.locator("nav.console-nav a[href='/console/patients']").click()
        nurse.locator("#email").wait_for(timeout=TIMEOUT)
        nurse.locator("button[type=submit]", has_text=w["signin"]).wait_for(timeout=TIMEOUT)
        nurse.fill("#email", email)
        nurse.fill("#password", NURSE_PASSWORD)
        nurse.click("button[type=submit]")
        nurse.locator("[role=alert]").first.wait_for(timeout=TIMEOUT)
        assert nurse.locator(".live-on").count() == 0

        # Reactivated, she can sign in again.
        admin.click("[data-action=reactivate]")
        said.filter(has_text=w["reactivated"]).wait_for(timeout=TIMEOUT)
        nurse.click("button[type=submit]")
        nurse.locator(".live-on").wait_for(timeout=TIMEOUT)

        # She turns on a second factor, loses her phone: Alice resets it (after confirming).
        her = Api(server, email, NURSE_PASSWORD)
        secret = her.post("/api/auth/totp/setup", {}).json()["secret"]
        assert her.post("/api/auth/totp/enable", {"code": fresh_code(secret)}).status_code == 200
        her.close()
        admin.reload()
        admin.click("[data-action=reset-second-factor]")
        reset = admin.locator("[data-testid=confirm-reset]")
        reset.locator("h2").wait_for(timeout=TIMEOUT)
        _audit(admin, artifacts, f"reset-{lang}")
        reset.locator("[data-action=confirm]").click()
        said.filter(has_text=w["reset"]).wait_for(timeout=TIMEOUT)
        wait_js(admin, "!document.querySelector('[data-action=reset-second-factor]')")

        # A role change asks for the password again when the last one is old.
        age_password_confirmations(server)
        admin.select_option("#staff-role", "admin")
        admin.locator("#role-title ~ form button[type=submit]").click()
        admin.locator("#reauth-password").wait_for(timeout=TIMEOUT)
        admin.fill("#reauth-password", PASSWORD)
        admin.click("[data-action=reauth]")
        said.filter(has_text=w["role_done"]).wait_for(timeout=TIMEOUT)
        assert w["admin"] in admin.locator("dl.facts").inner_text()
        assert problems == []
    finally:
        nurse_ctx.close()
        admin_ctx.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_administrator_creates_a_team_with_its_lead(
    browser: Any, server: str, artifacts: Path, lang: str
) -> None:
    w = W[lang]
    context, page = desktop(browser, server, lang, bypass_csp=True)
    try:
        page.goto("/signin")
        page.fill("#email", ADMIN)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        _heading(page, w["staff"])
        _narrow(page, artifacts, f"staff-{lang}")

        # The demo nurse is in the demo team: she is not made an administrator.
        _row(page, "nurse@demo.relais").locator("a").click()
        _heading(page, "Inès Moreau")
        page.select_option("#staff-role", "admin")
        page.locator("#role-title ~ form button[type=submit]").click()
        page.locator("[role=alert]", has_text=w["in_team"]).wait_for(timeout=TIMEOUT)

        page.locator("nav.console-nav a[href='/console/admin/teams']").click()
        _heading(page, w["teams"])
        page.locator("[data-testid=teams] tbody tr").first.wait_for(timeout=TIMEOUT)
        form = page.locator("[data-testid=new-team]")
        form.locator("button[type=submit]").click()
        form.locator("#team-name-error").wait_for(timeout=TIMEOUT)
        form.locator("#team-lead-error").wait_for(timeout=TIMEOUT)
        # Only clinicians are offered as the lead, never an administrator.
        offered = form.locator("#team-lead option").all_inner_texts()
        assert any("nurse@demo.relais" in o for o in offered)
        assert not any(ADMIN in o for o in offered)
        name = f"Soins de suite {lang.upper()}"
        page.fill("#team-name", name)
        page.select_option("#team-kind", "coordination")
        page.fill("#team-phone", "01 23 45 67 89")
        page.select_option("#team-lead", label=next(o for o in offered if "nurse@demo" in o))
        page.select_option("#team-lead-role", "coordinating_nurse")
        _audit(page, artifacts, f"teams-{lang}")
        form.locator("button[type=submit]").click()
        said = page.locator("[data-testid=said]")
        said.filter(has_text=w["team_done"]).wait_for(timeout=TIMEOUT)
        page.locator("[data-testid=teams] th", has_text=name).wait_for(timeout=TIMEOUT)
        _audit(page, artifacts, f"team-created-{lang}")
        _narrow(page, artifacts, f"teams-{lang}")

        # Its page lists the lead; members are added there.
        said.locator("a").click()
        page.locator("h1", has_text=name).wait_for(timeout=TIMEOUT)
        members = page.locator("table.members")
        members.wait_for(timeout=TIMEOUT)
        wait_js(page, "document.querySelector('table.members').innerText.includes('Inès Moreau')")
        assert page.locator("nav.console-nav a[aria-current=page]").inner_text() == w["teams"]
        # Members are added there; an administrator is refused, by the API.
        members_card = page.locator("section[aria-labelledby=members-title]")
        for who, role in ((ADMIN, "physician"), ("doctor@demo.relais", "physician")):
            page.fill("#member-email", who)
            page.select_option("#member-role", role)
            members_card.locator("form button[type=submit]").click()
            if who == ADMIN:
                members_card.locator("[role=alert]", has_text=w["no_admin"]).wait_for(
                    timeout=TIMEOUT
                )
        wait_js(page, "document.querySelector('table.members').innerText.includes('Paul Martin')")
        _audit(page, artifacts, f"team-page-{lang}")
    finally:
        context.close()
