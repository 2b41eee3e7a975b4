"""Closing an account: afterwards no row of any table, on either engine, holds the person's email,
names, phone, free text they wrote or their ids; the audit trail keeps non-identifying rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais import db
from relais.accounts.tables import User
from relais.audit.tables import AuditEvent
from relais.care.tables import Patient
from relais.checkins.tables import Checkin
from relais.notify.tables import NotifyPreference, Outbox, PushSubscription
from tests.exports.support import GREEN_VITALS, checkin
from tests.helpers import PASSWORD, signup_consents
from tests.world import World, adult_patient, world_fixture

EMAIL = "eloise.quenouille@w.test"
NOTE = "Ma note très personnelle zqxw"
TEXT_ANSWER = "Texte libre confidentiel kvyz"
MESSAGE = "Message privé au service jfqp"
PHONE = "+33 6 98 76 54 32"


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def _eloise(world: World, make_client: Any, stack: Any) -> dict[str, Any]:
    """A patient with her own account, a family member, check-ins with free text, a push device,
    a pending notification, consent records, sharing withdrawn, a failed sign-in."""
    clin = world["clin_a"]
    p = await clin.post(
        "/api/patients",
        json=adult_patient(
            world.ids["team_a"], given_name="Éloïse", family_name="Quenouille", phone=PHONE
        ),
    )
    assert p.status_code == 201, p.text
    pid = p.json()["id"]
    inv = await clin.post(f"/api/patients/{pid}/invitations", json={"kind": "patient"})
    token = inv.json()["link"].split("#token=", 1)[1]
    me = await stack.enter_async_context(make_client())
    acc = await me.post(
        "/api/invitations/accept",
        json={
            "token": token,
            "email": EMAIL,
            "display_name": "Éloïse Q.",
            "password": PASSWORD,
            "consents": await signup_consents(me),
        },
    )
    assert acc.status_code == 201, acc.text
    uid = acc.json()["id"]
    # Sylvie (a proxy of Jean in the world) also cares for Éloïse.
    inv = await clin.post(
        f"/api/patients/{pid}/invitations", json={"kind": "proxy", "relationship": "sibling"}
    )
    token = inv.json()["link"].split("#token=", 1)[1]
    assert (
        await world["proxy"].post("/api/invitations/accept", json={"token": token})
    ).status_code == 201
    url = f"/api/patients/{pid}/checkins"
    for body in (
        checkin(90, note=NOTE),
        checkin(30, answers={"fatigue_note": TEXT_ANSWER}, vitals=GREEN_VITALS),
        checkin(10, vitals={**GREEN_VITALS, "temperature": 38.7}),
    ):
        resp = await me.post(url, json=body)
        assert resp.status_code == 201, resp.text
    # Sylvie logs one for her too.
    assert (await world["proxy"].post(url, json=checkin(5))).status_code == 201
    # Sylvie also logs one for Jean (her link to him stays after Éloïse leaves).
    assert (
        await world["proxy"].post(f"/api/patients/{world.ids['patient']}/checkins", json=checkin(3))
    ).status_code == 201
    for who, body in ((me, MESSAGE), (clin, "Bonjour Éloïse, bien reçu.")):
        sent = await who.post(
            f"/api/patients/{pid}/messages", json={"id": str(uuid.uuid4()), "body": body}
        )
        assert sent.status_code == 201, sent.text
    await me.get(f"/api/patients/{pid}/export/fhir")
    await clin.get(f"/api/patients/{pid}")
    docs = (await me.get("/api/consent")).json()["documents"]
    for d in docs:
        r = await me.post(
            "/api/consent/accept", json={"document": d["document"], "version": d["version"]}
        )
        assert r.status_code == 200, r.text
    r = await me.post(
        f"/api/patients/{pid}/consent/teams",
        json={"team_id": world.ids["team_a"], "decision": "withdrawn", "confirm": True},
    )
    assert r.status_code == 200, r.text
    await PushSubscription.insert(
        PushSubscription(
            id=uuid.uuid4(),
            user=uid,
            endpoint=f"https://push.example.org/{uuid.uuid4().hex}",
            p256dh="x" * 80,
            auth="y" * 22,
            label="Firefox on Android",
        )
    )
    await Outbox.insert(Outbox(user=uid, kind="reminder", ref_id=None, state="pending"))
    await NotifyPreference.insert(NotifyPreference(user=uid, reminders=True))
    other = await stack.enter_async_context(make_client())
    assert (await other.login(EMAIL, "not the right password at all")).status_code in (400, 401)
    return {"client": me, "uid": uid, "pid": pid}


def _needles(person: dict[str, Any]) -> list[str]:
    out = [EMAIL, "éloïse", "quenouille", "98 76 54 32", NOTE, TEXT_ANSWER, MESSAGE]
    for value in (person["uid"], person["pid"]):
        out += [str(value), uuid.UUID(str(value)).hex]
    return [n.lower() for n in out]


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str).lower()
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace").lower()
    return str(value).lower()


async def walk_every_table(needles: list[str]) -> int:
    """Read every row of every table raw and fail on any cell that holds a needle."""
    seen = 0
    for table in db.all_tables():
        name = table._meta.tablename
        rows = await db.fetch(f"SELECT * FROM {name}")  # noqa: S608 (names from code)
        for row in rows:
            seen += 1
            for column, value in row.items():
                if value is None:
                    continue
                text = _text(value)
                for needle in needles:
                    assert needle not in text, (name, column, needle)
    return seen


@pytest.mark.parametrize("mode", ["delete", "pseudonymise"])
async def test_erasure_leaves_nothing_identifying_anywhere(
    world: World, make_client: Any, mode: str
) -> None:
    from contextlib import AsyncExitStack

    app = world.app
    saved = app.state.settings
    app.state.settings = dataclasses.replace(saved, erasure_mode=mode)
    try:
        async with AsyncExitStack() as stack:
            person = await _eloise(world, make_client, stack)
            needles = _needles(person)
            before_audit = await AuditEvent.count().where(
                (AuditEvent.actor_id == person["uid"]) | (AuditEvent.patient_id == person["pid"])
            )
            assert before_audit > 5
            total_audit = await AuditEvent.count()
            with pytest.raises(AssertionError):  # the walk does find her before the erasure
                await walk_every_table(needles)
            me = person["client"]
            wrong = await me.post(
                "/api/me/erase", json={"password": "wrong password!!", "confirm": True}
            )
            assert wrong.status_code == 400
            unconfirmed = await me.post("/api/me/erase", json={"password": PASSWORD})
            assert unconfirmed.status_code == 400 and unconfirmed.json()["code"] == "confirm-needed"
            done = await me.post("/api/me/erase", json={"password": PASSWORD, "confirm": True})
            assert done.status_code == 200, done.text
            assert done.json()["mode"] == mode

            assert await walk_every_table(needles) > 50
            # The audit trail keeps its rows (plus the erasure's), none identifying.
            assert await AuditEvent.count() >= total_audit + 1
            assert not await AuditEvent.exists().where(
                (AuditEvent.actor_id == person["uid"]) | (AuditEvent.patient_id == person["pid"])
            )
            # Signed out everywhere, cannot sign in again.
            assert (await me.get("/api/auth/me")).status_code == 401
            other = await stack.enter_async_context(make_client())
            assert (await other.login(EMAIL)).status_code in (400, 401)
            assert not await User.exists().where(User.email == EMAIL)
            # Other people's records are untouched.
            jean = world.ids["patient"]
            assert (await world["patient"].get(f"/api/patients/{jean}/checkins")).json()
            assert await User.exists().where(User.email == "sylvie@w.test")
            kept = await Patient.select().where(Patient.status == "erased")
            if mode == "delete":
                assert kept == []
            else:
                assert len(kept) == 1 and kept[0]["given_name"] == ""
                assert kept[0]["birth_date"] == dt.date(1962, 1, 1)
                rows = await Checkin.select().where(Checkin.patient == kept[0]["id"])
                assert len(rows) == 4 and all(r["note"] == "" for r in rows)
                assert {r["level"] for r in rows} == {"green", "amber"}
    finally:
        app.state.settings = saved


async def test_a_family_member_can_close_their_account(world: World) -> None:
    jean = world.ids["patient"]
    proxy = world["proxy"]
    me = (await proxy.get("/api/auth/me")).json()
    resp = await proxy.post(
        f"/api/patients/{jean}/checkins", json=checkin(2, note="Noté par Sylvie xq")
    )
    assert resp.status_code == 201
    done = await proxy.post("/api/me/erase", json={"password": PASSWORD, "confirm": True})
    assert done.status_code == 200, done.text
    await walk_every_table(["sylvie@w.test", me["id"], uuid.UUID(me["id"]).hex])
    # Jean's record stays; the check-in she logged stays, without her id.
    rows = await Checkin.select().where(Checkin.patient == jean)
    assert rows and all(str(r["submitted_by"]) != me["id"] for r in rows)


async def test_staff_cannot_erase_themselves(world: World) -> None:
    resp = await world["clin_a"].post("/api/me/erase", json={"password": PASSWORD, "confirm": True})
    assert resp.status_code == 403
