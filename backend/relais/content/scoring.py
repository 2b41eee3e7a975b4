"""Questionnaire scoring: totals, subscales, bands, and the set of totals a questionnaire can reach.

The one scorer of the server. Pure functions. The loader uses `reachable` to prove that the bands
of a questionnaire cover every possible total; check-ins and children's screens use `score` to
compute a result from answers. The phone computes the same totals with pwa/src/triage/scoring.ts:
the shared vectors (content/rules/vectors/scoring.yaml) give answers, and both sides score them.
A total is only given when every scored item is answered: a partial total would read as a lower,
reassuring score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import msgspec

from relais.content.schemas import Band, Item, Questionnaire


class ItemRange(msgspec.Struct, frozen=True):
    """The values one scored item can contribute (after reversal)."""

    values: frozenset[int] | None
    low: float
    high: float


def item_range(q: Questionnaire, item: Item) -> ItemRange | None:
    """Possible scored values of an item; None when the item cannot be scored (text)."""
    if item.type in ("choice", "yesno"):
        values = {o.value for o in q.options_of(item)}
        if not values:
            return None
        return ItemRange(values=frozenset(values), low=min(values), high=max(values))
    if item.type == "number":
        if item.min is None or item.max is None:
            return None
        if isinstance(item.min, int) and isinstance(item.max, int) and item.max - item.min <= 1000:
            vals = frozenset(range(item.min, item.max + 1))
            return ItemRange(values=vals, low=item.min, high=item.max)
        return ItemRange(values=None, low=float(item.min), high=float(item.max))
    return None


def item_value(q: Questionnaire, item: Item, raw: int | float) -> int | float:
    """The scored value of one answer (reversal applied)."""
    if item.reverse:
        rng = item_range(q, item)
        if rng is not None:
            return rng.high + rng.low - raw
    return raw


class Reachable(msgspec.Struct, frozen=True):
    """Every total a list of items can produce with a method.

    `values` is exact (fractions for means) when every item has a finite set of values; None when
    one item is continuous, and then only `low`..`high` is known.
    """

    values: frozenset[Fraction] | None
    low: Fraction
    high: Fraction


def reachable(ranges: Iterable[ItemRange], method: str) -> Reachable:
    rs = list(ranges)
    n = max(len(rs), 1)
    low = Fraction(sum(Fraction(r.low) for r in rs))
    high = Fraction(sum(Fraction(r.high) for r in rs))
    values: set[Fraction] | None = {Fraction(0)}
    for r in rs:
        if r.values is None or values is None:
            values = None
            continue
        values = {v + x for v in values for x in r.values}
    if method == "mean":
        low, high = low / n, high / n
        if values is not None:
            values = {v / n for v in values}
    return Reachable(values=frozenset(values) if values is not None else None, low=low, high=high)


def band_for(bands: Iterable[Band], total: float) -> Band | None:
    for b in bands:
        if b.min <= total <= b.max:
            return b
    return None


class SubscaleScore(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    total: float


class Score(msgspec.Struct, frozen=True, kw_only=True):
    """The result of one questionnaire's answers: `total` and `band` are None while a scored item
    is missing (`missing` names them)."""

    questionnaire: str
    total: float | None
    band: str | None
    subscales: list[SubscaleScore] = []
    #: Scored items left unanswered: no total is given when any is missing.
    missing: list[str] = []


def _combine(values: list[float], method: str) -> float:
    if method == "mean":
        return sum(values) / len(values) if values else 0.0
    return float(sum(values))


def answer_value(raw: Any) -> float | None:
    """An answer as a number to score: yes/no as 1 and 0, anything else that is not a finite
    number (text, null, NaN) as missing."""
    if isinstance(raw, bool):
        return 1.0 if raw else 0.0
    if not isinstance(raw, int | float) or not math.isfinite(raw):
        return None
    return float(raw)


def score(q: Questionnaire, answers: Mapping[str, Any]) -> Score | None:
    """Score answers ({item id: value}); None for an unscored questionnaire.

    When a scored item is missing, `total` and `band` are None and `missing` names the items.
    """
    if not q.scored or q.scoring is None:
        return None
    by_id = {it.id: it for it in q.items}

    def val(item_id: str) -> float | None:
        raw = answer_value(answers.get(item_id))
        if raw is None or item_id not in by_id:
            return None
        return float(item_value(q, by_id[item_id], raw))

    scored = [it.id for it in q.scored_items()]
    missing = [i for i in scored if val(i) is None]
    subs: list[SubscaleScore] = []
    for sub in q.scoring.subscales:
        vals = [val(i) for i in sub.items]
        if all(v is not None for v in vals):
            subs.append(
                SubscaleScore(
                    id=sub.id, total=_combine([v for v in vals if v is not None], sub.method)
                )
            )
    if missing or not scored:
        return Score(questionnaire=q.id, total=None, band=None, subscales=subs, missing=missing)
    total = _combine([v for v in map(val, scored) if v is not None], q.scoring.method)
    band = band_for(q.scoring.bands, total)
    return Score(questionnaire=q.id, total=total, band=band.id if band else None, subscales=subs)
