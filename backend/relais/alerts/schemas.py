from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from relais.web.schemas import Base, In

Level = Literal["red", "amber"]
State = Literal["open", "acknowledged", "resolved"]
Outcome = Literal["called_patient", "sent_to_emergency", "appointment_booked", "no_action_needed"]


class MeasureOut(Base, omit_defaults=True):
    """A value an alert's rule compared: ``value`` of ``name`` (a vital sign, a questionnaire's
    score or a question) against ``threshold`` with ``op`` (gt, gte, lt, lte, between), and whose
    threshold it was: the content's rule, the team's default or this patient's own."""

    rule: str
    level: str
    kind: Literal["vital", "score", "answer"]
    name: str
    value: float
    op: str
    threshold: float | list[float]
    whose: Literal["content", "team", "patient"] = "content"


class ReasonOut(Base):
    """One reason of an alert as the care team reads it: the rule, its criterion in clinical
    words in the reader's language (the rule's `clinician` wording), its level and its source.
    When a more severe rule of the same measurement or sign fired too, ``covered_by`` names it:
    the console shows that one line instead. ``text`` and ``source`` are empty for a reason that
    is not a rule of the content (a child's follow-up reason, a rule since removed)."""

    rule: str
    level: str
    text: str
    source: str
    covered_by: str = ""


class AlertOut(Base):
    id: uuid.UUID
    patient_id: uuid.UUID
    patient_name: str
    team_id: uuid.UUID
    level: str
    kind: str
    urgent: bool
    reasons: list[str]
    #: Each reason in clinical words, red first, with its source (``ReasonOut``).
    why: list[ReasonOut]
    #: The version of the content the alert was triaged with, kept as it was.
    content_version: str
    state: str
    opened_at: dt.datetime
    acknowledged_at: dt.datetime | None
    acknowledged_by: uuid.UUID | None
    acknowledged_by_name: str
    resolved_at: dt.datetime | None
    resolved_by: uuid.UUID | None
    resolved_by_name: str
    outcome: str
    note: str
    escalation_step: int
    next_escalation_at: dt.datetime | None
    #: One alert per episode: the check-ins that fired while it was open (1: only the first),
    #: the latest of them, and when it was last updated by one.
    checkins: int
    last_checkin_id: uuid.UUID | None
    updated_at: dt.datetime | None
    #: Snoozed until then (the escalation waits), and why.
    snoozed_until: dt.datetime | None
    snooze_reason: str
    #: The latest check-in's values against the thresholds its rules crossed.
    measures: list[MeasureOut]


class AlertEventOut(Base):
    at: dt.datetime
    kind: str
    actor_id: uuid.UUID | None
    actor_name: str
    detail: str


class AlertDetailOut(AlertOut):
    timeline: list[AlertEventOut]


class SnoozeIn(In):
    #: Minutes, bounded by the alert's level (``service.SNOOZE_MAX``).
    minutes: Annotated[int, msgspec.Meta(ge=1, le=1440)]
    #: Why it can wait: required, on the alert's timeline.
    reason: Annotated[
        str, msgspec.Meta(min_length=3, max_length=300, pattern=r"^[^\x00]*\S[^\x00]*$")
    ]


class ResolveIn(In):
    outcome: Outcome
    note: Annotated[str, msgspec.Meta(max_length=2000, pattern=r"^[^\x00]*$")] = ""


class PatientAlertOut(Base, omit_defaults=True):
    """What the patient and their family see: that the team has seen it, nothing else."""

    id: uuid.UUID
    level: str
    state: str
    opened_at: dt.datetime
    acknowledged_at: dt.datetime | None
    #: For the care team only (empty for the patient and family): what opened it, and why (rule
    #: ids; their plain-language reasons are in the content's rules).
    kind: str = ""
    reasons: list[str] = []
    #: For the care team only: each reason in clinical words with its source, and the version of
    #: the content the alert was triaged with (the patient and family read their own wording on
    #: their check-in's result, never these).
    why: list[ReasonOut] = []
    content_version: str = ""
    #: For the care team only: the check-ins of the episode, who saw it, who closed it, when,
    #: the outcome and the note.
    checkins: int = 0
    acknowledged_by_name: str = ""
    resolved_at: dt.datetime | None = None
    resolved_by_name: str = ""
    outcome: str = ""
    note: str = ""


class SeenTokenIn(In):
    """The token of the notification's "Seen" action, as the push gave it."""

    token: Annotated[
        str, msgspec.Meta(min_length=10, max_length=200, pattern=r"^[A-Za-z0-9._\-]+$")
    ]


class SeenOut(Base):
    """Only the alert's state: the caller proved a token, not a session."""

    id: uuid.UUID
    state: State
    acknowledged_at: dt.datetime | None


class UnreadOut(Base):
    """Alerts of my teams that nobody has seen yet (open), and how many of them are red."""

    open: int
    red: int
