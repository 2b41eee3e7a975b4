"""Scoring of validated questionnaires (the format of content/questionnaires/, see CONVENTIONS).

`score()` gives the total the triage rules compare (`score: {questionnaire: phq9, gte: 20}`).
A total is only given when every scored item is answered: a partial total would read as a lower,
reassuring score. The same algorithm is in pwa/src/triage/scoring.ts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from relais.content.schemas import Item, Questionnaire


class Score(msgspec.Struct, kw_only=True):
    """`total` and `band` are None when an item is missing (`missing` names them) or the
    questionnaire is not scored. `subscales`: {id: total or None}."""

    questionnaire: str
    total: float | None
    band: str | None
    subscales: dict[str, float | None]
    missing: list[str]


def _options(q: Questionnaire, item: Item) -> list[int]:
    if item.type == "yesno":
        return [0, 1]
    opts = q.option_sets.get(item.options, []) if isinstance(item.options, str) else item.options
    return [o.value for o in opts or []]


def item_range(q: Questionnaire, item: Item) -> tuple[float, float] | None:
    """The lowest and highest value an item can take; None when unknown (text, open number)."""
    if item.type in ("choice", "yesno"):
        values = _options(q, item)
        return (min(values), max(values)) if values else None
    if item.type == "number" and item.min is not None and item.max is not None:
        return (float(item.min), float(item.max))
    return None


def scored_items(q: Questionnaire) -> list[Item]:
    """The items of the total: `scoring.items`, or by default every choice and number item."""
    by_id = {it.id: it for it in q.items}
    if q.scoring is not None and q.scoring.items is not None:
        return [by_id[i] for i in q.scoring.items if i in by_id]
    return [it for it in q.items if it.type in ("choice", "number")]


def item_value(q: Questionnaire, item: Item, raw: Any) -> float | None:
    """The scored value of an answer (reversal applied), None when missing or not a number."""
    if isinstance(raw, bool):
        raw = 1 if raw else 0
    if not isinstance(raw, int | float) or not math.isfinite(raw):
        return None
    value = float(raw)
    if item.reverse:
        rng = item_range(q, item)
        if rng is not None:
            value = rng[1] + rng[0] - value
    return value


def _combine(values: Sequence[float], method: str) -> float:
    total = 0.0
    for v in values:
        total += v
    return total / len(values) if method == "mean" and values else total


def score(q: Questionnaire, answers: Mapping[str, Any]) -> Score:
    """Total, band, subscales and missing items of one questionnaire's answers."""
    if not q.scored or q.scoring is None:
        return Score(questionnaire=q.id, total=None, band=None, subscales={}, missing=[])
    by_id = {it.id: it for it in q.items}

    def value(item_id: str) -> float | None:
        item = by_id.get(item_id)
        return None if item is None else item_value(q, item, answers.get(item_id))

    items = [it.id for it in scored_items(q)]
    values = [value(i) for i in items]
    missing = [i for i, v in zip(items, values, strict=True) if v is None]
    subscales: dict[str, float | None] = {}
    for sub in q.scoring.subscales:
        sub_values = [value(i) for i in sub.items]
        present = [v for v in sub_values if v is not None]
        ok = len(present) == len(sub_values)
        subscales[sub.id] = _combine(present, sub.method) if ok else None
    if missing or not items:
        return Score(
            questionnaire=q.id, total=None, band=None, subscales=subscales, missing=missing
        )
    total = _combine([v for v in values if v is not None], q.scoring.method)
    band = next((b.id for b in q.scoring.bands if b.min <= total <= b.max), None)
    return Score(questionnaire=q.id, total=total, band=band, subscales=subscales, missing=[])
