"""What any client sees at the HTTP edge: problem details, limits, headers, health and schema."""

from __future__ import annotations

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
    ("payload", "field_hint"),
    [
        ({"email": "a@b.c", "password": 12}, "Expected `str`"),
        ({"email": "a@b.c", "password": "x", "admin": True}, "unknown field `admin`"),
        ({"password": "x"}, "missing required field `email`"),
        ({"email": "not-an-email", "password": "x"}, "email"),
    ],
)
async def test_wrong_input_says_what_to_fix(
    client: ApiClient, payload: dict, field_hint: str
) -> None:
    resp = await client.post("/api/auth/login", json=payload)
    assert resp.status_code == 400
    body = resp.json()
    assert body["status"] == 400 and body["title"] == "Invalid input"
    assert body["errors"], body
    assert field_hint in body["detail"] or any(field_hint in e["message"] for e in body["errors"])


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
