"""Evaluator details the vectors do not show: messages, times, ordering, small functions."""

from __future__ import annotations

import datetime

from relais.triage.engine import (
    Checkin,
    HistoryEntry,
    Person,
    completed_months,
    evaluate,
    median,
    validate_vitals,
)
from tests.triage.support import ruleset, vitals

NOW = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)
ADULT = Person(is_child=False, age_months=480)


def test_validate_vitals_accepts_values_in_range_and_none() -> None:
    assert validate_vitals(vitals(), {"temperature": 38.0, "spo2": None, "weight": 0.5}) == []


def test_validate_vitals_refuses_fahrenheit_with_a_clear_message() -> None:
    [(name, msg)] = validate_vitals(vitals(), {"temperature": 100.4})
    assert name == "temperature"
    assert "30" in msg["fr"] and "45" in msg["fr"] and "°C" in msg["fr"]
    assert "between 30 and 45 °C" in msg["en"]
    assert "unité" in msg["fr"] and "unit" in msg["en"]


def test_validate_vitals_refuses_unknown_not_numbers_and_out_of_range() -> None:
    problems = validate_vitals(
        vitals(),
        {"oxygen": 95, "spo2": 101, "heart_rate": float("nan"), "resp_rate": True, "weight": "x"},
    )
    assert [n for n, _ in problems] == ["oxygen", "spo2", "heart_rate", "resp_rate", "weight"]
    assert all(m["fr"] and m["en"] for _, m in problems)


def test_fired_rules_are_red_first_then_by_id_with_reasons() -> None:
    result = evaluate(
        ruleset(),
        ADULT,
        Checkin(vitals={"resp_rate": 26}, answers={"da_worse": 1}),
        [],
        NOW,
    )
    assert [f.id for f in result.fired] == [
        "adult_rr_high_red",
        "adult_amber_worse",
        "adult_rr_amber",
    ]
    assert result.fired[0].reason["fr"] and result.fired[0].reason["en"]
    assert "NEWS2" in result.fired[0].source
    assert result.urgent is True


def test_naive_times_are_utc_and_history_uses_the_checkin_time() -> None:
    hist = [
        HistoryEntry(taken_at=datetime.datetime(2026, 11, 21, 12), vitals={"resp_rate": 16}),
        HistoryEntry(taken_at=datetime.datetime(2026, 11, 22, 12), vitals={"resp_rate": 18}),
    ]
    result = evaluate(ruleset(), ADULT, Checkin(vitals={"resp_rate": 20}), hist, NOW)
    assert [f.id for f in result.fired] == ["resp_rate_rising"]
    # Evaluated as taken before the second entry: only one past value, no trend.
    early = Checkin(vitals={"resp_rate": 20}, taken_at=datetime.datetime(2026, 11, 22, 6))
    assert evaluate(ruleset(), ADULT, early, hist, NOW).level == "green"


def test_median() -> None:
    assert median([3.0]) == 3.0
    assert median([100.0, 96.0, 98.0]) == 98.0
    assert median([96.0, 97.0]) == 96.5


def test_completed_months() -> None:
    birth = datetime.date(2026, 1, 31)
    assert completed_months(birth, datetime.date(2026, 2, 28)) == 0
    assert completed_months(birth, datetime.date(2026, 3, 31)) == 2
    assert completed_months(birth, datetime.date(2027, 1, 30)) == 11
    assert completed_months(birth, datetime.date(2027, 1, 31)) == 12
    assert completed_months(birth, datetime.date(2025, 12, 1)) == 0


def test_the_server_counts_the_illness_day_as_the_phone_does() -> None:
    """The same cases as pwa/tests/app/checkin-safety.test.ts (tests/triage/illness_days.json):
    the critical window's rules then give the same answer on both sides."""
    import datetime as dt
    import json
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from relais.checkins.service import person_for

    table = json.loads((Path(__file__).parent / "illness_days.json").read_text("utf-8"))
    tz = ZoneInfo(table["timezone"])
    for case in table["cases"]:
        at = dt.datetime.fromisoformat(case["local"]).replace(tzinfo=tz)
        patient = {
            "timezone": table["timezone"],
            "birth_date": dt.date(1980, 1, 1),
            "day1": dt.date.fromisoformat(case["day1"]) if case["day1"] else None,
            "discharge_date": dt.date(2026, 11, 1),
        }
        assert person_for(patient, at.astimezone(dt.UTC)).day == case["day"], case
