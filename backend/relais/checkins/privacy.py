"""What an adult's family member does not see unless the adult allows it: the answers and scores
of private questionnaires (mental health), the reasons of the rules on them, and the notes the
person wrote with a check-in. The check-in's level stays: the family knows when something is
wrong, not what was said about mood, anxiety or self-harm."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def visible(mapping: Mapping[str, Any], private: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if k not in private}


def visible_fired(fired: Iterable[Any], private: frozenset[str]) -> list[Any]:
    """Fired rules (ids, or dicts with an ``id``) other than the private ones."""
    return [f for f in fired if (f.get("id") if isinstance(f, dict) else f) not in private]


def strip_row(row: dict[str, Any], private: frozenset[str]) -> dict[str, Any]:
    """A decoded check-in row (relais.exports.data.decode_checkin) without its private parts."""
    return {
        **row,
        "answers": visible(row.get("answers") or {}, private),
        "scores": visible(row.get("scores") or {}, private),
        "fired": visible_fired(row.get("fired") or [], private),
        "note": "",
    }
