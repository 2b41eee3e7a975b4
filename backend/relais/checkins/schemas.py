from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from relais.care.schemas import HandoverOut, ScheduleItemOut
from relais.web.schemas import Base, In

Level = Literal["red", "amber", "green"]
AnswerValue = int | float | str | bool | None
Key = Annotated[str, msgspec.Meta(min_length=1, max_length=60, pattern=r"^[a-z0-9_]+$")]


class CheckinIn(In):
    id: uuid.UUID
    taken_at: dt.datetime
    answers: Annotated[dict[Key, AnswerValue], msgspec.Meta(max_length=200)] = {}
    vitals: Annotated[dict[Key, float | None], msgspec.Meta(max_length=20)] = {}
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    client_level: Level | None = None
    content_version: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    #: Sent before the end of the questions: an answer made it red (the phone sends at once), or
    #: the person stopped after an amber or red answer.
    partial: bool = False


class FiredOut(Base):
    id: str
    level: Literal["red", "amber"]
    reason: str
    source: str


class AlertRef(Base):
    id: uuid.UUID
    state: str
    acknowledged_at: dt.datetime | None = None
    #: Closed because the value that opened it was corrected or removed.
    withdrawn: bool = False


class CheckinResult(Base):
    id: uuid.UUID
    taken_at: dt.datetime
    level: Level
    fired: list[FiredOut]
    flags: list[str]
    urgent: bool
    scores: dict[str, float]
    client_level: Level | None
    content_version: str
    alert: AlertRef | None


class CheckinOut(Base):
    id: uuid.UUID
    taken_at: dt.datetime
    level: Level
    vitals: dict[str, float | None]
    scores: dict[str, float]
    answers: dict[str, AnswerValue]
    note: str
    fired: list[str]
    content_version: str
    partial: bool = False
    #: When the team first read the note (null: not yet, or no note).
    note_read_at: dt.datetime | None = None
    #: Answers on mood and the note are hidden from this reader (a family member of an adult who
    #: has not allowed it): the level is the check-in's, its details are not all here.
    private_hidden: bool = False


class ThresholdIn(In):
    key: Key
    params: Annotated[dict[Key, float], msgspec.Meta(min_length=1, max_length=10)]
    reason: Annotated[str, msgspec.Meta(min_length=3, max_length=500)]


class ThresholdOut(Base):
    id: int
    key: str
    params: dict[str, float]
    reason: str
    set_by: uuid.UUID
    set_by_name: str
    set_at: dt.datetime
    active: bool


class TodayOut(Base):
    #: What is to do today: due, or late (today's item whose time has passed).
    due: list[ScheduleItemOut]
    last_checkin: CheckinOut | None
    open_alert: AlertRef | None
    #: Items of the last 7 days not done when their window closed (the phone tells them once).
    missed: list[ScheduleItemOut]
    #: The discharge papers (next appointment, prescriptions, the 24/7 referent), for whoever may
    #: read results; kept on the phone for offline use.
    handover: HandoverOut | None = None
    #: The thresholds in force for this person where the team changed the content's (their own,
    #: or their team's default), key by tag: the phone triages with them, as the server does.
    thresholds: dict[str, dict[str, float]] = {}
    #: Messages from the other side this person has not read (0 without access to messages).
    unread_messages: int = 0


class TeamThresholdOut(ThresholdOut):
    ended_by_name: str
    ended_at: dt.datetime | None


class EffectiveValue(Base):
    value: float
    source: Literal["patient", "team"]


class EffectiveThresholdsOut(Base):
    """The thresholds that differ from the content's rules for this patient, tag by tag: the
    patient's own (``patient``) or their team's default (``team``). A tag not listed follows the
    rule as written in the content."""

    thresholds: dict[str, dict[str, EffectiveValue]]


class NoteSummary(Base):
    """A note in the team's inbox (its text is shown when a clinician opens it)."""

    checkin_id: uuid.UUID
    patient_id: uuid.UUID
    patient_name: str
    taken_at: dt.datetime
    level: Level
    #: When the team first read it, and who; null and "" while it is to read.
    read_at: dt.datetime | None
    read_by_name: str


class NotesOut(Base):
    #: Notes still to read (the inbox's count).
    unread: int
    items: list[NoteSummary]


class NoteOut(Base):
    checkin_id: uuid.UUID
    patient_id: uuid.UUID
    taken_at: dt.datetime
    level: Level
    note: str
    read_at: dt.datetime
    read_by_name: str


class LevelCounts(Base):
    red: int
    amber: int


class PreviewExample(Base):
    """A check-in whose level would change: when, whose (a team's preview), the level it was
    given with the thresholds in force and the one it would get, and its value of the key."""

    taken_at: dt.datetime
    before: Level
    after: Level
    value: float | None
    patient_id: uuid.UUID | None = None
    patient_name: str = ""


class ThresholdPreviewOut(Base):
    """What a threshold change would have changed over the last ``days`` days: each check-in of
    the period triaged with the thresholds in force and with the change (``checkins``; those that
    could not change, with no value between the old and the new limit, are counted without being
    triaged again: ``evaluated`` were). ``added``: check-ins raised to red or amber (an alert that
    would have been opened, or joined while one was open); ``removed``: lowered from it."""

    key: str
    days: int
    since: dt.datetime
    checkins: int
    evaluated: int
    patients: int
    patients_affected: int
    added: LevelCounts
    removed: LevelCounts
    examples: list[PreviewExample]
    #: An administrator sees the counts only (they read no clinical data).
    examples_hidden: bool = False
