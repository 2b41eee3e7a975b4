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


async def test_v4_2_2_only_the_notifications_seen_action_goes_without_the_header(
    client: ApiClient,
) -> None:
    """A service worker cannot read the cookie: the "Seen" action of an alert's notification
    proves itself with its own token (tests/notify/test_staff_push.py). No other route, nor any
    path beside that one, is let through without the header."""
    from relais.web.csrf import proves_itself

    clinician = await make_user(client.app, "clinician", "seen-csrf@example.org")
    await client.login_ok(clinician.email)
    alert = "00000000-0000-4000-8000-00000000beef"
    bare = {"x-csrftoken": ""}
    for url in (
        f"/api/alerts/{alert}/acknowledge",
        f"/api/alerts/{alert}/reopen",
        "/api/push/test",
    ):
        refused = await client.post(url, json={"token": "v1.x.1.x"}, headers=bare)
        assert refused.status_code == 403 and refused.json()["code"] == "csrf", url
    for beside in (
        f"/api/alerts/{alert}/seen-from-notification/x",
        f"/api/alerts/{alert}x/seen-from-notification",
        f"/api/alerts/{alert}/seen-from-notification-x",
        f"/api/alerts/{alert}/acknowledge",
        f"/x/api/alerts/{alert}/seen-from-notification",
    ):
        assert not proves_itself("POST", beside), beside
    # The route itself is reached (and refuses the token, not the request)...
    url = f"/api/alerts/{alert}/seen-from-notification"
    reached = await client.post(url, json={"token": "v1.x.1.xxxxxxxx"}, headers=bare)
    assert reached.json()["code"] == "seen-token-invalid"
    # ...but never from another site, and only by POST.
    cross = await client.post(
        url, json={"token": "v1.x.1.x"}, headers={**bare, "origin": "https://evil.example"}
    )
    assert cross.status_code == 403 and cross.json()["code"] == "csrf"
    assert not proves_itself("PUT", url) and not proves_itself("DELETE", url)
    assert proves_itself("POST", url)
