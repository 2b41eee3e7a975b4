"""Consent logic: which documents a person still has to accept, and sharing with each team.

Sharing with a team works by a cut-off: when a patient stops sharing with a team, that team keeps
what it received before (it is part of the care already given) but sees nothing received after
the withdrawal. ``relais.access.policy`` asks ``sharing_cutoff`` for a staff member's access and
puts the answer in ``Access.data_until``; reads of check-ins honour it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from relais.care.tables import PatientTeam
from relais.consent.tables import ConsentAcceptance, TeamConsent
from relais.content.consent_documents import ConsentDocument
from relais.content.schemas import DEFAULT_LANG, Sharing
from relais.db import as_utc, as_uuid, raw, transaction, utcnow
from relais.errors import FieldRefusal, Refusal

#: The decision that stops sharing with a team: that team sees nothing received after it and is
#: no longer alerted (``relais.care.service.alerted_teams``).
STOPPED = "withdrawn"
DECISIONS = ("shared", STOPPED)


# ---------------------------------------------------------------------------------------------
# Terms and privacy notice


async def accepted_versions(user_id: uuid.UUID) -> dict[str, tuple[int, dt.datetime]]:
    """The latest accepted version of each document, with when."""
    rows = (
        await ConsentAcceptance.select()
        .where(ConsentAcceptance.user == user_id)
        .order_by(ConsentAcceptance.accepted_at)
    )
    out: dict[str, tuple[int, dt.datetime]] = {}
    for r in rows:
        prev = out.get(r["document"])
        if prev is None or r["version"] >= prev[0]:
            out[r["document"]] = (int(r["version"]), as_utc(r["accepted_at"]))
    return out


async def accept(
    documents: dict[str, ConsentDocument] | Any,
    user_id: uuid.UUID,
    document: str,
    version: int,
    locale: str,
) -> None:
    doc = documents.get(document)
    if doc is None:
        raise Refusal("unknown-document", "invalid", fields=[FieldRefusal("document", "unknown")])
    if version != doc.version:
        raise Refusal(
            "document-version-changed",
            "conflict",
            params={"version": doc.version},
            fields=[FieldRefusal("version", "current-version", {"version": doc.version})],
        )
    await ConsentAcceptance.insert(
        ConsentAcceptance(
            user=user_id, document=document, version=version, locale=locale, accepted_at=utcnow()
        )
    )


async def accept_all_current(documents: Any, user_id: uuid.UUID, locale: str) -> None:
    """Record acceptance of every current document (the sign-up form shows them all)."""
    for doc in documents.values():
        await accept(documents, user_id, doc.id, doc.version, locale)


def check_signup_acceptances(
    documents: dict[str, ConsentDocument] | Any, given: list[tuple[str, int]]
) -> list[tuple[str, int]]:
    """What a new account accepts: every current document, at its current version.

    Raises a problem naming each document not accepted (400 ``consent-required``), or each one
    accepted at a version that is no longer current (409 ``document-version-changed``: the form
    showed an older text, it must be read again)."""
    chosen = dict(given)
    missing = [doc_id for doc_id in documents if doc_id not in chosen]
    if missing:
        raise Refusal(
            "consent-required",
            "invalid",
            fields=[FieldRefusal(f"consents.{doc_id}", "must-be-accepted") for doc_id in missing],
        )
    stale = [
        (doc_id, doc.version) for doc_id, doc in documents.items() if chosen[doc_id] != doc.version
    ]
    if stale:
        raise Refusal(
            "document-version-changed",
            "conflict",
            detail="document-version-changed.signup",
            fields=[
                FieldRefusal(f"consents.{doc_id}", "current-version", {"version": version})
                for doc_id, version in stale
            ],
        )
    return [(doc_id, documents[doc_id].version) for doc_id in documents]


async def record_acceptances(
    user_id: uuid.UUID, accepted: list[tuple[str, int]], locale: str, at: dt.datetime
) -> None:
    """Write the acceptance rows; the caller holds the transaction (the account's own)."""
    if accepted:
        await ConsentAcceptance.insert(
            *(
                ConsentAcceptance(
                    user=user_id, document=doc_id, version=version, locale=locale, accepted_at=at
                )
                for doc_id, version in accepted
            )
        )


# ---------------------------------------------------------------------------------------------
# Sharing with teams


async def latest_decisions(patient_id: uuid.UUID) -> dict[uuid.UUID, dict[str, Any]]:
    rows = await raw.rows(
        "SELECT * FROM relais_team_consent WHERE patient = {} ORDER BY decided_at, id", patient_id
    )
    return {as_uuid(r["team"]): r for r in rows}


async def sharing_cutoff(patient_id: uuid.UUID, team_ids: list[uuid.UUID]) -> dt.datetime | None:
    """For a staff member whose teams ``team_ids`` care for the patient: None when at least one of
    them still shares, else the latest withdrawal (data received after it is hidden)."""
    if not team_ids:
        return None
    latest = await latest_decisions(patient_id)
    cutoffs: list[dt.datetime] = []
    for team in team_ids:
        row = latest.get(team)
        if row is None or row["decision"] == "shared":
            return None
        cutoffs.append(as_utc(row["decided_at"]))
    return max(cutoffs)


async def team_sharing(patient_id: uuid.UUID) -> list[dict[str, Any]]:
    """Each team of the patient with its sharing state, first attached first."""
    teams = (
        await PatientTeam.select(PatientTeam.team.id, PatientTeam.team.name, PatientTeam.created_at)
        .where(PatientTeam.patient == patient_id)
        .order_by(PatientTeam._meta.primary_key)
    )
    latest = await latest_decisions(patient_id)
    out = []
    for t in teams:
        tid = as_uuid(t["team.id"])
        row = latest.get(tid)
        out.append(
            {
                "team_id": tid,
                "team_name": t["team.name"],
                "status": row["decision"] if row else "shared",
                "since": as_utc(row["decided_at"]) if row else as_utc(t["created_at"]),
                "recorded": row is not None,
            }
        )
    return out


def explanation(
    sharing: Sharing,
    teams: list[dict[str, Any]],
    team_id: uuid.UUID,
    decision: str,
    lang: str,
    emergency_number: str,
) -> str:
    """What ``decision`` about ``team_id`` would do, in Markdown, from the content
    (``guidance.sharing``): for ``teams`` (``team_sharing``, first attached first) as they would
    be after it, which team is then alerted (the first still shared with), or that none is."""

    def say(text: dict[str, str]) -> str:
        return text.get(lang) or text[DEFAULT_LANG]

    after = [decision if t["team_id"] == team_id else t["status"] for t in teams]
    shared = [t["team_name"] for t, s in zip(teams, after, strict=True) if s == "shared"]
    alerted = shared[0] if shared else None
    name = next(t["team_name"] for t in teams if t["team_id"] == team_id)
    if decision == STOPPED:
        lines = "\n".join(say(line) for line in sharing.stop)
    else:
        lines = say(sharing.resume)
    who = say(sharing.alerts_to) if alerted is not None else say(sharing.alerts_nobody)
    return (
        f"{lines}\n\n{who}".replace("{team}", name)
        .replace("{alerted_team}", alerted or "")
        .replace("{emergency_number}", emergency_number)
    )


async def decide(
    patient_id: uuid.UUID, team_id: uuid.UUID, decision: str, by: uuid.UUID
) -> list[dict[str, Any]]:
    """Record ``decision`` about ``team_id``; the teams' sharing states after it
    (``team_sharing``)."""
    teams = {t["team_id"]: t for t in await team_sharing(patient_id)}
    if team_id not in teams:
        raise Refusal(
            "team-not-found",
            "not-found",
            detail="team-not-followed",
            fields=[FieldRefusal("team_id", "not-a-team-of-this-person")],
        )
    if teams[team_id]["status"] == decision:
        return list(teams.values())
    async with transaction():
        await TeamConsent.insert(
            TeamConsent(
                patient=patient_id,
                team=team_id,
                decision=decision,
                decided_at=utcnow(),
                decided_by=by,
            )
        )
    return await team_sharing(patient_id)
