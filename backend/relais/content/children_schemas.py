"""Content kinds for children's follow-up: development milestones, WHO growth references, the
return-to-school checklist and the wellbeing screens.

    milestones/guidance.yaml      answers, domains, corrected age, alert thresholds, next steps
    milestones/mNN.yaml           one check per age in months (m02 ... m60)
    growth/growth.yaml            which WHO table answers which indicator, sex and age
    growth/tables/*.csv           WHO LMS tables (x, L, M, S [, SD3neg ... SD3])
    school/checklist.yaml         the shared return-to-school checklist
    wellbeing/screens.yaml        when a wellbeing screen is positive, and where to get help

Every folder is optional: a content tree without them loads, and `ContentLibrary.children` then
has the missing parts set to None (the children's routes answer 404 for those parts).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import msgspec

from relais.content.lms import LmsTable, TableError, parse_lms_csv
from relais.content.schemas import Questionnaire, Text, _Item
from relais.content.yamlsrc import YamlDoc

Domain = Literal["social_emotional", "language_communication", "cognitive", "movement_physical"]
DOMAINS: tuple[str, ...] = (
    "social_emotional",
    "language_communication",
    "cognitive",
    "movement_physical",
)
Answer = Literal["yes", "not_yet", "not_sure"]
ANSWERS: tuple[str, ...] = ("yes", "not_yet", "not_sure")
Sex = Literal["male", "female"]

# --------------------------------------------------------------------------------------------
# Milestones


class Milestone(_Item, kw_only=True):
    id: str
    domain: Domain
    text: Text
    example: Text


class MilestoneCheck(_Item, kw_only=True):
    id: str
    age_months: int
    title: Text
    source: str
    licence: str
    reviewed_on: datetime.date
    milestones: list[Milestone]


class AnswerLabels(_Item, kw_only=True):
    yes: Text
    not_yet: Text
    not_sure: Text


class DomainTitles(_Item, kw_only=True):
    social_emotional: Text
    language_communication: Text
    cognitive: Text
    movement_physical: Text


class CorrectedAge(_Item, kw_only=True):
    preterm_below_weeks: int = 37
    term_weeks: int = 40
    until_months: int = 24
    note: Text


class MilestoneAlerts(_Item, kw_only=True):
    not_yet_per_domain: int = 2
    regression: bool = True


class NextSteps(_Item, kw_only=True):
    all_yes: Text
    not_sure: Text
    not_yet: Text
    alert: Text


class MilestoneGuidance(_Item, kw_only=True):
    id: str
    title: Text
    source: str
    licence: str
    reviewed_on: datetime.date
    disclaimer: Text
    answers: AnswerLabels
    domains: DomainTitles
    corrected_age: CorrectedAge
    alerts: MilestoneAlerts
    next_steps: NextSteps


# --------------------------------------------------------------------------------------------
# Growth

XKind = Literal["age_months", "length_cm", "height_cm"]
Measure = Literal["weight_kg", "length_cm", "head_cm", "bmi"]


class Reference(_Item, kw_only=True):
    id: str
    title: Text


class Segment(_Item, kw_only=True):
    reference: str
    x: XKind
    age_from: float
    age_to: float
    male: str
    female: str


class Indicator(_Item, kw_only=True):
    id: str
    title: Text
    measure: Measure
    weight_based: bool
    segments: list[Segment]


class Range(_Item, kw_only=True):
    min: float
    max: float


class Plausible(_Item, kw_only=True):
    weight_kg: Range
    length_cm: Range
    head_cm: Range


class GrowthAlerts(_Item, kw_only=True):
    centile_lines_crossed_down: int = 2
    crossing_indicators: list[str] = []
    weight_loss_percent: float = 10


class GrowthMessages(_Item, kw_only=True):
    saved: Text
    crossing: Text
    weight_loss: Text
    check_value: Text


class LengthPosition(_Item, kw_only=True):
    """Length lying down or height standing: the age WHO's tables switch at, the difference
    between the two, what the person is told, and where the rule comes from."""

    until_months: float = 24
    difference_cm: float = 0.7
    #: Shown under the growth chart, so in every language.
    source: Text
    recumbent: Text
    standing: Text
    note: Text


class MeasureCode(_Item, kw_only=True):
    """How one measurement is exported: a FHIR R4 vital-signs Observation."""

    loinc: str
    #: UCUM code of the value (kg, cm).
    unit: str
    #: The FHIR R4 vital-signs profile (canonical URL).
    profile: str
    #: More LOINC codes by the way a length/height was taken (lying down, standing).
    recumbent: str | None = None
    standing: str | None = None


class GrowthCodes(_Item, kw_only=True):
    weight_kg: MeasureCode
    length_cm: MeasureCode
    head_cm: MeasureCode


class GrowthConfig(_Item, kw_only=True):
    id: str
    title: Text
    #: Shown under the growth chart, so in every language.
    source: Text
    licence: str
    reviewed_on: datetime.date
    references: list[Reference]
    indicators: list[Indicator]
    plausible: Plausible
    check_beyond_z: float = 5
    centile_lines: list[float]
    alerts: GrowthAlerts
    messages: GrowthMessages
    #: Optional: without it the WHO rule applies with its defaults (24 months, 0.7 cm).
    length_position: LengthPosition | None = None
    #: Optional: the LOINC codes, UCUM units and profiles of the exported measurements.
    codes: GrowthCodes | None = None

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)


# --------------------------------------------------------------------------------------------
# School checklist

SchoolState = Literal["todo", "in_progress", "done", "not_needed"]
SCHOOL_STATES: tuple[str, ...] = ("todo", "in_progress", "done", "not_needed")
Responsible = Literal["family", "team"]


class SchoolStates(_Item, kw_only=True):
    todo: Text
    in_progress: Text
    done: Text
    not_needed: Text


class ResponsibleLabels(_Item, kw_only=True):
    family: Text
    team: Text


class SchoolItem(_Item, kw_only=True):
    id: str
    order: int
    responsible: Responsible
    title: Text
    help: Text


class SchoolChecklist(_Item, kw_only=True):
    id: str
    title: Text
    description: Text
    source: str
    reviewed_on: datetime.date
    states: SchoolStates
    responsible: ResponsibleLabels
    items: list[SchoolItem]


# --------------------------------------------------------------------------------------------
# Wellbeing screens


class ItemsAtLeast(_Item, kw_only=True):
    items: list[str]
    value: int
    count: int


class Condition(_Item, kw_only=True):
    """One way a screen is positive: an item's value, a count of items, or the total score."""

    item: str | None = None
    gte: float | None = None
    items_at_least: ItemsAtLeast | None = None
    score_gte: float | None = None


class Screen(_Item, kw_only=True):
    questionnaire: str
    #: `child`: a parent answers about the child; `parent`: a parent answers about themselves.
    respondent: Literal["child", "parent"]
    positive_when: list[Condition]


class ScreenHelp(_Item, kw_only=True):
    positive: Text
    negative: Text


class WellbeingScreens(_Item, kw_only=True):
    id: str
    title: Text
    source: str
    reviewed_on: datetime.date
    screens: list[Screen]
    help: ScreenHelp

    def screen(self, questionnaire_id: str) -> Screen | None:
        return next((s for s in self.screens if s.questionnaire == questionnaire_id), None)


# --------------------------------------------------------------------------------------------
# The loaded children's content


@dataclass(frozen=True)
class ChildrenContent:
    milestone_guidance: MilestoneGuidance | None
    #: Checks sorted by age.
    checks: tuple[MilestoneCheck, ...]
    #: Every milestone by id, with its check.
    milestones: Mapping[str, tuple[MilestoneCheck, Milestone]]
    growth: GrowthConfig | None
    #: WHO tables by file name (growth/tables/<name>).
    tables: Mapping[str, LmsTable]
    school: SchoolChecklist | None
    wellbeing: WellbeingScreens | None

    def check(self, check_id: str) -> MilestoneCheck | None:
        return next((c for c in self.checks if c.id == check_id), None)


EMPTY = ChildrenContent(None, (), MappingProxyType({}), None, MappingProxyType({}), None, None)

# The loader's helpers, passed in so that this module does not import the loader.
Parse = Callable[[Path], YamlDoc | None]
Decode = Callable[[Path, YamlDoc, type[Any]], Any]
Add = Callable[[Path | str, int, str], None]


def load_children(
    root: Path,
    questionnaires: Mapping[str, Questionnaire],
    parse: Parse,
    decode: Decode,
    add: Add,
    check_id: Callable[[Path, YamlDoc, str], None],
) -> ChildrenContent:
    guidance, checks, milestones = _load_milestones(root, parse, decode, add, check_id)
    growth, tables = _load_growth(root, parse, decode, add, check_id)
    school = _load_one(root / "school" / "checklist.yaml", SchoolChecklist, parse, decode, add)
    if school is not None:
        _check_school(root / "school" / "checklist.yaml", school, add)
    wfile = root / "wellbeing" / "screens.yaml"
    wellbeing = _load_one(wfile, WellbeingScreens, parse, decode, add)
    if wellbeing is not None:
        _check_wellbeing(wfile, wellbeing, questionnaires, add)
    return ChildrenContent(
        milestone_guidance=guidance,
        checks=tuple(sorted(checks, key=lambda c: c.age_months)),
        milestones=MappingProxyType(milestones),
        growth=growth,
        tables=MappingProxyType(tables),
        school=school,
        wellbeing=wellbeing,
    )


def _load_one(file: Path, kind: type[Any], parse: Parse, decode: Decode, add: Add) -> Any:
    if not file.is_file():
        return None
    doc = parse(file)
    if doc is None:
        return None
    obj = decode(file, doc, kind)
    if obj is not None and getattr(obj, "id", file.stem) != file.stem:
        add(file, doc.key_line("$.id"), f"id `{obj.id}` does not match the file name")
    return obj


def _load_milestones(
    root: Path,
    parse: Parse,
    decode: Decode,
    add: Add,
    check_id: Callable[[Path, YamlDoc, str], None],
) -> tuple[MilestoneGuidance | None, list[MilestoneCheck], dict[str, Any]]:
    folder = root / "milestones"
    if not folder.is_dir():
        return None, [], {}
    guidance = _load_one(folder / "guidance.yaml", MilestoneGuidance, parse, decode, add)
    if guidance is None and not (folder / "guidance.yaml").is_file():
        add(folder / "guidance.yaml", 1, "the milestones guidance file is missing")
    checks: list[MilestoneCheck] = []
    milestones: dict[str, tuple[MilestoneCheck, Milestone]] = {}
    ages: dict[int, str] = {}
    files = sorted(p for p in folder.iterdir() if p.suffix == ".yaml" and p.stem != "guidance")
    for file in files:
        doc = parse(file)
        check = decode(file, doc, MilestoneCheck) if doc is not None else None
        if check is None or doc is None:
            continue
        check_id(file, doc, check.id)
        if check.age_months in ages:
            add(
                file,
                doc.key_line("$.age_months"),
                f"age {check.age_months} months is also the age of {ages[check.age_months]}",
            )
        ages[check.age_months] = file.name
        if not 0 < check.age_months <= 228:
            add(file, doc.key_line("$.age_months"), "age_months must be 1-228")
        if not check.milestones:
            add(file, doc.key_line("$.milestones"), "a check needs at least one milestone")
        for i, m in enumerate(check.milestones):
            if m.id in milestones:
                add(
                    file,
                    doc.key_line(f"$.milestones[{i}].id"),
                    f"duplicate milestone id `{m.id}` (also in {milestones[m.id][0].id})",
                )
            elif not m.id.startswith(f"{check.id}_"):
                add(
                    file,
                    doc.key_line(f"$.milestones[{i}].id"),
                    f"milestone id `{m.id}` must start with `{check.id}_`",
                )
            milestones.setdefault(m.id, (check, m))
        checks.append(check)
    return guidance, checks, milestones


def _load_growth(
    root: Path,
    parse: Parse,
    decode: Decode,
    add: Add,
    check_id: Callable[[Path, YamlDoc, str], None],
) -> tuple[GrowthConfig | None, dict[str, LmsTable]]:
    file = root / "growth" / "growth.yaml"
    if not file.is_file():
        return None, {}
    config: GrowthConfig | None = _load_one(file, GrowthConfig, parse, decode, add)
    if config is None:
        return None, {}
    tables: dict[str, LmsTable] = {}
    refs = {r.id for r in config.references}
    seen: set[str] = set()
    for indicator in config.indicators:
        if indicator.id in seen:
            add(file, 1, f"duplicate indicator `{indicator.id}`")
        seen.add(indicator.id)
        previous_to: float | None = None
        for seg in indicator.segments:
            where = f"indicator `{indicator.id}`"
            if seg.reference not in refs:
                add(file, 1, f"{where}: unknown reference `{seg.reference}`")
            if seg.age_from >= seg.age_to:
                add(file, 1, f"{where}: age_from must be below age_to")
            if previous_to is not None and seg.age_from != previous_to:
                add(file, 1, f"{where}: segments must follow each other without gap or overlap")
            previous_to = seg.age_to
            for name in (seg.male, seg.female):
                table = tables.get(name) or _load_table(root / "growth" / "tables" / name, add)
                if table is None:
                    continue
                tables[name] = table
                if seg.x == "age_months" and not (
                    table.x[0] <= seg.age_from and table.x[-1] >= seg.age_to - 1
                ):
                    add(
                        root / "growth" / "tables" / name,
                        1,
                        f"{where}: table covers {table.x[0]:g}-{table.x[-1]:g} months, the "
                        f"segment {seg.age_from:g}-{seg.age_to:g}",
                    )
    for name in config.alerts.crossing_indicators:
        if name not in seen:
            add(file, 1, f"alerts.crossing_indicators names unknown indicator `{name}`")
    pos = config.length_position
    if pos is not None and not (0 < pos.until_months <= 61 and 0 <= pos.difference_cm <= 2):
        add(file, 1, "length_position: until_months must be 1-61 and difference_cm 0-2")
    lines = config.centile_lines
    if sorted(lines) != lines or not all(0 < c < 100 for c in lines):
        add(file, 1, "centile_lines must be increasing percentiles between 0 and 100")
    return config, tables


def _load_table(path: Path, add: Add) -> LmsTable | None:
    if not path.is_file():
        add(path, 1, "growth table file not found")
        return None
    try:
        return parse_lms_csv(path.read_text(encoding="utf-8"))
    except TableError as exc:
        add(path, exc.line, exc.message)
        return None


def _check_school(file: Path, school: SchoolChecklist, add: Add) -> None:
    ids = [i.id for i in school.items]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        add(file, 1, f"duplicate school item `{dup}`")


def _check_wellbeing(
    file: Path, screens: WellbeingScreens, questionnaires: Mapping[str, Questionnaire], add: Add
) -> None:
    for screen in screens.screens:
        q = questionnaires.get(screen.questionnaire)
        if q is None:
            add(file, 1, f"screen names unknown questionnaire `{screen.questionnaire}`")
            continue
        items = {it.id for it in q.items}
        for cond in screen.positive_when:
            given = sum(x is not None for x in (cond.item, cond.items_at_least, cond.score_gte))
            if given != 1:
                add(
                    file,
                    1,
                    f"screen `{q.id}`: each condition gives one of item, items_at_least, score_gte",
                )
            if cond.item is not None and (cond.item not in items or cond.gte is None):
                add(file, 1, f"screen `{q.id}`: `{cond.item}` needs a known item and `gte`")
            if cond.items_at_least is not None:
                for iid in cond.items_at_least.items:
                    if iid not in items:
                        add(file, 1, f"screen `{q.id}`: unknown item `{iid}`")
            if cond.score_gte is not None and not q.scored:
                add(file, 1, f"screen `{q.id}`: score_gte needs a scored questionnaire")


def table_rows(children: ChildrenContent) -> list[tuple[str, ...]]:
    """Rows of the content README table for the children's content kinds."""

    def en(text: Any) -> str:
        return str(text.get("en", "")) if isinstance(text, dict) else str(text or "")

    out: list[tuple[str, ...]] = []
    g = children.milestone_guidance
    if g is not None:
        out.append(("milestones", g.id, en(g.title), g.source, g.licence, str(g.reviewed_on)))
    for c in children.checks:
        out.append(("milestones", c.id, en(c.title), c.source, c.licence, str(c.reviewed_on)))
    if children.growth is not None:
        gr = children.growth
        out.append(("growth", gr.id, en(gr.title), en(gr.source), gr.licence, str(gr.reviewed_on)))
    if children.school is not None:
        s = children.school
        out.append(("school", s.id, en(s.title), s.source, "-", str(s.reviewed_on)))
    if children.wellbeing is not None:
        w = children.wellbeing
        out.append(("wellbeing", w.id, en(w.title), w.source, "-", str(w.reviewed_on)))
    return out


def to_builtins(obj: Any) -> Any:
    return msgspec.to_builtins(obj)
