"""Where the service requires it, a nurse turns on her second factor before anything else: at her
first sign-in the console shows the QR code and asks for the app's first code, then opens; the
next sign-in asks for a code. Walked on a laptop in French and in English, with an axe audit."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyotp
import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import PASSWORD, SERVER_ENVS, Api, setup_link
from tests.browser.console_kit import desktop
from tests.browser.test_pwa import TIMEOUT
from tests.server import running_server, seeded_copy

pytestmark = [pytest.mark.once]

WHO = {"fr": "nurse@demo.relais", "en": "doctor@demo.relais"}
TITLE = {"fr": "Activez votre second facteur", "en": "Turn on your second factor"}


@pytest.fixture(scope="module")
def strict_server(
    seeded_template: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("browser-2fa")
    log = data_dir / "server.log"
    with seeded_copy(seeded_template, data_dir) as own:
        env = {**own, "RELAIS_STAFF_SECOND_FACTOR": "required"}
        with running_server(env, migrate=False, log_path=log) as base:
            SERVER_ENVS[base] = env
            yield base
    assert "Traceback" not in log.read_text()


@pytest.fixture(scope="module")
def strict_admin(strict_server: str) -> Iterator[Api]:
    """The administrator of that server, second factor turned on (the server requires it of
    administrators too), signed in for the module."""
    admin = Api(strict_server, "admin@demo.relais")
    assert admin.get("/api/auth/me")["second_factor_needed"] is True
    secret = admin.post("/api/auth/totp/setup", {}).json()["secret"]
    assert admin.post("/api/auth/totp/enable", {"code": fresh_code(secret)}).status_code == 200
    yield admin
    admin.close()


def fresh_code(secret: str) -> str:
    """A code of a step not used yet (each works once): wait for the next step if needed."""
    totp = pyotp.TOTP(secret)
    left = totp.interval - time.time() % totp.interval
    if left < 3:
        time.sleep(left + 0.5)
    return totp.now()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_staff_turn_on_the_second_factor_at_first_sign_in(
    browser: Any, strict_server: str, artifacts: Path, lang: str
) -> None:
    context, page = desktop(browser, strict_server, lang, bypass_csp=True)
    try:
        page.goto("/signin")
        page.fill("#email", WHO[lang])
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        card = page.locator("[data-testid=second-factor]")
        card.locator(".qr svg").wait_for(timeout=TIMEOUT)
        assert page.locator("h1").inner_text().strip() == TITLE[lang]
        # Nothing else of the console is reachable before it is on.
        assert page.locator(".live-on").count() == 0
        assert serious_violations(page) == []
        page.screenshot(path=str(artifacts / f"second-factor-{lang}.png"), full_page=True)

        card.locator("summary").click()
        secret = card.locator("code.secret").inner_text().strip()
        page.fill("#totp-code", "12345")
        card.locator("button[type=submit]").click()
        card.locator("#totp-error").wait_for(timeout=TIMEOUT)
        page.fill("#totp-code", fresh_code(secret))
        card.locator("button[type=submit]").click()
        page.locator(".live-on").wait_for(timeout=TIMEOUT)

        if lang == "en":
            return
        # Next time, the code is asked at sign-in.
        page.locator(
            "button", has_text="Se déconnecter" if lang == "fr" else "Sign out"
        ).first.click()
        page.locator("#email").wait_for(timeout=TIMEOUT)
        page.fill("#email", WHO[lang])
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.locator("#totp").wait_for(timeout=TIMEOUT)
        time.sleep(pyotp.TOTP(secret).interval - time.time() % 30 + 0.5)  # the next step's code
        page.fill("#totp", pyotp.TOTP(secret).now())
        page.click("button[type=submit]")
        page.locator(".live-on").wait_for(timeout=TIMEOUT)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_new_nurse_sets_her_password_from_her_link_then_her_second_factor(
    browser: Any, strict_server: str, strict_admin: Api, artifacts: Path, lang: str
) -> None:
    """The administrator creates her account without a password; the link (printed by the
    operator here, as where no email is sent) opens the page where she chooses one."""
    email = f"ines.{uuid.uuid4().hex[:6]}@demo.relais"
    made = strict_admin.post(
        "/api/admin/users", {"email": email, "display_name": "Inès", "role": "clinician"}
    )
    assert made.status_code == 201 and made.json()["setup_link_sent"] is False, made.text
    link = setup_link(strict_server, email)
    context, page = desktop(browser, strict_server, lang, bypass_csp=True)
    try:
        # The link names the public address; here the server listens elsewhere.
        parts = urlsplit(link)
        page.goto(f"{parts.path}#{parts.fragment}")
        title = {"fr": "Choisissez votre mot de passe", "en": "Choose your password"}[lang]
        page.locator("h1", has_text=title).wait_for(timeout=TIMEOUT)
        # The token left the address bar as soon as it was read.
        assert "token" not in page.url
        page.fill("#new-password", "une phrase assez longue pour moi")
        page.fill("#new-password-again", "une phrase assez longue pour moi")
        assert serious_violations(page) == []
        page.screenshot(path=str(artifacts / f"staff-setup-{lang}.png"), full_page=True)
        page.click("button[type=submit]")
        page.locator("[data-state=done]").wait_for(timeout=TIMEOUT)
        page.goto("/signin")
        page.fill("#email", email)
        page.fill("#password", "une phrase assez longue pour moi")
        page.click("button[type=submit]")
        page.locator("[data-testid=second-factor] .qr svg").wait_for(timeout=TIMEOUT)
    finally:
        context.close()
