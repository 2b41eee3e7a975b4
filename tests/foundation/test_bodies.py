"""Every request body that carries a date or a time is checked as it is decoded (``In``): a route
whose body forgot it would answer a year-1 time with a server error (see
tests/care/test_time_ranges.py for what the person sees)."""

from __future__ import annotations

import typing
from typing import Any

import msgspec
import pytest

from relais.settings import Settings
from relais.web.schemas import In, time_fields


def _structs(annotation: Any) -> list[type]:
    """The struct types a parameter's annotation decodes into, nested ones included."""
    found: list[type] = []
    pending = [annotation]
    seen: set[int] = set()
    while pending:
        t = pending.pop()
        if id(t) in seen:
            continue
        seen.add(id(t))
        if isinstance(t, type) and issubclass(t, msgspec.Struct):
            found.append(t)
            pending += list(typing.get_type_hints(t, include_extras=True).values())
        pending += list(typing.get_args(t))
    return found


def test_every_request_body_with_a_time_checks_its_range(settings: Settings) -> None:
    from relais.app import create_app

    app = create_app(settings, manage_db=False)  # routes only: nothing is started
    bodies: dict[str, type] = {}
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            data = handler.parsed_fn_signature.parameters.get("data")
            if data is None:
                continue
            for struct in _structs(data.annotation):
                bodies[struct.__qualname__] = struct
    assert len(bodies) >= 25, sorted(bodies)  # the walk found the API's bodies
    with_times = {name: cls for name, cls in bodies.items() if time_fields(cls)}
    assert {"CheckinIn", "ShiftIn", "PatientIn", "GrowthIn"} <= set(with_times)
    unchecked = sorted(name for name, cls in with_times.items() if not issubclass(cls, In))
    assert unchecked == [], f"bodies with dates not derived from In: {unchecked}"


@pytest.mark.parametrize("value", ["0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"])
def test_a_time_out_of_range_is_refused_at_its_field(value: str) -> None:
    from relais.checkins.schemas import CheckinIn

    body = msgspec.json.encode({"id": "6f1c1b0e-7c49-4a6e-9d5b-0b5f3c1f0a11", "taken_at": value})
    with pytest.raises(msgspec.ValidationError, match="taken_at: expected a date between 1900"):
        msgspec.json.decode(body, type=CheckinIn)
