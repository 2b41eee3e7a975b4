"""What a clinician reads beside an alert: for each rule that fired, the measured values it
compared, the threshold crossed and whose threshold it was (the content's rule, the team's
default, or this patient's own), as the evaluator used them.

Computed when the check-in is triaged, with the same thresholds, and kept with its alert: a
threshold changed afterwards never rewrites what the alert said."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

import msgspec

from relais.triage.engine import _compare, _number
from relais.triage.rules import (
    OVERRIDE_TAG,
    AnswerCond,
    Condition,
    Overrides,
    Rule,
    ScoreCond,
    VitalCond,
)

Whose = Literal["content", "team", "patient"]
_OPS = ("gt", "gte", "lt", "lte")


class Measure(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One comparison that held: ``value`` of ``name`` (a vital sign, a questionnaire's score or
    a question) against ``threshold`` with ``op``, and whose threshold it was."""

    rule: str
    level: str
    kind: Literal["vital", "score", "answer"]
    name: str
    value: float
    op: str
    threshold: float | list[float]
    whose: Whose = "content"


def _leaves(cond: Condition) -> Iterator[Condition]:
    yield cond
    for child in (*(cond.all or []), *(cond.any or [])):
        yield from _leaves(child)
    if cond.points is not None:
        for item in cond.points.of:
            yield from _leaves(item.when)


def measures(
    rules: Iterable[Rule],
    fired: Iterable[str],
    values: Mapping[str, Mapping[str, Any]],
    overrides: Overrides,
    sources: Mapping[str, Mapping[str, str]],
) -> list[Measure]:
    """The comparisons of the fired rules that held for this check-in, with their bounds.
    ``values``: {"vital": vitals, "score": scores, "answer": answers}; ``sources``: {key: {tag:
    "team" | "patient"}} for the thresholds of ``overrides``."""
    wanted = set(fired)
    out: list[Measure] = []
    seen: set[tuple[str, str, str, str]] = set()
    for rule in rules:
        if rule.id not in wanted:
            continue
        for leaf in _leaves(rule.when):
            found: tuple[Literal["vital", "score", "answer"], VitalCond | ScoreCond | AnswerCond]
            if leaf.vital is not None:
                found = ("vital", leaf.vital)
                key = leaf.vital.name
            elif leaf.score is not None:
                found = ("score", leaf.score)
                key = leaf.score.questionnaire
            elif leaf.answer is not None:
                found = ("answer", leaf.answer)
                key = leaf.answer.item
            else:
                continue
            kind, cmp = found
            value = _number(values.get(kind, {}).get(key))
            if not isinstance(value, float):
                continue
            tag = cmp.override
            given = overrides.thresholds.get(key, {}).get(tag) if tag else None
            if not _compare(cmp, value, tag, given):
                continue
            tagged = OVERRIDE_TAG.match(tag) if tag and given is not None else None
            bounds: list[tuple[str, float | list[float], Whose]] = []
            for op in _OPS:
                bound = getattr(cmp, op)
                whose: Whose = "content"
                if tagged is not None and tagged.group(1) == op:
                    bound, whose = given, sources.get(key, {}).get(tag or "", "team")  # type: ignore[assignment]
                if bound is not None:
                    bounds.append((op, float(bound), whose))
            if cmp.between is not None:
                bounds.append(
                    ("between", [float(cmp.between[0]), float(cmp.between[1])], "content")
                )
            for op, threshold, whose in bounds:
                if (rule.id, kind, key, op) in seen:
                    continue
                seen.add((rule.id, kind, key, op))
                out.append(
                    Measure(
                        rule=rule.id,
                        level=rule.level,
                        kind=kind,
                        name=key,
                        value=value,
                        op=op,
                        threshold=threshold,
                        whose=whose,
                    )
                )
    return most_severe(out)


_RANK = {"red": 2, "amber": 1}


def most_severe(found: list[Measure]) -> list[Measure]:
    """The same measurement once, in its most severe band: a SpO2 of 88 % that crosses both the
    red and the amber threshold is shown with the red one."""
    top: dict[tuple[str, str], int] = {}
    for m in found:
        key = (m.kind, m.name)
        top[key] = max(top.get(key, 0), _RANK.get(m.level, 0))
    return [m for m in found if _RANK.get(m.level, 0) == top[(m.kind, m.name)]]
