"""The hospital's OpenID provider, as Relais (the relying party) talks to it: discovery, the
authorization request (code flow with PKCE, ``state`` and ``nonce``), the code exchange, the ID
token's validation and the userinfo claims.

The ID token is checked with joserfc: its signature against the provider's published keys (read
again once when a token names a key not seen yet: the provider rotated its keys), then ``iss``,
``aud`` (and ``azp`` when there are several audiences), ``exp`` and ``iat`` with a small leeway,
``nonce``, and ``acr`` when the deployment requires one. Each failure is a refusal with its own
code; nothing of a token is logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from relais.errors import Refusal
from relais.settings import Settings

if TYPE_CHECKING:  # imported when first used: they cost a second at every start otherwise
    import httpx
    from joserfc import jwt
    from joserfc.jwk import KeySet

#: Clocks a little apart: ``exp`` and ``iat`` are accepted this many seconds either side.
LEEWAY_S = 60
#: An ID token issued longer ago than this is refused, whatever its ``exp``.
MAX_AGE_S = 600
#: Discovery and keys are read again after this long.
CACHE_S = 3600
#: The keys are read again at most this often when a token names an unknown key.
REFETCH_MIN_S = 10
#: Signature algorithms accepted (never "none", never a MAC with the client secret).
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
TIMEOUT_S = 10


def _failed(code: str) -> Refusal:
    return Refusal(code, "unauthenticated", title="sign-in-failed")


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@dataclass
class Tokens:
    id_token: str
    access_token: str
    claims: dict[str, Any]


@dataclass
class Provider:
    """One provider, from the settings; discovery and keys cached in the process."""

    settings: Settings
    transport: httpx.AsyncBaseTransport | None = None
    _meta: dict[str, Any] | None = None
    _meta_at: float = 0.0
    _keys: KeySet | None = None
    _keys_at: float = 0.0
    _refetched_at: float = 0.0
    _seen_kids: set[str] = field(default_factory=set)

    def _client(self) -> httpx.AsyncClient:
        import httpx

        return httpx.AsyncClient(
            timeout=TIMEOUT_S, transport=self.transport, follow_redirects=False
        )

    async def _get_json(self, url: str) -> dict[str, Any]:
        import httpx

        try:
            async with self._client() as http:
                resp = await http.get(url, headers={"accept": "application/json"})
            resp.raise_for_status()
            data = resp.json()
        except (httpx.HTTPError, ValueError):
            raise Refusal("oidc-provider-unreachable", "unavailable") from None
        if not isinstance(data, dict):
            raise Refusal("oidc-provider-unreachable", "unavailable")
        return data

    async def metadata(self) -> dict[str, Any]:
        """The discovery document, checked: its issuer is the configured one."""
        if self._meta is None or time.monotonic() - self._meta_at > CACHE_S:
            issuer = self.settings.oidc_issuer
            meta = await self._get_json(f"{issuer}/.well-known/openid-configuration")
            if meta.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
                raise Refusal("oidc-provider-unreachable", "unavailable")
            for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
                if not isinstance(meta.get(name), str):
                    raise Refusal("oidc-provider-unreachable", "unavailable")
            self._meta, self._meta_at = meta, time.monotonic()
        return self._meta

    async def _keyset(self, *, again: bool = False) -> KeySet:
        from joserfc.errors import JoseError
        from joserfc.jwk import KeySet

        now = time.monotonic()
        stale = self._keys is None or now - self._keys_at > CACHE_S
        if stale or (again and now - self._refetched_at > REFETCH_MIN_S):
            meta = await self.metadata()
            data = await self._get_json(meta["jwks_uri"])
            try:
                self._keys = KeySet.import_key_set(data)  # type: ignore[arg-type]
            except (JoseError, ValueError, TypeError, KeyError):
                raise Refusal("oidc-provider-unreachable", "unavailable") from None
            self._keys_at = now
            if again:
                self._refetched_at = now
        assert self._keys is not None
        return self._keys

    async def authorize_url(self, *, state: str, nonce: str, challenge: str) -> str:
        meta = await self.metadata()
        params = {
            "response_type": "code",
            "client_id": self.settings.oidc_client_id,
            "redirect_uri": redirect_uri(self.settings),
            "scope": " ".join(self.settings.oidc_scopes),
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        if self.settings.oidc_acr_values:
            params["acr_values"] = " ".join(self.settings.oidc_acr_values)
        sep = "&" if "?" in meta["authorization_endpoint"] else "?"
        return f"{meta['authorization_endpoint']}{sep}{urlencode(params)}"

    async def exchange(self, code: str, verifier: str, nonce: str) -> Tokens:
        """Trade the code for tokens (client_secret_basic) and validate the ID token."""
        import httpx

        meta = await self.metadata()
        try:
            async with self._client() as http:
                resp = await http.post(
                    meta["token_endpoint"],
                    data={
                        "grant_type": "authorization_code",
                        "code": code,
                        "redirect_uri": redirect_uri(self.settings),
                        "code_verifier": verifier,
                    },
                    auth=(self.settings.oidc_client_id, self.settings.oidc_client_secret),
                    headers={"accept": "application/json"},
                )
        except httpx.HTTPError:
            raise Refusal("oidc-provider-unreachable", "unavailable") from None
        if resp.status_code != 200:
            # invalid_grant: a code used twice, expired, or a verifier that does not match.
            raise _failed("oidc-code-refused")
        try:
            body = resp.json()
        except ValueError:
            raise _failed("oidc-code-refused") from None
        id_token = body.get("id_token") if isinstance(body, dict) else None
        if not isinstance(id_token, str):
            raise _failed("oidc-token-invalid")
        claims = await self.validate_id_token(id_token, nonce)
        access = body.get("access_token")
        return Tokens(id_token, access if isinstance(access, str) else "", claims)

    async def validate_id_token(
        self, id_token: str, nonce: str, *, now: int | None = None
    ) -> dict[str, Any]:
        """The ID token's claims, or a refusal saying what is wrong with it."""
        from joserfc import jwt
        from joserfc.errors import ExpiredTokenError, InvalidClaimError, MissingClaimError

        token = await self._verified(id_token)
        claims = dict(token.claims)
        registry = jwt.JWTClaimsRegistry(
            now=now,
            leeway=LEEWAY_S,
            iss={"essential": True},
            sub={"essential": True},
            aud={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
        )
        try:
            registry.validate(claims)
        except ExpiredTokenError:
            raise _failed("oidc-token-expired") from None
        except MissingClaimError:
            raise _failed("oidc-token-invalid") from None
        except InvalidClaimError as exc:
            if exc.claim == "iat":
                raise _failed("oidc-token-expired") from None
            raise _failed("oidc-token-invalid") from None
        if claims["iss"] != self.settings.oidc_issuer:
            raise _failed("oidc-wrong-issuer")
        audience = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        client_id = self.settings.oidc_client_id
        if client_id not in audience:
            raise _failed("oidc-wrong-audience")
        if len(audience) > 1 and claims.get("azp") != client_id:
            raise _failed("oidc-wrong-audience")
        if "azp" in claims and claims["azp"] != client_id:
            raise _failed("oidc-wrong-audience")
        moment = now if now is not None else int(time.time())
        if claims["iat"] < moment - MAX_AGE_S - LEEWAY_S:
            raise _failed("oidc-token-expired")
        if not isinstance(claims.get("nonce"), str) or not hmac.compare_digest(
            claims["nonce"], nonce
        ):
            raise _failed("oidc-wrong-nonce")
        required = self.settings.oidc_acr_values
        if required and claims.get("acr") not in required:
            raise Refusal(
                "oidc-acr-too-low",
                "forbidden",
                params={"required": " / ".join(required)},
                title="sign-in-failed",
            )
        return claims

    async def _verified(self, id_token: str) -> jwt.Token:
        """The token when its signature is the provider's (keys read again once for a new kid)."""
        from joserfc import jwt
        from joserfc.errors import BadSignatureError, InvalidKeyIdError, JoseError

        for again in (False, True):
            keys = await self._keyset(again=again)
            try:
                return jwt.decode(id_token, keys, algorithms=list(ALGORITHMS))
            except InvalidKeyIdError:
                if again:
                    raise _failed("oidc-bad-signature") from None
                continue
            except BadSignatureError:
                raise _failed("oidc-bad-signature") from None
            except (JoseError, ValueError, TypeError):
                raise _failed("oidc-token-invalid") from None
        raise _failed("oidc-bad-signature")  # pragma: no cover (the loop returns or raises)

    async def userinfo(self, access_token: str, subject: str) -> dict[str, Any]:
        """The userinfo claims (many providers, Pro Santé Connect among them, put the person's
        claims there rather than in the ID token); ``{}`` when there is no such endpoint. Its
        ``sub`` must be the ID token's. A signed answer (application/jwt) is verified."""
        import httpx

        meta = await self.metadata()
        url = meta.get("userinfo_endpoint")
        if not isinstance(url, str) or not access_token:
            return {}
        try:
            async with self._client() as http:
                resp = await http.get(url, headers={"authorization": f"Bearer {access_token}"})
        except httpx.HTTPError:
            raise Refusal("oidc-provider-unreachable", "unavailable") from None
        if resp.status_code != 200:
            return {}
        if resp.headers.get("content-type", "").startswith("application/jwt"):
            data: Any = dict((await self._verified(resp.text.strip())).claims)
        else:
            try:
                data = resp.json()
            except (ValueError, json.JSONDecodeError):
                return {}
        if not isinstance(data, dict) or data.get("sub") != subject:
            raise _failed("oidc-token-invalid")
        return data

    async def end_session_url(self, id_token: str) -> str | None:
        """Where to send the browser to end the provider's session too (RP-initiated logout), or
        None when the provider does not offer it."""
        try:
            meta = await self.metadata()
        except Refusal:
            return None
        endpoint = meta.get("end_session_endpoint")
        if not isinstance(endpoint, str):
            return None
        params = {
            "client_id": self.settings.oidc_client_id,
            "post_logout_redirect_uri": post_logout_uri(self.settings),
        }
        if id_token:
            params["id_token_hint"] = id_token
        sep = "&" if "?" in endpoint else "?"
        return f"{endpoint}{sep}{urlencode(params)}"


def redirect_uri(settings: Settings) -> str:
    return f"{settings.public_url}/api/auth/oidc/callback"


def post_logout_uri(settings: Settings) -> str:
    return f"{settings.public_url}/console/"
