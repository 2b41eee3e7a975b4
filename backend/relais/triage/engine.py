"""The triage evaluator: a check-in (and the person's history) in, red / amber / green out.

Pure functions: no I/O, no clock (the caller passes `now`), no randomness. The TypeScript
evaluator in pwa/src/triage/engine.ts implements the same semantics line for line; both pass the
shared vectors of content/rules/vectors/. The language is documented in content/rules/README.md.

Safety properties the tests hold us to:
- a missing value (not answered, "I don't have the device", None) never satisfies a condition,
  so missing data can hide nothing that the data present shows: a red band on a value that *is*
  present always fires;
- the level is the highest level of the rules that fired; green only when none fired.
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import msgspec

from relais.content.schemas import Text
from relais.errors import FieldRefusal
from relais.triage.rules import (
    OVERRIDE_TAG,
    Cmp,
    Condition,
    Overrides,
    Rule,
    Ruleset,
    VitalsFile,
)
from relais.web.catalogue import LANGS, say

Level = Literal["red", "amber", "green"]
RANK: dict[str, int] = {"green": 0, "amber": 1, "red": 2}
_DAY_MS = 86_400_000
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class Person(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Who the check-in is about.

    `age_months`: completed calendar months (see `completed_months`); a child's age decides the
    age bands. `day`: the illness day number, 1 on "day 1" (the first day of symptoms, seed 001),
    when the follow-up is dated from it. `utc_offset_minutes`: the person's offset from UTC, used
    only to tell calendar days apart for `amber_streak`. `followed_since`: start of the
    follow-up, for `no_checkin_for` when there is no check-in yet.
    """

    is_child: bool
    age_months: int | None = None
    day: int | None = None
    utc_offset_minutes: int = 0
    followed_since: datetime.datetime | None = None


Value = int | float | str | bool | None


class Checkin(msgspec.Struct, kw_only=True, omit_defaults=True):
    """What the person entered: answers by item id, vital signs by name (None: no device),
    instrument totals by questionnaire id, and the time it was taken (default: `now`)."""

    answers: dict[str, Value] = {}
    vitals: dict[str, float | None] = {}
    scores: dict[str, float | None] = {}
    taken_at: datetime.datetime | None = None


class HistoryEntry(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A past check-in. History may be given in any order: the evaluator sorts it by `taken_at`
    and only uses entries taken strictly before the check-in being evaluated."""

    taken_at: datetime.datetime
    vitals: dict[str, float | None] = {}
    answers: dict[str, Value] = {}
    level: Level = "green"


class FiredRule(msgspec.Struct, kw_only=True):
    id: str
    level: Literal["red", "amber"]
    reason: Text
    source: str
    urgent: bool
    show: str | None = None


class TriageResult(msgspec.Struct, kw_only=True):
    """`level`: the highest level fired, green when nothing fired. `fired`: red first, then by
    id. `flags`: special screens to show (`self_harm`). `urgent`: an alert must escalate at once."""

    level: Level
    fired: list[FiredRule]
    flags: list[str]
    urgent: bool


# ---------------------------------------------------------------------------------------------


def evaluate(
    ruleset: Ruleset,
    person: Person,
    checkin: Checkin,
    history: Sequence[HistoryEntry],
    now: datetime.datetime,
    overrides: Overrides | None = None,
) -> TriageResult:
    """Triage one check-in with the person's history.

    Rules with `no_checkin_for` are left to `evaluate_missed`. Rules with `amber_streak` are
    evaluated after the others, with the level the others gave.
    """
    taken = _utc(checkin.taken_at or now)
    past = _past(history, taken)
    ctx = _Ctx(person, checkin, past, taken, overrides or Overrides(), "green")
    first, second, _ = ruleset.passes()
    fired = [r for r in first if _applies(r, person) and _holds(r.when, ctx)]
    ctx.level = _max_level(fired)
    fired += [r for r in second if _applies(r, person) and _holds(r.when, ctx)]
    return _result(fired)


def evaluate_missed(
    ruleset: Ruleset,
    person: Person,
    history: Sequence[HistoryEntry],
    now: datetime.datetime,
    overrides: Overrides | None = None,
) -> TriageResult:
    """The scheduled job's check: only rules with `no_checkin_for`, on history alone.

    Run it periodically per person (`person.day` is the illness day at `now`); it fires again on
    every run while nothing new comes in, so the caller keeps one open alert, not one per run.
    """
    at = _utc(now)
    past = _past(history, at, inclusive=True)
    ctx = _Ctx(person, Checkin(), past, at, overrides or Overrides(), "green")
    _, _, scheduled = ruleset.passes()
    fired = [r for r in scheduled if _applies(r, person) and _holds(r.when, ctx)]
    return _result(fired)


def vital_problems(vitals_def: VitalsFile, vitals: Mapping[str, Any]) -> list[FieldRefusal]:
    """What is wrong with each value that is unknown, not a number or out of range (the field is
    the vital sign's name; the messages are in relais.web.catalogue).

    None is accepted ("I don't have the device"). A value outside the physiological range is
    refused so that it is never stored nor triaged.
    """
    defs = vitals_def.by_name()
    out: list[FieldRefusal] = []
    for name, value in vitals.items():
        d = defs.get(name)
        if d is None:
            out.append(FieldRefusal(name, "vital-unknown", {"name": name}))
            continue
        if value is None:
            continue
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not math.isfinite(value):
            out.append(FieldRefusal(name, "vital-not-a-number", {"label": d.label}))
            continue
        if value < d.min or value > d.max:
            out.append(
                FieldRefusal(
                    name,
                    "vital-out-of-range",
                    {
                        "label": d.label,
                        "value": _fmt(value),
                        "min": _fmt(d.min),
                        "max": _fmt(d.max),
                        "symbol": d.symbol,
                    },
                )
            )
    return out


def validate_vitals(
    vitals_def: VitalsFile, vitals: Mapping[str, Any]
) -> list[tuple[str, dict[str, str]]]:
    """``vital_problems`` with each message said in every language: (name, {fr, en})."""
    return [
        (p.field, {lang: say(lang, p.code, p.params) for lang in LANGS})
        for p in vital_problems(vitals_def, vitals)
    ]


def completed_months(birth: datetime.date, on: datetime.date) -> int:
    """Completed calendar months from `birth` to `on` (0 until the first month is complete)."""
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    if on.day < birth.day:
        months -= 1
    return max(months, 0)


# ---------------------------------------------------------------------------------------------


class _Ctx:
    def __init__(
        self,
        person: Person,
        checkin: Checkin,
        past: list[HistoryEntry],
        at: datetime.datetime,
        overrides: Overrides,
        level: Level,
    ) -> None:
        self.person = person
        self.checkin = checkin
        self.past = past
        self.at = at
        self.overrides = overrides
        self.level: Level = level
        self.series: dict[str, list[float]] = {}


def _utc(t: datetime.datetime) -> datetime.datetime:
    """Naive times are UTC (as `Date.parse` is told to read them in the TypeScript evaluator)."""
    return t.replace(tzinfo=datetime.UTC) if t.tzinfo is None else t


def _ms(t: datetime.datetime) -> int:
    """Milliseconds since the epoch, truncated (JavaScript `Date` precision)."""
    d = _utc(t) - _EPOCH
    return (d.days * 86_400 + d.seconds) * 1000 + d.microseconds // 1000


def _past(
    history: Sequence[HistoryEntry], at: datetime.datetime, inclusive: bool = False
) -> list[HistoryEntry]:
    limit = _ms(at)
    keyed = [(_ms(h.taken_at), h) for h in history]
    kept = [(t, h) for t, h in keyed if t < limit or (inclusive and t == limit)]
    kept.sort(key=lambda th: th[0])  # stable: entries taken at the same time keep their order
    return [h for _, h in kept]


def _max_level(rules: Sequence[Rule]) -> Level:
    level: Level = "green"
    for r in rules:
        if RANK[r.level] > RANK[level]:
            level = r.level
    return level


def _result(fired: list[Rule]) -> TriageResult:
    ordered = sorted(fired, key=lambda r: (-RANK[r.level], r.id))
    return TriageResult(
        level=_max_level(ordered),
        fired=[
            FiredRule(
                id=r.id,
                level=r.level,
                reason=r.reason,
                source=r.source,
                urgent=r.is_urgent,
                show=r.show,
            )
            for r in ordered
        ],
        flags=sorted({r.show for r in ordered if r.show is not None}),
        urgent=any(r.is_urgent for r in ordered),
    )


def _applies(rule: Rule, person: Person) -> bool:
    group = rule.applies_to.group
    if group == "adult" and person.is_child:
        return False
    if group == "child" and not person.is_child:
        return False
    band = rule.applies_to.age_months
    # An unknown age keeps every band: the strictest threshold then applies.
    return band is None or person.age_months is None or _compare(band, person.age_months)


def _number(value: Any) -> float | str | None:
    """A value as compared: a number, a text, or None (missing). Booleans count as 1 and 0."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return None if math.isnan(value) else float(value)
    if isinstance(value, str):
        return value
    return None


def _compare(cmp: Cmp, raw: Any, tag: str | None = None, repl: float | None = None) -> bool:
    """Every comparison of `cmp` holds for `raw`; the one named by an override tag uses `repl`."""
    value = _number(raw)
    if value is None:
        return False
    op_over = None
    if tag is not None and repl is not None:
        m = OVERRIDE_TAG.match(tag)
        op_over = m.group(1) if m else None
    checked = False
    if cmp.eq is not None:
        checked = True
        eq = _number(cmp.eq)
        if eq != value or isinstance(eq, str) != isinstance(value, str):
            return False
    if cmp.in_ is not None:
        checked = True
        if not any(
            _number(v) == value and isinstance(v, str) == isinstance(value, str) for v in cmp.in_
        ):
            return False
    for op in ("gt", "gte", "lt", "lte"):
        bound = repl if op == op_over else getattr(cmp, op)
        if bound is None:
            continue
        checked = True
        if isinstance(value, str):
            return False
        if op == "gt" and not value > bound:
            return False
        if op == "gte" and not value >= bound:
            return False
        if op == "lt" and not value < bound:
            return False
        if op == "lte" and not value <= bound:
            return False
    if cmp.between is not None:
        checked = True
        if isinstance(value, str) or not (cmp.between[0] <= value <= cmp.between[1]):
            return False
    return checked


def _override(ctx: _Ctx, key: str, tag: str | None) -> float | None:
    if tag is None:
        return None
    return ctx.overrides.thresholds.get(key, {}).get(tag)


def _vital_series(ctx: _Ctx, name: str) -> list[float]:
    """Measured values of a vital sign in the history, oldest first (worked out once per vital
    sign and check-in; callers must not change the list)."""
    out = ctx.series.get(name)
    if out is None:
        out = []
        for h in ctx.past:
            v = _number(h.vitals.get(name))
            if isinstance(v, float):
                out.append(v)
        ctx.series[name] = out
    return out


def median(values: Sequence[float]) -> float:
    """The middle value; with an even count, (a + b) / 2 of the two middle values."""
    s = sorted(values)
    n = len(s)
    mid = n // 2
    return s[mid] if n % 2 == 1 else (s[mid - 1] + s[mid]) / 2


def _local_day(ms: int, offset_minutes: int) -> int:
    return (ms + offset_minutes * 60_000) // _DAY_MS


def _holds(c: Condition, ctx: _Ctx) -> bool:
    if c.all is not None:
        return all(_holds(x, ctx) for x in c.all)
    if c.any is not None:
        return any(_holds(x, ctx) for x in c.any)
    if c.points is not None:
        total = sum(p.points for p in c.points.of if _holds(p.when, ctx))
        return total >= c.points.gte
    if c.answer is not None:
        a = c.answer
        repl = _override(ctx, a.item, a.override)
        return _compare(a, ctx.checkin.answers.get(a.item), a.override, repl)
    if c.vital is not None:
        v = c.vital
        repl = _override(ctx, v.name, v.override)
        return _compare(v, ctx.checkin.vitals.get(v.name), v.override, repl)
    if c.score is not None:
        s = c.score
        repl = _override(ctx, s.questionnaire, s.override)
        return _compare(s, ctx.checkin.scores.get(s.questionnaire), s.override, repl)
    if c.age_months is not None:
        return _compare(c.age_months, ctx.person.age_months)
    if c.age_years is not None:
        age = ctx.person.age_months
        return age is not None and _compare(c.age_years, age // 12)
    if c.day is not None:
        return _compare(c.day, ctx.person.day)
    if c.trend is not None:
        current = _number(ctx.checkin.vitals.get(c.trend.vital))
        if not isinstance(current, float):
            return False
        n = c.trend.rising_over
        series = [*_vital_series(ctx, c.trend.vital), current][-n:]
        return len(series) == n and all(a < b for a, b in itertools.pairwise(series))
    if c.baseline_drop is not None:
        b = c.baseline_drop
        current = _number(ctx.checkin.vitals.get(b.vital))
        if not isinstance(current, float):
            return False
        given = ctx.overrides.baselines.get(b.vital)
        if given is not None:
            baseline = float(given)
        else:
            first = _vital_series(ctx, b.vital)[: b.first]
            if len(first) < b.first:
                return False
            baseline = median(first)
        return baseline - current >= b.by
    if c.amber_streak is not None:
        if RANK[ctx.level] < RANK["amber"]:
            return False
        offset = ctx.person.utc_offset_minutes
        today = _local_day(_ms(ctx.at), offset)
        flagged = {
            _local_day(_ms(h.taken_at), offset) for h in ctx.past if RANK[h.level] >= RANK["amber"]
        }
        return all(today - k in flagged for k in range(1, c.amber_streak.days))
    if c.no_checkin_for is not None:
        times = [_ms(h.taken_at) for h in ctx.past]
        if ctx.person.followed_since is not None:
            times.append(_ms(ctx.person.followed_since))
        if not times:
            return False
        return _ms(ctx.at) - max(times) >= c.no_checkin_for.days * _DAY_MS
    return False


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
