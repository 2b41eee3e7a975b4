"""What any client sees at the HTTP edge: problem details, limits, headers, health and schema."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import ApiClient, make_user


async def test_malformed_json_is_a_clear_400(client: ApiClient) -> None:
    resp = await client.post(
        "/api/auth/login",
        content=b'{"email": "a@b.c",',
        headers={"content-type": "application/json"},
    )
    assert resp.status_code == 400
    body = resp.json()
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert body["type"] == "urn:relais:problem:malformed-body"
    assert "valid JSON" in body["detail"]
    assert "Traceback" not in resp.text


@pytest.mark.parametrize(
    ("payload", "english", "french"),
    [
        (
            {"email": "a@b.c", "password": 12},
            "Expected `str`",
            "Attendu ici : un texte, pas un nombre entier.",
        ),
        (
            {"email": "a@b.c", "password": "x", "admin": True},
            "unknown field `admin`",
            "Champ inconnu : admin",
        ),
        ({"password": "x"}, "missing required field `email`", "Champ obligatoire manquant : email"),
        ({"email": "not-an-email", "password": "x"}, "email", "email"),
    ],
)
async def test_wrong_input_says_what_to_fix_in_the_persons_language(
    client: ApiClient, payload: dict, english: str, french: str
) -> None:
    for language, hint in (("en-GB,en;q=0.9", english), ("fr-FR,fr;q=0.9", french), ("", english)):
        resp = await client.post(
            "/api/auth/login", json=payload, headers={"accept-language": language}
        )
        assert resp.status_code == 400
        body = resp.json()
        assert body["status"] == 400
        assert body["title"] == ("Saisie non valable" if "fr" in language else "Invalid input")
        assert body["errors"], body
        said = [body["detail"], *(e["message"] for e in body["errors"])]
        assert any(hint in text for text in said), (language, said)


async def test_a_signed_in_persons_language_wins_over_the_browsers(
    app: Any, client: ApiClient
) -> None:
    for locale, browser, hint in (
        ("en", "fr-FR", "Expected `bool`, got `int`"),
        ("fr", "en-GB", "Attendu ici : vrai ou faux, pas un nombre entier."),
    ):
        user = await make_user(app, "patient", f"{locale}-lang@example.org", locale=locale)
        await client.login_ok(user.email)
        resp = await client.put(
            "/api/push/preferences", json={"reminders": 5}, headers={"accept-language": browser}
        )
        assert resp.status_code == 400, resp.text
        assert [(e["field"], e["message"]) for e in resp.json()["errors"]] == [("reminders", hint)]
        await client.post("/api/auth/logout")


async def test_the_language_chosen_in_the_app_wins_over_the_accounts(
    app: Any, client: ApiClient
) -> None:
    """The PWA names its language in X-Relais-Lang: a French account reading the app in English
    is refused in English, and the reverse, whatever the browser says."""
    for locale, chosen, hint in (
        ("fr", "en", "Expected `bool`, got `int`"),
        ("en", "fr", "Attendu ici : vrai ou faux, pas un nombre entier."),
    ):
        user = await make_user(app, "patient", f"{locale}-app@example.org", locale=locale)
        await client.login_ok(user.email)
        resp = await client.put(
            "/api/push/preferences",
            json={"reminders": 5},
            headers={"accept-language": f"{locale}-FR", "x-relais-lang": chosen},
        )
        assert resp.status_code == 400, resp.text
        assert [(e["field"], e["message"]) for e in resp.json()["errors"]] == [("reminders", hint)]
        await client.post("/api/auth/logout")


async def test_oversized_body_is_refused(client: ApiClient, settings) -> None:  # type: ignore[no-untyped-def]
    big = b'{"email": "a@b.c", "password": "' + b"x" * (settings.max_body_bytes + 10) + b'"}'
    resp = await client.post(
        "/api/auth/login", content=big, headers={"content-type": "application/json"}
    )
    assert resp.status_code == 413
    assert resp.json()["detail"] == "The request body is too large."


async def test_unknown_api_path_is_a_problem_404(client: ApiClient) -> None:
    resp = await client.get("/api/nothing-here")
    assert resp.status_code == 404
    assert resp.json()["code"] == "not-found"


async def test_security_headers_on_every_response(client: ApiClient) -> None:
    await make_user(client.app, "patient", "h@example.org")
    for resp in (
        await client.get("/api/health"),
        await client.get("/api/nothing-here"),
        await client.login("h@example.org"),
        await client.get("/api/auth/me"),
    ):
        csp = resp.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert resp.headers["referrer-policy"] == "no-referrer"
        assert resp.headers["cache-control"] == "no-store"


async def test_health_and_ready(client: ApiClient) -> None:
    assert (await client.get("/api/health")).json() == {"status": "ok"}
    ready = await client.get("/api/ready")
    assert ready.status_code == 200
    assert ready.json()["migrations"] == "applied"


async def test_openapi_schema_is_served(client: ApiClient) -> None:
    resp = await client.get("/api/schema/openapi.json")
    assert resp.status_code == 200
    paths = resp.json()["paths"]
    assert "/api/auth/login" in paths and "/api/ready" in paths


def test_the_api_browser_is_off_in_production(settings: Any) -> None:
    """The browsable API documentation loads scripts from a CDN: in production only the schema
    (JSON) is served."""
    import dataclasses

    from litestar.testing import TestClient

    from relais.app import create_app

    def status(environment: str, path: str) -> int:
        app = create_app(dataclasses.replace(settings, environment=environment), manage_db=False)
        with TestClient(app) as http:
            return http.get(path).status_code

    assert status("development", "/api/schema/swagger") == 200
    assert status("production", "/api/schema/swagger") == 404
    assert status("production", "/api/schema/openapi.json") == 200
