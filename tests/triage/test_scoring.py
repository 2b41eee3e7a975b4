"""Questionnaire scoring (the one scorer, relais.content.scoring): totals within bounds, bands
cover every total, missing items give no total, answers that are not numbers count as missing."""

from __future__ import annotations

import datetime
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relais.content.schemas import Questionnaire
from relais.content.scoring import Score, item_range
from relais.content.scoring import score as score_or_none
from tests.triage.support import questionnaires


def score(q: Questionnaire, answers: dict[str, Any]) -> Score:
    result = score_or_none(q, answers)
    assert result is not None, f"{q.id} is not scored"
    return result


def scored_items(q: Questionnaire) -> list[Any]:
    return q.scored_items()


SCORED = sorted(q.id for q in questionnaires().values() if q.scored and q.scoring is not None)


def test_some_scored_questionnaires_exist() -> None:
    if not {"phq9", "gad7"} <= set(SCORED):
        pytest.skip("phq9/gad7 not written yet")


def _answer(q: Questionnaire, item: Any) -> st.SearchStrategy[float]:
    if item.type in ("choice", "yesno"):
        opts = q.options_of(item)
        return st.sampled_from([o.value for o in opts])
    return st.integers(int(item.min), int(item.max))


@pytest.mark.parametrize("qid", SCORED)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_complete_answers_give_a_total_within_bounds_and_a_band(
    qid: str, data: st.DataObject
) -> None:
    q = questionnaires()[qid]
    items = scored_items(q)
    answers = {it.id: data.draw(_answer(q, it)) for it in items}
    result = score(q, answers)
    assert result.missing == []
    assert result.total is not None
    ranges = [item_range(q, it) for it in items]
    assert all(r is not None for r in ranges)
    lows = sum(r.low for r in ranges if r is not None)
    highs = sum(r.high for r in ranges if r is not None)
    if q.scoring is not None and q.scoring.method == "mean":
        lows, highs = lows / len(items), highs / len(items)
    assert lows <= result.total <= highs
    if q.scoring is not None and q.scoring.bands:
        assert result.band is not None, (qid, result.total)
    if q.scoring is not None:
        assert {s.id for s in result.subscales} == {s.id for s in q.scoring.subscales}


@pytest.mark.parametrize("qid", SCORED)
def test_a_missing_item_gives_no_total(qid: str) -> None:
    q = questionnaires()[qid]
    items = scored_items(q)
    answers: dict[str, Any] = {it.id: None for it in items}
    result = score(q, answers)
    assert result.total is None and result.band is None
    assert result.missing == [it.id for it in items]


def _q(**scoring: Any) -> Questionnaire:
    freq = [{"value": v, "label": {"fr": str(v), "en": str(v)}} for v in range(4)]
    items = [
        {"id": f"t_{i}", "type": "choice", "options": "f", "text": {"fr": "q", "en": "q"}}
        for i in range(1, 5)
    ]
    items[1]["reverse"] = True
    return msgspec.convert(
        {
            "id": "t",
            "title": {"fr": "t", "en": "t"},
            "description": {"fr": "t", "en": "t"},
            "audience": "adult",
            "source": "s",
            "licence": "l",
            "reviewed_on": datetime.date(2026, 11, 23),
            "scored": True,
            "option_sets": {"f": freq},
            "items": items,
            "scoring": scoring,
        },
        Questionnaire,
    )


def test_reverse_items_subscales_bands_and_mean() -> None:
    bands = [
        {"id": "low", "min": 0, "max": 5, "label": {"fr": "b", "en": "b"}},
        {"id": "high", "min": 6, "max": 12, "label": {"fr": "h", "en": "h"}},
    ]
    subs = [{"id": "a", "title": {"fr": "a", "en": "a"}, "items": ["t_1", "t_2"]}]
    q = _q(method="sum", bands=bands, subscales=subs)
    answers = {"t_1": 3, "t_2": 0, "t_3": 1, "t_4": 2}  # t_2 reversed: 0 -> 3
    result = score(q, answers)
    assert result.total == 9 and result.band == "high"
    assert [(s.id, s.total) for s in result.subscales] == [("a", 6)]
    assert score(q, {**answers, "t_2": 3}).total == 6
    partial = score(q, {"t_1": 3, "t_2": 0})
    assert partial.total is None and partial.missing == ["t_3", "t_4"]
    assert [(s.id, s.total) for s in partial.subscales] == [("a", 6)]
    mean = _q(method="mean", items=["t_1", "t_3"])
    assert score(mean, {"t_1": 3, "t_3": 0}).total == 1.5


def test_answers_that_are_not_numbers_are_missing_and_yes_no_count_as_one_and_zero() -> None:
    q = _q(method="sum")
    full = {"t_1": 1, "t_2": 3, "t_3": 1, "t_4": 1}  # t_2 reversed: 3 -> 0
    assert score(q, full).total == 3
    assert score(q, {**full, "t_1": True}).total == 3
    assert score(q, {**full, "t_1": False}).total == 2
    for bad in ("1", float("nan"), float("inf"), None):
        result = score(q, {**full, "t_1": bad})
        assert result.total is None and result.missing == ["t_1"], bad
