"""Triage: turns a check-in and the person's history into red / amber / green.

Pure functions over content (content/rules/*.yaml, content/vitals.yaml): `rules` holds the
schemas and reference checks, `engine` the evaluator. Questionnaire totals come from the one
scorer, `relais.content.scoring`.
"""

from relais.triage.engine import (
    Checkin,
    FiredRule,
    HistoryEntry,
    Person,
    TriageResult,
    completed_months,
    evaluate,
    evaluate_missed,
    validate_vitals,
    vital_problems,
)
from relais.triage.rules import (
    Overrides,
    Rule,
    RuleFile,
    Ruleset,
    VitalsFile,
    VitalSign,
    check_overrides,
    check_references,
    load_ruleset,
    override_problems,
)

__all__ = [
    "Checkin",
    "FiredRule",
    "HistoryEntry",
    "Overrides",
    "Person",
    "Rule",
    "RuleFile",
    "Ruleset",
    "TriageResult",
    "VitalSign",
    "VitalsFile",
    "check_overrides",
    "check_references",
    "completed_months",
    "evaluate",
    "evaluate_missed",
    "load_ruleset",
    "override_problems",
    "validate_vitals",
    "vital_problems",
]
