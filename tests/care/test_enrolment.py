"""Teams, enrolment at discharge, schedules from plans, invitations, proxies, bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.care.tables import Invitation, Patient, ScheduleItem
from relais.db import utcnow
from tests.helpers import PASSWORD, make_user, signup_consents
from tests.world import World, adult_patient, local_today, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def test_enrolment_builds_a_schedule_from_the_plan(world: World) -> None:
    pid = world.ids["patient"]
    sched = (await world["patient"].get(f"/api/patients/{pid}/schedule")).json()
    kinds = {item["plan_item_id"] for item in sched}
    assert any(item["kind"] == "review" for item in sched)
    assert len(kinds) >= 3
    # Ten days after discharge: past daily check-ins are missed, later ones are due.
    statuses = {item["status"] for item in sched}
    assert {"missed", "due"} <= statuses
    first = min(sched, key=lambda i: i["due_at"])
    due = dt.datetime.fromisoformat(first["due_at"])
    # Daily check-ins fall at 09:00 in the patient's zone (Europe/Paris).
    from zoneinfo import ZoneInfo

    assert due.astimezone(ZoneInfo("Europe/Paris")).hour == 9


async def test_day1_plan_needs_day1_and_is_recomputed_when_it_changes(world: World) -> None:
    clin = world["clin_a"]
    body = adult_patient(world.ids["team_a"], plan_id="acute_infection_home")
    missing = await clin.post("/api/patients", json=body)
    assert missing.status_code == 400 and missing.json()["code"] == "anchor-missing"
    today = dt.date.today()
    body["day1"] = (today - dt.timedelta(days=3)).isoformat()
    created = await clin.post("/api/patients", json=body)
    assert created.status_code == 201, created.text
    pid = created.json()["id"]
    before = (await clin.get(f"/api/patients/{pid}/schedule")).json()
    assert sum(1 for i in before if i["kind"] == "checkin") == 28  # twice a day, 14 days
    moved = await clin.patch(f"/api/patients/{pid}", json={"day1": today.isoformat()})
    assert moved.status_code == 200, moved.text
    after = (await clin.get(f"/api/patients/{pid}/schedule")).json()
    assert min(i["due_at"] for i in after) > min(i["due_at"] for i in before)


async def test_bad_enrolment_input_is_explained_and_nothing_is_written(world: World) -> None:
    clin = world["clin_a"]
    team = world.ids["team_a"]
    count = await Patient.count()
    tomorrow = (local_today() + dt.timedelta(days=1)).isoformat()
    cases = [
        (adult_patient(team, birth_date=tomorrow), "birth-date-in-future"),
        (adult_patient(team, plan_id="acute_infection_home", day1=tomorrow), "day1-in-future"),
        (adult_patient(team, plan_id="nope"), "unknown-plan"),
        (adult_patient(team, timezone="Mars/Olympus"), "invalid-timezone"),
        (adult_patient(world.ids["team_b"]), "not-your-team"),
    ]
    for body, code in cases:
        resp = await clin.post("/api/patients", json=body)
        assert resp.status_code in (400, 403), resp.text
        assert resp.json()["code"] == code
    assert await Patient.count() == count


async def test_no_gp_is_flagged_on_the_team_list(world: World) -> None:
    clin = world["clin_a"]
    resp = await clin.post(
        "/api/patients",
        json=adult_patient(
            world.ids["team_a"], given_name="Sans", family_name="Médecin", gp_name="", gp_phone=""
        ),
    )
    assert resp.status_code == 201 and resp.json()["no_gp"] is True
    listing = (await clin.get(f"/api/teams/{world.ids['team_a']}/patients")).json()
    flags = {p["family_name"]: p["no_gp"] for p in listing}
    assert flags == {"Dupont": False, "Médecin": True}
    # The other team's clinician does not see team A's list.
    assert (
        await world["clin_b"].get(f"/api/teams/{world.ids['team_a']}/patients")
    ).status_code == 404


async def test_invitation_is_single_use_expires_and_can_be_revoked(
    world: World, make_client: Any
) -> None:
    clin = world["clin_a"]
    pid = world.ids["patient"]
    inv = (
        await clin.post(
            f"/api/patients/{pid}/invitations", json={"kind": "proxy", "relationship": "sibling"}
        )
    ).json()
    assert inv["code"][4] == "-" and "<svg" in inv["qr_svg"] and "#token=" in inv["link"]
    async with make_client() as a, make_client() as b:
        first = await a.post(
            "/api/invitations/accept",
            json={
                "code": inv["code"].lower(),
                "email": "soeur@w.test",
                "display_name": "Sœur",
                "password": PASSWORD,
                "consents": await signup_consents(a),
            },
        )
        assert first.status_code == 201, first.text
        assert (await a.get("/api/auth/me")).json()["role"] == "proxy"
        again = await b.post(
            "/api/invitations/accept",
            json={
                "code": inv["code"],
                "email": "autre@w.test",
                "display_name": "X",
                "password": PASSWORD,
            },
        )
        assert again.status_code == 410 and again.json()["code"] == "invitation-used"

    revoked = (
        await clin.post(
            f"/api/patients/{pid}/invitations", json={"kind": "proxy", "relationship": "other"}
        )
    ).json()
    r = await clin.post(f"/api/patients/{pid}/invitations/{revoked['id']}/revoke")
    assert r.status_code == 200 and r.json()["state"] == "revoked"
    expired = (
        await clin.post(
            f"/api/patients/{pid}/invitations", json={"kind": "proxy", "relationship": "other"}
        )
    ).json()
    await Invitation.update({Invitation.expires_at: utcnow() - dt.timedelta(minutes=1)}).where(
        Invitation.id == expired["id"]
    )
    async with make_client() as c:
        for inv_, code in ((revoked, "invitation-revoked"), (expired, "invitation-expired")):
            resp = await c.post(
                "/api/invitations/accept",
                json={
                    "code": inv_["code"],
                    "email": "late@w.test",
                    "display_name": "L",
                    "password": PASSWORD,
                },
            )
            assert resp.status_code == 410 and resp.json()["code"] == code
        unknown = await c.post(
            "/api/invitations/accept",
            json={
                "code": "ZZZZ-ZZZZ",
                "email": "late@w.test",
                "display_name": "L",
                "password": PASSWORD,
            },
        )
        assert unknown.status_code == 404
    states = {
        i["id"]: i["state"] for i in (await clin.get(f"/api/patients/{pid}/invitations")).json()
    }
    assert states[revoked["id"]] == "revoked" and states[expired["id"]] == "expired"


async def test_linking_a_proxy_twice_is_refused(world: World) -> None:
    clin = world["clin_a"]
    pid = world.ids["patient"]
    inv = (
        await clin.post(
            f"/api/patients/{pid}/invitations", json={"kind": "proxy", "relationship": "partner"}
        )
    ).json()
    # Sylvie (already linked, signed in) accepts a second invitation for the same patient.
    resp = await world["proxy"].post("/api/invitations/accept", json={"code": inv["code"]})
    assert resp.status_code == 409 and resp.json()["code"] == "already-linked"
    # Nothing half-written: the invitation is still usable.
    row = await Invitation.select(Invitation.used_at).where(Invitation.id == inv["id"]).first()
    assert row is not None and row["used_at"] is None


async def test_parent_with_two_children_and_coming_of_age(world: World, make_client: Any) -> None:
    clin = world["clin_a"]
    team = world.ids["team_a"]
    today = dt.date.today()
    kids = []
    for name, years in (("Léa", 6), ("Tom", 17)):
        birth = today.replace(year=today.year - years) - dt.timedelta(days=30)
        resp = await clin.post(
            "/api/patients",
            json=adult_patient(
                team,
                given_name=name,
                family_name="Martin",
                birth_date=birth.isoformat(),
                plan_id="child_post_sepsis",
            ),
        )
        assert resp.status_code == 201, resp.text
        assert resp.json()["is_child"] is True
        kids.append(resp.json()["id"])
    refused = await clin.post(f"/api/patients/{kids[0]}/invitations", json={"kind": "patient"})
    assert refused.status_code == 400 and refused.json()["code"] == "child-no-account"
    async with make_client() as parent:
        first = (
            await clin.post(
                f"/api/patients/{kids[0]}/invitations",
                json={"kind": "proxy", "relationship": "parent"},
            )
        ).json()
        assert (
            await parent.post(
                "/api/invitations/accept",
                json={
                    "code": first["code"],
                    "email": "parent@w.test",
                    "display_name": "Claire",
                    "password": PASSWORD,
                    "consents": await signup_consents(parent),
                },
            )
        ).status_code == 201
        second = (
            await clin.post(
                f"/api/patients/{kids[1]}/invitations",
                json={"kind": "proxy", "relationship": "parent"},
            )
        ).json()
        assert (
            await parent.post("/api/invitations/accept", json={"code": second["code"]})
        ).status_code == 201
        people = (await parent.get("/api/me/circle")).json()["people"]
        assert sorted(p["given_name"] for p in people) == ["Léa", "Tom"]
        assert all(p["relation"] == "proxy" and p["is_child"] for p in people)
        # Tom turns 18: the parental link stops unless the team renews it.
        links = (await clin.get(f"/api/patients/{kids[1]}/proxies")).json()
        assert links[0]["valid_until"] is not None
        eighteenth = dt.date.fromisoformat(links[0]["valid_until"]) + dt.timedelta(days=1)
        assert eighteenth.year - int(people[1]["birth_date"][:4]) in (18, 17, 19)
        await Patient.update({Patient.birth_date: today.replace(year=today.year - 19)}).where(
            Patient.id == kids[1]
        )
        from relais.care.tables import ProxyLink

        await ProxyLink.update({ProxyLink.valid_until: today - dt.timedelta(days=1)}).where(
            ProxyLink.patient == kids[1]
        )
        assert (await parent.get(f"/api/patients/{kids[1]}")).status_code == 404
        assert len((await parent.get("/api/me/circle")).json()["people"]) == 1
        renewed = await clin.post(
            f"/api/patients/{kids[1]}/proxies/{links[0]['id']}/renew", json={"valid_until": None}
        )
        assert renewed.status_code == 200 and renewed.json()["active"] is True
        assert (await parent.get(f"/api/patients/{kids[1]}")).status_code == 200


async def test_adult_patient_ends_a_proxy_link(world: World) -> None:
    pid = world.ids["patient"]
    links = (await world["patient"].get(f"/api/patients/{pid}/proxies")).json()
    sylvie = next(link for link in links if link["display_name"] == "Sylvie")
    assert (
        await world["proxy"].post(f"/api/patients/{pid}/proxies/{sylvie['id']}/end")
    ).status_code == 403
    ended = await world["patient"].post(f"/api/patients/{pid}/proxies/{sylvie['id']}/end")
    assert ended.status_code == 200 and ended.json()["active"] is False
    assert (await world["proxy"].get(f"/api/patients/{pid}")).status_code == 404


async def test_last_clinician_cannot_leave_a_team_with_patients(world: World) -> None:
    admin = world["admin"]
    team = world.ids["team_a"]
    resp = await admin.delete(f"/api/teams/{team}/members/{world.ids['clin.a@w.test']}")
    assert resp.status_code == 409 and resp.json()["code"] == "last-clinician"
    other = await make_user(world.app, "clinician", "relief@w.test")
    await admin.post(f"/api/teams/{team}/members", json={"user_id": str(other.id), "role": "gp"})
    resp = await admin.delete(f"/api/teams/{team}/members/{world.ids['clin.a@w.test']}")
    assert resp.status_code == 200


async def test_on_call_rota_says_who_answers_now(world: World) -> None:
    team = world.ids["team_a"]
    now = dt.datetime.now(dt.UTC)
    clin = world["clin_a"]
    resp = await clin.post(
        f"/api/teams/{team}/on-call",
        json={
            "user_id": world.ids["clin.a@w.test"],
            "starts_at": (now - dt.timedelta(hours=1)).isoformat(),
            "ends_at": (now + dt.timedelta(hours=11)).isoformat(),
        },
    )
    assert resp.status_code == 201, resp.text
    assert resp.json()["now"]["user_id"] == world.ids["clin.a@w.test"]
    bad = await clin.post(
        f"/api/teams/{team}/on-call",
        json={
            "user_id": world.ids["clin.a@w.test"],
            "starts_at": now.isoformat(),
            "ends_at": (now - dt.timedelta(hours=1)).isoformat(),
        },
    )
    assert bad.status_code == 400 and bad.json()["code"] == "shift-order"


async def test_team_marks_schedule_items_done(world: World) -> None:
    pid = world.ids["patient"]
    sched = (await world["clin_a"].get(f"/api/patients/{pid}/schedule")).json()
    review = next(i for i in sched if i["kind"] == "review")
    done = await world["clin_a"].patch(
        f"/api/patients/{pid}/schedule/{review['id']}", json={"status": "done"}
    )
    assert done.status_code == 200 and done.json()["status"] == "done"
    refused = await world["patient"].patch(
        f"/api/patients/{pid}/schedule/{review['id']}", json={"status": "skipped"}
    )
    assert refused.status_code == 403
    assert await ScheduleItem.count().where(ScheduleItem.status == "done") == 1
