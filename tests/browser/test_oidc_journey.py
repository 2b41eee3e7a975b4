"""A nurse signs in through the hospital's OpenID provider (a real one, oidc-provider, started by
the tests), on a laptop: the console's sign-in screen offers "Sign in with CHU Test" and no
password form (staff passwords are off here); the provider's login page; back in the console, she
finds the patient the hospital's discharge brought (FHIR, sent by its system client), opens the
invitations and prints one (one A4 page).
Signing out ends her session at the provider too: signing in again asks for her login. A person
nobody prepared comes back to the sign-in screen with the reason, and no account. French and
English, axe clean on the sign-in screen (with and without the refusal)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import SERVER_ENVS
from tests.browser.console_kit import TIMEOUT, desktop
from tests.browser.test_discharge_import import DEMO_TEAM
from tests.discharge.conftest import DOC_TEAM, doc_bundle
from tests.idp import IdP, running_idp
from tests.server import free_port, running_server, seeded_copy

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.idp]

NURSE = {
    "sub": "psc-nurse-demo",
    "email": "nurse@demo.relais",
    "email_verified": True,
    "name": "Inès Moreau",
    "rpps": "10101010101",
    "groups": ["relais-nurses"],
    "acr": "eidas2",
}
DOCTOR = {
    "sub": "psc-doctor-demo",
    "email": "doctor@demo.relais",
    "email_verified": True,
    "name": "Paul Martin",
    "rpps": "10202020202",
    "groups": ["relais-physicians"],
    "acr": "eidas2",
}
STRANGER = {
    "sub": "psc-stranger",
    "email": "someone.else@chu-test.example",
    "email_verified": True,
    "name": "Someone Else",
    "rpps": "10303030303",
    "groups": ["relais-nurses"],
    "acr": "eidas2",
}
#: The demo team's id, by server.
DEMO_TEAM_IDS: dict[str, str] = {}
PEOPLE = {
    "fr": {"given": "Odette", "family": "Lemaire"},
    "en": {"given": "Arthur", "family": "Pennington"},
}
WORDS = {
    "fr": {
        "button": "Se connecter avec CHU Test",
        "sheet": "Code d’invitation",
        "unknown": "Aucun compte Relais n'est préparé pour vous",
    },
    "en": {
        "button": "Sign in with CHU Test",
        "sheet": "Invitation code",
        "unknown": "No Relais account is prepared for you",
    },
}


@pytest.fixture(scope="module")
def hospital(
    seeded_template: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, IdP]]:
    """The demo data's server with staff sign-in at a provider of its own (staff passwords off,
    the provider's second factor required), and that provider."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    data_dir = tmp_path_factory.mktemp("browser-oidc")
    log = data_dir / "server.log"
    with (
        running_idp(
            data_dir / "idp",
            redirect_uri=f"{base}/api/auth/oidc/callback",
            post_logout_redirect_uri=f"{base}/console/",
            fhir_base=f"{base}/fhir",
            people=(NURSE, DOCTOR, STRANGER),
        ) as idp,
        seeded_copy(seeded_template, data_dir) as own,
    ):
        team = subprocess.run(
            [sys.executable, "-c", DEMO_TEAM],
            env={**os.environ, **own},
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()
        env = {
            **own,
            # The hospital's system client sends discharges for the demo team.
            "RELAIS_FHIR_ISSUER": idp.issuer,
            "RELAIS_FHIR_AUDIENCE": f"{base}/fhir",
            "RELAIS_FHIR_CLIENTS": f"{idp.system_client_id}={team}",
            "RELAIS_OIDC_ISSUER": idp.issuer,
            "RELAIS_OIDC_CLIENT_ID": idp.staff_client_id,
            "RELAIS_OIDC_CLIENT_SECRET": idp.staff_client_secret,
            "RELAIS_OIDC_SCOPES": "openid email profile rpps groups",
            "RELAIS_OIDC_PROVIDER_NAME": "CHU Test",
            "RELAIS_OIDC_ID_CLAIM": "rpps",
            "RELAIS_OIDC_ACR_VALUES": "eidas2 eidas3",
            "RELAIS_STAFF_PASSWORDS": "false",
        }
        with running_server(env, migrate=False, log_path=log, port=port, within_s=120) as server:
            SERVER_ENVS[server] = env
            DEMO_TEAM_IDS[server] = team
            yield server, idp
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def _signed_in_api(server: str, idp: IdP, login: str) -> httpx.Client:
    """An HTTP client signed in through the provider, as a browser would be (the doctor's)."""
    relais = httpx.Client(base_url=server, timeout=10)
    with httpx.Client(timeout=10) as at_provider:
        start = relais.get("/api/auth/oidc/start")
        assert start.status_code == 303, start.text
        back = idp.login(at_provider, start.headers["location"], login)
        parts = urlsplit(back)
        done = relais.get(f"{parts.path}?{parts.query}")
        assert done.status_code == 303 and done.headers["location"] == "/console/"
    relais.get("/api/auth/csrf")
    return relais


def _imported(server: str, idp: IdP, person: dict[str, str], lang: str) -> str:
    """A patient who arrived by the hospital's discharge (POST /api/fhir/discharge, the sample
    bundle of docs/integration.md), named for this journey and speaking its language."""
    team = DEMO_TEAM_IDS[server]
    bundle = doc_bundle()
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "Patient":
            # The hospital's own number only (no INS): one patient per language.
            resource["identifier"] = [
                {"system": "urn:oid:1.2.250.1.999.1.1", "value": f"IPP-JOURNEY-{lang}"}
            ]
            resource["name"] = [{"use": "official", "family": person["family"],
                                 "given": [person["given"]]}]  # fmt: skip
            resource["communication"] = [
                {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": lang}]}}
            ]
        if resource["resourceType"] == "Encounter":
            resource["identifier"][0]["value"] = f"SEJ-JOURNEY-{lang}"
    body = json.dumps(bundle).replace(DOC_TEAM, team)
    sent = httpx.post(
        f"{server}/api/fhir/discharge",
        content=body,
        headers={
            "authorization": f"Bearer {idp.system_token()['access_token']}",
            "content-type": "application/fhir+json",
        },
        timeout=30,
    )
    assert sent.status_code in (200, 201), sent.text
    return str(sent.json()["patient_id"])


def audit(page: Any, artifacts: Path, name: str) -> None:
    found = serious_violations(page)
    assert found == [], (name, found)
    page.screenshot(path=str(artifacts / f"oidc-{name}.png"), full_page=True)


def pages_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_nurse_signs_in_at_the_provider_finds_the_imported_patient_and_prints_the_invitation(
    browser: Any, hospital: tuple[str, IdP], artifacts: Path, lang: str
) -> None:
    server, idp = hospital
    person = PEOPLE[lang]
    words = WORDS[lang]
    patient_id = _imported(server, idp, person, lang)
    context, page = desktop(browser, server, lang, bypass_csp=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # The console's sign-in: the provider's button, no password form.
    page.goto("/console/")
    button = page.locator("[data-action=provider-signin]")
    button.wait_for(timeout=TIMEOUT)
    assert button.inner_text().strip() == words["button"]
    assert page.locator("#password").count() == 0
    audit(page, artifacts, f"{lang}-signin")

    # The provider's login page, then back in the console.
    button.click()
    page.wait_for_url(f"{idp.issuer}/**", timeout=TIMEOUT)
    page.fill("input[name=login]", NURSE["email"])
    page.fill("input[name=password]", "her password at the hospital")
    page.screenshot(path=str(artifacts / f"oidc-{lang}-provider.png"), full_page=True)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/console/**", timeout=TIMEOUT)
    page.locator(".live-on").wait_for(timeout=TIMEOUT)

    # She finds the patient the hospital's discharge brought, by name, and opens the invitations.
    page.goto("/console/patients")
    page.fill("#patient-search", person["family"])
    row = page.locator(f"tr[data-patient='{patient_id}']")
    row.wait_for(timeout=TIMEOUT)
    assert person["family"].upper() in row.inner_text()
    row.locator("a").first.click()
    page.locator("[data-action=invitations]").click()
    page.locator("[data-action=invite]").click()
    card = page.locator("[data-testid=invitation]")
    card.wait_for(timeout=TIMEOUT)
    code = card.locator("[data-testid=code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), code
    page.screenshot(path=str(artifacts / f"oidc-{lang}-invite.png"), full_page=True)

    # Printed: the sheet alone, one A4 page, in the patient's language.
    page.emulate_media(media="print")
    sheet = page.locator(".invite-sheet")
    assert words["sheet"] in sheet.inner_text()
    assert code in sheet.inner_text()
    page.screenshot(path=str(artifacts / f"oidc-{lang}-print.png"), full_page=True)
    assert pages_in(page.pdf(format="A4", print_background=True)) == 1
    page.emulate_media(media="screen")

    # Signing out ends the provider's session too: its confirmation, then the sign-in screen.
    page.locator("header.top button", has_text=re.compile("Se déconnecter|Sign out")).click()
    page.wait_for_url(f"{idp.issuer}/**", timeout=TIMEOUT)
    page.locator("button[autofocus], button[value=yes], button:has-text('Yes')").first.click()
    page.wait_for_url(f"{server}/console/**", timeout=TIMEOUT)
    page.locator("[data-action=provider-signin]").click()
    page.wait_for_url(f"{idp.issuer}/**", timeout=TIMEOUT)
    page.locator("input[name=login]").wait_for(timeout=TIMEOUT)  # asked again
    assert errors == []
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_person_nobody_prepared_is_told_why_on_the_sign_in_screen(
    browser: Any, hospital: tuple[str, IdP], artifacts: Path, lang: str
) -> None:
    server, idp = hospital
    context, page = desktop(browser, server, lang, bypass_csp=True)
    page.goto("/console/")
    page.locator("[data-action=provider-signin]").click()
    page.wait_for_url(f"{idp.issuer}/**", timeout=TIMEOUT)
    page.fill("input[name=login]", STRANGER["email"])
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/console/**", timeout=TIMEOUT)
    alert = page.locator("[role=alert]")
    alert.wait_for(timeout=TIMEOUT)
    assert words_in(alert.inner_text(), WORDS[lang]["unknown"])
    audit(page, artifacts, f"{lang}-refused")
    # Said once: a reload shows the screen without it.
    page.reload()
    page.locator("[data-action=provider-signin]").wait_for(timeout=TIMEOUT)
    assert page.locator("[role=alert]").count() == 0
    context.close()


def words_in(text: str, expected: str) -> bool:
    return expected.replace("'", "’") in text.replace("'", "’")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_on_a_phone_the_password_form_comes_first_and_staff_have_their_button(
    browser: Any, hospital: tuple[str, IdP], artifacts: Path, lang: str
) -> None:
    """Patients and families keep their password form (staff passwords being off changes
    nothing for them); the care team's button comes after it. 360 px, the largest text."""
    from tests.browser.phone import phone

    server, _ = hospital
    context, page, errors = phone(browser, server, lang)
    page.goto("/signin")
    page.locator("#password").wait_for(timeout=TIMEOUT)
    button = page.locator("[data-action=provider-signin]")
    button.wait_for(timeout=TIMEOUT)
    assert page.locator("#password").bounding_box()["y"] < button.bounding_box()["y"]
    audit(page, artifacts, f"{lang}-phone-signin")
    assert errors == []
    context.close()


ADMIN = {
    "sub": "psc-admin-demo",
    "email": "admin@demo.relais",
    "email_verified": True,
    "name": "Alice Admin",
    "groups": [],
    "acr": "eidas2",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_account_made_with_its_rpps_number_signs_in_at_the_provider(
    browser: Any, hospital: tuple[str, IdP], artifacts: Path, lang: str
) -> None:
    """The administrator creates a nurse's account with her RPPS number (no set-up link: staff
    passwords are off here); the nurse, known at the provider by another address, signs in."""
    server, idp = hospital
    rpps = "1040404040" + ("1" if lang == "fr" else "2")
    newcomer = {
        "sub": f"psc-newcomer-{lang}",
        "email": f"newcomer-{lang}@chu-test.example",
        "email_verified": False,
        "name": "Nouvelle Infirmière",
        "rpps": rpps,
        "groups": ["relais-nurses"],
        "acr": "eidas2",
    }
    idp.set_people(NURSE, DOCTOR, STRANGER, ADMIN, newcomer)
    context, page = desktop(browser, server, lang, bypass_csp=True)
    page.goto("/console/")
    page.locator("[data-action=provider-signin]").click()
    page.fill("input[name=login]", ADMIN["email"])
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/console/**", timeout=TIMEOUT)
    page.goto("/console/admin")
    form = page.locator("form[data-testid=new-account]")
    form.wait_for(timeout=TIMEOUT)
    page.fill("#new-display_name", "Nouvelle Infirmière")
    page.fill("#new-email", f"n.infirmiere-{lang}@relais.example")
    page.fill("#new-professional_id", "12 34")
    form.locator("button[type=submit]").click()
    page.locator("#new-professional_id-error").wait_for(timeout=TIMEOUT)
    assert page.locator("#new-professional_id").get_attribute("aria-invalid") == "true"
    audit(page, artifacts, f"{lang}-admin-rpps-refused")
    page.fill("#new-professional_id", rpps)
    form.locator("button[type=submit]").click()
    created = page.locator("[data-testid=created] .note")
    created.wait_for(timeout=TIMEOUT)
    assert "CHU Test" in created.inner_text()
    assert "setup-link" not in created.inner_text()
    audit(page, artifacts, f"{lang}-admin-created")
    page.locator("header.top button", has_text=re.compile("Se déconnecter|Sign out")).click()
    page.wait_for_url(f"{idp.issuer}/**", timeout=TIMEOUT)
    page.locator("button[autofocus], button[value=yes], button:has-text('Yes')").first.click()
    page.wait_for_url(f"{server}/console/**", timeout=TIMEOUT)
    context.close()

    context, page = desktop(browser, server, lang, bypass_csp=True)
    page.goto("/console/")
    page.locator("[data-action=provider-signin]").click()
    page.fill("input[name=login]", newcomer["email"])
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/console/**", timeout=TIMEOUT)
    page.locator(".live-on").wait_for(timeout=TIMEOUT)
    me = page.evaluate("fetch('/api/auth/me').then(r => r.json())")
    assert me["email"] == f"n.infirmiere-{lang}@relais.example"
    context.close()
