from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from relais.accounts.schemas import Email, Locale, Password
from relais.consent.schemas import AcceptIn as ConsentChoice
from relais.web.schemas import Base, In

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Phone = Annotated[str, msgspec.Meta(max_length=30, pattern=r"^[0-9+() .-]*$")]
ShortText = Annotated[str, msgspec.Meta(max_length=300)]
LongText = Annotated[str, msgspec.Meta(max_length=20000)]
TeamKind = Literal["hospital_service", "gp_practice", "coordination"]
MemberRole = Literal[
    "coordinating_nurse",
    "physician",
    "paediatrician",
    "gp",
    "psychologist",
    "social_worker",
    "referent_24_7",
]
Relationship = Literal["parent", "partner", "child", "sibling", "caregiver", "other"]
Sex = Literal["female", "male", "intersex", "unknown"]
Minutes = Annotated[int, msgspec.Meta(ge=1, le=7 * 24 * 60)]


class TeamIn(In):
    name: Annotated[str, msgspec.Meta(min_length=2, max_length=200)]
    kind: TeamKind
    phone: Phone = ""
    email: Annotated[str, msgspec.Meta(max_length=254)] = ""
    escalate_red_min: Minutes = 5
    escalate_amber_min: Minutes = 240
    #: Its lead, a clinician account, added with the team (both or neither are created).
    lead_user_id: uuid.UUID | None = None
    lead_role: MemberRole = "coordinating_nurse"


class TeamUpdateIn(In):
    name: Annotated[str, msgspec.Meta(min_length=2, max_length=200)] | None = None
    phone: Phone | None = None
    escalate_red_min: Minutes | None = None
    escalate_amber_min: Minutes | None = None
    #: The team's time zone (IANA name): the hour of its daily amber digest is read in it.
    timezone: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | None = None
    #: "HH:MM": a daily amber digest at that time instead of one push per amber alert; "": off.
    amber_digest_at: (
        Annotated[str, msgspec.Meta(pattern=r"^(|([01][0-9]|2[0-3]):[0-5][0-9])$")] | None
    ) = None


class MemberOut(Base):
    user_id: uuid.UUID
    display_name: str
    email: str
    role: str
    is_lead: bool


class TeamOut(Base):
    id: uuid.UUID
    name: str
    kind: str
    phone: str
    email: str
    escalate_red_min: int
    escalate_amber_min: int
    timezone: str = "Europe/Paris"
    amber_digest_at: str = ""
    #: The team's local day of its last amber digest (none sent yet: null).
    amber_digest_day: dt.date | None = None
    members: list[MemberOut] = []


class MemberIn(In, kw_only=True):
    """Who to add: their account id, or the email of their staff account."""

    user_id: uuid.UUID | None = None
    email: Email | None = None
    role: MemberRole
    is_lead: bool = False


class MemberUpdateIn(In):
    role: MemberRole | None = None
    is_lead: bool | None = None


class ShiftIn(In):
    user_id: uuid.UUID
    starts_at: dt.datetime
    ends_at: dt.datetime


class ShiftOut(Base):
    id: int
    user_id: uuid.UUID
    display_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime


class OnCallOut(Base):
    now: ShiftOut | None
    upcoming: list[ShiftOut]


class HandoverIn(In):
    summary: LongText = ""
    referent_name: Annotated[str, msgspec.Meta(max_length=200)] = ""
    referent_phone: Phone = ""
    prescriptions: LongText = ""
    next_appointment_at: dt.datetime | None = None
    next_appointment_place: ShortText = ""
    next_appointment_reason: ShortText = ""
    documents_given: list[Annotated[str, msgspec.Meta(max_length=200)]] = []


class HandoverOut(Base):
    summary: str
    referent_name: str
    referent_phone: str
    prescriptions: str
    next_appointment_at: dt.datetime | None
    next_appointment_place: str
    documents_given: list[str]
    updated_at: dt.datetime | None
    next_appointment_reason: str = ""


class PatientIn(In, kw_only=True):
    given_name: Name
    family_name: Name
    birth_date: dt.date
    sex_at_birth: Sex
    locale: Locale = "fr"
    timezone: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] = "Europe/Paris"
    phone: Phone = ""
    gp_name: Annotated[str, msgspec.Meta(max_length=200)] = ""
    gp_phone: Phone = ""
    gestational_weeks: Annotated[int, msgspec.Meta(ge=22, le=44)] | None = None
    discharge_date: dt.date
    day1: dt.date | None = None
    plan_id: Annotated[str, msgspec.Meta(min_length=1, max_length=60)]
    team_ids: Annotated[list[uuid.UUID], msgspec.Meta(min_length=1, max_length=10)]
    handover: HandoverIn | None = None


class PatientUpdateIn(In):
    phone: Phone | None = None
    gp_name: Annotated[str, msgspec.Meta(max_length=200)] | None = None
    gp_phone: Phone | None = None
    locale: Locale | None = None
    timezone: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | None = None
    discharge_date: dt.date | None = None
    day1: dt.date | None = None
    plan_id: Annotated[str, msgspec.Meta(min_length=1, max_length=60)] | None = None


class TeamRef(Base):
    id: uuid.UUID
    name: str
    phone: str


class PatientOut(Base):
    id: uuid.UUID
    given_name: str
    family_name: str
    birth_date: dt.date
    sex_at_birth: str
    locale: str
    timezone: str
    phone: str
    gp_name: str
    gp_phone: str
    no_gp: bool
    is_child: bool
    age_years: int
    gestational_weeks: int | None
    discharge_date: dt.date | None
    day1: dt.date | None
    plan_id: str
    status: str
    has_account: bool
    teams: list[TeamRef]


class PatientListItem(Base):
    id: uuid.UUID
    given_name: str
    family_name: str
    birth_date: dt.date
    is_child: bool
    no_gp: bool
    plan_id: str
    discharge_date: dt.date | None
    day1: dt.date | None
    overdue_items: int


class InvitationIn(In):
    kind: Literal["patient", "proxy"]
    relationship: Relationship | None = None
    can_log: bool = True
    can_read_results: bool = True
    can_read_messages: bool = True


class InvitationOut(Base):
    id: uuid.UUID
    kind: str
    relationship: str
    link: str
    code: str
    qr_svg: str
    expires_at: dt.datetime


class InvitationListItem(Base):
    id: uuid.UUID
    kind: str
    relationship: str
    created_at: dt.datetime
    expires_at: dt.datetime
    state: Literal["pending", "used", "revoked", "expired"]


class AcceptIn(In):
    token: Annotated[str, msgspec.Meta(min_length=10, max_length=100)] | None = None
    code: Annotated[str, msgspec.Meta(min_length=6, max_length=12)] | None = None
    email: Email | None = None
    display_name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)] | None = None
    password: Password | None = None
    locale: Locale = "fr"
    # The terms and privacy notice accepted in the form, each at the version read. Required to
    # create an account (every current document, at its current version).
    consents: Annotated[list[ConsentChoice], msgspec.Meta(max_length=10)] = []


class ProxyOut(Base):
    id: int
    user_id: uuid.UUID
    display_name: str
    relationship: str
    can_log: bool
    can_read_results: bool
    can_read_messages: bool
    valid_until: dt.date | None
    active: bool
    #: Told of alerts: "" no, "requested" (waits for the patient's agreement), "on".
    alerts: Literal["", "requested", "on"] = ""
    #: The adult lets this family member see their answers on mood and their check-in notes.
    can_read_private: bool = False


class PrivateShareIn(In):
    allow: bool


class AlertFollowIn(In):
    """The family member's own choice: be told of the person's alerts, or stop."""

    want: bool


class AlertFollowOut(Base):
    alerts: Literal["", "requested", "on"]


class AlertFollowDecisionIn(In):
    """The patient's (or a parent's) answer to a request, or a stop."""

    allow: bool


class ProxyRenewIn(In):
    valid_until: dt.date | None = None


class ScheduleItemOut(Base):
    id: uuid.UUID
    plan_item_id: str
    kind: str
    questionnaires: list[str]
    due_at: dt.datetime
    window_end: dt.datetime
    #: "late": today's item once its time has passed; "missed": not done when its window closed.
    status: Literal["due", "late", "missed", "done", "skipped"]
    done_at: dt.datetime | None
    note: str


class ScheduleUpdateIn(In):
    status: Literal["due", "done", "skipped"] | None = None
    #: Reschedule: the new date, with the reason (required then).
    due_at: dt.datetime | None = None
    reason: ShortText | None = None
    note: ShortText | None = None


class ScheduleChangeOut(Base):
    item_id: uuid.UUID
    at: dt.datetime
    by_name: str
    from_due_at: dt.datetime
    to_due_at: dt.datetime
    reason: str


class CirclePerson(Base):
    patient_id: uuid.UUID
    given_name: str
    family_name: str
    birth_date: dt.date
    is_child: bool
    relation: Literal["self", "proxy"]
    relationship: str
    can_log: bool
    can_read_results: bool
    can_read_messages: bool
    team: TeamRef | None
    plan_id: str
    timezone: str
    locale: str
    #: Day 1 (first symptoms) and the discharge date: the phone counts the illness day from them,
    #: offline too, as the server does for the rules of the critical window.
    day1: dt.date | None = None
    discharge_date: dt.date | None = None
    #: For a family member: whether they are told of this person's alerts (see ProxyOut).
    alerts: Literal["", "requested", "on"] = ""


class CircleOut(Base):
    people: list[CirclePerson]
