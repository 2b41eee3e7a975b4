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
