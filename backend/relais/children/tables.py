"""Children's records. Who wrote a row is kept as a user id and the relation they had (self, proxy
or staff), so a teenager's own account can log later without any change here."""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    UUID,
    Boolean,
    Date,
    DoublePrecision,
    ForeignKey,
    Integer,
    OnDelete,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from relais.care.tables import Patient


class DevelopmentCheck(Table, tablename="relais_development_check"):
    """One development check answered for a child (content/milestones)."""

    # Made by the device: a replay of the same id is the same check.
    id = UUID(primary_key=True)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    check_id = Varchar(length=20)
    answered_at = Timestamptz(index=True)
    received_at = Timestamptz(default=TimestamptzNow())
    # The age the check was compared with, in days, and whether it is the corrected age.
    age_days = Integer()
    corrected = Boolean(default=False)
    answers = JSON(default={})  # milestone id -> yes | not_yet | not_sure
    not_yet = JSON(default=[])
    regressions = JSON(default=[])
    alert_domains = JSON(default=[])
    alert_id = UUID(null=True, default=None)
    reviewed_at = Timestamptz(null=True, default=None)
    reviewed_by = UUID(null=True, default=None)
    submitted_by = UUID(null=True, default=None)
    submitted_as = Varchar(length=10, default="")  # self | proxy | staff
    content_version = Varchar(length=32)
    body_hash = Varchar(length=64)
    # "Not sure" answers completed later: milestone id -> {"at": ISO time, "by_as": relation}.
    completed = JSON(default={})


class GrowthMeasurement(Table, tablename="relais_growth_measurement"):
    """Weight, length/height and head circumference on one day. z-scores are computed on read
    from the WHO tables in content/growth."""

    id = UUID(primary_key=True)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    measured_on = Date(index=True)
    weight_kg = DoublePrecision(null=True, default=None)
    length_cm = DoublePrecision(null=True, default=None)
    head_cm = DoublePrecision(null=True, default=None)
    # How the length/height was measured: recumbent (lying down) or standing; "" on rows from
    # before it was asked (then taken as WHO expects for the age, without adjustment).
    position = Varchar(length=10, default="")
    note = Varchar(length=300, default="")
    alert_id = UUID(null=True, default=None)
    reasons = JSON(default=[])
    entered_by = UUID(null=True, default=None)
    entered_as = Varchar(length=10, default="")
    created_at = Timestamptz(default=TimestamptzNow())
    content_version = Varchar(length=32, default="")
    body_hash = Varchar(length=64)
    # Removed (a wrong entry), kept for the record of changes: no longer shown, charted or counted.
    removed_at = Timestamptz(null=True, default=None)
    removed_by = UUID(null=True, default=None)


class GrowthCorrection(Table, tablename="relais_growth_correction"):
    """One change to a growth measurement after it was recorded: corrected (the values before and
    after) or removed; by whom, as what (proxy or staff), when and why."""

    id = UUID(primary_key=True)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    measurement = UUID(index=True)
    kind = Varchar(length=10)  # corrected | removed
    before = JSON(default={})
    after = JSON(default={})
    reason = Varchar(length=300, default="")
    by = UUID(null=True, default=None)
    by_as = Varchar(length=10, default="")
    at = Timestamptz(default=TimestamptzNow())
    #: The alert the wrong value had opened, withdrawn by this change (None if none).
    withdrew_alert = UUID(null=True, default=None)


class SchoolStatus(Table, tablename="relais_school_status"):
    """The state of one item of the return-to-school checklist (content/school) for a child."""

    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    item_id = Varchar(length=60)
    state = Varchar(length=15, default="todo")
    due_on = Date(null=True, default=None)
    done_on = Date(null=True, default=None)
    responsible = Varchar(length=10, default="family")
    note = Varchar(length=500, default="")
    updated_at = Timestamptz(default=TimestamptzNow())
    updated_by = UUID(null=True, default=None)
    updated_as = Varchar(length=10, default="")


class WellbeingScreen(Table, tablename="relais_wellbeing_screen"):
    """A wellbeing screen: the child's (answered by a parent) or a parent's own."""

    id = UUID(primary_key=True)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    questionnaire_id = Varchar(length=60)
    respondent = Varchar(length=10)  # child | parent
    respondent_user = UUID(null=True, default=None)
    answers = JSON(default={})
    score = DoublePrecision(null=True, default=None)
    positive = Boolean(default=False)
    taken_at = Timestamptz(index=True)
    received_at = Timestamptz(default=TimestamptzNow())
    alert_id = UUID(null=True, default=None)
    content_version = Varchar(length=32)
    body_hash = Varchar(length=64)
