from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from relais.web.schemas import Base, In


class MessageIn(In):
    body: Annotated[
        str, msgspec.Meta(min_length=1, max_length=4000, pattern=r"^[^\x00]*\S[^\x00]*$")
    ]
    #: Made by the device, so that a message sent again (its answer was lost) is stored once.
    id: uuid.UUID | None = None


class MessageOut(Base):
    id: uuid.UUID
    side: Literal["team", "patient"]
    author_id: uuid.UUID | None
    # The team sees who answered; the patient's side sees the team member's name too, so
    # they know who they are talking to.
    author_name: str
    body: str
    created_at: dt.datetime
    mine: bool
    # Read by the other side (at least one person there has read up to this message).
    read_by_other_side: bool


class ThreadOut(Base):
    messages: list[MessageOut]
    unread: int


class ReadIn(In):
    until: dt.datetime | None = None


class InboxIn(In):
    """The inbox's filters and page. The name searched is in the body, never in the address."""

    #: One of my teams; none: all of them.
    team: uuid.UUID | None = None
    #: Part of the patient's name (given or family name, any case).
    q: Annotated[str, msgspec.Meta(max_length=100, pattern=r"^[^\x00]*$")] = ""
    #: The page after this thread (its last message's time and id, from ``InboxOut.next``).
    after_at: dt.datetime | None = None
    after_id: uuid.UUID | None = None
    limit: Annotated[int, msgspec.Meta(ge=1, le=100)] = 30


class ThreadSummary(Base):
    patient_id: uuid.UUID
    patient_name: str
    #: The patient's time zone: the console says the time of the last message in it.
    timezone: str
    #: My teams that follow the patient, by name.
    teams: str
    last_id: uuid.UUID
    last_at: dt.datetime
    last_side: Literal["team", "patient"]
    last_author_name: str
    last_mine: bool
    excerpt: str
    #: Messages of this thread I have not read (written by someone else after what I read).
    unread: int


class InboxOut(Base):
    threads: list[ThreadSummary]
    #: Give these back as ``after_at`` and ``after_id`` for the next page; null: no more.
    next_at: dt.datetime | None
    next_id: uuid.UUID | None


class InboxUnreadOut(Base):
    """Counts only (no patient named): the console's navigation."""

    messages: int
    threads: int
    notes: int
