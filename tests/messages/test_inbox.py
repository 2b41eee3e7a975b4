"""The console's messages inbox: every thread of my teams' patients, newest activity first, with
my own unread count (read state per staff member), filters by team and by name, pages, the
patients' notes to read in the totals, and nothing of another team's patients."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.audit.tables import AuditEvent
from tests.checkins.test_checkins import checkin
from tests.helpers import make_user
from tests.world import World, adult_patient, world_fixture

INBOX = "/api/inbox/threads"


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def _threads(client: Any, **body: Any) -> dict[str, Any]:
    resp = await client.post(INBOX, json=body)
    assert resp.status_code == 200, resp.text
    return resp.json()  # type: ignore[no-any-return]


async def _unread(client: Any) -> dict[str, int]:
    resp = await client.get("/api/inbox/unread")
    assert resp.status_code == 200, resp.text
    return resp.json()  # type: ignore[no-any-return]


async def _say(client: Any, patient_id: str, body: str) -> None:
    resp = await client.post(f"/api/patients/{patient_id}/messages", json={"body": body})
    assert resp.status_code == 201, resp.text


async def _colleague(world: World, make_client: Any, stack: Any) -> Any:
    """A second clinician of team A, signed in."""
    user = await make_user(world.app, "clinician", "clin.c@w.test")
    added = await world["admin"].post(
        f"/api/teams/{world.ids['team_a']}/members",
        json={"user_id": str(user.id), "role": "coordinating_nurse"},
    )
    assert added.status_code == 201, added.text
    client = await stack.enter_async_context(make_client())
    await client.login_ok("clin.c@w.test")
    return client


async def test_threads_newest_first_with_each_readers_own_unread_count(
    world: World, make_client: Any
) -> None:
    from contextlib import AsyncExitStack

    async with AsyncExitStack() as stack:
        nurse = await _colleague(world, make_client, stack)
        jean = world.ids["patient"]
        lucie = await world["clin_a"].post(
            "/api/patients",
            json=adult_patient(world.ids["team_a"], given_name="Lucie", family_name="Martin"),
        )
        assert lucie.status_code == 201, lucie.text
        lucie_id = lucie.json()["id"]

        assert (await _threads(nurse))["threads"] == []  # no thread yet: an empty list
        await _say(world["patient"], jean, "J'ai   encore de la fièvre\nce soir.")
        await _say(world["proxy"], jean, "Il tousse aussi.")
        await _say(world["clin_a"], lucie_id, "Comment allez-vous depuis hier ?")

        got = await _threads(nurse)
        assert [t["patient_name"] for t in got["threads"]] == ["Lucie Martin", "Jean Dupont"]
        lucie_t, jean_t = got["threads"]
        assert jean_t["unread"] == 2 and jean_t["last_side"] == "patient"
        assert jean_t["last_author_name"] == "Sylvie" and jean_t["excerpt"] == "Il tousse aussi."
        assert jean_t["teams"] == "Réanimation A" and jean_t["timezone"] == "Europe/Paris"
        # The doctor's message is unread for the nurse, not for the doctor who wrote it.
        assert lucie_t["unread"] == 1 and lucie_t["last_side"] == "team"
        assert not lucie_t["last_mine"]
        assert (await _unread(nurse)) == {"messages": 3, "threads": 2, "notes": 0}
        mine = await _threads(world["clin_a"])
        assert [t["unread"] for t in mine["threads"]] == [0, 2] and mine["threads"][0]["last_mine"]

        # The nurse opens Jean's thread: her count drops, the doctor's does not.
        read = await nurse.post(f"/api/patients/{jean}/messages/read", json={})
        assert read.status_code == 200 and read.json()["unread"] == 0
        assert [t["unread"] for t in (await _threads(nurse))["threads"]] == [1, 0]
        assert (await _unread(nurse)) == {"messages": 1, "threads": 1, "notes": 0}
        assert (await _unread(world["clin_a"]))["messages"] == 2

        # A new message brings Jean's thread back to the top, unread again for the nurse.
        await _say(world["patient"], jean, "Merci.")
        got = await _threads(nurse)
        assert [(t["patient_name"], t["unread"]) for t in got["threads"]] == [
            ("Jean Dupont", 1),
            ("Lucie Martin", 1),
        ]


async def test_filters_by_name_and_team_and_pages(world: World) -> None:
    jean = world.ids["patient"]
    team_a = world.ids["team_a"]
    names = [("Lucie", "Martin"), ("Zoé", "Leroy"), ("Hugo", "Marin")]
    for given, family in names:
        made = await world["clin_a"].post(
            "/api/patients", json=adult_patient(team_a, given_name=given, family_name=family)
        )
        assert made.status_code == 201, made.text
        await _say(world["clin_a"], made.json()["id"], f"Bonjour {given}")
    await _say(world["patient"], jean, "Bonjour")

    found = await _threads(world["clin_a"], q="  MAR ")
    assert [t["patient_name"] for t in found["threads"]] == ["Hugo Marin", "Lucie Martin"]
    assert [t["patient_name"] for t in (await _threads(world["clin_a"], q="dupont jean"))[
        "threads"]] == ["Jean Dupont"]  # fmt: skip
    assert (await _threads(world["clin_a"], q="100%_!"))["threads"] == []  # taken as letters
    assert (await world["clin_a"].post(INBOX, json={"q": "a\u0000"})).status_code == 400
    assert len((await _threads(world["clin_a"], team=team_a))["threads"]) == 4

    # Pages of two, by the last message's time and id: each thread once, newest first.
    first = await _threads(world["clin_a"], limit=2)
    assert [t["patient_name"] for t in first["threads"]] == ["Jean Dupont", "Hugo Marin"]
    assert first["next_at"] and first["next_id"]
    second = await _threads(
        world["clin_a"], limit=2, after_at=first["next_at"], after_id=first["next_id"]
    )
    assert [t["patient_name"] for t in second["threads"]] == ["Zoé Leroy", "Lucie Martin"]
    assert second["next_at"] is None and second["next_id"] is None


async def test_another_team_sees_nothing_of_these_threads(world: World) -> None:
    jean, marie = world.ids["patient"], world.ids["other_patient"]
    await _say(world["patient"], jean, "Fièvre à 39 ce soir.")
    await _say(world["other_patient"], marie, "Tout va bien.")

    other = await _threads(world["clin_b"])
    assert [t["patient_name"] for t in other["threads"]] == ["Marie Curie"]
    assert "Fièvre" not in str(other)
    assert (await _unread(world["clin_b"]))["messages"] == 1
    assert (await _threads(world["clin_b"], q="dupont"))["threads"] == []
    # Another team's id as a filter is refused, as for the alerts.
    refused = await world["clin_b"].post(INBOX, json={"team": world.ids["team_a"]})
    assert refused.status_code == 404
    # Patients, families and administrators have no inbox of threads.
    assert (await world["patient"].post(INBOX, json={})).status_code == 403
    assert (await world["proxy"].get("/api/inbox/unread")).status_code == 403
    assert (await _threads(world["admin"]))["threads"] == []


async def test_listing_is_audited_once_per_patient_shown(world: World) -> None:
    jean = world.ids["patient"]
    await _say(world["patient"], jean, "Bonjour")
    before = await AuditEvent.count().where(AuditEvent.action == "message.list")
    await _threads(world["clin_a"])
    rows = await AuditEvent.select().where(AuditEvent.action == "message.list")
    assert len(rows) == before + 1
    assert str(rows[-1]["patient_id"]) == jean and rows[-1]["actor_role"] == "clinician"
    assert rows[-1]["record_type"] == "inbox" and rows[-1]["detail"] == "1"
    # Nothing listed: nothing written.
    await _threads(world["clin_a"], q="personne")
    assert await AuditEvent.count().where(AuditEvent.action == "message.list") == before + 1


async def test_notes_to_read_are_counted_until_a_clinician_opens_them(world: World) -> None:
    jean = world.ids["patient"]
    sent = await world["patient"].post(
        f"/api/patients/{jean}/checkins", json=checkin(note="Je dors mal depuis la sortie.")
    )
    assert sent.status_code == 201, sent.text
    assert (await _unread(world["clin_a"]))["notes"] == 1
    assert (await _unread(world["clin_b"]))["notes"] == 0
    note = f"/api/patients/{jean}/checkins/{sent.json()['id']}/note/open"
    opened = await world["clin_a"].post(note, json={})
    assert opened.status_code == 200, opened.text
    assert (await _unread(world["clin_a"]))["notes"] == 0


async def test_a_thread_is_hidden_from_a_team_the_patient_stopped_sharing_with(
    world: World,
) -> None:
    jean = world.ids["patient"]
    await _say(world["patient"], jean, "Avant l'arrêt du partage.")
    stop = await world["patient"].post(
        f"/api/patients/{jean}/consent/teams",
        json={"team_id": world.ids["team_a"], "decision": "withdrawn", "confirm": True},
    )
    assert stop.status_code == 200, stop.text
    after = await world["patient"].post(
        f"/api/patients/{jean}/messages", json={"body": "Après l'arrêt du partage."}
    )
    got = await _threads(world["clin_a"])
    # What was sent before stays readable; what came after is neither listed nor counted.
    assert [t["excerpt"] for t in got["threads"]] == ["Avant l'arrêt du partage."], after.text
    assert got["threads"][0]["unread"] == 1
    assert (await _unread(world["clin_a"]))["messages"] == 1
