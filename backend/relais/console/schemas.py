from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import msgspec

from relais.web.schemas import Base, In


class ConsolePatient(Base):
    id: uuid.UUID
    given_name: str
    family_name: str
    birth_date: dt.date
    is_child: bool
    no_gp: bool
    plan_id: str
    discharge_date: dt.date | None
    day1: dt.date | None
    # Days since day 1 (or since discharge when there is no day 1); None without either.
    day: int | None
    anchor: str  # day1 | discharge | ""
    in_critical_window: bool
    overdue_items: int
    open_alerts: int
    open_red: int
    unacknowledged: int
    last_level: str | None
    last_checkin_at: dt.datetime | None
    previous_level: str | None
    trend: str  # worse | better | same | ""
    risk: int


class ConsoleOut(Base):
    team_id: uuid.UUID
    # The page asked for, riskiest first.
    patients: list[ConsolePatient]
    # The team's active patients, of them with an open alert, with an open red alert.
    count: int
    with_open_alerts: int
    red: int
    # Patients that match the search (all of them without one), and where this page starts.
    matched: int
    offset: int


class ConsoleSearch(In):
    """A search by name (in the body, so that no name is written in a URL or an access log)."""

    query: Annotated[str, msgspec.Meta(max_length=100)]
    limit: Annotated[int, msgspec.Meta(ge=0, le=500)] = 100
    offset: Annotated[int, msgspec.Meta(ge=0)] = 0
