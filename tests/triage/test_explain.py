"""An alert's reasons as the care team reads them (relais.triage.explain): one line per
measurement or sign, the most severe rule of it, in the reader's language, with its source."""

from __future__ import annotations

from relais.content import load_library
from relais.triage.explain import explain
from relais.triage.rules import Ruleset

RULESET = Ruleset.from_files(list(load_library().rules.values()))


def _shown(ids: list[str], lang: str = "en") -> list[tuple[str, str]]:
    return [(e.rule, e.text) for e in explain(RULESET, ids, lang) if not e.covered_by]


def test_a_childs_heart_rate_with_the_age_unknown_is_one_line_not_eleven() -> None:
    """With the age unknown every age band applies: a heart rate of 170 fires them all."""
    bands = [r.id for r in RULESET.rules if r.id.startswith("child_hr_") and "low" not in r.id]
    assert len(bands) == 11
    explained = explain(RULESET, bands, "fr")
    assert _shown(bands, "fr") == [
        ("child_hr_red_5y", "FC ≥ 130/min à 5 ans (risque élevé NICE NG51)")
    ]
    assert {e.covered_by for e in explained if e.rule != "child_hr_red_5y"} == {"child_hr_red_5y"}
    assert all(e.source.startswith(("NICE", "RCP")) for e in explained)


def test_a_fever_in_a_baby_is_said_once_at_its_most_severe() -> None:
    ids = ["child_amber_fever", "child_red_fever_u3m", "child_red_fever_newborn"]
    assert _shown(ids) == [
        (
            "child_red_fever_newborn",
            "Fever under 1 month: ≥ 38.0 °C or reported by the parent (HAS/SRLF: paediatric "
            "emergency)",
        )
    ]


def test_scores_and_history_keep_their_own_line_and_unknown_reasons_stay() -> None:
    ids = ["adult_spo2_amber", "adult_news2_red", "spo2_baseline_drop", "growth_weight_loss"]
    explained = explain(RULESET, ids, "en")
    assert [(e.rule, e.covered_by) for e in explained] == [
        ("adult_news2_red", ""),
        ("adult_spo2_amber", ""),
        ("spo2_baseline_drop", ""),
        ("growth_weight_loss", ""),
    ]
    assert explained[-1].text == explained[-1].source == ""
