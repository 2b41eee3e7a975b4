"""Sessions a person can see and end; deactivation and team removal take effect at once
(ASVS 4.0.3 V3). Each test names the ASVS requirement it checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from relais.accounts.tables import Session
from relais.app import create_app
from tests.helpers import PASSWORD, ApiClient, make_user
from tests.live.sse import open_stream
from tests.world import World


async def test_v3_3_4_a_person_lists_and_ends_their_sessions(
    client: ApiClient, make_client: Any
) -> None:
    await make_user(client.app, "patient", "deux@example.org")
    await client.login_ok("deux@example.org")
    async with make_client("192.0.2.20") as phone, make_client("192.0.2.21") as tablet:
        await phone.login_ok("deux@example.org")
        await tablet.login_ok("deux@example.org")
        listed = (await client.get("/api/auth/sessions")).json()["sessions"]
        assert len(listed) == 3
        assert [s["current"] for s in listed].count(True) == 1
        assert {s["ip"] for s in listed} == {"203.0.113.7", "192.0.2.20", "192.0.2.21"}
        # The listed ids are not the cookies, nor what the database keeps.
        stored = {r["id"] for r in await Session.select(Session.id)}
        assert not {s["id"] for s in listed} & stored

        phone_id = next(s["id"] for s in listed if s["ip"] == "192.0.2.20")
        ended = await client.post(f"/api/auth/sessions/{phone_id}/end")
        assert ended.status_code == 200, ended.text
        assert (await phone.get("/api/auth/me")).status_code == 401
        assert (await tablet.get("/api/auth/me")).status_code == 200
        again = await client.post(f"/api/auth/sessions/{phone_id}/end")
        assert again.status_code == 404

        # Having typed the password more than 5 minutes ago, it is asked again first.
        await Session.update(
            {Session.auth_at: Session.auth_at - dt.timedelta(minutes=6)}, force=True
        )
        stale = await client.post("/api/auth/sessions/end-others")
        assert stale.status_code == 403 and stale.json()["code"] == "reauth-needed"
        assert (await tablet.get("/api/auth/me")).status_code == 200
        await client.post("/api/auth/confirm", json={"password": PASSWORD})
        assert (await client.post("/api/auth/sessions/end-others")).status_code == 200
        assert (await tablet.get("/api/auth/me")).status_code == 401
        assert (await client.get("/api/auth/me")).status_code == 200
        assert len((await client.get("/api/auth/sessions")).json()["sessions"]) == 1


async def test_v3_3_4_nobody_ends_another_persons_session(
    client: ApiClient, make_client: Any
) -> None:
    await make_user(client.app, "patient", "a@example.org")
    await make_user(client.app, "patient", "b@example.org")
    await client.login_ok("a@example.org")
    async with make_client() as other:
        await other.login_ok("b@example.org")
        theirs = (await other.get("/api/auth/sessions")).json()["sessions"][0]["id"]
        assert (await client.post(f"/api/auth/sessions/{theirs}/end")).status_code == 404
        assert (await other.get("/api/auth/me")).status_code == 200


async def test_v3_3_1_deactivating_an_account_ends_its_sessions_at_once(
    client: ApiClient, make_client: Any
) -> None:
    await make_user(client.app, "admin", "root@example.org")
    nurse = await make_user(client.app, "clinician", "partie@example.org")
    await client.login_ok("root@example.org")
    async with make_client() as her:
        await her.login_ok("partie@example.org")
        listed = (await client.get("/api/admin/users")).json()["users"]
        assert {u["email"]: u["sessions"] for u in listed}["partie@example.org"] == 1
        seen = await client.get(f"/api/admin/users/{nurse.id}/sessions")
        assert len(seen.json()["sessions"]) == 1

        off = await client.post(f"/api/admin/users/{nurse.id}/deactivate")
        assert off.status_code == 200, off.text
        assert (await her.get("/api/auth/me")).status_code == 401
        assert (await her.login("partie@example.org")).status_code == 401

        assert (await client.post(f"/api/admin/users/{nurse.id}/reactivate")).status_code == 200
        assert (await her.login("partie@example.org")).status_code == 200
    me = (await client.get("/api/auth/me")).json()["id"]
    assert (await client.post(f"/api/admin/users/{me}/deactivate")).status_code == 409


async def test_v3_3_1_a_live_stream_closes_at_sign_out_and_when_the_team_changes(
    world: World,
) -> None:
    world.app.state.live_recheck_s = 0.2
    try:
        clin = world["clin_a"]
        async with open_stream(world.app, clin) as stream:
            await stream.wait_for(lambda s: "event: ready" in s.text)
            admin = world["admin"]
            team, user = world.ids["team_a"], world.ids["clin.a@w.test"]
            # Someone else takes over her patients first (a team is never left without one).
            await admin.post(
                f"/api/teams/{team}/members",
                json={"user_id": world.ids["clin.b@w.test"], "role": "physician", "is_lead": True},
            )
            removed = await admin.delete(f"/api/teams/{team}/members/{user}")
            assert removed.status_code in (200, 204), removed.text
            await stream.wait_for(lambda s: "event: ended" in s.text, timeout=3.0)

        async with open_stream(world.app, world["clin_b"]) as stream:
            await stream.wait_for(lambda s: "event: ready" in s.text)
            await world["clin_b"].post("/api/auth/logout")
            await stream.wait_for(lambda s: "event: ended" in s.text, timeout=3.0)
    finally:
        del world.app.state.live_recheck_s


async def test_v3_4_4_cookies_use_the_host_prefix_behind_https(
    migrated: Any, database: Any
) -> None:
    https = dataclasses.replace(migrated, public_url="https://relais.example.org")
    app = create_app(https, manage_db=False)
    await make_user(app, "patient", "https@example.org")
    async with ApiClient.open(app) as client:
        client.http._base_url = client.http._base_url.copy_with(scheme="https")  # type: ignore[attr-defined]
        answer = await client.login("https@example.org")
        assert answer.status_code == 200, answer.text
        cookies = answer.headers.get_list("set-cookie")
        session = next(c for c in cookies if c.startswith("__Host-relais_session="))
        assert "Secure" in session and "Path=/" in session and "Domain" not in session
        assert any(c.startswith("__Host-relais_device=") for c in cookies)
        # The prefixed cookie is the one read back.
        assert (await client.get("/api/auth/me")).status_code == 200
