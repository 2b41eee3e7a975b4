"""The bases of the API's bodies: ``Base`` for all (unknown fields are refused), ``In`` for what
a request sends.

In a request, every date and time must lie between 1900 and 2199: outside, it is a slip of the
keyboard or a clock gone wrong, and near the ends of the calendar a time cannot even be put in UTC
(year 1 at +01:00), which would fail far from where the value came in. The check runs when a body
is decoded (msgspec calls ``__post_init__``), so the person is told which field, with a 400,
before anything is read or written. Responses are not checked: what is stored is shown as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import msgspec
from msgspec import inspect

MIN_YEAR = 1900
MAX_YEAR = 2199

_time_fields: dict[type, tuple[str, ...]] = {}
# How ``In`` words a refused date: the field first, so that the error can point at it.
_OUT_OF_RANGE = re.compile(r"^([a-z_][a-z0-9_]*): (expected a date between \d+ and \d+, not .*)$")


def _is_time(t: Any) -> bool:
    if isinstance(t, inspect.DateTimeType | inspect.DateType):
        return True
    return isinstance(t, inspect.UnionType) and any(_is_time(x) for x in t.types)


def time_fields(cls: type) -> tuple[str, ...]:
    """The fields of a struct class that hold a date or a time (or None)."""
    found = _time_fields.get(cls)
    if found is None:
        info = inspect.type_info(cls)
        assert isinstance(info, inspect.StructType)
        found = tuple(f.name for f in info.fields if _is_time(f.type))
        _time_fields[cls] = found
    return found


def field_error(path: str, message: str) -> tuple[str, str]:
    """Where a decoding error points, and what it says: a date refused by ``In`` is reported
    at the struct (``path``, "data" for the body itself); point it at its field."""
    found = _OUT_OF_RANGE.match(message)
    if found is None:
        return path, message
    field = found.group(1) if path in ("data", "body", "") else f"{path}.{found.group(1)}"
    return field, found.group(2)


class Base(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


class In(Base):
    """A request body: its dates and times are checked as they are decoded."""

    def __post_init__(self) -> None:
        for name in time_fields(type(self)):
            value = getattr(self, name)
            if isinstance(value, dt.date) and not MIN_YEAR <= value.year <= MAX_YEAR:
                raise ValueError(
                    f"{name}: expected a date between {MIN_YEAR} and {MAX_YEAR}, "
                    f"not {value.isoformat()}"
                )
