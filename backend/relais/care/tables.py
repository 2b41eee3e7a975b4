from __future__ import annotations

from piccolo.columns import (
    JSON,
    UUID,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from relais.accounts.tables import User

TEAM_KINDS = ("hospital_service", "gp_practice", "coordination")
MEMBER_ROLES = (
    "coordinating_nurse",
    "physician",
    "paediatrician",
    "gp",
    "psychologist",
    "social_worker",
    "referent_24_7",
)
RELATIONSHIPS = ("parent", "partner", "child", "sibling", "caregiver", "other")


class Team(Table, tablename="relais_team"):
    id = UUID(primary_key=True)
    name = Varchar(length=200)
    kind = Varchar(length=30)
    phone = Varchar(length=30, default="")
    email = Varchar(length=254, default="")
    # Minutes before an unacknowledged alert goes to the next step of the escalation policy.
    escalate_red_min = Integer(default=5)
    escalate_amber_min = Integer(default=240)
    created_at = Timestamptz(default=TimestamptzNow())
    # The team's own time zone: the hour of its daily amber digest is read in it.
    timezone = Varchar(length=64, default="Europe/Paris")
    # "HH:MM": amber alerts push no one at once; one digest a day at that time says how many
    # wait (red is never digested). "": off, each amber alert pushes at once.
    amber_digest_at = Varchar(length=5, default="")
    # The team's local day of the last digest sent (moved by one conditional update).
    amber_digest_day = Date(null=True, default=None)


class TeamMember(Table, tablename="relais_team_member"):
    team = ForeignKey(Team, on_delete=OnDelete.cascade, index=True)
    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    role = Varchar(length=30)
    is_lead = Boolean(default=False)
    created_at = Timestamptz(default=TimestamptzNow())


class OnCallShift(Table, tablename="relais_on_call"):
    """The 24/7 referent rota: who answers for the team between two instants (UTC)."""

    team = ForeignKey(Team, on_delete=OnDelete.cascade, index=True)
    user = ForeignKey(User, on_delete=OnDelete.cascade)
    starts_at = Timestamptz(index=True)
    ends_at = Timestamptz(index=True)


class Patient(Table, tablename="relais_patient"):
    id = UUID(primary_key=True)
    # The patient's own account, when they have one (an adult, later a teenager); null for a
    # young child whose parents log for them.
    user = ForeignKey(User, on_delete=OnDelete.set_null, null=True, default=None, index=True)
    given_name = Varchar(length=100)
    family_name = Varchar(length=100)
    birth_date = Date()
    sex_at_birth = Varchar(length=10)
    locale = Varchar(length=5, default="fr")
    timezone = Varchar(length=64, default="Europe/Paris")
    phone = Varchar(length=30, default="")
    gp_name = Varchar(length=200, default="")
    gp_phone = Varchar(length=30, default="")
    gestational_weeks = Integer(null=True, default=None)
    discharge_date = Date(null=True, default=None)
    day1 = Date(null=True, default=None)
    plan_id = Varchar(length=60, default="")
    status = Varchar(length=10, default="active")
    created_at = Timestamptz(default=TimestamptzNow())
    created_by = UUID(null=True, default=None)


class PatientTeam(Table, tablename="relais_patient_team"):
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    team = ForeignKey(Team, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz(default=TimestamptzNow())


class Handover(Table, tablename="relais_handover"):
    """What the hospital hands over at discharge (seed 001); one row per patient."""

    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True, unique=True)
    summary = Text(default="")
    referent_name = Varchar(length=200, default="")
    referent_phone = Varchar(length=30, default="")
    prescriptions = Text(default="")
    next_appointment_at = Timestamptz(null=True, default=None)
    next_appointment_place = Varchar(length=300, default="")
    # What the next appointment is for ("Bilan à 1 mois"), in the words the patient reads.
    next_appointment_reason = Varchar(length=300, default="")
    documents_given = JSON(default=[])
    updated_at = Timestamptz(default=TimestamptzNow())
    updated_by = UUID(null=True, default=None)


class ProxyLink(Table, tablename="relais_proxy_link"):
    """A family member acting for a patient, with what they may do."""

    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    relationship = Varchar(length=20)
    can_log = Boolean(default=True)
    can_read_results = Boolean(default=True)
    can_read_messages = Boolean(default=True)
    # An adult allowed this family member to see their private answers (mental health) and the
    # notes of their check-ins; irrelevant for a child's parent, who sees everything.
    can_read_private = Boolean(default=False)
    # For a parent of a child: the 18th birthday, unless renewed.
    valid_until = Date(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    ended_at = Timestamptz(null=True, default=None)
    ended_by = UUID(null=True, default=None)
    # Told of the person's alerts (relais.care.followers): "" no, "requested" (waits for the
    # patient's agreement) or "on"; when and by whom it last changed.
    alerts = Varchar(length=10, default="")
    alerts_changed_at = Timestamptz(null=True, default=None)
    alerts_changed_by = UUID(null=True, default=None)


class Invitation(Table, tablename="relais_invitation"):
    """Single-use invitation to join as the patient or as a proxy. Only hashes are stored."""

    id = UUID(primary_key=True)
    token_hash = Varchar(length=64, unique=True)
    code_hash = Varchar(length=64, index=True)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=10)  # patient | proxy
    relationship = Varchar(length=20, default="")
    can_log = Boolean(default=True)
    can_read_results = Boolean(default=True)
    can_read_messages = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())
    created_by = UUID(null=True, default=None)
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)
    used_by = UUID(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)


class ScheduleItem(Table, tablename="relais_schedule_item"):
    """One dated item of a patient's follow-up, made from their plan (content/plans)."""

    id = UUID(primary_key=True)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    plan_id = Varchar(length=60)
    plan_item_id = Varchar(length=60)
    kind = Varchar(length=20)
    questionnaires = JSON(default=[])
    due_at = Timestamptz(index=True)
    # Due until this instant; overdue after it while still "due".
    window_end = Timestamptz()
    status = Varchar(length=10, default="due")  # due | done | skipped
    done_at = Timestamptz(null=True, default=None)
    done_by = UUID(null=True, default=None)
    note = Varchar(length=300, default="")


class ScheduleChange(Table, tablename="relais_schedule_change"):
    """A schedule item moved to another date by the team: who, when, from when to when, and why."""

    item = ForeignKey(ScheduleItem, on_delete=OnDelete.cascade, index=True)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    at = Timestamptz(default=TimestamptzNow())
    by = UUID()
    from_due_at = Timestamptz()
    to_due_at = Timestamptz()
    reason = Varchar(length=300)
