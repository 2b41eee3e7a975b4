"""A body is read strictly before anything runs: what cannot be read (empty, not UTF-8, nested
too deep) and what has the wrong types (a number sent as text, a time sent as a number, a NUL in
a note) is refused with a 400 the person can read, the same way on both engines. A database that
refuses writes makes the answers 503 with Retry-After, and readiness says why."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais import db
from relais.web import problems
from relais.web.bodies import MAX_DEPTH, too_deep
from relais.web.problems import _is_db_unavailable
from tests.conftest import ENGINE
from tests.exports.support import checkin
from tests.helpers import ApiClient
from tests.world import World, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


UNREADABLE = [
    (b"[" * 1000 + b"]" * 1000, "body-too-deep", "imbriquée trop profondément"),
    (b'{"a":' * 1000 + b"1" + b"}" * 1000, "body-too-deep", "plus de 32 niveaux"),
    (b'{"email": "\xff\xfe", "password": "x"}', "body-not-utf8", "pas en UTF-8"),
    (b"", "body-missing", "arrivée vide"),
    (b"  \n", "body-missing", "arrivée vide"),
]


@pytest.mark.parametrize(("body", "code", "french"), UNREADABLE)
async def test_a_body_that_cannot_be_read_is_a_readable_400(
    client: ApiClient, body: bytes, code: str, french: str
) -> None:
    # Anonymous sign-in: the first route anyone reaches.
    for lang, words in (("fr", french), ("en", None)):
        resp = await client.post(
            "/api/auth/login",
            content=body,
            headers={"content-type": "application/json", "x-relais-lang": lang},
        )
        assert resp.status_code == 400, resp.text
        problem = resp.json()
        assert problem["code"] == code and "Traceback" not in resp.text
        if words:
            assert words in problem["detail"] and problem["title"] == "Demande illisible"
        else:
            assert problem["detail"].startswith("The request") and problem["title"].isascii()


def test_depth_counts_brackets_outside_strings_only() -> None:
    assert not too_deep(b'{"note": "' + b"[" * 500 + b'"}')
    assert not too_deep(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH)
    assert too_deep(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1))
    assert not too_deep(b'["\\"' + b"[" * 40 + b'"]')  # an escaped quote stays in the string


async def test_a_body_has_the_types_it_declares(world: World) -> None:
    me, pid = world["patient"], world.ids["patient"]
    url = f"/api/patients/{pid}/checkins"
    as_text = checkin(1)
    as_text["vitals"]["temperature"] = "38.6"
    refused = await me.post(url, json=as_text)
    assert refused.status_code == 400
    message = refused.json()["errors"][0]["message"]
    assert message == "Attendu ici : un nombre ou rien, pas un texte."
    as_number = checkin(1)
    as_number["taken_at"] = 1765000000
    refused = await me.post(url, json=as_number, headers={"x-relais-lang": "en"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "taken_at"
    assert "Expected `datetime`" in refused.json()["errors"][0]["message"]
    with_nul = checkin(1, note="fièvre\x00 depuis hier")
    refused = await me.post(url, json=with_nul)
    assert refused.status_code == 400 and refused.json()["code"] == "unstorable-text"
    assert "ne peut pas être enregistré" in refused.json()["detail"]
    # Nothing of the three was stored; a right one is.
    stored = (await me.get(f"{url}?days=1")).json()
    assert stored == []
    assert (await me.post(url, json=checkin(1, note="fièvre depuis hier"))).status_code == 201


def test_a_connection_closed_under_a_query_is_the_database_unavailable() -> None:
    import asyncpg

    # asyncpg's answer on a connection the server has just closed (a restart).
    exc = asyncpg.InternalClientError("cannot switch to state 15; another operation is in progress")
    assert _is_db_unavailable(exc)
    assert not _is_db_unavailable(ValueError("cannot switch to state"))


@pytest.mark.skipif(ENGINE != "sqlite", reason="SQLite's read-only switch on the app's connection")
async def test_writes_refused_make_503s_and_readiness_says_why(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    me, pid = world["patient"], world.ids["patient"]
    assert (await me.get("/api/ready")).status_code == 200
    monkeypatch.setattr(problems, "REFUSED_READY_S", 0.5)
    await db.fetch("PRAGMA query_only = ON")
    try:
        ready = await me.get("/api/ready")
        assert ready.status_code == 503 and ready.headers["retry-after"] == "5"
        assert "writes refused" in ready.json()["database"]
        assert "readonly" in ready.json()["database"]
        sent = await me.post(f"/api/patients/{pid}/checkins", json=checkin(1))
        assert sent.status_code == 503 and sent.headers["retry-after"] == "5"
        assert "réessayez" in sent.json()["detail"]
    finally:
        await db.fetch("PRAGMA query_only = OFF")
    import asyncio

    await asyncio.sleep(0.6)
    assert (await me.get("/api/ready")).status_code == 200
