"""A real, certified OpenID provider for the tests: the npm package ``oidc-provider``
(tests/interop/, installed with ``npm ci``), started by ``tests/interop/provider.mjs`` on a free
loopback port, as the push tests start ``web-push-testing``.

It signs with a fixed test key (``tests/interop/test-keys.json``), so a test can also forge a token
with that key, or with the "forger" key that the provider does not publish. People are read from a
JSON file at each login (``IdP.set_people``): ``sub``, ``email``, ``email_verified``, ``name``,
``rpps``, ``groups`` and the ``acr`` their next login gets. Two clients: the confidential staff
client (code flow, PKCE required, ``client_secret_basic``, RP-initiated logout) and a SYSTEM client
for the SMART Backend Services profile (``client_credentials`` with ``private_key_jwt``, JWT access
tokens whose ``aud`` is the FHIR base URL).

``IdP.login`` drives the provider's login form with httpx, as a browser would, and returns the
redirect back to the relying party.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from tests.server import free_port, stop_process, wait_until_answering

INTEROP_DIR = Path(__file__).resolve().parent / "interop"
PROVIDER_JS = INTEROP_DIR / "provider.mjs"
KEYS = json.loads((INTEROP_DIR / "test-keys.json").read_text())

STAFF_CLIENT_ID = "relais-staff"
STAFF_CLIENT_SECRET = "relais-staff-test-secret-0123456789abcdef"
SYSTEM_CLIENT_ID = "discharge-system"
SYSTEM_SCOPE = "system/Bundle.write system/Patient.read"
ACR_VALUES = ["eidas1", "eidas2", "eidas3"]

# People of the test hospital directory.
NURSE = {
    "sub": "psc-nurse-0001",
    "email": "ines.moreau@chu-test.example",
    "email_verified": True,
    "name": "Inès Moreau",
    "rpps": "10101010101",
    "groups": ["relais-nurses", "relais-team-rea"],
    "acr": "eidas2",
}
DOCTOR = {
    "sub": "psc-doctor-0002",
    "email": "paul.martin@chu-test.example",
    "email_verified": True,
    "name": "Paul Martin",
    "rpps": "10202020202",
    "groups": ["relais-physicians", "relais-team-rea"],
    "acr": "eidas2",
}
STRANGER = {
    "sub": "psc-stranger-0003",
    "email": "someone.else@chu-test.example",
    "email_verified": True,
    "name": "Someone Else",
    "rpps": "10303030303",
    "groups": ["relais-nurses"],
    "acr": "eidas2",
}


def _public(jwk: dict[str, Any]) -> dict[str, Any]:
    private = {"d", "p", "q", "dp", "dq", "qi"}
    return {k: v for k, v in jwk.items() if k not in private}


@dataclass
class IdP:
    issuer: str
    port: int
    people_file: Path
    redirect_uri: str
    post_logout_redirect_uri: str
    fhir_base: str
    staff_client_id: str = STAFF_CLIENT_ID
    staff_client_secret: str = STAFF_CLIENT_SECRET
    system_client_id: str = SYSTEM_CLIENT_ID
    system_scope: str = SYSTEM_SCOPE
    people: list[dict[str, Any]] = field(default_factory=list)

    # -- people ---------------------------------------------------------------------------------
    def set_people(self, *people: dict[str, Any]) -> None:
        self.people = [dict(p) for p in people]
        self.people_file.write_text(json.dumps(self.people))

    # -- keys -----------------------------------------------------------------------------------
    @staticmethod
    def signing_key() -> RSAKey:
        """The provider's own signing key (private): a token signed with it is genuine."""
        return RSAKey.import_key(KEYS["provider"])

    @staticmethod
    def forger_key() -> RSAKey:
        """A key of the same kind and kid that the provider does not publish."""
        return RSAKey.import_key(KEYS["forger"])

    @staticmethod
    def system_client_key() -> ECKey:
        """The SYSTEM client's private key, for its ``private_key_jwt`` client assertions."""
        return ECKey.import_key(KEYS["system_client"])

    # -- endpoints ------------------------------------------------------------------------------
    def discovery(self) -> dict[str, Any]:
        resp = httpx.get(f"{self.issuer}/.well-known/openid-configuration", timeout=5)
        resp.raise_for_status()
        return dict(resp.json())

    def system_token(self, scope: str | None = None) -> dict[str, Any]:
        """A client_credentials token for the SYSTEM client, authenticated by private_key_jwt."""
        token_endpoint = self.discovery()["token_endpoint"]
        now = int(time.time())
        key = self.system_client_key()
        assertion = jwt.encode(
            {"alg": "ES256", "kid": key.kid},
            {
                "iss": self.system_client_id,
                "sub": self.system_client_id,
                "aud": token_endpoint,
                "iat": now,
                "exp": now + 60,
                "jti": uuid.uuid4().hex,
            },
            key,
        )
        resp = httpx.post(
            token_endpoint,
            data={
                "grant_type": "client_credentials",
                "scope": scope or self.system_scope,
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": assertion,
            },
            timeout=5,
        )
        resp.raise_for_status()
        return dict(resp.json())

    def next_id_token(
        self,
        claims: dict[str, Any] | None = None,
        remove: list[str] | None = None,
        key: str = "provider",
        kid: str | None = None,
    ) -> None:
        """Rewrite the ID token of the provider's next token response: ``claims`` set (a value
        ``{"now": s}`` means now + s seconds), ``remove`` deleted, signed again with ``key``
        ("provider" or "forger")."""
        body: dict[str, Any] = {"claims": claims or {}, "remove": remove or [], "key": key}
        if kid:
            body["kid"] = kid
        resp = httpx.post(f"{self.issuer}/__test/next-id-token", json=body, timeout=5)
        resp.raise_for_status()

    def login(self, http: httpx.Client, authorize_url: str, login: str) -> str:
        """Follow ``authorize_url`` in ``http`` (the person's browser: it keeps the provider's
        cookies), fill the login form with ``login`` (a sub or an email) and return the URL the
        provider sends the browser back to (the relying party's redirect URI with code and state,
        or with an error)."""
        resp = http.get(authorize_url)
        while resp.is_redirect:
            location = str(resp.next_request.url) if resp.next_request else ""
            if not location.startswith(self.issuer):
                return location
            resp = http.get(location)
        form = re.search(r'<form[^>]*action="([^"]+)"', resp.text)
        if form is None:  # already signed in at the provider: no form
            raise AssertionError(f"no login form at the provider: {resp.text[:500]}")
        resp = http.post(
            httpx.URL(str(resp.url)).join(form.group(1)),
            data={"prompt": "login", "login": login, "password": "any"},
        )
        while resp.is_redirect:
            location = str(resp.next_request.url) if resp.next_request else ""
            if not location.startswith(self.issuer):
                return location
            resp = http.get(location)
        raise AssertionError(f"the provider did not send the browser back: {resp.text[:500]}")

    def visit(self, http: httpx.Client, url: str) -> tuple[str | None, httpx.Response]:
        """Open ``url`` in ``http`` and follow redirects at the provider: (the address the
        browser is sent to outside the provider or None, the last answer)."""
        resp = http.get(url)
        while resp.is_redirect:
            location = str(resp.next_request.url) if resp.next_request else ""
            if not location.startswith(self.issuer):
                return location, resp
            resp = http.get(location)
        return None, resp

    def follow(self, http: httpx.Client, url: str) -> str:
        """Follow redirects at the provider (e.g. its end-session endpoint) until one leaves it;
        a confirmation form on the way (RP-initiated logout) is submitted with "yes"."""
        resp = http.get(url)
        for _ in range(10):
            if resp.is_redirect:
                location = str(resp.next_request.url) if resp.next_request else ""
                if not location.startswith(self.issuer):
                    return location
                resp = http.get(location)
                continue
            form = re.search(r'<form[^>]*action="([^"]+)"', resp.text)
            if form is None:
                return str(resp.url)
            fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', resp.text))
            fields["logout"] = "yes"
            resp = http.post(httpx.URL(str(resp.url)).join(form.group(1)), data=fields)
        raise AssertionError("too many steps at the provider")


@contextlib.contextmanager
def running_idp(
    tmp: Path,
    *,
    redirect_uri: str,
    post_logout_redirect_uri: str,
    fhir_base: str = "http://127.0.0.1:8000/fhir",
    people: tuple[dict[str, Any], ...] = (NURSE, DOCTOR, STRANGER),
) -> Iterator[IdP]:
    """Start the provider for a relying party whose callback is ``redirect_uri``."""
    node = shutil.which("node")
    if node is None or not (INTEROP_DIR / "node_modules" / "oidc-provider").exists():
        pytest.fail(
            "oidc-provider is not installed: run `npm ci` in tests/interop (make install)",
            pytrace=False,
        )
    from urllib.parse import urlsplit

    port = free_port()
    while port == urlsplit(redirect_uri).port:  # the relying party's port, chosen beforehand
        port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    tmp.mkdir(parents=True, exist_ok=True)
    idp = IdP(
        issuer=issuer,
        port=port,
        people_file=tmp / "people.json",
        redirect_uri=redirect_uri,
        post_logout_redirect_uri=post_logout_redirect_uri,
        fhir_base=fhir_base,
    )
    idp.set_people(*people)
    config = {
        "issuer": issuer,
        "port": port,
        "people_file": str(idp.people_file),
        "signing_keys": [KEYS["provider"]],
        "forger_key": KEYS["forger"],
        "acr_values": ACR_VALUES,
        "fhir_base": fhir_base,
        "staff": {
            "client_id": STAFF_CLIENT_ID,
            "client_secret": STAFF_CLIENT_SECRET,
            "redirect_uris": [redirect_uri],
            "post_logout_redirect_uris": [post_logout_redirect_uri],
        },
        "system": {
            "client_id": SYSTEM_CLIENT_ID,
            "scope": SYSTEM_SCOPE,
            "jwks": {"keys": [_public(KEYS["system_client"])]},
        },
    }
    config_file = tmp / "provider.json"
    config_file.write_text(json.dumps(config))
    log_path = tmp / "provider.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [node, str(PROVIDER_JS), str(config_file)], cwd=INTEROP_DIR, stdout=log, stderr=log
        )
        try:
            wait_until_answering(
                proc,
                f"{issuer}/.well-known/openid-configuration",
                what="oidc-provider",
                within_s=20,
                log_path=log_path,
            )
            yield idp
        finally:
            stop_process(proc, within_s=5)


@pytest.fixture(scope="session")
def idp(tmp_path_factory: pytest.TempPathFactory, settings: Any) -> Iterator[IdP]:
    """The provider for the in-process app of the tests (its public URL is the settings')."""
    base = settings.public_url.rstrip("/")
    with running_idp(
        tmp_path_factory.mktemp("idp"),
        redirect_uri=f"{base}/api/auth/oidc/callback",
        post_logout_redirect_uri=f"{base}/console/",
        fhir_base=f"{base}/fhir",
    ) as provider:
        yield provider


@pytest.fixture
def people(idp: IdP) -> Iterator[IdP]:
    """``idp`` with the default people again after the test (a test may change them)."""
    idp.set_people(NURSE, DOCTOR, STRANGER)
    yield idp
    idp.set_people(NURSE, DOCTOR, STRANGER)


# -- Relais as the relying party, in process ----------------------------------------------------


def rp_settings(settings: Any, idp: IdP, **over: Any) -> Any:
    """``settings`` with staff sign-in at ``idp`` (email or RPPS matching; ``over`` changes)."""
    import dataclasses

    return dataclasses.replace(
        settings,
        oidc_issuer=idp.issuer,
        oidc_client_id=idp.staff_client_id,
        oidc_client_secret=idp.staff_client_secret,
        oidc_scopes=("openid", "email", "profile", "rpps", "groups"),
        oidc_provider_name="CHU Test",
        oidc_id_claim="rpps",
        **over,
    )


@pytest.fixture
def relying_party(migrated: Any, idp: IdP) -> Any:
    """Build the app with staff sign-in at ``idp``: ``relying_party(**settings_changes)``. Apps
    are kept for the session by their changes (building one loads the content)."""
    from relais.app import create_app

    def build(**over: Any) -> Any:
        key = tuple(sorted((k, repr(v)) for k, v in over.items()))
        if key not in _APPS:
            _APPS[key] = create_app(rp_settings(migrated, idp, **over), manage_db=False)
        return _APPS[key]

    return build


_APPS: dict[Any, Any] = {}


async def sign_in_via(api: Any, idp: IdP, browser: httpx.Client, login: str) -> httpx.Response:
    """The whole journey through the provider: Relais' start, the provider's login form (in
    ``browser``, which keeps the provider's cookies), Relais' callback. The callback's answer."""
    from urllib.parse import urlsplit

    start = await api.get("/api/auth/oidc/start")
    assert start.status_code == 303, start.text
    back = idp.login(browser, start.headers["location"], login)
    assert back.startswith(idp.redirect_uri), back
    parts = urlsplit(back)
    return await api.get(f"{parts.path}?{parts.query}")  # type: ignore[no-any-return]
