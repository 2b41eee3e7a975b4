"""Passwords a person can manage, walked as Jean at 360 px with the largest text: "forgot
password?" sends a link by email (a real SMTP server, aiosmtpd), the link opens the page that sets
a new one, and Settings changes it with the current one. Where no email can be sent, the screen
says to ask the care team. French and English; an axe audit on each screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PASSWORD, PATIENT
from tests.browser.phone import check_screen, phone
from tests.browser.test_pwa import TIMEOUT
from tests.server import running_server, seeded_copy
from tests.smtp import Inbox, smtp_server

# What the screens show and say; the API tests run the same writes on both engines.
pytestmark = [pytest.mark.once]

NEW = "un nouveau mot de passe solide"


@pytest.fixture(scope="module")
def mail() -> Iterator[Inbox]:
    with smtp_server() as inbox:
        yield inbox


@pytest.fixture(scope="module")
def mail_server(
    seeded_template: dict[str, str], tmp_path_factory: pytest.TempPathFactory, mail: Inbox
) -> Iterator[str]:
    """A server on its own copy of the demo data that sends its mail to ``mail``."""
    data_dir = tmp_path_factory.mktemp("browser-mail")
    log = data_dir / "server.log"
    with seeded_copy(seeded_template, data_dir) as own:
        env = {**own, "RELAIS_SMTP_HOST": "127.0.0.1", "RELAIS_SMTP_PORT": str(mail.port)}
        with running_server(env, migrate=False, log_path=log) as base:
            yield base
    text = log.read_text()
    assert "Traceback" not in text, text[-3000:]
    assert "#token=" not in text  # a reset link is never written to the log


def audited(page: Any, artifacts: Path, name: str) -> None:
    check_screen(page, artifacts, f"password-{name}")


def test_a_forgotten_password_is_reset_by_email_then_changed_in_settings(
    browser: Any, mail_server: str, mail: Inbox, artifacts: Path
) -> None:
    context, page, _ = phone(browser, mail_server, "fr")
    page.goto("/signin")
    page.click("[data-action=forgot]")
    page.locator("h1", has_text="Mot de passe oublié").wait_for(timeout=TIMEOUT)
    audited(page, artifacts, "fr-forgot")
    page.fill("#email", PATIENT)
    page.click("button[type=submit]")
    sent = page.locator("[data-state=sent]")
    sent.wait_for(timeout=TIMEOUT)
    assert PATIENT in sent.inner_text() and "minutes" in sent.inner_text()
    audited(page, artifacts, "fr-forgot-sent")

    [message] = mail.wait(PATIENT)
    assert message["Subject"] == "Relais : changer votre mot de passe"
    link = next(w for w in message.get_content().split() if "/reset-password#token=" in w)
    page.goto(link)
    page.locator("h1", has_text="Choisir un nouveau mot de passe").wait_for(timeout=TIMEOUT)
    assert "token" not in page.url  # read, then out of the address bar and the history
    audited(page, artifacts, "fr-reset")
    page.fill("#new-password", "court")
    page.fill("#new-password-again", "court")
    page.click("button[type=submit]")
    assert "12 caractères" in page.locator("#new-password-error").inner_text(timeout=TIMEOUT)
    page.fill("#new-password", NEW)
    page.fill("#new-password-again", NEW + "!")
    page.click("button[type=submit]")
    assert "pas identiques" in page.locator("#new-password-error").inner_text(timeout=TIMEOUT)
    page.fill("#new-password-again", NEW)
    page.click("button[type=submit]")
    page.locator("[data-state=done]").wait_for(timeout=TIMEOUT)
    audited(page, artifacts, "fr-reset-done")

    page.click("a.button.primary")
    page.fill("#email", PATIENT)
    page.fill("#password", PASSWORD)  # the old one no longer works
    page.click("button[type=submit]")
    page.locator(".error").wait_for(timeout=TIMEOUT)
    page.fill("#password", NEW)
    page.click("button[type=submit]")
    page.locator("[data-action=worse]").wait_for(timeout=TIMEOUT)

    page.goto("/settings")
    page.locator("#current-password").wait_for(timeout=TIMEOUT)
    page.fill("#current-password", "pas le bon mot de passe")
    page.fill("#new-password", PASSWORD)
    page.fill("#new-password-again", PASSWORD)
    page.click("#password-title ~ form button[type=submit]")
    error = page.locator("#current-password-error")
    error.wait_for(timeout=TIMEOUT)
    assert "current" not in error.inner_text().lower()  # said in French
    audited(page, artifacts, "fr-settings-wrong")
    page.fill("#current-password", NEW)
    page.click("#password-title ~ form button[type=submit]")
    page.locator("[data-state=changed]").wait_for(timeout=TIMEOUT)
    assert "Mot de passe changé" in page.locator("[data-state=changed]").inner_text()
    context.close()

    # And in English: the link of a second request is in the account's language (French), the
    # screens in the app's.
    context, page, _ = phone(browser, mail_server, "en")
    page.goto("/forgot-password")
    page.locator("h1", has_text="Forgotten password").wait_for(timeout=TIMEOUT)
    page.fill("#email", PATIENT)
    page.click("button[type=submit]")
    page.locator("[data-state=sent]").wait_for(timeout=TIMEOUT)
    audited(page, artifacts, "en-forgot-sent")
    mail.wait(PATIENT, 2)
    page.goto("/reset-password")  # a link cut short
    assert "incomplete" in page.locator(".error").inner_text(timeout=TIMEOUT)
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_email_the_screen_says_to_ask_the_care_team(
    browser: Any, server: str, artifacts: Path, lang: str
) -> None:
    context, page, _ = phone(browser, server, lang)
    page.goto("/signin")
    page.click("[data-action=forgot]")
    said = page.locator("[data-state=no-email]")
    said.wait_for(timeout=TIMEOUT)
    assert ("équipe de soins" if lang == "fr" else "care team") in said.inner_text()
    assert page.locator("#email").count() == 0
    audited(page, artifacts, f"{lang}-forgot-no-email")
    context.close()
