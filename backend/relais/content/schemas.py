"""Schemas of every kind of content item (see content/README.md for the documented formats).

Every structure forbids unknown keys so that a typo in a content file is an error, not a silently
ignored line. Human-readable text is a `Text`: a map with both languages, French first. The type
cannot say "both keys present and non-empty", so the loader checks every `Text` after decoding
(it walks the decoded structure with `iter_texts`) and reports each missing translation with its
file and line.
"""

from __future__ import annotations

import datetime
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import msgspec

# The product's languages are the web layer's: every content text is written in each of them.
from relais.web.lang import DEFAULT_LANG as DEFAULT_LANG
from relais.web.lang import LANGS as LANGS

#: A human-readable text in every language of `LANGS`: ``{fr: "...", en: "..."}``.
Text = Annotated[
    dict[str, str],
    msgspec.Meta(
        title="Text",
        description="The same text in every supported language, e.g. {fr: ..., en: ...}",
        extra={"relais_text": True},
    ),
]


class _Item(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Base of every content structure: strict keys, keyword-only construction."""


# --------------------------------------------------------------------------------------------
# Questionnaires (content/questionnaires/<id>.yaml)

Audience = Literal["adult", "child", "parent", "any"]
ItemType = Literal["choice", "yesno", "number", "text"]
Method = Literal["sum", "mean"]


class Option(_Item, kw_only=True):
    value: int
    label: Text


class Item(_Item, kw_only=True):
    id: str
    type: ItemType
    text: Text
    help: Text | None = None
    #: For `choice` items: the name of one of the questionnaire's `option_sets`, or a list.
    options: str | list[Option] | None = None
    #: Reversed scoring: value -> max + min - value (over the item's option values).
    reverse: bool = False
    min: int | float | None = None
    max: int | float | None = None
    #: UCUM code of a number item, e.g. "Cel", "%", "/min", "mm[Hg]".
    unit: str | None = None
    #: When true the person may answer "I don't know / I don't have the device".
    optional: bool = False
    #: "relative": asked only when a relative fills the check-in in for the person (what they see
    #: of them), never of the person themselves.
    asked_of: Literal["anyone", "relative"] = "anyone"
    #: Picker questionnaires only: the body area the item is listed under (an id of `picker`).
    area: str | None = None
    #: Picker questionnaires only: words and phrases, per language, that a person may write for
    #: this sign. They find it in the picker's search, and a free note that holds one offers the
    #: item to confirm (the red-flag vocabulary): the note itself never changes a level.
    phrases: dict[str, list[str]] | None = None


class Band(_Item, kw_only=True):
    id: str
    min: int | float
    max: int | float
    label: Text


class Subscale(_Item, kw_only=True):
    id: str
    title: Text
    items: list[str]
    method: Method = "sum"


class Scoring(_Item, kw_only=True):
    method: Method = "sum"
    #: The scored items; by default every choice and number item.
    items: list[str] | None = None
    subscales: list[Subscale] = []
    #: Severity bands; when present they cover every reachable total, no gap, no overlap.
    bands: list[Band] = []
    #: The LOINC code of the total (PHQ-9 44261-6, GAD-7 70274-6), given only when it is certain;
    #: otherwise the exported score is coded in the questionnaire's own CodeSystem.
    loinc: str | None = None


class PickerArea(_Item, kw_only=True):
    id: str
    title: Text


class Questionnaire(_Item, kw_only=True):
    id: str
    title: Text
    description: Text
    audience: Audience
    source: str
    licence: str
    reviewed_on: datetime.date
    scored: bool
    #: Answers about mental health (mood, anxiety, trauma, self-harm): an adult's family members
    #: do not see them, nor their scores, unless the adult allows it.
    private: bool = False
    recall: Text | None = None
    option_sets: dict[str, list[Option]] = {}
    items: list[Item]
    scoring: Scoring | None = None
    #: A symptom picker: the person ticks what applies in a list grouped by these body areas
    #: (every item a yes/no with an `area`) instead of answering one question per screen.
    picker: list[PickerArea] | None = None

    def options_of(self, item: Item) -> list[Option]:
        """The answer options of a choice item (its option set resolved); [] for other types."""
        if item.type == "yesno":
            return [
                Option(value=1, label={"fr": "Oui", "en": "Yes"}),
                Option(value=0, label={"fr": "Non", "en": "No"}),
            ]
        if isinstance(item.options, str):
            return list(self.option_sets.get(item.options, []))
        return list(item.options or [])

    def scored_items(self) -> list[Item]:
        """Items that count in the total (the `scoring.items` list, or every choice/number)."""
        by_id = {it.id: it for it in self.items}
        if self.scoring is not None and self.scoring.items is not None:
            return [by_id[i] for i in self.scoring.items if i in by_id]
        return [it for it in self.items if it.type in ("choice", "number")]


# --------------------------------------------------------------------------------------------
# Booklet pages (content/booklet/<lang>/<NN>-<slug>.md, front matter between `---` lines)

Section = Literal[
    "understand", "after-effects", "watch", "follow-up", "rights", "family", "children"
]
PageAudience = Literal["all", "adult", "child"]
SECTIONS: tuple[str, ...] = typing.get_args(Section)


class BookletPage(_Item, kw_only=True):
    """Front matter of one booklet page in one language (the body is the Markdown after it)."""

    id: str
    title: str
    section: Section
    audience: PageAudience = "all"
    order: int
    source: str
    reviewed_on: datetime.date
    summary: str


# --------------------------------------------------------------------------------------------
# Escalation guidance (content/guidance/escalation.yaml)

#: Placeholders that guidance text may use; the client fills them per deployment and person.
PLACEHOLDERS: frozenset[str] = frozenset(
    {"emergency_number", "crisis_line", "team_phone", "next_checkin"}
)


class Signs(_Item, kw_only=True):
    adult: list[Text] = []
    child: list[Text] = []


class Level(_Item, kw_only=True):
    """One escalation level (red, amber or green)."""

    title: Text
    action: Text
    #: What to say on the phone (red).
    what_to_say: list[Text] = []
    #: What to do while waiting for help (red).
    while_waiting: list[Text] = []
    signs: Signs = msgspec.field(default_factory=Signs)
    #: Shown on the screen, so in every language.
    source: Text
    reviewed_on: datetime.date | None = None


class SelfHarm(_Item, kw_only=True):
    """Immediate help when a person has thoughts of harming themselves."""

    title: Text
    action: Text
    steps: list[Text] = []
    #: Shown on the screen, so in every language.
    source: Text
    reviewed_on: datetime.date | None = None


class Levels(_Item, kw_only=True):
    red: Level
    amber: Level
    green: Level


#: Placeholders the server fills in the sharing texts (``Sharing``), besides ``PLACEHOLDERS``.
SHARING_PLACEHOLDERS: frozenset[str] = frozenset({"team", "alerted_team"})


class Sharing(_Item, kw_only=True):
    """What stopping (or resuming) sharing with a care team does, told before the person confirms:
    above all, which team will be alerted afterwards, or that none will (a clinical decision)."""

    #: Stopping: the lines shown first ({team}: the team concerned).
    stop: list[Text]
    #: Resuming ({team}).
    resume: Text
    #: Who is alerted after the change, when a team still shares ({alerted_team}).
    alerts_to: Text
    #: When no team shares any more: nobody is alerted ({emergency_number}).
    alerts_nobody: Text
    #: Shown on the screen, so in every language.
    source: Text
    reviewed_on: datetime.date | None = None


class Guidance(_Item, kw_only=True):
    """The escalation guidance shown the same way everywhere (red / amber / green), and who is
    alerted when a person stops sharing with a team."""

    #: Format version of the file.
    version: int = 1
    #: Shown on the screen, so in every language.
    source: Text
    reviewed_on: datetime.date
    levels: Levels
    self_harm: SelfHarm
    sharing: Sharing


# --------------------------------------------------------------------------------------------
# Follow-up plans (content/plans/<id>.yaml)

PlanItemKind = Literal["checkin", "questionnaire", "review", "evaluation", "school", "experience"]
#: `discharge`: day 0 is the discharge date. `day1`: day 0 is the date of the first symptom
#: ("day 1" of the illness, so clinical day N is offset N - 1).
Anchor = Literal["discharge", "day1"]
#: Who completes the item: the patient (or a proxy logging for them), a family member about
#: themselves (e.g. a parent's own wellbeing screen), or the care team (reviews, evaluations).
By = Literal["patient", "family", "team"]
#: Kinds that must name at least one questionnaire.
KINDS_WITH_QUESTIONNAIRES: frozenset[str] = frozenset({"checkin", "questionnaire", "experience"})


class CriticalWindow(_Item, kw_only=True):
    """Days (offsets from the anchor, inclusive) when worsening is most likely (seed 001)."""

    from_day: int
    to_day: int
    note: Text | None = None


class PlanItem(_Item, kw_only=True):
    """One scheduled thing: either once (`at_day`) or recurring (`start_day`..`end_day`)."""

    id: str
    kind: PlanItemKind
    title: Text
    by: By = "patient"
    questionnaires: list[str] = []
    #: Once, at this offset from the anchor date.
    at_day: int | None = None
    #: Recurring: first offset, last offset (inclusive; null = until the plan ends), period.
    start_day: int | None = None
    end_day: int | None = None
    every_days: int | None = None
    #: Recurring check-ins may be due more than once a day (e.g. morning and evening).
    times_per_day: int = 1
    #: Days after the due date during which the item is still "due"; afterwards "missed".
    window_days: int = 0
    note: Text | None = None


class FollowUpPlan(_Item, kw_only=True):
    id: str
    title: Text
    description: Text
    #: Who the plan fits, by age on the day of enrolment (`any`: adults and children alike; the
    #: daily questions then follow the person's age on the day of each check-in).
    audience: Literal["adult", "child", "any"]
    anchor: Anchor
    #: Length of the follow-up in days from the anchor; recurring items stop here at the latest.
    duration_days: int
    source: str
    reviewed_on: datetime.date
    critical_window: CriticalWindow | None = None
    items: list[PlanItem]


# --------------------------------------------------------------------------------------------
# Walking texts


def _is_text(annotation: Any) -> bool:
    if typing.get_origin(annotation) is Annotated:
        return any(
            isinstance(m, msgspec.Meta) and (m.extra or {}).get("relais_text")
            for m in annotation.__metadata__
        )
    return False


def iter_texts(value: Any, annotation: Any = None, path: str = "$") -> Iterator[tuple[str, Any]]:
    """Yield (msgspec-style path, value) for every `Text` field inside a decoded structure."""
    if annotation is None:
        annotation = type(value)
    if _is_text(annotation):
        yield path, value
        return
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        yield from iter_texts(value, typing.get_args(annotation)[0], path)
        return
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return
        for arg in typing.get_args(annotation):
            if _matches(value, arg):
                yield from iter_texts(value, arg, path)
                return
        return
    if origin is list and isinstance(value, list):
        (arg,) = typing.get_args(annotation)
        for i, v in enumerate(value):
            yield from iter_texts(v, arg, f"{path}[{i}]")
        return
    if origin is dict and isinstance(value, dict):
        _, arg = typing.get_args(annotation)
        for k, v in value.items():
            yield from iter_texts(v, arg, f"{path}.{k}")
        return
    if isinstance(value, msgspec.Struct):
        hints = typing.get_type_hints(type(value), include_extras=True)
        for name in value.__struct_fields__:
            yield from iter_texts(getattr(value, name), hints[name], f"{path}.{name}")


def _matches(value: Any, annotation: Any) -> bool:
    base = annotation
    if typing.get_origin(base) is Annotated:
        base = typing.get_args(base)[0]
    origin = typing.get_origin(base) or base
    if origin is types.NoneType:
        return value is None
    try:
        return isinstance(value, origin)
    except TypeError:
        return False


# --------------------------------------------------------------------------------------------
# Coverage of the danger signs (content/coverage.yaml): one row per sign of the guidelines the
# product follows, with what captures it (an item or a vital sign, and the rule that fires on it)
# or why it is left out.

CoverageGroup = Literal["adult", "child", "any"]


class CoverageRow(_Item, kw_only=True):
    sign: Text
    #: A key of `Coverage.sources`.
    source: str
    group: CoverageGroup
    #: The list or column of the source the sign is in ("high risk", "red", "call 999"...).
    column: str
    #: The questionnaire item or vital sign that captures the sign ...
    item: str | None = None
    #: ... and the rule that fires on it (it names the item in its condition).
    rule: str | None = None
    #: Or why the sign is not captured (a laboratory value, a sign only a clinician can see).
    left_out: Text | None = None


class Coverage(_Item, kw_only=True):
    id: str
    title: Text
    reviewed_on: datetime.date
    #: Key -> full citation of each source the rows name.
    sources: dict[str, str]
    rows: list[CoverageRow]
