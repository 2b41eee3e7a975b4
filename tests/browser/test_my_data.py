"""The person's own data in the app: the PDF summary downloaded from the "My data" screen, and
the access history listing the reads of the care team."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE, PASSWORD, PATIENT, Api, age_password_confirmations
from tests.browser.phone import check_screen, phone
from tests.browser.test_pwa import TIMEOUT, open_page, sign_in


def test_patient_downloads_pdf_and_sees_who_read(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    api = api_as(PATIENT)
    patient_id = api.circle()[0]["patient_id"]
    # A member of the care team reads the record: the read is in the history.
    nurse = api_as(NURSE)
    nurse.get(f"/api/patients/{patient_id}/checkins?days=30")
    log = api.get(f"/api/patients/{patient_id}/access-log")
    assert log["total"] > 0
    reader = next(e for e in log["items"] if e["role"] == "clinician")

    context, page, problems = open_page(browser, server, bypass_csp=True)
    found: dict[str, list[str]] = {}
    sign_in(page, PATIENT)
    page.goto("/settings")
    page.locator("a[data-action=my-data]").click()
    page.locator("h1", has_text="Mes données").wait_for(timeout=TIMEOUT)
    for kind in ("pdf", "fhir", "csv"):
        link = page.locator(f"a[data-export={kind}]")
        assert link.get_attribute("href") == f"/api/patients/{patient_id}/export/{kind}"
    found["my-data"] = serious_violations(page)
    page.screenshot(path=str(artifacts / "fr-my-data.png"), full_page=True)

    with page.expect_download(timeout=TIMEOUT) as info:
        page.locator("a[data-export=pdf]").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    saved = Path(download.path())
    assert saved.read_bytes().startswith(b"%PDF")

    page.locator("a[href='/my-data/access']").click()
    page.locator("h1", has_text="Qui a vu le dossier").wait_for(timeout=TIMEOUT)
    entries = page.locator(".access-entry")
    entries.first.wait_for(timeout=TIMEOUT)
    assert page.locator(".access-who", has_text=reader["who"]).count() >= 1
    assert page.locator(".access-role", has_text="Soignant").count() >= 1
    assert entries.first.locator("time").get_attribute("datetime")
    found["my-data-access"] = serious_violations(page)
    page.screenshot(path=str(artifacts / "fr-my-data-access.png"), full_page=True)

    assert {name: bad for name, bad in found.items() if bad} == {}
    assert problems == []
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_download_asks_for_the_password_when_it_was_typed_long_ago(
    browser: Any, server: str, artifacts: Path, lang: str
) -> None:
    """Jean's phone stayed signed in; downloading his record asks for his password first, in a
    dialog at 360 px with the largest text, then the download goes on."""
    context, page, problems = phone(browser, server, lang)
    try:
        sign_in(page, PATIENT)
        page.goto("/my-data")
        link = page.locator("a[data-export=csv]")
        link.wait_for(timeout=TIMEOUT)
        age_password_confirmations(server)

        link.click()
        dialog = page.locator("dialog.reauth")
        dialog.locator("#reauth-password").wait_for(timeout=TIMEOUT)
        assert ("mot de passe" if lang == "fr" else "password") in dialog.inner_text()
        page.fill("#reauth-password", "not my password at all")
        dialog.locator("[data-action=reauth]").click()
        dialog.locator("#reauth-error").wait_for(timeout=TIMEOUT)
        check_screen(page, artifacts, f"reauth-{lang}")

        page.fill("#reauth-password", PASSWORD)
        with page.expect_download(timeout=TIMEOUT) as info:
            dialog.locator("[data-action=reauth]").click()
        assert info.value.suggested_filename.endswith(".zip")
        assert not dialog.is_visible()
        assert problems == []
    finally:
        context.close()
