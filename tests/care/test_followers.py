"""Family members told of alerts: Sylvie (Jean's partner) asks; nothing reaches her until Jean
agrees; then an alert that opens, and the team seeing it, each push her a neutral notification.
Jean sees who is told and stops it; a family member without access to results, a clinician or
another person may not ask or decide; a parent of a child is told at once on asking."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import pytest

from relais.audit.tables import AuditEvent
from relais.notify.service import TEXTS, payload
from relais.notify.tables import Outbox, PushSubscription
from tests.checkins.test_checkins import GREEN_VITALS, checkin
from tests.children.conftest import build_family
from tests.world import World, _invite_and_accept, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def device(client: Any) -> str:
    me = (await client.get("/api/auth/me")).json()
    await PushSubscription.insert(
        PushSubscription(
            user=me["id"], endpoint=f"https://push.example/{me['id']}", p256dh="x", auth="y"
        )
    )
    return str(me["id"])


async def pushes(kind: str) -> list[str]:
    return [str(r["user"]) for r in await Outbox.select(Outbox.user).where(Outbox.kind == kind)]


async def amber(world: World) -> str:
    """A new amber alert for Jean: the alerts still open are closed first (a check-in while one
    is open joins it, and tells nobody again)."""
    for open_alert in (await world["clin_a"].get("/api/alerts")).json():
        closed = await world["clin_a"].post(
            f"/api/alerts/{open_alert['id']}/resolve",
            json={"outcome": "called_patient", "note": ""},
        )
        assert closed.status_code == 200, closed.text
    url = f"/api/patients/{world.ids['patient']}/checkins"
    resp = await world["patient"].post(
        url, json=checkin(vitals={**GREEN_VITALS, "temperature": 38.6})
    )
    assert resp.status_code == 201 and resp.json()["alert"], resp.text
    return str(resp.json()["alert"]["id"])


async def test_told_of_alerts_only_once_the_patient_agrees(world: World) -> None:
    pid = world.ids["patient"]
    sylvie = await device(world["proxy"])
    neveu = await device(world["scoped_proxy"])
    me = f"/api/patients/{pid}/alert-followers/me"

    asked = await world["proxy"].post(me, json={"want": True})
    assert asked.status_code == 200 and asked.json()["alerts"] == "requested"
    circle = (await world["proxy"].get("/api/me/circle")).json()["people"]
    assert next(p for p in circle if p["patient_id"] == pid)["alerts"] == "requested"
    await amber(world)
    assert sylvie not in await pushes("family_alert")  # waits for Jean

    links = (await world["patient"].get(f"/api/patients/{pid}/proxies")).json()
    link = next(link for link in links if link["display_name"] == "Sylvie")
    assert link["alerts"] == "requested"
    decide = f"/api/patients/{pid}/proxies/{link['id']}/alerts"
    agreed = await world["patient"].post(decide, json={"allow": True})
    assert agreed.status_code == 200 and agreed.json()["alerts"] == "on"

    alert_id = await amber(world)
    assert await pushes("family_alert") == [sylvie]
    # What her lock screen shows: nothing of whom or why.
    shown = payload("family_alert", None)["body"]
    assert shown == TEXTS["family_alert"] and "Jean" not in shown and "alert" not in shown.lower()
    ack = await world["clin_a"].post(f"/api/alerts/{alert_id}/acknowledge", json={})
    assert ack.status_code == 200, ack.text
    seen = await pushes("alert_seen")
    assert sylvie in seen and neveu not in seen  # the nephew did not ask, and may not

    stopped = await world["patient"].post(decide, json={"allow": False})
    assert stopped.json()["alerts"] == ""
    before = len(await pushes("family_alert"))
    await amber(world)
    assert len(await pushes("family_alert")) == before
    actions = {r["action"] for r in await AuditEvent.select(AuditEvent.action)}
    assert {"proxy.alerts.ask", "proxy.alerts.decide"} <= actions


async def test_who_may_ask_and_who_may_decide(world: World) -> None:
    pid = world.ids["patient"]
    me = f"/api/patients/{pid}/alert-followers/me"
    links = (await world["patient"].get(f"/api/patients/{pid}/proxies")).json()
    sylvie = next(link for link in links if link["display_name"] == "Sylvie")
    decide = f"/api/patients/{pid}/proxies/{sylvie['id']}/alerts"

    # Jean cannot turn it on for her: she chooses to be told.
    assert (await world["patient"].post(decide, json={"allow": True})).status_code == 409
    assert (await world["patient"].post(me, json={"want": True})).status_code == 403
    assert (await world["scoped_proxy"].post(me, json={"want": True})).status_code == 403
    assert (await world["clin_a"].post(me, json={"want": True})).status_code == 403
    assert (await world["other_proxy"].post(me, json={"want": True})).status_code == 404
    await world["proxy"].post(me, json={"want": True})
    assert (await world["proxy"].post(decide, json={"allow": True})).status_code == 403
    assert (await world["clin_a"].post(decide, json={"allow": True})).status_code == 403
    # She may stop by herself.
    assert (await world["proxy"].post(me, json={"want": False})).json()["alerts"] == ""


@pytest.fixture
async def family(app: Any, make_client: Any) -> AsyncIterator[World]:
    async with AsyncExitStack() as stack:
        yield await build_family(app, stack, make_client)


async def test_a_parent_of_a_child_is_told_on_asking(family: World) -> None:
    pid = family.ids["child"]
    resp = await family["mother"].post(
        f"/api/patients/{pid}/alert-followers/me", json={"want": True}
    )
    assert resp.status_code == 200 and resp.json()["alerts"] == "on"


async def test_a_parent_agrees_for_a_grandmother_of_a_child(
    family: World, make_client: Any
) -> None:
    """A grandmother of a child waits for a parent: the mother sees her among the child's family
    and agrees; the grandmother herself may not list the family nor agree for herself."""
    pid = family.ids["child"]
    async with make_client() as granny:
        await _invite_and_accept(
            family["paed"],
            granny,
            pid,
            "mamie@c.test",
            "Mamie",
            kind="proxy",
            relationship="other",
        )
        me = f"/api/patients/{pid}/alert-followers/me"
        asked = await granny.post(me, json={"want": True})
        assert asked.status_code == 200 and asked.json()["alerts"] == "requested"
        assert (await granny.get(f"/api/patients/{pid}/proxies")).status_code == 403

        listed = await family["mother"].get(f"/api/patients/{pid}/proxies")
        assert listed.status_code == 200, listed.text
        link = next(row for row in listed.json() if row["display_name"] == "Mamie")
        assert link["alerts"] == "requested"
        decide = f"/api/patients/{pid}/proxies/{link['id']}/alerts"
        assert (await granny.post(decide, json={"allow": True})).status_code == 403
        # The aunt, not a parent, may not decide either.
        assert (await family["aunt"].post(decide, json={"allow": True})).status_code == 403
        agreed = await family["mother"].post(decide, json={"allow": True})
        assert agreed.status_code == 200 and agreed.json()["alerts"] == "on"
