"""The OpenID provider the tests start is the real thing: its discovery document says what a
hospital provider says, and its SYSTEM client gets a JWT access token for the FHIR base URL."""

from __future__ import annotations

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.idp import IdP

pytestmark = [pytest.mark.idp, pytest.mark.slow]


def test_discovery_says_code_flow_with_pkce_and_rp_initiated_logout(idp: IdP) -> None:
    meta = idp.discovery()
    assert meta["issuer"] == idp.issuer
    assert "code" in meta["response_types_supported"]
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert "end_session_endpoint" in meta
    assert "private_key_jwt" in meta["token_endpoint_auth_methods_supported"]
    assert "eidas2" in meta["acr_values_supported"]
    keys = httpx.get(meta["jwks_uri"], timeout=5).json()["keys"]
    assert [k["kid"] for k in keys] == [idp.signing_key().kid]
    assert all("d" not in k for k in keys)


def test_the_system_client_gets_a_jwt_access_token_for_the_fhir_base(idp: IdP) -> None:
    token = idp.system_token()
    assert token["token_type"].lower() == "bearer"
    assert set(token["scope"].split()) == set(idp.system_scope.split())
    jwks = KeySet.import_key_set(httpx.get(idp.discovery()["jwks_uri"], timeout=5).json())
    claims = jwt.decode(token["access_token"], jwks).claims
    assert claims["aud"] == idp.fhir_base
    assert claims["iss"] == idp.issuer
    assert claims["client_id"] == idp.system_client_id
    assert set(claims["scope"].split()) == set(idp.system_scope.split())


def test_a_scope_outside_the_system_clients_is_not_granted(idp: IdP) -> None:
    token = idp.system_token("system/Bundle.write system/Observation.read")
    assert token["scope"] == "system/Bundle.write"
