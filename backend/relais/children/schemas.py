from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from relais.checkins.schemas import AlertRef
from relais.web.schemas import Base, In

Answer = Literal["yes", "not_yet", "not_sure"]
Key = Annotated[str, msgspec.Meta(min_length=1, max_length=60, pattern=r"^[a-z0-9_]+$")]
AnswerValue = int | float | str | bool | None
SchoolState = Literal["todo", "in_progress", "done", "not_needed"]
Responsible = Literal["family", "team"]
#: How a length/height was measured: lying down (recumbent length) or standing (height).
Position = Literal["recumbent", "standing"]


# --- development -------------------------------------------------------------------------------


class AgeOut(Base):
    days: int
    months: float
    corrected: bool
    #: Shown when the age is corrected (born early).
    note: str | None = None


class MilestoneOut(Base):
    id: str
    domain: str
    text: str
    example: str
    #: For a milestone asked again from an earlier check: the answer given then.
    previous: Answer | None = None


class CheckSummary(Base):
    id: str
    age_months: int
    title: str
    status: Literal["done", "due", "missed", "upcoming"]
    answered_at: dt.datetime | None = None


class CheckView(Base):
    id: str
    age_months: int
    title: str
    milestones: list[MilestoneOut]
    #: Milestones of the last answered check, asked again ("does your child still ...").
    recheck: list[MilestoneOut]


class DevelopmentIn(In):
    id: uuid.UUID
    check_id: Key
    answered_at: dt.datetime
    answers: Annotated[dict[Key, Answer], msgspec.Meta(min_length=1, max_length=200)]


class DevelopmentCompletionIn(In):
    """Answers, given later, to milestones first answered "not sure"."""

    answers: Annotated[
        dict[Key, Literal["yes", "not_yet"]], msgspec.Meta(min_length=1, max_length=200)
    ]


class DevelopmentResult(Base):
    id: uuid.UUID
    check_id: str
    answered_at: dt.datetime
    age: AgeOut
    answers: dict[str, Answer]
    not_yet: list[str]
    not_sure: list[str]
    regressions: list[str]
    alert_domains: list[str]
    next_steps: list[str]
    alert: AlertRef | None
    reviewed_at: dt.datetime | None = None
    #: Milestones first answered "not sure" and answered later, with when.
    completed_later: dict[str, dt.datetime] = {}


class ReviewItem(Base):
    check_uuid: uuid.UUID
    check_id: str
    answered_at: dt.datetime
    milestone_id: str
    domain: str
    text: str
    regression: bool
    #: "not_yet" (a regression is always one) or "not_sure".
    answer: Answer = "not_yet"


class DevelopmentOut(Base):
    age: AgeOut
    disclaimer: str
    answer_labels: dict[str, str]
    domains: dict[str, str]
    checks: list[CheckSummary]
    due: CheckView | None
    history: list[DevelopmentResult]
    #: "Not yet" and "not sure" answers the team has not reviewed (empty for the family).
    review: list[ReviewItem]
    #: The text of every milestone answered in `history`, by id.
    milestone_text: dict[str, str] = {}


class ReviewCheck(Base):
    """One answered check with "not yet" or "not sure" answers the team has not reviewed."""

    check_uuid: uuid.UUID
    patient_id: uuid.UUID
    given_name: str
    family_name: str
    check_id: str
    title: str
    answered_at: dt.datetime
    age: AgeOut
    #: Regressions first, then "not yet", then "not sure".
    items: list[ReviewItem]
    regressions: int
    alert: AlertRef | None = None


class DevelopmentReviewOut(Base):
    """The development checks awaiting the team's review, across the caller's teams."""

    checks: list[ReviewCheck]
    count: int
    domains: dict[str, str]
    answer_labels: dict[str, str]


# --- growth ------------------------------------------------------------------------------------


class GrowthIn(In):
    id: uuid.UUID
    measured_on: dt.date
    weight_kg: float | None = None
    length_cm: float | None = None
    #: How the length/height was measured; when not given, as WHO expects for the age (lying
    #: down under 24 months, standing from 24 months).
    position: Position | None = None
    head_cm: float | None = None
    note: Annotated[str, msgspec.Meta(max_length=300)] = ""


class GrowthCorrectionIn(In):
    """The measurement as it should have been recorded (every value, as the form shows them)."""

    measured_on: dt.date
    weight_kg: float | None = None
    length_cm: float | None = None
    position: Position | None = None
    head_cm: float | None = None
    note: Annotated[str, msgspec.Meta(max_length=300)] = ""
    #: Why: required from the team, optional for the family within the first 24 hours.
    reason: Annotated[str, msgspec.Meta(max_length=300)] = ""


class GrowthRemovalIn(In):
    reason: Annotated[str, msgspec.Meta(max_length=300)] = ""


class GrowthChangeOut(Base):
    kind: Literal["corrected", "removed"]
    at: dt.datetime
    #: Who changed it, as what: self, proxy (the family) or staff (the team).
    by_as: str
    reason: str
    #: The values before the change (kg, cm), to show what was corrected.
    before: dict[str, float | None]
    #: The alert opened by the wrong value was withdrawn by this change.
    withdrew_alert: bool


class ZOut(Base):
    indicator: str
    reference: str
    value: float
    z: float
    centile: float
    #: True when the value is so far from the curves it should be checked.
    check: bool


class MeasurementOut(Base):
    id: uuid.UUID
    measured_on: dt.date
    age: AgeOut
    weight_kg: float | None
    #: As measured.
    length_cm: float | None
    head_cm: float | None
    bmi: float | None
    note: str
    scores: list[ZOut]
    entered_as: str
    reasons: list[str]
    alert: AlertRef | None = None
    #: How the length/height was measured (as WHO expects for the age when it was not recorded).
    position: Position | None = None
    #: The length/height compared with WHO's tables: +0.7 cm when measured standing under 24
    #: months, -0.7 cm when measured lying down from 24 months; else as measured. BMI and the
    #: z-scores use it.
    length_adjusted_cm: float | None = None
    #: Corrections made after it was recorded, oldest first.
    changes: list[GrowthChangeOut] = []
    #: Whether the reader may correct or remove it now (the family: its own entries, for 24 hours;
    #: the team: always, with a reason), and until when for the family.
    can_change: bool = False
    change_until: dt.datetime | None = None


class GrowthResult(MeasurementOut):
    messages: list[str] = []


class CurveOut(Base):
    centile: float
    z: float
    #: [x, value] pairs.
    points: list[tuple[float, float]]


class ChartPoint(Base):
    measurement_id: uuid.UUID
    x: float
    value: float
    z: float
    centile: float


class ChartOut(Base):
    indicator: str
    title: str
    sex: str
    x_kind: str
    measure: str
    references: list[str]
    curves: list[CurveOut]
    points: list[ChartPoint]


class IndicatorOut(Base):
    id: str
    title: str


class PositionRule(Base):
    """WHO's rule for length lying down and height standing, for the form."""

    until_months: float
    difference_cm: float
    labels: dict[str, str]
    note: str
    source: str


class GrowthOut(Base):
    sex: str
    #: False when WHO curves do not apply (sex not recorded as female or male).
    curves_available: bool
    indicators: list[IndicatorOut]
    measurements: list[MeasurementOut]
    chart: ChartOut | None
    source: str
    #: To offer the expected position by the age on the day measured.
    birth_date: dt.date | None = None
    position_rule: PositionRule | None = None


# --- school ------------------------------------------------------------------------------------


class SchoolItemOut(Base):
    id: str
    order: int
    title: str
    help: str
    state: SchoolState
    state_label: str
    responsible: Responsible
    due_on: dt.date | None
    done_on: dt.date | None
    note: str
    updated_at: dt.datetime | None
    updated_as: str


class SchoolOut(Base):
    title: str
    description: str
    items: list[SchoolItemOut]
    done: int
    total: int
    #: The words of every state, for the choice of a step's state (not only the states in use).
    state_labels: dict[str, str] = {}


class SchoolItemIn(In):
    id: Key
    state: SchoolState
    responsible: Responsible | None = None
    due_on: dt.date | None = None
    done_on: dt.date | None = None
    note: Annotated[str, msgspec.Meta(max_length=500)] = ""


class SchoolIn(In):
    items: Annotated[list[SchoolItemIn], msgspec.Meta(min_length=1, max_length=50)]


# --- wellbeing ---------------------------------------------------------------------------------


class WellbeingIn(In):
    id: uuid.UUID
    questionnaire_id: Key
    taken_at: dt.datetime
    answers: Annotated[dict[Key, AnswerValue], msgspec.Meta(min_length=1, max_length=100)]


class WellbeingResult(Base):
    id: uuid.UUID
    questionnaire_id: str
    respondent: Literal["child", "parent"]
    taken_at: dt.datetime
    score: float | None
    positive: bool
    help: str
    alert: AlertRef | None
    answers: dict[str, AnswerValue] = {}


class ScreenInfo(Base):
    """A wellbeing screen the content offers, with when the follow-up asks for it."""

    questionnaire_id: str
    title: str
    respondent: Literal["child", "parent"]
    #: Whether the person asking may answer it (a parent's own screen: only that parent).
    can_answer: bool
    #: The follow-up asks for it now (due since, or overdue since the window closed).
    due_at: dt.datetime | None = None
    overdue: bool = False
    #: The next time the follow-up asks for it.
    next_at: dt.datetime | None = None
    #: When the person asking last saw it answered (the child's: by anyone; own: by them).
    last_taken_at: dt.datetime | None = None


class WellbeingOut(Base):
    screens: list[WellbeingResult]
    available: list[ScreenInfo] = []
