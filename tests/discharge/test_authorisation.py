"""Only a system client with an access token from the configured issuer imports a discharge
(SMART Backend Services): client credentials with a signed JWT assertion at the real OpenID
provider; forged tokens (another key, or the provider's key with a wrong claim) are refused, as
are a missing scope and a client the settings do not name. Nothing is written when refused."""

from __future__ import annotations

import time
from typing import Any

import pytest

from relais.audit.tables import AuditEvent
from relais.care.tables import Patient
from tests.discharge.conftest import Hospital, verifier_for
from tests.helpers import ApiClient, make_user

# The real OpenID provider is a process of its own: in make test, not in the inner loop.
pytestmark = [pytest.mark.idp, pytest.mark.slow]


async def _refused(
    hospital: Hospital, token: str, status: int, code: str, error: str = ""
) -> dict[str, Any]:
    resp = await hospital.send(hospital.bundle(), token=token)
    assert resp.status_code == status, resp.text
    issue = resp.json()["issue"][0]
    assert issue["details"]["coding"][0]["code"] == code
    challenge = resp.headers.get("www-authenticate", "")
    if status == 401:
        assert challenge.startswith('Bearer realm="relais"')
    if error:
        assert f'error="{error}"' in challenge
    assert await Patient.count() == 0
    audit = await AuditEvent.select().where(AuditEvent.action == "discharge.import")
    assert [(a["outcome"], a["patient_id"]) for a in audit] == [("failure", None)]
    return dict(issue)


async def test_a_token_from_the_provider_imports(hospital: Hospital) -> None:
    token = hospital.idp.system_token()
    assert "system/Bundle.write" in token["scope"].split()
    resp = await hospital.send(hospital.bundle(), token=token["access_token"])
    assert resp.status_code == 201, resp.text


async def test_no_token_is_a_401_with_a_bearer_challenge(hospital: Hospital) -> None:
    await _refused(hospital, "", 401, "fhir-token-missing")


async def test_a_session_cookie_is_no_token(hospital: Hospital, make_client: Any) -> None:
    """A signed-in clinician's browser cannot import: the route reads no cookie."""
    await make_user(hospital.client.app, "clinician", "c-fhir@example.org")
    browser: ApiClient
    async with make_client() as browser:
        await browser.login_ok("c-fhir@example.org")
        resp = await browser.post("/api/fhir/discharge", json=hospital.bundle())
        assert resp.status_code == 401, resp.text
        assert resp.json()["issue"][0]["details"]["coding"][0]["code"] == "fhir-token-missing"


async def test_a_token_signed_with_another_key_is_refused(hospital: Hospital) -> None:
    forged = hospital.forge(hospital.idp.forger_key())
    await _refused(hospital, forged, 401, "fhir-token-invalid", "invalid_token")


async def test_an_expired_token_is_refused(hospital: Hospital) -> None:
    now = int(time.time())
    expired = hospital.forge(iat=now - 900, exp=now - 120)
    await _refused(hospital, expired, 401, "fhir-token-expired", "invalid_token")


async def test_a_token_for_another_audience_is_refused(hospital: Hospital) -> None:
    elsewhere = hospital.forge(aud="https://other-fhir.example/fhir")
    await _refused(hospital, elsewhere, 401, "fhir-token-audience", "invalid_token")


async def test_a_token_from_another_issuer_is_refused(hospital: Hospital) -> None:
    other = hospital.forge(iss="https://idp.elsewhere.example")
    await _refused(hospital, other, 401, "fhir-token-issuer", "invalid_token")


async def test_a_token_without_the_scope_is_refused(hospital: Hospital) -> None:
    token = hospital.idp.system_token("system/Patient.read")
    assert token["scope"] == "system/Patient.read"
    await _refused(hospital, token["access_token"], 403, "fhir-token-scope", "insufficient_scope")


async def test_a_client_the_settings_do_not_name_is_refused(hospital: Hospital) -> None:
    app = hospital.client.app
    app.state.fhir_tokens = verifier_for(hospital.settings, hospital.idp, set())
    app.state.fhir_tokens.clients = {"another-client": frozenset({hospital.team_id})}
    await _refused(hospital, hospital.token, 403, "fhir-client-unknown")


async def test_a_client_may_import_only_for_its_teams(hospital: Hospital) -> None:
    from relais.care.tables import Team

    other = Team(name="Pédiatrie", kind="hospital_service")
    await other.save()
    bundle = hospital.bundle()
    bundle["entry"][5]["resource"]["identifier"][0]["value"] = f"urn:uuid:{other.id}"
    resp = await hospital.send(bundle)
    assert resp.status_code == 422, resp.text
    codes = [i["details"]["coding"][0]["code"] for i in resp.json()["issue"]]
    assert codes == ["fhir-team-not-allowed"]
    assert await Patient.count() == 0


async def test_without_an_issuer_the_route_says_so(hospital: Hospital) -> None:
    app = hospital.client.app
    app.state.fhir_tokens = verifier_for(hospital.settings, hospital.idp, {hospital.team_id})
    app.state.fhir_tokens.issuer = ""
    resp = await hospital.send(hospital.bundle())
    assert resp.status_code == 503
    assert resp.json()["issue"][0]["details"]["coding"][0]["code"] == "fhir-not-configured"
