"""Which system client calls: an OAuth 2.0 access token from the configured issuer (SMART Backend
Services: client credentials with a signed JWT assertion, the token a JWT, RFC 9068).

Relais never sees the client's own key: the issuer checked the client's signed assertion and
issued the access token; Relais checks that token: its signature with the issuer's published
keys (JWKS, found through the issuer's discovery document unless ``RELAIS_FHIR_JWKS_URL`` names
it), its issuer, its audience (Relais's FHIR base, ``RELAIS_FHIR_AUDIENCE``), its expiry, and a
scope that allows creating Bundles (SMART: ``system/Bundle.c``, or v1 ``system/Bundle.write``,
or a wildcard for every resource). Which teams a client may import for is in the settings
(``RELAIS_FHIR_CLIENTS``), never in the token.

Each refusal is an OperationOutcome issue (401 with ``WWW-Authenticate``, RFC 6750, or 403).
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import time
import uuid
from typing import Any

import httpx
from joserfc import errors, jwt
from joserfc.jwk import KeySet

from relais.discharge.outcome import Issue, Rejected
from relais.settings import Settings

#: Signatures with a public key only: never "none", never a shared secret (HS*).
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
#: The scope to ask for (SMART v2); ``scope_allows`` also takes its v1 and wildcard forms.
SCOPE = "system/Bundle.c"
_SCOPE = re.compile(r"system/(\*|Bundle)\.(\*|read|write|[cruds]+)(\?.*)?")
#: Clock skew allowed between the issuer and Relais, in seconds.
LEEWAY_S = 30
#: Keys are fetched again after this long; a token with an unknown key id fetches them at once
#: (at most every ``REFETCH_S``), so that the issuer can roll its keys.
KEYS_TTL_S = 300
REFETCH_S = 10


@dataclasses.dataclass(frozen=True)
class SystemClient:
    client_id: str
    teams: frozenset[uuid.UUID]


def scope_allows(scope: Any) -> bool:
    if not isinstance(scope, str):
        return False
    for item in scope.split():
        found = _SCOPE.fullmatch(item)
        if found and (found[2] in ("*", "write") or "c" in found[2]):
            return True
    return False


def _challenge(error: str = "", description: str = "") -> dict[str, str]:
    value = 'Bearer realm="relais"'
    if error:
        value += f', error="{error}", error_description="{description}"'
        if error == "insufficient_scope":
            value += f', scope="{SCOPE}"'
    return {"WWW-Authenticate": value}


def _refuse(code: str, kind: str, error: str, description: str, diagnostics: str = "") -> Rejected:
    status = 403 if error == "insufficient_scope" else 401
    issue = Issue(code, kind, "Bundle", diagnostics=diagnostics)
    return Rejected(status, [issue], _challenge(error, description))


class TokenVerifier:
    """Checks access tokens; holds the issuer's keys, fetched when needed."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient | None = None) -> None:
        self.issuer = settings.fhir_issuer
        self.jwks_url = settings.fhir_jwks_url
        self.audience = settings.fhir_audience or f"{settings.public_url}/api/fhir"
        self.clients = settings.fhir_clients
        self.http = http
        self._keys: KeySet | None = None
        self._fetched = 0.0
        self._lock = asyncio.Lock()

    async def _get(self, url: str) -> Any:
        if self.http is not None:
            resp = await self.http.get(url)
        else:
            async with httpx.AsyncClient(timeout=5) as http:
                resp = await http.get(url)
        resp.raise_for_status()
        return resp.json()

    async def keys(self, *, fresh: bool = False) -> KeySet:
        async with self._lock:
            age = time.monotonic() - self._fetched
            if self._keys is not None and age < (REFETCH_S if fresh else KEYS_TTL_S):
                return self._keys
            if not self.jwks_url:
                found = await self._get(f"{self.issuer}/.well-known/openid-configuration")
                self.jwks_url = str(found["jwks_uri"])
            self._keys = KeySet.import_key_set(await self._get(self.jwks_url))
            self._fetched = time.monotonic()
            return self._keys

    async def verify(self, authorization: str | None) -> SystemClient:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Rejected(401, [Issue("fhir-token-missing", "login", "Bundle")], _challenge())
        if not self.issuer:
            raise Rejected(503, [Issue("fhir-not-configured", "not-supported", "Bundle")])
        token = token.strip()
        try:
            try:
                decoded = jwt.decode(token, await self.keys(), algorithms=ALGORITHMS)
            except errors.InvalidKeyIdError:
                decoded = jwt.decode(token, await self.keys(fresh=True), algorithms=ALGORITHMS)
        except httpx.HTTPError as exc:
            raise Rejected(
                503,
                [Issue("fhir-issuer-unreachable", "transient", "Bundle", diagnostics=str(exc))],
            ) from None
        except (errors.JoseError, ValueError) as exc:
            raise _refuse(
                "fhir-token-invalid", "security", "invalid_token", "bad token", str(exc)
            ) from None
        if decoded.header.get("typ", "at+jwt").lower() not in ("at+jwt", "application/at+jwt"):
            raise _refuse("fhir-token-invalid", "security", "invalid_token", "not an access token")
        claims = decoded.claims
        registry = jwt.JWTClaimsRegistry(
            leeway=LEEWAY_S,
            iss={"essential": True, "value": self.issuer},
            aud={"essential": True, "value": self.audience},
            exp={"essential": True},
        )
        try:
            registry.validate(claims)
        except errors.ExpiredTokenError:
            raise _refuse("fhir-token-expired", "expired", "invalid_token", "expired") from None
        except errors.ClaimError as exc:
            claim = getattr(exc, "claim", "")
            code = {"aud": "fhir-token-audience", "iss": "fhir-token-issuer"}.get(
                claim, "fhir-token-invalid"
            )
            raise _refuse(code, "security", "invalid_token", f"{claim} not accepted") from None
        if not scope_allows(claims.get("scope")):
            raise _refuse("fhir-token-scope", "forbidden", "insufficient_scope", "scope")
        client_id = str(claims.get("client_id") or claims.get("azp") or claims.get("sub") or "")
        teams = self.clients.get(client_id)
        if teams is None:
            raise Rejected(403, [Issue("fhir-client-unknown", "forbidden", "Bundle")])
        return SystemClient(client_id=client_id, teams=teams)
