"""Cross-site request forgery (ASVS 4.0.3 V4.2.2, V3.5.?): a token bound to the session, rotated
at sign-in and sign-out, and the Origin checked on every state change."""

from __future__ import annotations

from typing import Any

from tests.helpers import ApiClient, make_user


async def test_v4_2_2_the_token_is_rotated_at_sign_in_and_bound_to_the_session(
    client: ApiClient, make_client: Any
) -> None:
    await make_user(client.app, "patient", "csrf@example.org")
    before = await client.csrf()
    await client.login_ok("csrf@example.org")
    after = client.http.cookies.get("relais_csrf")
    assert after and after != before
    # The token read before signing in no longer works for this session.
    stale = await client.post("/api/auth/sessions/end-others", headers={"x-csrftoken": before})
    assert stale.status_code == 403 and stale.json()["code"] == "csrf"
    assert (await client.post("/api/auth/sessions/end-others")).status_code == 200

    # Another browser's token (valid for its own session) is refused here, even when the
    # attacker also plants it as this browser's cookie.
    async with make_client() as other:
        await other.login_ok("csrf@example.org")
        theirs = await other.csrf()
    client.http.cookies.delete("relais_csrf")
    client.http.cookies.set("relais_csrf", theirs, domain="testserver.local")
    planted = await client.post("/api/auth/sessions/end-others", headers={"x-csrftoken": theirs})
    assert planted.status_code == 403

    # Sign-out rotates it again.
    client.http.cookies.delete("relais_csrf")
    await client.post("/api/auth/logout")
    assert client.http.cookies.get("relais_csrf") not in (None, after)


async def test_v4_2_2_a_state_change_from_another_site_is_refused(client: ApiClient) -> None:
    await make_user(client.app, "patient", "origin@example.org")
    await client.login_ok("origin@example.org")
    url = "/api/auth/sessions/end-others"
    for headers in (
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"referer": "https://evil.example/page"},
        {"sec-fetch-site": "cross-site"},
    ):
        refused = await client.post(url, headers=headers)
        assert refused.status_code == 403, headers
        assert refused.json()["code"] == "csrf"
    # The same site, named by the public address or by the address the request went to, is fine.
    for origin in ("http://testserver.local", client.app.state.settings.public_url):
        assert (await client.post(url, headers={"origin": origin})).status_code == 200, origin
    # Reading is never blocked.
    assert (await client.get("/api/auth/me", headers={"origin": "https://evil.example"})).is_success
