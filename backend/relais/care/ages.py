"""Ages in the person's own time zone: who is a child (under 18), for the policy and the care
features alike. Imports nothing of Relais, so that the access policy can use it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

ADULT_AGE = 18


def today_in(tz: str) -> dt.date:
    return dt.datetime.now(ZoneInfo(tz)).date()


def age_years(birth: dt.date, on: dt.date) -> int:
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def is_child(birth: dt.date, timezone: str) -> bool:
    """Under 18 today in the person's own time zone."""
    return age_years(birth, today_in(timezone)) < ADULT_AGE
