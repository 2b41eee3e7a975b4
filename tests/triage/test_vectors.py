"""Every shared vector (content/rules/vectors/) gives the expected level and fired rules.

The PWA runs the same vectors (pwa/tests/triage/vectors.test.ts): both evaluators must agree.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from relais.triage.engine import validate_vitals
from tests.triage.support import (
    rule_files,
    ruleset,
    run_vector,
    vector_scores,
    vectors,
    vitals,
)

VECTORS = vectors()


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_vector(vector: dict[str, Any]) -> None:
    result = run_vector(vector)
    expect = vector["expect"]
    fired = sorted(f.id for f in result.fired)
    assert (result.level, fired) == (expect["level"], sorted(expect["fired"])), vector[
        "description"
    ]
    if "flags" in expect:
        assert result.flags == expect["flags"]
    if "urgent" in expect:
        assert result.urgent == expect["urgent"]
    if "scores" in expect:
        assert vector_scores(vector) == expect["scores"]


def test_some_vectors_are_scored_by_each_side_from_their_answers() -> None:
    scored = [v for v in VECTORS if v.get("score")]
    assert len(scored) >= 10
    assert {q for v in scored for q in v["score"]} >= {"phq9", "gad7", "pcl5"}
    assert any(None in v["expect"]["scores"].values() for v in scored)


def test_enough_vectors_with_unique_ids() -> None:
    ids = [v["id"] for v in VECTORS]
    assert len(ids) >= 150
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_every_rule_fires_in_some_vector_and_is_silent_in_another() -> None:
    rule_ids = {r.id for r in ruleset().rules}
    fired_somewhere = {rid for v in VECTORS for rid in v["expect"]["fired"]}
    assert rule_ids - fired_somewhere == set()
    assert fired_somewhere - rule_ids == set(), "a vector names a rule that does not exist"


def test_every_level_and_group_is_covered() -> None:
    levels = Counter(v["expect"]["level"] for v in VECTORS)
    assert min(levels["red"], levels["amber"], levels["green"]) >= 20
    assert any(v["person"]["is_child"] for v in VECTORS)
    assert any(v.get("missed") for v in VECTORS)
    assert any(v.get("overrides") for v in VECTORS)


def test_vector_values_are_ones_a_person_can_enter() -> None:
    # Out-of-range values are refused before triage: a vector must not rely on one.
    for v in VECTORS:
        entries = [v.get("checkin") or {}, *(v.get("history") or [])]
        for entry in entries:
            assert validate_vitals(vitals(), entry.get("vitals") or {}) == [], v["id"]


def test_rule_ids_are_unique_across_files() -> None:
    ids = [r.id for f in rule_files() for r in f.rules]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
