"""Creating an account from an invitation needs the current terms and privacy notice accepted,
each at the version shown in the form; the acceptance is on record from the first moment. Closing
an account is explained first with this deployment's own rules."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import pytest

from relais.accounts.tables import User
from relais.audit.tables import AuditEvent
from relais.care.tables import Invitation
from relais.consent.tables import ConsentAcceptance
from tests.helpers import PASSWORD, signup_consents
from tests.world import World, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def _invitation(world: World) -> tuple[int, str]:
    resp = await world["clin_a"].post(
        f"/api/patients/{world.ids['patient']}/invitations",
        json={"kind": "proxy", "relationship": "sibling"},
    )
    assert resp.status_code == 201, resp.text
    return resp.json()["id"], resp.json()["link"].split("#token=", 1)[1]


async def test_documents_are_readable_before_an_account_exists(make_client: Any) -> None:
    async with make_client() as anonymous:
        fr = await anonymous.get("/api/consent/documents")
        assert fr.status_code == 200, fr.text
        assert fr.json()["lang"] == "fr"
        assert [d["document"] for d in fr.json()["documents"]] == ["terms", "privacy"]
        en = (await anonymous.get("/api/consent/documents?lang=en")).json()["documents"]
        terms = next(d for d in en if d["document"] == "terms")
        assert terms["title"] == "Terms of use" and terms["version"] == 1
        # The emergency number is filled in, as in the rest of the app.
        assert "{emergency_number}" not in terms["body"] and "call 15" in terms["body"]
        bad = await anonymous.get("/api/consent/documents?lang=de")
        assert bad.status_code == 400


async def test_signup_without_the_current_versions_is_refused(
    world: World, make_client: Any
) -> None:
    inv_id, token = await _invitation(world)
    form = {
        "token": token,
        "email": "rose@w.test",
        "display_name": "Rose",
        "password": PASSWORD,
        "locale": "en",
    }
    async with make_client() as joiner:
        none = await joiner.post("/api/invitations/accept", json=form)
        assert none.status_code == 400
        problem = none.json()
        assert problem["code"] == "consent-required"
        assert "terms of use" in problem["detail"] and "privacy notice" in problem["detail"]
        assert {e["field"] for e in problem["errors"]} == {"consents.terms", "consents.privacy"}

        only_terms = await joiner.post(
            "/api/invitations/accept",
            json={**form, "consents": [{"document": "terms", "version": 1}]},
        )
        assert only_terms.status_code == 400
        assert [e["field"] for e in only_terms.json()["errors"]] == ["consents.privacy"]

        # The privacy notice changed while the form was open: the old version is not enough.
        app = world.app
        library = app.state.content
        privacy = dataclasses.replace(library.consent["privacy"], version=2)
        app.state.content = dataclasses.replace(
            library, consent={**library.consent, "privacy": privacy}
        )
        try:
            stale = await joiner.post(
                "/api/invitations/accept",
                json={
                    **form,
                    "consents": [
                        {"document": "terms", "version": 1},
                        {"document": "privacy", "version": 1},
                    ],
                },
            )
        finally:
            app.state.content = library
        assert stale.status_code == 409
        assert stale.json()["code"] == "document-version-changed"
        assert [e["field"] for e in stale.json()["errors"]] == ["consents.privacy"]

        # Nothing was written: no account, the invitation still usable.
        assert not await User.exists().where(User.email == "rose@w.test")
        row = await Invitation.select(Invitation.used_at).where(Invitation.id == inv_id).first()
        assert row is not None and row["used_at"] is None

        done = await joiner.post(
            "/api/invitations/accept", json={**form, "consents": await signup_consents(joiner)}
        )
        assert done.status_code == 201, done.text
        user_id = done.json()["id"]
        mine = (await joiner.get("/api/consent")).json()
        assert mine["pending"] == []
        rows = await ConsentAcceptance.select(
            ConsentAcceptance.document, ConsentAcceptance.version, ConsentAcceptance.locale
        ).where(ConsentAcceptance.user == user_id)
        assert sorted((r["document"], r["version"], r["locale"]) for r in rows) == [
            ("privacy", 1, "en"),
            ("terms", 1, "en"),
        ]
        audit = await AuditEvent.select(AuditEvent.record_id).where(
            (AuditEvent.action == "consent.accept") & (AuditEvent.actor_id == user_id)
        )
        assert sorted(r["record_id"] for r in audit) == ["privacy:1", "terms:1"]


async def test_data_policy_tells_what_closing_the_account_does(
    world: World, settings: Any, make_client: Any
) -> None:
    resp = await world["patient"].get("/api/me/data-policy")
    assert resp.status_code == 200, resp.text
    assert resp.json() == {
        "erasure_mode": settings.erasure_mode,
        "retention_health_days": settings.retention_health_days,
        "retention_audit_days": settings.retention_audit_days,
        "retention_technical_days": settings.retention_technical_days,
        "controller": settings.controller_name,
        "dpo": settings.dpo_contact,
    }
    async with make_client() as anonymous:
        assert (await anonymous.get("/api/me/data-policy")).status_code == 401


async def test_texts_follow_the_language_of_the_app(world: World) -> None:
    """The account's language is French; a person who reads the app in English gets English."""
    me = world["patient"]
    pid = world.ids["patient"]
    docs = (await me.get("/api/consent?lang=en")).json()["documents"]
    assert {d["title"] for d in docs} == {"Terms of use", "Your personal data"}
    assert (await me.get("/api/consent")).json()["documents"][0]["title"] == (
        "Conditions d'utilisation"
    )
    teams = (await me.get(f"/api/patients/{pid}/consent/teams?lang=en")).json()
    assert teams[0]["explanation"].startswith('If you stop sharing with "Réanimation A"')
    preview = await me.post(
        f"/api/patients/{pid}/consent/teams?lang=en",
        json={"team_id": world.ids["team_a"], "decision": "withdrawn"},
    )
    assert preview.status_code == 200 and preview.json()["applied"] is False
    assert preview.json()["explanation"].startswith("If you stop sharing")
