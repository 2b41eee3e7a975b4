"""Every request body that carries a date or a time is checked as it is decoded (``In``): a route
whose body forgot it would answer a year-1 time with a server error (see
tests/care/test_time_ranges.py for what the person sees)."""

from __future__ import annotations

import datetime as dt
import typing
import uuid
from typing import Any

import msgspec
import pytest

from relais.settings import Settings
from relais.web.lang import decoding_message
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


class _Sample(msgspec.Struct, forbid_unknown_fields=True):
    needed: int
    count: int = 0
    temp: typing.Annotated[float, msgspec.Meta(ge=30, le=45)] = 37.0
    name: typing.Annotated[str, msgspec.Meta(min_length=1, max_length=3)] = "x"
    code: typing.Annotated[str, msgspec.Meta(pattern="^[a-z]+$")] = "a"
    items: typing.Annotated[list[int], msgspec.Meta(max_length=1)] = []
    kind: typing.Literal["a", "b"] = "a"
    ref: uuid.UUID | None = None
    at: dt.datetime | None = None
    on: dt.date | None = None


@pytest.mark.parametrize(
    ("body", "french"),
    [
        ({"needed": "x"}, "Attendu ici : un nombre entier, pas un texte."),
        ({"needed": 1, "temp": 50}, "La valeur doit être inférieure ou égale à 45.0."),
        ({"needed": 1, "temp": 10}, "La valeur doit être supérieure ou égale à 30.0."),
        ({"needed": 1, "name": "abcd"}, "Au plus 3 caractères attendus."),
        ({"needed": 1, "name": ""}, "Au moins 1 caractère attendu."),
        ({"needed": 1, "code": "A1"}, "Le format n'est pas valide."),
        ({"needed": 1, "items": [1, 2]}, "Au plus 1 élément attendu."),
        ({"needed": 1, "kind": "z"}, "Valeur non reconnue : 'z'."),
        ({"needed": 1, "ref": "zz"}, "Identifiant mal écrit."),
        ({"needed": 1, "at": "hier"}, "Date et heure mal écrites."),
        ({"needed": 1, "on": "2026-13-01"}, "Date mal écrite."),
        ({"needed": 1, "extra": 1}, "Champ inconnu : extra."),
        ({}, "Champ obligatoire manquant : needed."),
    ],
)
def test_decoding_errors_are_said_in_french(body: dict[str, Any], french: str) -> None:
    """msgspec's own messages (not copies of them): if its wording changes, this fails rather
    than the French falling back to English unnoticed."""
    with pytest.raises(msgspec.ValidationError) as caught:
        msgspec.json.decode(msgspec.json.encode(body), type=_Sample)
    message = str(caught.value).split(" - at ", 1)[0]
    assert decoding_message(message, "fr") == french
    assert decoding_message(message, "en") == message


def test_the_date_range_is_said_in_french() -> None:
    message = "expected a date between 1900 and 2199, not 0001-01-01"
    assert decoding_message(message, "fr") == (
        "Une date entre 1900 et 2199 est attendue, pas 0001-01-01."
    )
