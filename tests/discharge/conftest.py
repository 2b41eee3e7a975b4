"""A hospital for the discharge tests: the real OpenID provider (tests/idp.py) issuing the
SYSTEM client's tokens for Relais's FHIR base, and a team that client may import for."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from relais.care.tables import Team, TeamMember
from relais.discharge.oauth import TokenVerifier
from relais.settings import Settings
from tests.helpers import ApiClient, make_user
from tests.idp import SYSTEM_CLIENT_ID, IdP, running_idp

DOCS = Path(__file__).resolve().parents[2] / "docs" / "integration.md"
#: The team id written in the documentation's sample, replaced by the test's team.
DOC_TEAM = "6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b"
CLINICIAN = "nurse-discharge@example.org"


def doc_bundle() -> dict[str, Any]:
    """The sample bundle of docs/integration.md, "Sample bundle", as written there."""
    text = DOCS.read_text()
    section = text.split("### Sample bundle", 1)[1]
    block = re.search(r"```json\n(.*?)\n```", section, re.S)
    assert block is not None, "docs/integration.md has no sample bundle"
    return dict(json.loads(block.group(1)))


@pytest.fixture(scope="session")
def fhir_idp(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Iterator[IdP]:
    """The provider, whose SYSTEM client's tokens name Relais's FHIR base as their audience."""
    base = settings.public_url.rstrip("/")
    with running_idp(
        tmp_path_factory.mktemp("fhir-idp"),
        redirect_uri=f"{base}/api/auth/oidc/callback",
        post_logout_redirect_uri=f"{base}/console/",
        fhir_base=f"{base}/api/fhir",
    ) as provider:
        yield provider


@dataclasses.dataclass
class Hospital:
    idp: IdP
    client: ApiClient
    team_id: uuid.UUID
    settings: Settings
    token: str
    lang: str = "en"

    def bundle(self, **changes: Any) -> dict[str, Any]:
        """The documentation's sample for this team (a deep copy to change)."""
        bundle = copy.deepcopy(doc_bundle())
        text = json.dumps(bundle).replace(DOC_TEAM, str(self.team_id))
        return dict(json.loads(text))

    async def send(
        self, bundle: Any, token: str | None = None, lang: str | None = None
    ) -> httpx.Response:
        """POST as the hospital's system does: a bearer token, no cookie, no CSRF token."""
        headers = {"content-type": "application/fhir+json", "accept-language": lang or self.lang}
        token = self.token if token is None else token
        if token:
            headers["authorization"] = f"Bearer {token}"
        body = bundle if isinstance(bundle, bytes) else json.dumps(bundle).encode()
        return await self.client.http.post("/api/fhir/discharge", content=body, headers=headers)

    def forge(self, key: RSAKey | None = None, **claims: Any) -> str:
        """An access token signed with ``key`` (the provider's own by default), with these
        claims over a genuine set."""
        key = key or self.idp.signing_key()
        now = int(time.time())
        body = {
            "iss": self.idp.issuer,
            "aud": f"{self.settings.public_url}/api/fhir",
            "client_id": SYSTEM_CLIENT_ID,
            "sub": SYSTEM_CLIENT_ID,
            "scope": "system/Bundle.write",
            "iat": now,
            "exp": now + 300,
            "jti": uuid.uuid4().hex,
            **claims,
        }
        body = {k: v for k, v in body.items() if v is not None}
        return jwt.encode({"alg": "RS256", "kid": key.kid, "typ": "at+jwt"}, body, key)


def verifier_for(settings: Settings, idp: IdP, teams: set[uuid.UUID]) -> TokenVerifier:
    configured = dataclasses.replace(
        settings,
        fhir_issuer=idp.issuer,
        fhir_audience=f"{settings.public_url}/api/fhir",
        fhir_clients={SYSTEM_CLIENT_ID: frozenset(teams)},
    )
    return TokenVerifier(configured)


@pytest.fixture
async def hospital(app: Any, client: ApiClient, fhir_idp: IdP) -> AsyncIterator[Hospital]:
    team = Team(name="Réanimation polyvalente", kind="hospital_service", phone="01 40 00 00 00")
    await team.save()
    nurse = await make_user(app, "clinician", CLINICIAN, name="Inès Moreau")
    await TeamMember.insert(
        TeamMember(team=team.id, user=nurse.id, role="coordinating_nurse", is_lead=True)
    )
    before = app.state.fhir_tokens
    settings: Settings = app.state.settings
    app.state.fhir_tokens = verifier_for(settings, fhir_idp, {team.id})
    token = fhir_idp.system_token()["access_token"]
    try:
        yield Hospital(fhir_idp, client, team.id, settings, token)
    finally:
        app.state.fhir_tokens = before
