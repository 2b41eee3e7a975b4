"""A small world of people around two patients, built through the real API, for tests that need a
care circle: teams, clinicians, patients, family members with and without scope, outsiders."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from litestar import Litestar

from tests.helpers import PASSWORD, ApiClient, make_user, signup_consents


@dataclass
class World:
    app: Litestar
    clients: dict[str, ApiClient] = field(default_factory=dict)
    ids: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, who: str) -> ApiClient:
        return self.clients[who]


async def _invite_and_accept(
    clinician: ApiClient, joiner: ApiClient, patient_id: str, email: str, name: str, **kind: Any
) -> dict[str, Any]:
    resp = await clinician.post(f"/api/patients/{patient_id}/invitations", json=kind)
    assert resp.status_code == 201, resp.text
    token = resp.json()["link"].split("#token=", 1)[1]
    acc = await joiner.post(
        "/api/invitations/accept",
        json={
            "token": token,
            "email": email,
            "display_name": name,
            "password": PASSWORD,
            "consents": await signup_consents(joiner),
        },
    )
    assert acc.status_code == 201, acc.text
    return acc.json()  # type: ignore[no-any-return]


def local_today(tz: str = "Europe/Paris") -> dt.date:
    """Today where the test people live (the default zone): the server counts days there, and from
    23:00 UTC Paris is already tomorrow."""
    return dt.datetime.now(ZoneInfo(tz)).date()


def adult_patient(team_id: str, **over: Any) -> dict[str, Any]:
    # Ten days ago where the patient lives: the day of follow-up is counted in their zone.
    # (A test of a zone the server refuses counts in Paris.)
    try:
        today = local_today(over.get("timezone", "Europe/Paris"))
    except (ValueError, LookupError):
        today = local_today()
    return {
        "given_name": "Jean",
        "family_name": "Dupont",
        "birth_date": "1962-04-03",
        "sex_at_birth": "male",
        "locale": "fr",
        "timezone": "Europe/Paris",
        "phone": "+33 6 00 00 00 01",
        "gp_name": "Dr Lefèvre",
        "gp_phone": "01 23 45 67 89",
        "discharge_date": (today - dt.timedelta(days=10)).isoformat(),
        "plan_id": "adult_post_sepsis",
        "team_ids": [team_id],
        **over,
    }


async def build_world(
    app: Litestar, stack: AsyncExitStack, open_client: Callable[[], Any]
) -> World:
    world = World(app)

    async def client(name: str) -> ApiClient:
        c = await stack.enter_async_context(open_client())
        world.clients[name] = c
        return c

    for role, email in [
        ("admin", "admin@w.test"),
        ("clinician", "clin.a@w.test"),
        ("clinician", "clin.b@w.test"),
    ]:
        user = await make_user(app, role, email)
        world.ids[email] = str(user.id)
    admin = await client("admin")
    await admin.login_ok("admin@w.test")
    for key, name, clin in (
        ("team_a", "Réanimation A", "clin.a@w.test"),
        ("team_b", "Cabinet B", "clin.b@w.test"),
    ):
        team = await admin.post(
            "/api/teams", json={"name": name, "kind": "hospital_service", "phone": "01 02 03 04 05"}
        )
        assert team.status_code == 201, team.text
        world.ids[key] = team.json()["id"]
        added = await admin.post(
            f"/api/teams/{world.ids[key]}/members",
            json={"user_id": world.ids[clin], "role": "physician", "is_lead": True},
        )
        assert added.status_code == 201, added.text
    clin_a = await client("clin_a")
    await clin_a.login_ok("clin.a@w.test")
    clin_b = await client("clin_b")
    await clin_b.login_ok("clin.b@w.test")

    p = await clin_a.post("/api/patients", json=adult_patient(world.ids["team_a"]))
    assert p.status_code == 201, p.text
    world.ids["patient"] = pid = p.json()["id"]
    q = await clin_b.post(
        "/api/patients",
        json=adult_patient(world.ids["team_b"], given_name="Marie", family_name="Curie"),
    )
    assert q.status_code == 201, q.text
    world.ids["other_patient"] = qid = q.json()["id"]

    await _invite_and_accept(
        clin_a, await client("patient"), pid, "jean@w.test", "Jean", kind="patient"
    )
    await _invite_and_accept(
        clin_a,
        await client("proxy"),
        pid,
        "sylvie@w.test",
        "Sylvie",
        kind="proxy",
        relationship="partner",
    )
    await _invite_and_accept(
        clin_a,
        await client("scoped_proxy"),
        pid,
        "neveu@w.test",
        "Neveu",
        kind="proxy",
        relationship="other",
        can_log=False,
        can_read_results=False,
        can_read_messages=False,
    )
    await _invite_and_accept(
        clin_b, await client("other_patient"), qid, "marie@w.test", "Marie", kind="patient"
    )
    await _invite_and_accept(
        clin_b,
        await client("other_proxy"),
        qid,
        "pierre@w.test",
        "Pierre",
        kind="proxy",
        relationship="partner",
    )
    return world


async def world_fixture(app: Litestar, make_client: Callable[[], Any]) -> AsyncIterator[World]:
    async with AsyncExitStack() as stack:
        yield await build_world(app, stack, make_client)
