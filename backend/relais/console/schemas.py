from __future__ import annotations

import datetime as dt
import uuid

from relais.web.schemas import Base


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
    patients: list[ConsolePatient]
    count: int
    with_open_alerts: int
    red: int
