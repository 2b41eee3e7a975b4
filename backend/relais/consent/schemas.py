from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from relais.web.schemas import Base, In


class DocumentOut(Base):
    document: str
    version: int
    effective_on: dt.date
    title: str
    summary: str
    body: str
    accepted_version: int | None
    accepted_at: dt.datetime | None
    needs_acceptance: bool


class ConsentOut(Base):
    documents: list[DocumentOut]
    pending: list[str]


class AcceptIn(In):
    document: Literal["terms", "privacy"]
    version: int


class PublicDocumentOut(Base):
    """A document as shown before an account exists (the sign-up form)."""

    document: str
    version: int
    effective_on: dt.date
    title: str
    summary: str
    body: str


class PublicDocumentsOut(Base):
    lang: Literal["fr", "en"]
    documents: list[PublicDocumentOut]


class TeamSharingOut(Base):
    team_id: uuid.UUID
    team_name: str
    status: Literal["shared", "withdrawn"]
    since: dt.datetime
    recorded: bool
    explanation: str


class TeamDecisionIn(In):
    team_id: uuid.UUID
    decision: Literal["shared", "withdrawn"]
    confirm: bool = False


class TeamDecisionOut(Base):
    applied: bool
    explanation: str
    team: TeamSharingOut
