"""A discharge the hospital's system sends as FHIR shows in the team's console: the patient in the
list, their hand-over and the invitation waiting, in French and English, with no serious axe
violation. The server trusts the real OpenID provider of the tests for the system client."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import NURSE
from tests.browser.console_kit import TIMEOUT, desktop, sign_in_console
from tests.discharge.conftest import DOC_TEAM, doc_bundle
from tests.idp import IdP, running_idp
from tests.server import running_server, seeded_copy

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.idp]

AUDIENCE = "https://relais.browser.test/api/fhir"
DEMO_TEAM = (
    "from relais.cli import run_with_db\n"
    "from relais.care.tables import Team\n"
    "async def go(settings):\n"
    "    print((await Team.select(Team.id).first())['id'])\n"
    "run_with_db(go)\n"
)


@pytest.fixture(scope="module")
def hospital_server(
    seeded_template: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, IdP, str]]:
    """The demo data, a provider, and a server that lets its SYSTEM client import for the demo
    team."""
    data_dir = tmp_path_factory.mktemp("browser-discharge")
    log = data_dir / "server.log"
    with seeded_copy(seeded_template, data_dir) as own:
        team = subprocess.run(
            [sys.executable, "-c", DEMO_TEAM],
            env={**os.environ, **own},
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()
        with running_idp(
            data_dir / "idp",
            redirect_uri="http://127.0.0.1/cb",
            post_logout_redirect_uri="http://127.0.0.1/",
            fhir_base=AUDIENCE,
        ) as idp:
            env = {
                **own,
                "RELAIS_FHIR_ISSUER": idp.issuer,
                "RELAIS_FHIR_AUDIENCE": AUDIENCE,
                "RELAIS_FHIR_CLIENTS": f"{idp.system_client_id}={team}",
            }
            with running_server(env, migrate=False, log_path=log, within_s=120) as base:
                yield base, idp, team
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def test_the_team_sees_the_imported_patient_in_the_console(
    browser: Any, hospital_server: tuple[str, IdP, str], artifacts: Path
) -> None:
    base, idp, team = hospital_server
    body = json.dumps(doc_bundle()).replace(DOC_TEAM, team)
    resp = httpx.post(
        f"{base}/api/fhir/discharge",
        content=body,
        headers={
            "authorization": f"Bearer {idp.system_token()['access_token']}",
            "content-type": "application/fhir+json",
        },
        timeout=30,
    )
    assert resp.status_code == 201, resp.text
    pid = resp.json()["patient_id"]
    for lang, waiting, referent in (
        ("fr", "En attente", "Dr Paul Martin"),
        ("en", "Pending", "Dr Paul Martin"),
    ):
        context, page = desktop(browser, base, lang, bypass_csp=True)
        sign_in_console(page, NURSE)
        page.goto("/console/patients")
        row = page.locator(f"[data-patient='{pid}']")
        row.wait_for(timeout=TIMEOUT)
        assert "DURAND Michel" in row.inner_text()
        assert serious_violations(page) == []
        page.screenshot(path=str(artifacts / f"{lang}-console-discharge-list.png"), full_page=True)
        row.get_by_role("link").click()
        page.get_by_text(referent).first.wait_for(timeout=TIMEOUT)
        page.get_by_text("+33 1 40 00 00 00").first.wait_for(timeout=TIMEOUT)
        assert serious_violations(page) == []
        page.screenshot(path=str(artifacts / f"{lang}-console-discharge-patient.png"))
        page.goto(f"/console/patients/{pid}/invite")
        page.locator("[data-state='pending']").first.wait_for(timeout=TIMEOUT)
        assert waiting in page.locator("[data-state='pending']").first.inner_text()
        assert serious_violations(page) == []
        page.screenshot(path=str(artifacts / f"{lang}-console-discharge-invitation.png"))
        context.close()
