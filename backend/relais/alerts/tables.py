from __future__ import annotations

from piccolo.columns import (
    JSON,
    UUID,
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from relais.care.tables import Patient, Team

OUTCOMES = ("called_patient", "sent_to_emergency", "appointment_booked", "no_action_needed")
#: The outcome of an alert closed because the value that opened it was corrected or removed:
#: set by the application, never chosen by a clinician.
WITHDRAWN = "withdrawn"


class Alert(Table, tablename="relais_alert"):
    id = UUID(primary_key=True)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    team = ForeignKey(Team, on_delete=OnDelete.cascade, index=True)
    checkin_id = UUID(null=True, default=None, index=True)
    level = Varchar(length=10, index=True)  # red | amber
    kind = Varchar(length=20, default="checkin")  # checkin | missed | self_harm | child | wellbeing
    urgent = Boolean(default=False)
    reasons = JSON(default=[])  # rule ids; the texts come from content
    # The latest check-in's values against the thresholds crossed, and whose they were
    # (relais.triage.measures), as it was triaged.
    measures = JSON(default=[])
    content_version = Varchar(length=32, default="")
    state = Varchar(length=15, default="open", index=True)  # open | acknowledged | resolved
    opened_at = Timestamptz(default=TimestamptzNow(), index=True)
    acknowledged_at = Timestamptz(null=True, default=None)
    acknowledged_by = UUID(null=True, default=None)
    resolved_at = Timestamptz(null=True, default=None)
    resolved_by = UUID(null=True, default=None)
    outcome = Varchar(length=30, default="")
    note = Text(default="")
    escalation_step = Integer(default=0)
    # When the next escalation step is due; null once acknowledged or when nothing is left.
    next_escalation_at = Timestamptz(null=True, default=None, index=True)
    # One alert per episode: the later check-ins that fired while it was open (``repeats``), the
    # latest of them, and when it came (``service.repeat_alert``).
    repeats = Integer(default=0)
    last_checkin_id = UUID(null=True, default=None)
    updated_at = Timestamptz(null=True, default=None)
    # Snoozed by a clinician for a bounded time, with a reason: the escalation waits until then
    # (``service.snooze``); a rise to red ends it.
    snoozed_until = Timestamptz(null=True, default=None)
    snooze_reason = Varchar(length=300, default="")


class AlertEvent(Table, tablename="relais_alert_event"):
    """The alert's timeline: opened, notified, escalated, acknowledged, resolved, reopened."""

    alert = ForeignKey(Alert, on_delete=OnDelete.cascade, index=True)
    at = Timestamptz(default=TimestamptzNow())
    kind = Varchar(length=20)
    actor = UUID(null=True, default=None)
    detail = Varchar(length=300, default="")
