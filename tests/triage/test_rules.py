"""The rule files load, name only things that exist, and bad rules are reported."""

from __future__ import annotations

import datetime
from typing import Any

import msgspec
import pytest

from relais.triage.rules import (
    Condition,
    Overrides,
    RuleFile,
    Ruleset,
    check_overrides,
    check_references,
)
from tests.triage.support import questionnaires, rule_files, ruleset, vitals

NEEDED = ("daily_adult", "daily_child", "phq9", "gad7", "pcl5")


def test_real_rules_pass_check_references() -> None:
    qs = questionnaires()
    missing = [q for q in NEEDED if q not in qs]
    if missing:
        pytest.skip(f"questionnaires not written yet: {missing}")
    assert check_references(list(rule_files()), qs, vitals()) == []


def test_every_rule_has_a_source_and_both_languages() -> None:
    for rule in ruleset().rules:
        assert rule.source.strip()
        assert rule.reason.get("fr", "").strip() and rule.reason.get("en", "").strip(), rule.id


def test_each_vital_sign_in_the_red_band_has_a_red_rule_for_adults() -> None:
    red_vitals = {
        c.vital.name
        for r in ruleset().rules
        if r.level == "red" and r.applies_to.group == "adult"
        for c in r.when.walk()
        if c.vital is not None and r.when.vital is not None
    }
    assert red_vitals >= {"resp_rate", "spo2", "systolic_bp", "heart_rate", "temperature"}


def test_vitals_file_matches_the_brief() -> None:
    by = vitals().by_name()
    expected = {
        "temperature": ("Cel", "8310-5", 30, 45),
        "spo2": ("%", "59408-5", 50, 100),
        "heart_rate": ("/min", "8867-4", 20, 250),
        "resp_rate": ("/min", "9279-1", 4, 80),
        "systolic_bp": ("mm[Hg]", "8480-6", 50, 260),
        "diastolic_bp": ("mm[Hg]", "8462-4", 30, 160),
        "weight": ("kg", "29463-7", 0.5, 300),
    }
    assert {k: (v.unit, v.loinc, v.min, v.max) for k, v in by.items()} == expected


def _file(rules: list[dict[str, Any]]) -> RuleFile:
    return msgspec.convert(
        {
            "id": "test",
            "title": {"fr": "Test", "en": "Test"},
            "source": "test",
            "reviewed_on": datetime.date(2026, 11, 23),
            "rules": rules,
        },
        RuleFile,
    )


def _rule(rule_id: str, when: dict[str, Any], level: str = "amber", **extra: Any) -> dict:
    return {
        "id": rule_id,
        "level": level,
        "applies_to": {"group": "adult"},
        "reason": {"fr": "r", "en": "r"},
        "clinician": {"fr": "c", "en": "c"},
        "source": "s",
        "when": when,
        **extra,
    }


@pytest.mark.parametrize(
    ("when", "fragment"),
    [
        ({"answer": {"item": "da_nope", "eq": 1}}, "unknown questionnaire item"),
        ({"answer": {"item": "da_confusion", "eq": 2}}, "not one of the options"),
        ({"answer": {"item": "da_pain", "gte": 11}}, "outside the possible values"),
        ({"answer": {"item": "da_confusion"}}, "no comparison"),
        ({"vital": {"name": "oxygen", "lte": 91}}, "unknown vital sign"),
        ({"vital": {"name": "spo2", "lte": 40}}, "outside the possible values"),
        ({"vital": {"name": "spo2", "gt": 95, "lt": 90}}, "can never all hold"),
        ({"vital": {"name": "spo2", "between": [95, 90]}}, "goes from"),
        ({"vital": {"name": "spo2", "lte": 91, "override": "red"}}, "must end with"),
        ({"vital": {"name": "spo2", "lte": 91, "override": "red_gte"}}, "does not use"),
        ({"vital": {"name": "spo2", "eq": 91}}, "use ranges"),
        ({"score": {"questionnaire": "nope", "gte": 1}}, "unknown questionnaire"),
        ({"score": {"questionnaire": "daily_adult", "gte": 1}}, "is not scored"),
        ({"trend": {"vital": "resp_rate", "rising_over": 1}}, "at least 2"),
        ({"trend": {"vital": "oxygen", "rising_over": 3}}, "unknown vital sign"),
        ({"amber_streak": {"days": 1}}, "at least 2"),
        ({"any": []}, "at least one condition"),
        (
            {"points": {"gte": 5, "of": [{"points": 1, "when": {"day": {"gte": 1}}}]}},
            "can never reach",
        ),
        (
            {"all": [{"no_checkin_for": {"days": 1}}, {"vital": {"name": "spo2", "lte": 91}}]},
            "evaluated without a check-in",
        ),
    ],
)
def test_check_references_reports_bad_rules(when: dict[str, Any], fragment: str) -> None:
    qs = questionnaires()
    if "daily_adult" not in qs:
        pytest.skip("daily_adult not written")
    problems = check_references([_file([_rule("bad", when)])], qs, vitals())
    assert problems and all(rid == "bad" for rid, _ in problems)
    assert any(fragment in msg for _, msg in problems), problems


def test_check_references_reports_duplicates_and_self_harm_level() -> None:
    qs = questionnaires()
    good = {"vital": {"name": "spo2", "lte": 91}}
    problems = check_references(
        [_file([_rule("a", good), _rule("a", good), _rule("b", good, show="self_harm")])],
        qs,
        vitals(),
    )
    assert ("a", "duplicate rule id") in problems
    assert any(rid == "b" and "must be red" in msg for rid, msg in problems)


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"vital": {"name": "spo2", "lte": 91}, "day": {"gte": 1}},
        {"vital": {"name": "spo2", "lte": 91, "typo": 1}},
        {"answer": {"item": "x", "eq": True}},
    ],
)
def test_malformed_conditions_are_decoding_errors(bad: dict[str, Any]) -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(bad, Condition)


def test_encoding_keeps_the_yaml_shape() -> None:
    cond = msgspec.convert({"answer": {"item": "phq9_9", "in": [1, 2, 3]}}, Condition)
    assert msgspec.to_builtins(cond) == {"answer": {"item": "phq9_9", "in": [1, 2, 3]}}
    back = msgspec.json.decode(msgspec.json.encode(ruleset()), type=Ruleset)
    assert back == ruleset()


def test_check_overrides() -> None:
    rs = ruleset()
    assert (
        check_overrides(rs, Overrides(thresholds={"spo2": {"red_lte": 85, "amber_lte": 88}})) == []
    )
    problems = check_overrides(
        rs,
        Overrides(
            thresholds={
                "spo2": {"red_lte": 90, "amber_lte": 88, "red_gte": 99},
                "oxygen": {"red_lte": 80},
                "phq9_9": {"red_gte": 4},
            }
        ),
    )
    text = "\n".join(problems)
    assert "must not be above amber_lte" in text
    assert "unknown threshold `red_gte`" in text
    assert "`oxygen` has no threshold" in text
    assert "`phq9_9` has no threshold" in text
