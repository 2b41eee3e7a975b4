"""Shared loading for the triage tests: the real content, the vectors, and running a vector."""

from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Any

import msgspec

from relais.content.schemas import Questionnaire
from relais.triage.engine import (
    Checkin,
    HistoryEntry,
    Person,
    TriageResult,
    evaluate,
    evaluate_missed,
)
from relais.triage.rules import (
    Overrides,
    RuleFile,
    Ruleset,
    VitalsFile,
    load_rule_files,
    load_vitals,
    read_yaml,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"
VECTORS = CONTENT / "rules" / "vectors"
DEFAULT_NOW = "2026-11-23T12:00:00Z"


@functools.cache
def rule_files() -> tuple[RuleFile, ...]:
    return tuple(load_rule_files(CONTENT))


@functools.cache
def ruleset() -> Ruleset:
    return Ruleset.from_files(rule_files())


@functools.cache
def vitals() -> VitalsFile:
    return load_vitals(CONTENT)


@functools.cache
def questionnaires() -> dict[str, Questionnaire]:
    """Every questionnaire written so far (others are added as they are written)."""
    out = {}
    for path in sorted((CONTENT / "questionnaires").glob("*.yaml")):
        q = msgspec.convert(read_yaml(path), Questionnaire)
        out[q.id] = q
    return out


@functools.cache
def vectors() -> tuple[dict[str, Any], ...]:
    out: list[dict[str, Any]] = []
    for path in sorted(VECTORS.glob("*.yaml")):
        doc = read_yaml(path)
        for v in doc["vectors"]:
            out.append({**v, "_file": path.name})
    return tuple(out)


def parse_time(text: str) -> datetime.datetime:
    return msgspec.convert(text, datetime.datetime)


def vector_scores(v: dict[str, Any]) -> dict[str, float | None]:
    """The totals of the questionnaires a vector names in `score`, computed from its answers by
    the server's one scorer (the phone computes them with its own: both must agree)."""
    from relais.content.scoring import score

    answers = (v.get("checkin") or {}).get("answers") or {}
    out: dict[str, float | None] = {}
    for qid in v.get("score") or []:
        result = score(questionnaires()[qid], answers)
        out[qid] = result.total if result is not None else None
    return out


def run_vector(v: dict[str, Any]) -> TriageResult:
    if v.get("score"):
        checkin = dict(v.get("checkin") or {})
        checkin["scores"] = {**(checkin.get("scores") or {}), **vector_scores(v)}
        v = {**v, "checkin": checkin}
    rs = ruleset()
    person = msgspec.convert(v["person"], Person)
    history = msgspec.convert(v.get("history") or [], list[HistoryEntry])
    overrides = msgspec.convert(v["overrides"], Overrides) if v.get("overrides") else None
    now = parse_time(v.get("now", DEFAULT_NOW))
    if v.get("missed"):
        return evaluate_missed(rs, person, history, now, overrides)
    checkin = msgspec.convert(v.get("checkin") or {}, Checkin)
    return evaluate(rs, person, checkin, history, now, overrides)
