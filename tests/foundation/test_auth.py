"""Signing in and out, sessions, lockout, CSRF, roles, passwords and the second factor."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import pyotp
import pytest
from argon2 import PasswordHasher

from relais.accounts.sessions import COOKIE_NAME
from relais.accounts.tables import LoginFailure, Session, User
from relais.audit.tables import AuditEvent
from relais.db import utcnow
from tests.helpers import PASSWORD, ApiClient, make_user
from tests.smtp import Inbox


async def test_sign_in_sets_a_protected_cookie_and_sign_out_ends_it(client: ApiClient) -> None:
    user = await make_user(client.app, "patient", "jean@example.org", name="Jean")
    resp = await client.login("Jean@Example.org")
    assert resp.status_code == 200, resp.text
    assert resp.json()["email"] == "jean@example.org"
    cookie = resp.headers["set-cookie"]
    assert f"{COOKIE_NAME}=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http in tests; Secure is set behind https
    me = await client.get("/api/auth/me")
    assert me.status_code == 200 and me.json()["id"] == str(user.id)

    out = await client.post("/api/auth/logout")
    assert out.status_code == 200
    assert (await client.get("/api/auth/me")).status_code == 401
    assert await Session.count() == 0


async def test_secure_cookie_behind_https(client: ApiClient, settings) -> None:  # type: ignore[no-untyped-def]
    from relais.accounts.sessions import session_cookie

    https = type(settings)(**{**settings.__dict__, "public_url": "https://relais.example.org"})
    assert "Secure" in session_cookie(https, "t", None).to_header()


async def test_wrong_password_and_unknown_email_get_the_same_answer(client: ApiClient) -> None:
    await make_user(client.app, "patient", "known@example.org")
    wrong = await client.login("known@example.org", "not the right password")
    unknown = await client.login("nobody@example.org", "not the right password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert "email or the password" in wrong.json()["detail"]
    assert wrong.headers["content-type"].startswith("application/problem+json")


async def test_account_lockout_after_repeated_failures(client: ApiClient, settings) -> None:  # type: ignore[no-untyped-def]
    await make_user(client.app, "patient", "lock@example.org")
    for _ in range(settings.login_max_failures_account):
        assert (await client.login("lock@example.org", "wrong password!!")).status_code == 401
    # Now even the right password is refused, with a clear message and when to retry.
    locked = await client.login("lock@example.org")
    assert locked.status_code == 429
    body = locked.json()
    assert body["code"] == "too-many-attempts" and "try again in" in body["detail"]
    assert int(locked.headers["retry-after"]) > 0
    # An unknown email is paused the same way: no way to tell which accounts exist.
    for _ in range(settings.login_max_failures_account):
        await client.login("ghost@example.org", "wrong password!!")
    ghost = await client.login("ghost@example.org", "wrong password!!")
    assert ghost.status_code == 429 and ghost.json()["detail"] == body["detail"]
    # After the window, the account opens again.
    await LoginFailure.update({LoginFailure.at: utcnow() - dt.timedelta(hours=2)}).where(
        LoginFailure.id > 0
    )
    assert (await client.login("lock@example.org")).status_code == 200


async def test_ip_limit_across_accounts(client: ApiClient, settings) -> None:  # type: ignore[no-untyped-def]
    limit = settings.login_max_failures_ip
    await LoginFailure.insert(
        *[LoginFailure(email_key=f"k{i}", ip="203.0.113.7", at=utcnow()) for i in range(limit)]
    )
    await make_user(client.app, "patient", "ok@example.org")
    resp = await client.login("ok@example.org")
    assert resp.status_code == 429


async def test_session_id_rotates_at_sign_in(client: ApiClient) -> None:
    await make_user(client.app, "patient", "rot@example.org")
    await client.login_ok("rot@example.org")
    first = client.http.cookies.get(COOKIE_NAME)
    await client.login_ok("rot@example.org")
    second = client.http.cookies.get(COOKIE_NAME)
    assert first and second and first != second
    # The earlier session is gone, not merely replaced in this browser.
    assert await Session.count() == 1
    client.http.cookies.clear()
    client.http.cookies.set(COOKIE_NAME, first)
    assert (await client.get("/api/auth/me")).status_code == 401


async def test_idle_timeout_is_shorter_for_staff(client: ApiClient, make_client, settings) -> None:  # type: ignore[no-untyped-def]
    await make_user(client.app, "clinician", "doc@example.org")
    await make_user(client.app, "patient", "pat@example.org")
    await client.login_ok("doc@example.org")
    async with make_client() as patient:
        await patient.login_ok("pat@example.org")
        idle = dt.timedelta(minutes=settings.session_idle_staff_min + 1)
        await Session.update({Session.last_seen_at: utcnow() - idle}).where(Session.id != "")
        expired = await client.get("/api/auth/me")
        assert expired.status_code == 401
        assert "session has ended" in expired.json()["detail"]
        assert (await patient.get("/api/auth/me")).status_code == 200


async def test_absolute_timeout(client: ApiClient) -> None:
    await make_user(client.app, "patient", "abs@example.org")
    await client.login_ok("abs@example.org")
    await Session.update({Session.expires_at: utcnow() - dt.timedelta(seconds=1)}).where(
        Session.id != ""
    )
    assert (await client.get("/api/auth/me")).status_code == 401
    assert await Session.count() == 0


async def test_unsafe_methods_need_the_csrf_header(client: ApiClient) -> None:
    await make_user(client.app, "patient", "csrf@example.org")
    await client.login_ok("csrf@example.org")
    bare = await client.http.post("/api/auth/logout")
    assert bare.status_code == 403 and bare.json()["code"] == "csrf"
    forged = await client.http.post("/api/auth/logout", headers={"x-csrftoken": "0" * 128})
    assert forged.status_code == 403
    assert (await client.get("/api/auth/me")).status_code == 200  # still signed in
    assert (await client.post("/api/auth/logout")).status_code == 200


async def test_role_guards(client: ApiClient, make_client) -> None:  # type: ignore[no-untyped-def]
    await make_user(client.app, "admin", "admin@example.org")
    await make_user(client.app, "patient", "p@example.org")
    new_user = {"email": "new@example.org", "display_name": "New", "role": "clinician"}
    anonymous = await client.post("/api/admin/users", json=new_user)
    assert anonymous.status_code == 401
    await client.login_ok("p@example.org")
    assert (await client.post("/api/admin/users", json=new_user)).status_code == 403
    assert (await client.post("/api/auth/totp/setup")).status_code == 403  # staff only
    async with make_client() as admin:
        await admin.login_ok("admin@example.org")
        created = await admin.post("/api/admin/users", json=new_user)
        assert created.status_code == 201, created.text
        assert (await admin.post("/api/admin/users", json=new_user)).status_code == 409


async def test_password_rules_say_what_to_fix(client: ApiClient) -> None:
    await make_user(client.app, "patient", "marie.curie@example.org", locale="en")
    await make_user(client.app, "patient", "fr@example.org")  # French, the default
    await client.login_ok("fr@example.org")
    resp = await client.post(
        "/api/auth/password", json={"current_password": PASSWORD, "new_password": "x"}
    )
    assert resp.status_code == 400 and "au moins 12 caractères" in resp.json()["detail"]
    assert "au moins 12 caractères" in resp.json()["errors"][0]["message"]
    await client.post("/api/auth/logout")
    await client.login_ok("marie.curie@example.org")
    cases = {
        "short": ("password-too-short", "at least 12"),
        "password1234": ("password-too-common", "too common"),
        "azertyuiop!!": ("password-too-common", "too common"),
        "aaaaaaaaaaaaaaaa": ("password-too-common", "too common"),
        "marie.curie-rocks": ("password-contains-email", "email"),
    }
    for password, (code, words) in cases.items():
        resp = await client.post(
            "/api/auth/password",
            json={"current_password": PASSWORD, "new_password": password},
            headers={"x-relais-lang": "en"},
        )
        assert resp.status_code == 400, password
        body = resp.json()
        assert body["code"] == code, (password, body)
        assert words in body["detail"]
        assert body["errors"][0]["field"] == "new_password"
    # Nothing changed: the old password still works.
    await client.post("/api/auth/logout")
    assert (await client.login("marie.curie@example.org")).status_code == 200


async def test_argon2_hash_is_upgraded_at_sign_in(client: ApiClient) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    user = await make_user(client.app, "patient", "old@example.org")
    await User.update({User.password_hash: weak.hash(PASSWORD)}).where(User.id == user.id)
    await client.login_ok("old@example.org")
    stored = (await User.objects().where(User.id == user.id).first()).password_hash
    assert stored.startswith("$argon2id$")
    assert "m=8192,t=1,p=1" in stored  # the deployment's current parameters
    assert not client.app.state.passwords.needs_rehash(stored)


async def test_change_password_signs_out_other_devices(client: ApiClient, make_client) -> None:  # type: ignore[no-untyped-def]
    await make_user(client.app, "patient", "change@example.org")
    await client.login_ok("change@example.org")
    async with make_client() as phone:
        await phone.login_ok("change@example.org")
        bad = await client.post(
            "/api/auth/password",
            json={"current_password": "wrong", "new_password": "a brand new passphrase"},
        )
        assert bad.status_code == 400 and bad.json()["code"] == "bad-current-password"
        ok = await client.post(
            "/api/auth/password",
            json={"current_password": PASSWORD, "new_password": "a brand new passphrase"},
        )
        assert ok.status_code == 200, ok.text
        assert (await client.get("/api/auth/me")).status_code == 200
        assert (await phone.get("/api/auth/me")).status_code == 401
    assert (await client.login("change@example.org")).status_code == 401
    assert (await client.login("change@example.org", "a brand new passphrase")).status_code == 200


async def test_password_reset_by_one_time_token(
    client: ApiClient, mail: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    """The link goes by email (a real SMTP server), in the person's language, and nowhere else."""
    await make_user(client.app, "proxy", "rosalind@example.org")
    available = (await client.get("/api/auth/password-reset")).json()
    assert available == {
        "by_email": True,
        "minutes": client.app.state.settings.password_reset_minutes,
    }
    before = len(mail.messages)
    for email in ("rosalind@example.org", "unknown@example.org"):
        resp = await client.post("/api/auth/password-reset", json={"email": email})
        assert resp.status_code == 202
        assert "If an account exists" in resp.json()["message"]
    [sent] = await mail.wait_for("rosalind@example.org")
    assert len(mail.messages) == before + 1  # nothing to an unknown address
    assert sent["Subject"] == "Relais : changer votre mot de passe"  # her account is in French
    body = sent.get_content()
    link = next(w for w in body.split() if "/reset-password#token=" in w)
    token = link.split("token=", 1)[1]
    assert token not in caplog.text  # never in a log
    weak = await client.post(
        "/api/auth/password-reset/confirm", json={"token": token, "new_password": "qwertyuiop123"}
    )
    assert weak.status_code == 400 and weak.json()["code"] == "password-too-common"
    done = await client.post(
        "/api/auth/password-reset/confirm",
        json={"token": token, "new_password": "my new reset passphrase"},
    )
    assert done.status_code == 200, done.text
    again = await client.post(
        "/api/auth/password-reset/confirm",
        json={"token": token, "new_password": "another new passphrase"},
    )
    assert again.status_code == 400 and again.json()["code"] == "reset-token-invalid"
    assert (
        await client.login("rosalind@example.org", "my new reset passphrase")
    ).status_code == 200


async def test_staff_second_factor(client: ApiClient) -> None:
    await make_user(client.app, "clinician", "totp@example.org")
    await client.login_ok("totp@example.org")
    setup = (await client.post("/api/auth/totp/setup")).json()
    assert setup["otpauth_uri"].startswith("otpauth://totp/Relais") and "<svg" in setup["qr_svg"]
    totp = pyotp.TOTP(setup["secret"])
    assert (
        await client.post(
            "/api/auth/totp/enable", json={"code": "000000" if totp.now() != "000000" else "111111"}
        )
    ).status_code == 400
    moment = time.time()
    this_step, next_step = totp.at(moment), totp.at(moment + totp.interval)
    assert (await client.post("/api/auth/totp/enable", json={"code": this_step})).status_code == 200
    await client.post("/api/auth/logout")

    need = await client.login("totp@example.org")
    assert need.status_code == 401 and need.json()["code"] == "totp-required"
    assert (await client.get("/api/auth/me")).status_code == 401
    # A code works once: the one just used to turn the factor on is refused (ASVS 2.8.4).
    again = await client.login("totp@example.org", totp_code=this_step)
    assert again.status_code == 401 and again.json()["code"] == "totp-used"
    assert "already been used" in again.json()["detail"]
    ok = await client.login("totp@example.org", totp_code=next_step)
    assert ok.status_code == 200 and ok.json()["totp_enabled"] is True
    await client.post("/api/auth/logout")
    # Replayed, or an older step's code after a newer one: refused.
    for code in (next_step, this_step):
        replay = await client.login("totp@example.org", totp_code=code)
        assert replay.status_code == 401 and replay.json()["code"] == "totp-used"


async def test_sign_ins_are_audited(client: ApiClient) -> None:
    user = await make_user(client.app, "patient", "audit@example.org")
    await client.login("audit@example.org", "wrong password here")
    await client.login_ok("audit@example.org")
    rows = (
        await AuditEvent.select().where(AuditEvent.action == "auth.login").order_by(AuditEvent.id)
    )
    assert [r["outcome"] for r in rows] == ["failure", "ok"]
    assert rows[1]["actor_id"] == user.id and rows[1]["actor_role"] == "patient"
    assert rows[0]["ip"] == "203.0.113.7" and rows[0]["actor_id"] is None
    assert rows[1]["at"].tzinfo is not None


async def test_only_the_latest_reset_link_works_and_requests_are_limited(
    client: ApiClient, mail: Inbox
) -> None:
    await make_user(client.app, "proxy", "ada@example.org")

    async def link() -> str:
        before = len(mail.to("ada@example.org"))
        resp = await client.post("/api/auth/password-reset", json={"email": "ada@example.org"})
        assert resp.status_code == 202
        sent = await mail.wait_for("ada@example.org", count=before + 1)
        body = sent[-1].get_content()
        return next(w for w in body.split() if "/reset-password#token=" in w).split("token=")[1]

    first, second = await link(), await link()
    old = await client.post(
        "/api/auth/password-reset/confirm",
        json={"token": first, "new_password": "an older link passphrase"},
    )
    assert old.status_code == 400 and old.json()["code"] == "reset-token-invalid"
    third = await link()
    assert third != second
    # Three links in a quarter of an hour: a fourth request sends nothing (same answer).
    resp = await client.post("/api/auth/password-reset", json={"email": "ada@example.org"})
    assert resp.status_code == 202
    await asyncio.sleep(0.5)
    assert len(mail.to("ada@example.org")) == 3
    done = await client.post(
        "/api/auth/password-reset/confirm",
        json={"token": third, "new_password": "the latest link passphrase"},
    )
    assert done.status_code == 200, done.text


async def test_without_smtp_a_reset_is_refused_and_says_to_ask_the_care_team(
    client: ApiClient,
) -> None:
    app = client.app
    saved = app.state.reset_delivery
    app.state.reset_delivery = None
    try:
        assert (await client.get("/api/auth/password-reset")).json()["by_email"] is False
        for lang in ("en", "fr"):
            resp = await client.post(
                "/api/auth/password-reset",
                json={"email": "someone@example.org"},
                headers={"accept-language": lang},
            )
            assert resp.status_code == 503 and resp.json()["code"] == "reset-unavailable"
            assert ("care team" if lang == "en" else "équipe de soins") in resp.json()["detail"]
    finally:
        app.state.reset_delivery = saved
