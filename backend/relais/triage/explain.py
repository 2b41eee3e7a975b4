"""Why an alert opened, as the care team reads it: one line per sign, in clinical words.

Each rule has a `clinician` wording (the criterion: "SpO2 ≤ 91 % (NEWS2 scale 1, scores 3)") and
a `source`. A red check-in fires several rules on the same measurement or the same answer (a SpO2
of 88 % crosses the red and the amber band; with the age unknown, every age band of a child's
heart rate fires): the team reads the most severe of them once, and the others are kept beside it
(``covered_by``), never dropped.

Rules that read one thing, or the same few things (an answer, a vital sign, a score, "temperature
or reported fever"), are grouped by what they read. A rule that adds up points (NEWS2, the HAS
score) or reads the history (a trend, a baseline, days in a row, the critical window) is its own
line: it says something the single readings do not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import msgspec

from relais.triage.rules import Condition, Rule, Ruleset

_RANK = {"red": 2, "amber": 1}
#: Condition kinds that make a rule its own line (a combination, or the history).
_OWN_LINE = ("points", "trend", "baseline_drop", "amber_streak", "no_checkin_for", "day")


class Explained(msgspec.Struct, kw_only=True):
    """One reason of an alert for the care team. ``text`` and ``source`` are empty for a reason
    that is not a rule of the content (a child's follow-up reason, a rule since removed)."""

    rule: str
    level: str
    text: str
    source: str
    #: The more severe rule of the same measurement or sign shown instead of this one, or "".
    covered_by: str = ""


def subject(rule: Rule) -> tuple[str, ...] | None:
    """What a rule reads (items, vital signs, questionnaires), sorted; None when it is a line of
    its own (points, history)."""
    found: set[str] = set()
    for c in rule.when.walk():
        if c.kind in _OWN_LINE:
            return None
        found |= _reads(c)
    return tuple(sorted(found)) if found else None


def _reads(c: Condition) -> set[str]:
    if c.answer is not None:
        return {f"answer:{c.answer.item}"}
    if c.vital is not None:
        return {f"vital:{c.vital.name}"}
    if c.score is not None:
        return {f"score:{c.score.questionnaire}"}
    return set()


class _Index(msgspec.Struct, frozen=True):
    #: rule id -> (content order, rule, subject)
    rules: dict[str, tuple[int, Rule, tuple[str, ...] | None]]


def _index(ruleset: Ruleset) -> _Index:
    cached = ruleset.__dict__.get("_explain")
    if cached is None:
        cached = ruleset.__dict__["_explain"] = _Index(
            {r.id: (i, r, subject(r)) for i, r in enumerate(ruleset.rules)}
        )
    assert isinstance(cached, _Index)
    return cached


def explain(ruleset: Ruleset, reasons: Sequence[str], lang: str) -> list[Explained]:
    """Every reason of an alert, red first then in the content's order, each with its clinician
    wording in ``lang``, its source, and the rule shown instead of it when a more severe rule of
    the same measurement or sign fired too."""
    index = _index(ruleset).rules
    known = [r for r in dict.fromkeys(reasons) if r in index]
    known.sort(key=lambda r: (-_RANK.get(index[r][1].level, 0), index[r][0]))
    shown: dict[tuple[str, ...], str] = {}
    out: list[Explained] = []
    for rid in known:
        _, rule, subj = index[rid]
        covered_by = ""
        if subj is not None:
            covered_by = shown.setdefault(subj, rid)
            covered_by = "" if covered_by == rid else covered_by
        out.append(
            Explained(
                rule=rid,
                level=rule.level,
                text=_in(rule.clinician, lang),
                source=rule.source,
                covered_by=covered_by,
            )
        )
    out.extend(
        Explained(rule=r, level="", text="", source="")
        for r in dict.fromkeys(reasons)
        if r not in index
    )
    return out


def _in(text: Mapping[str, str], lang: str) -> str:
    return text.get(lang) or text.get("en") or next(iter(text.values()), "")
