"""Messages: a thread per patient, who in the team answered, read receipts, a neutral push to the
other side through the outbox, and the same access rules as everything about the patient."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.messages.tables import Message
from relais.notify.tables import Outbox, PushSubscription
from tests.world import World, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def _device(user_id: str) -> None:
    await PushSubscription.insert(
        PushSubscription(
            user=user_id,
            endpoint=f"https://push.example/{user_id}",
            p256dh="x",
            auth="y",
        )
    )


async def test_thread_receipts_and_push(world: World) -> None:
    pid = world.ids["patient"]
    me = (await world["patient"].get("/api/auth/me")).json()
    await _device(me["id"])
    await _device(world.ids["clin.a@w.test"])
    url = f"/api/patients/{pid}/messages"

    sent = await world["patient"].post(url, json={"body": "J'ai encore de la fièvre ce soir."})
    assert sent.status_code == 201, sent.text
    (msg,) = sent.json()["messages"]
    assert msg["side"] == "patient" and msg["mine"] and not msg["read_by_other_side"]
    # The team member is told, with a neutral notification (no text of the message).
    rows = await Outbox.select().where(Outbox.kind == "message")
    assert [str(r["user"]) for r in rows] == [world.ids["clin.a@w.test"]]
    assert "fièvre" not in str(rows)

    thread = (await world["clin_a"].get(url)).json()
    assert thread["unread"] == 1
    read = await world["clin_a"].post(f"{url}/read", json={})
    assert read.status_code == 200 and read.json()["unread"] == 0
    answer = await world["clin_a"].post(url, json={"body": "Nous vous appelons dans l'heure."})
    assert answer.status_code == 201
    last = answer.json()["messages"][-1]
    assert last["side"] == "team" and last["author_name"]  # who in the team answered

    seen = (await world["patient"].get(url)).json()
    assert seen["messages"][0]["read_by_other_side"] is True
    assert seen["unread"] == 1 and not seen["messages"][1]["read_by_other_side"]
    # The family member with message scope reads the thread too; the one without does not.
    assert (await world["proxy"].get(url)).status_code == 200
    assert (await world["scoped_proxy"].get(url)).status_code == 403
    assert (await world["clin_b"].get(url)).status_code == 404
    pushed = await Outbox.select(Outbox.user).where(Outbox.kind == "message")
    assert me["id"] in {str(r["user"]) for r in pushed}
    assert await Message.count() == 2


async def test_empty_or_blank_message_is_refused(world: World) -> None:
    url = f"/api/patients/{world.ids['patient']}/messages"
    for body in ("", "   "):
        resp = await world["patient"].post(url, json={"body": body})
        assert resp.status_code == 400, resp.text
    assert await Message.count() == 0


async def test_a_message_sent_again_is_stored_and_told_once(world: World) -> None:
    """The phone sends the message with an id it made; its answer is lost and it sends again: the
    thread holds one message, the team one notification. The same id with other words, from
    someone else or in another thread is refused without telling what it holds."""
    import asyncio
    import uuid

    pid = world.ids["patient"]
    await _device(world.ids["clin.a@w.test"])
    url = f"/api/patients/{pid}/messages"
    body = {"id": str(uuid.uuid4()), "body": "  Puis-je reprendre le travail lundi ?  "}
    first = await world["patient"].post(url, json=body)
    again = await world["patient"].post(url, json=body)
    assert (first.status_code, again.status_code) == (201, 200), again.text
    assert again.json()["messages"] == first.json()["messages"]
    assert [m["id"] for m in first.json()["messages"]] == [body["id"]]
    assert await Message.count() == 1
    assert await Outbox.count().where(Outbox.kind == "message") == 1

    for who, where, words in (
        ("patient", url, "Autre chose"),
        ("proxy", url, body["body"]),  # another person of the same side
        ("other_patient", f"/api/patients/{world.ids['other_patient']}/messages", body["body"]),
    ):
        resp = await world[who].post(where, json={"id": body["id"], "body": words})
        assert resp.status_code == 409 and resp.json()["code"] == "id-conflict", resp.text
        assert "travail" not in resp.text

    # Two sendings of the same new message at the same moment: one message.
    twice = {"id": str(uuid.uuid4()), "body": "Merci."}
    a, b = await asyncio.gather(
        world["patient"].post(url, json=twice), world["patient"].post(url, json=twice)
    )
    assert sorted((a.status_code, b.status_code)) == [200, 201], (a.text, b.text)
    assert await Message.count() == 2


async def test_today_counts_the_messages_not_read_yet(world: World) -> None:
    """The unread count on the Messages tab and on Home: the team's messages since the person last
    opened the thread; none of their own; zero once read; zero for a family member who may not
    read messages (the count would tell there are some)."""
    pid = world.ids["patient"]
    url = f"/api/patients/{pid}/messages"
    today = f"/api/patients/{pid}/today"

    async def unread(who: str) -> int:
        resp = await world[who].get(today)
        assert resp.status_code == 200, resp.text
        return int(resp.json()["unread_messages"])

    assert await unread("patient") == 0
    assert (await world["patient"].post(url, json={"body": "Une question"})).status_code == 201
    assert await unread("patient") == 0  # my own message is not news to me
    for text in ("Bonjour", "Nous vous rappelons demain."):
        assert (await world["clin_a"].post(url, json={"body": text})).status_code == 201
    assert await unread("patient") == 2
    assert await unread("proxy") == 3  # the family member has read none of the thread
    assert await unread("scoped_proxy") == 0
    assert (await world["patient"].post(f"{url}/read", json={})).status_code == 200
    assert await unread("patient") == 0
    assert await unread("proxy") == 3
