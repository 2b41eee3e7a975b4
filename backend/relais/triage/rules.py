"""Schemas of the triage content (content/rules/*.yaml, content/vitals.yaml) and their checks.

The condition language is documented in content/rules/README.md. A condition is a map with
exactly one key naming its kind (`all`, `any`, `points`, `answer`, `vital`, `score`, `age_months`,
`age_years`, `day`, `trend`, `baseline_drop`, `amber_streak`, `no_checkin_for`). msgspec cannot
tell such maps apart by a tag field, so `Condition` is one struct whose fields are all optional,
and `__post_init__` insists that exactly one is set (a decoding error otherwise).

Every struct is encoded with `omit_defaults`, so that the JSON a client receives has the same
shape as the YAML that was written: the TypeScript evaluator reads either.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import msgspec

from relais.content.schemas import Questionnaire, Text
from relais.content.yamlsrc import read_yaml
from relais.errors import FieldRefusal
from relais.web.catalogue import say

Level = Literal["red", "amber"]
Group = Literal["adult", "child", "any"]
Show = Literal["self_harm"]

#: Keys of a condition map, in the order they are tried.
CONDITION_KINDS: tuple[str, ...] = (
    "all",
    "any",
    "points",
    "answer",
    "vital",
    "score",
    "age_months",
    "age_years",
    "day",
    "trend",
    "baseline_drop",
    "amber_streak",
    "no_checkin_for",
)
#: An `override` tag names the comparison it replaces by its last part: `red_lte`, `amber_gt`.
OVERRIDE_TAG = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(lt|lte|gt|gte)$")

Scalar = int | float | str


class _Strict(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """Strict keys (a typo is an error) and compact encoding."""


class Cmp(_Strict, kw_only=True):
    """Comparisons of one value; every comparison given must hold (at least one is required).

    `between` is inclusive at both ends. A missing value never satisfies a comparison, and
    `gt`/`gte`/`lt`/`lte`/`between` never hold for a text value.
    """

    eq: Scalar | None = None
    in_: list[Scalar] | None = msgspec.field(default=None, name="in")
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    between: tuple[float, float] | None = None

    def ops(self) -> dict[str, Any]:
        """The comparisons given, by their YAML name."""
        out: dict[str, Any] = {}
        for name in ("eq", "gt", "gte", "lt", "lte", "between"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.in_ is not None:
            out["in"] = self.in_
        return out


class AnswerCond(Cmp, kw_only=True):
    """An answer of the check-in: `{item: da_confusion, eq: 1}`."""

    item: str
    #: Per-patient overrides may replace the comparison named by the tag (`amber_gte`).
    override: str | None = None


class VitalCond(Cmp, kw_only=True):
    """A vital sign of the check-in: `{name: resp_rate, gte: 25, override: red_gte}`."""

    name: str
    override: str | None = None


class ScoreCond(Cmp, kw_only=True):
    """A questionnaire total given with the check-in: `{questionnaire: phq9, gte: 20}`."""

    questionnaire: str
    override: str | None = None


class Trend(_Strict, kw_only=True):
    """The last `rising_over` values of a vital sign (this check-in's included) strictly rise."""

    vital: str
    rising_over: int


class BaselineDrop(_Strict, kw_only=True):
    """The vital sign is at least `by` below the person's baseline.

    The baseline is the one given in the overrides, else the median of the first `first`
    measurements in the history (oldest first); with fewer measurements there is no baseline.
    """

    vital: str
    by: float
    first: int = 3


class AmberStreak(_Strict, kw_only=True):
    """This check-in is amber or red and so was at least one check-in on each of the
    `days - 1` local calendar days before it."""

    days: int


class NoCheckin(_Strict, kw_only=True):
    """No check-in for `days` × 24 hours (evaluated by `evaluate_missed` only)."""

    days: int


class PointsItem(_Strict, kw_only=True):
    points: float
    when: Condition


class Points(_Strict, kw_only=True):
    """The sum of the points of the items whose condition holds is at least `gte`."""

    gte: float
    of: list[PointsItem]


class Condition(_Strict, kw_only=True):
    """One condition: exactly one field is set (see content/rules/README.md)."""

    all: list[Condition] | None = None
    any: list[Condition] | None = None
    points: Points | None = None
    answer: AnswerCond | None = None
    vital: VitalCond | None = None
    score: ScoreCond | None = None
    age_months: Cmp | None = None
    age_years: Cmp | None = None
    day: Cmp | None = None
    trend: Trend | None = None
    baseline_drop: BaselineDrop | None = None
    amber_streak: AmberStreak | None = None
    no_checkin_for: NoCheckin | None = None

    def __post_init__(self) -> None:
        given = [k for k in CONDITION_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a condition has exactly one of "
                + ", ".join(CONDITION_KINDS)
                + (f"; found {', '.join(given)}" if given else "; found none")
            )

    @property
    def kind(self) -> str:
        return next(k for k in CONDITION_KINDS if getattr(self, k) is not None)

    def walk(self) -> Iterator[Condition]:
        """This condition and every condition nested in it."""
        yield self
        for child in self.children():
            yield from child.walk()

    def children(self) -> list[Condition]:
        if self.all is not None:
            return list(self.all)
        if self.any is not None:
            return list(self.any)
        if self.points is not None:
            return [p.when for p in self.points.of]
        return []


class AppliesTo(_Strict, kw_only=True):
    """Who a rule is for. An age band is skipped only when the age is known and outside it."""

    group: Group
    age_months: Cmp | None = None


class Rule(_Strict, kw_only=True):
    id: str
    level: Level
    applies_to: AppliesTo
    #: Plain-language reason shown to the person.
    reason: Text
    #: What a clinician reads on the alert: the criterion in clinical terms, e.g. "SpO2 ≤ 91 %
    #: (NEWS2 scale 1, scores 3)". Required, and never the person's `reason` again (the loader
    #: checks both).
    clinician: Text
    source: str
    when: Condition
    #: Urgent alerts escalate at once. Default: true for red, false for amber.
    urgent: bool | None = None
    #: A special screen the client must show (self_harm: the immediate help block).
    show: Show | None = None
    #: Why the threshold is what it is, for clinicians reviewing the content.
    rationale: Text | None = None
    #: The booklet page (its id) that explains this sign to the person; the result links to it.
    booklet: str | None = None

    @property
    def is_urgent(self) -> bool:
        return self.urgent if self.urgent is not None else self.level == "red"

    @property
    def scheduled(self) -> bool:
        """Evaluated by the missed check-in job (`evaluate_missed`), not on a check-in."""
        return any(c.no_checkin_for is not None for c in self.when.walk())

    @property
    def needs_level(self) -> bool:
        """Depends on the level of this check-in (`amber_streak`): evaluated in a second pass."""
        return any(c.amber_streak is not None for c in self.when.walk())


class RuleFile(_Strict, kw_only=True):
    """One file of content/rules/ (its `id` equals the file name)."""

    id: str
    title: Text
    description: Text | None = None
    source: str
    reviewed_on: datetime.date
    #: Rules on private answers (relais.content.schemas.Questionnaire.private): an adult's family
    #: members see the level of a check-in, not these rules' reasons.
    private: bool = False
    rules: list[Rule]


class Ruleset(_Strict, kw_only=True, dict=True):
    """Every rule the evaluator considers, in file order."""

    rules: list[Rule]

    @classmethod
    def from_files(cls, files: Sequence[RuleFile]) -> Ruleset:
        return cls(rules=[r for f in files for r in f.rules])

    def passes(self) -> tuple[list[Rule], list[Rule], list[Rule]]:
        """(first pass, `amber_streak` pass, scheduled) rules, computed once per ruleset.

        Treat a ruleset as immutable once built: the partition is cached on it.
        """
        cached = self.__dict__.get("_passes")
        if cached is None:
            first = [r for r in self.rules if not r.scheduled and not r.needs_level]
            second = [r for r in self.rules if not r.scheduled and r.needs_level]
            missed = [r for r in self.rules if r.scheduled]
            cached = self.__dict__["_passes"] = (first, second, missed)
        return cached


class VitalSign(_Strict, kw_only=True):
    """A vital sign a person may enter; a value outside [min, max] is refused, not stored."""

    name: str
    label: Text
    #: UCUM code (`Cel`, `%`, `/min`, `mm[Hg]`, `kg`).
    unit: str
    #: How the unit is shown (°C, %, /min, mmHg, kg).
    symbol: str
    loinc: str
    min: float
    max: float
    step: float
    decimals: int
    help: Text | None = None
    source: str
    #: More LOINC codes the exported Observation carries beside `loinc` (SpO2's 2708-6, which the
    #: FHIR R4 oxygen saturation profile asks for).
    codes: list[str] = []
    #: The FHIR R4 vital-signs profile the exported Observation conforms to (canonical URL).
    profile: str | None = None


class VitalPanel(_Strict, kw_only=True):
    """Vital signs exported together as one Observation with components (blood pressure)."""

    name: str
    label: Text
    loinc: str
    #: The FHIR R4 profile of the panel (canonical URL).
    profile: str | None = None
    #: Names of `vitals`, each a component with its own LOINC code.
    components: list[str]
    source: str


class VitalsFile(_Strict, kw_only=True):
    source: str
    reviewed_on: datetime.date
    vitals: list[VitalSign]
    panels: list[VitalPanel] = []

    def __post_init__(self) -> None:
        names = {v.name for v in self.vitals}
        for panel in self.panels:
            unknown = [c for c in panel.components if c not in names]
            if unknown:
                raise ValueError(f"panel {panel.name} names unknown vital signs: {unknown}")

    def by_name(self) -> dict[str, VitalSign]:
        return {v.name: v for v in self.vitals}


class Overrides(_Strict, kw_only=True):
    """Per-patient settings chosen by the care team, passed to the evaluator.

    `thresholds`: {vital name, item id or questionnaire id: {override tag: value}}, e.g.
    `{"spo2": {"red_lte": 85, "amber_lte": 88}}` replaces the `lte` of every condition on spo2
    tagged `override: red_lte` (and `amber_lte`). `baselines`: {vital name: value}, the person's
    own baseline used by `baseline_drop` instead of the median of the first check-ins.
    """

    thresholds: dict[str, dict[str, float]] = {}
    baselines: dict[str, float] = {}


# ---------------------------------------------------------------------------------------------
# Reference and consistency checks


def check_references(
    rules: Sequence[RuleFile] | Ruleset,
    questionnaires: Mapping[str, Questionnaire],
    vitals: VitalsFile | None,
) -> list[tuple[str, str]]:
    """(rule id, message) for every rule that names something unknown or cannot ever fire.

    Checks: duplicate ids; unknown items, questionnaires (and unscored ones) and vital signs;
    comparisons with no operator, an empty range, or a range outside what the item or vital sign
    can take; answer values that are not options of the item; malformed override tags;
    `no_checkin_for` mixed with check-in data; `points` that cannot reach their threshold.
    """
    rule_list = rules.rules if isinstance(rules, Ruleset) else Ruleset.from_files(rules).rules
    items: dict[str, tuple[Questionnaire, Any]] = {}
    for q in questionnaires.values():
        for it in q.items:
            items[it.id] = (q, it)
    vital_defs = vitals.by_name() if vitals is not None else None
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for rule in rule_list:
        if rule.id in seen:
            out.append((rule.id, "duplicate rule id"))
        seen.add(rule.id)
        for msg in _check_rule(rule, questionnaires, items, vital_defs):
            out.append((rule.id, msg))
    return out


def _check_rule(
    rule: Rule,
    questionnaires: Mapping[str, Questionnaire],
    items: Mapping[str, tuple[Questionnaire, Any]],
    vital_defs: Mapping[str, VitalSign] | None,
) -> Iterator[str]:
    if rule.applies_to.age_months is not None:
        yield from _check_cmp("applies_to.age_months", rule.applies_to.age_months, (0, math.inf))
    if rule.show == "self_harm" and rule.level != "red":
        yield "a rule that shows the self-harm help must be red"
    if rule.scheduled:
        for c in rule.when.walk():
            if c.kind in ("answer", "vital", "score", "trend", "baseline_drop", "amber_streak"):
                yield f"`no_checkin_for` is evaluated without a check-in: `{c.kind}` never holds"
    for c in rule.when.walk():
        yield from _check_condition(c, questionnaires, items, vital_defs)


def _check_condition(
    c: Condition,
    questionnaires: Mapping[str, Questionnaire],
    items: Mapping[str, tuple[Questionnaire, Any]],
    vital_defs: Mapping[str, VitalSign] | None,
) -> Iterator[str]:
    kind = c.kind
    if c.all is not None or c.any is not None:
        if not (c.all if c.all is not None else c.any):
            yield f"`{kind}` needs at least one condition"
    elif c.points is not None:
        if not c.points.of:
            yield "`points` needs at least one item"
        if sum(max(p.points, 0) for p in c.points.of) < c.points.gte:
            yield f"`points` can never reach {c.points.gte}"
    elif c.answer is not None:
        a = c.answer
        yield from _check_tag(a.override, a)
        found = items.get(a.item)
        if found is None:
            yield f"unknown questionnaire item `{a.item}`"
        else:
            q, it = found
            yield from _check_answer(a, q, it)
    elif c.vital is not None:
        v = c.vital
        yield from _check_tag(v.override, v)
        if v.eq is not None or v.in_ is not None:
            yield f"vital `{v.name}`: use ranges (gt, gte, lt, lte, between), not eq/in"
        if vital_defs is not None:
            d = vital_defs.get(v.name)
            if d is None:
                yield f"unknown vital sign `{v.name}`"
            else:
                yield from _check_cmp(f"vital `{v.name}`", v, (d.min, d.max))
        else:
            yield from _check_cmp(f"vital `{v.name}`", v, None)
    elif c.score is not None:
        s = c.score
        yield from _check_tag(s.override, s)
        sq = questionnaires.get(s.questionnaire)
        if sq is None:
            yield f"unknown questionnaire `{s.questionnaire}`"
        elif not sq.scored:
            yield f"questionnaire `{s.questionnaire}` is not scored"
        else:
            yield from _check_cmp(f"score `{s.questionnaire}`", s, None)
    elif c.age_months is not None:
        yield from _check_cmp("age_months", c.age_months, (0, math.inf))
    elif c.age_years is not None:
        yield from _check_cmp("age_years", c.age_years, (0, math.inf))
    elif c.day is not None:
        yield from _check_cmp("day", c.day, None)
    elif c.trend is not None:
        if c.trend.rising_over < 2:
            yield "`trend.rising_over` must be at least 2"
        yield from _check_vital_name(c.trend.vital, vital_defs)
    elif c.baseline_drop is not None:
        if c.baseline_drop.by <= 0 or c.baseline_drop.first < 1:
            yield "`baseline_drop` needs `by` > 0 and `first` >= 1"
        yield from _check_vital_name(c.baseline_drop.vital, vital_defs)
    elif c.amber_streak is not None:
        if c.amber_streak.days < 2:
            yield "`amber_streak.days` must be at least 2"
    elif c.no_checkin_for is not None and c.no_checkin_for.days < 1:
        yield "`no_checkin_for.days` must be at least 1"


def _check_vital_name(name: str, vital_defs: Mapping[str, VitalSign] | None) -> Iterator[str]:
    if vital_defs is not None and name not in vital_defs:
        yield f"unknown vital sign `{name}`"


def _check_tag(tag: str | None, cmp: Cmp) -> Iterator[str]:
    if tag is None:
        return
    m = OVERRIDE_TAG.match(tag)
    if m is None:
        yield f"override tag `{tag}` must end with _lt, _lte, _gt or _gte"
    elif getattr(cmp, m.group(1)) is None:
        yield f"override tag `{tag}` names `{m.group(1)}`, which the condition does not use"


def _check_answer(a: AnswerCond, q: Questionnaire, item: Any) -> Iterator[str]:
    label = f"answer `{a.item}`"
    if item.type == "text":
        if any(op != "eq" and op != "in" for op in a.ops()):
            yield f"{label}: a text answer can only be compared with eq or in"
        return
    if item.type in ("choice", "yesno"):
        values = [o.value for o in q.options_of(item)]
        for v in [a.eq] if a.eq is not None else []:
            if v not in values or isinstance(v, str):
                yield f"{label}: {v!r} is not one of the options {values}"
        for v in a.in_ or []:
            if v not in values or isinstance(v, str):
                yield f"{label}: {v!r} is not one of the options {values}"
        rng: tuple[float, float] | None = (min(values), max(values)) if values else None
    else:
        lo = item.min if item.min is not None else -math.inf
        hi = item.max if item.max is not None else math.inf
        rng = (lo, hi)
    yield from _check_cmp(label, a, rng)


def interval(cmp: Cmp) -> tuple[float, bool, float, bool]:
    """The interval (low, low included, high, high included) a comparison accepts (numbers)."""
    lo, lo_in, hi, hi_in = -math.inf, False, math.inf, False

    def raise_lo(v: float, inc: bool) -> None:
        nonlocal lo, lo_in
        if v > lo or (v == lo and not inc):
            lo, lo_in = v, inc

    def lower_hi(v: float, inc: bool) -> None:
        nonlocal hi, hi_in
        if v < hi or (v == hi and not inc):
            hi, hi_in = v, inc

    if cmp.gt is not None:
        raise_lo(cmp.gt, False)
    if cmp.gte is not None:
        raise_lo(cmp.gte, True)
    if cmp.lt is not None:
        lower_hi(cmp.lt, False)
    if cmp.lte is not None:
        lower_hi(cmp.lte, True)
    if cmp.between is not None:
        raise_lo(cmp.between[0], True)
        lower_hi(cmp.between[1], True)
    if isinstance(cmp.eq, int | float) and not isinstance(cmp.eq, bool):
        raise_lo(float(cmp.eq), True)
        lower_hi(float(cmp.eq), True)
    return lo, lo_in, hi, hi_in


def _empty(lo: float, lo_in: bool, hi: float, hi_in: bool) -> bool:
    return lo > hi or (lo == hi and not (lo_in and hi_in))


def _check_cmp(label: str, cmp: Cmp, allowed: tuple[float, float] | None) -> Iterator[str]:
    ops = cmp.ops()
    if not ops:
        yield f"{label}: no comparison (eq, in, gt, gte, lt, lte, between)"
        return
    if cmp.in_ is not None and not cmp.in_:
        yield f"{label}: `in` is empty"
    if cmp.between is not None and cmp.between[0] > cmp.between[1]:
        yield f"{label}: `between` goes from {cmp.between[0]} down to {cmp.between[1]}"
    if isinstance(cmp.eq, str) and len(ops) > 1:
        yield f"{label}: a text `eq` cannot be combined with number comparisons"
        return
    lo, lo_in, hi, hi_in = interval(cmp)
    if _empty(lo, lo_in, hi, hi_in):
        yield f"{label}: the comparisons {ops} can never all hold"
        return
    if allowed is not None:
        a_lo, a_hi = allowed
        # Intersect with the closed range the value can take.
        if hi < a_lo or (hi == a_lo and not hi_in) or lo > a_hi or (lo == a_hi and not lo_in):
            yield f"{label}: {ops} is outside the possible values {a_lo}..{a_hi}"


def override_problems(ruleset: Ruleset, overrides: Overrides) -> list[FieldRefusal]:
    """Problems with per-patient overrides: unknown keys or tags, values in the wrong order (the
    field is the threshold's key, or ``baselines.<name>``; the messages are in
    relais.web.catalogue).

    Run it when a clinician saves overrides; the evaluator itself ignores unknown keys.
    """
    tags: dict[str, set[str]] = {}
    for rule in ruleset.rules:
        for c in rule.when.walk():
            for key, cmp in _tagged(c):
                if cmp.override is not None:
                    tags.setdefault(key, set()).add(cmp.override)
    out: list[FieldRefusal] = []
    for key, values in overrides.thresholds.items():
        known = tags.get(key)
        if known is None:
            out.append(FieldRefusal(key, "override-not-possible", {"key": key}))
            continue
        for tag, value in values.items():
            if tag not in known:
                names = ", ".join(sorted(known))
                out.append(
                    FieldRefusal(
                        key, "override-unknown-tag", {"key": key, "tag": tag, "known": names}
                    )
                )
            if not math.isfinite(value):
                out.append(FieldRefusal(key, "override-not-a-number", {"key": key, "tag": tag}))
        red_lte, amber_lte = values.get("red_lte"), values.get("amber_lte")
        if red_lte is not None and amber_lte is not None and red_lte > amber_lte:
            out.append(
                FieldRefusal(
                    key,
                    "override-red-above-amber",
                    {"key": key, "red": red_lte, "amber": amber_lte},
                )
            )
        red_gte, amber_gte = values.get("red_gte"), values.get("amber_gte")
        if red_gte is not None and amber_gte is not None and red_gte < amber_gte:
            out.append(
                FieldRefusal(
                    key,
                    "override-red-below-amber",
                    {"key": key, "red": red_gte, "amber": amber_gte},
                )
            )
    for name, value in overrides.baselines.items():
        if not math.isfinite(value):
            out.append(FieldRefusal(f"baselines.{name}", "baseline-not-a-number", {"name": name}))
    return out


def check_overrides(ruleset: Ruleset, overrides: Overrides) -> list[str]:
    """``override_problems`` said in English."""
    return [say("en", p.code, p.params) for p in override_problems(ruleset, overrides)]


def _tagged(c: Condition) -> Iterator[tuple[str, AnswerCond | VitalCond | ScoreCond]]:
    if c.answer is not None:
        yield c.answer.item, c.answer
    if c.vital is not None:
        yield c.vital.name, c.vital
    if c.score is not None:
        yield c.score.questionnaire, c.score


# ---------------------------------------------------------------------------------------------
# Loading (tests and tools; the application loads through relais.content.loader). YAML is read
# with the content library's loader (YAML 1.2 booleans, as the TypeScript `yaml` package).


def load_rule_files(content_dir: Path) -> list[RuleFile]:
    folder = content_dir / "rules"
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    return [msgspec.convert(read_yaml(p), RuleFile) for p in files]


def load_vitals(content_dir: Path) -> VitalsFile:
    return msgspec.convert(read_yaml(content_dir / "vitals.yaml"), VitalsFile)


def load_ruleset(content_dir: Path) -> Ruleset:
    """Every rule of content/rules/*.yaml (not the vectors folder), in file then rule order."""
    return Ruleset.from_files(load_rule_files(content_dir))
