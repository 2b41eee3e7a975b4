from __future__ import annotations

from piccolo.columns import (
    JSON,
    UUID,
    Boolean,
    ForeignKey,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

from relais.care.tables import Patient, Team


class Checkin(Table, tablename="relais_checkin"):
    # Made by the device: a replay of the same id is the same check-in.
    id = UUID(primary_key=True)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    submitted_by = UUID(null=True, default=None)
    taken_at = Timestamptz(index=True, index_method=IndexMethod.btree)
    received_at = Timestamptz(default=TimestamptzNow())
    answers = JSON(default={})
    vitals = JSON(default={})
    note = Text(default="")
    scores = JSON(default={})
    level = Varchar(length=10)
    fired = JSON(default=[])
    flags = JSON(default=[])
    client_level = Varchar(length=10, default="")
    content_version = Varchar(length=32)
    body_hash = Varchar(length=64)
    # Sent before the end of the questions: an emergency answer, or the person stopped after
    # an amber or red answer. Triaged and alerted as any check-in.
    partial = Boolean(default=False)
    # The note was read by the team: the first clinician who opened it, and when.
    note_read_at = Timestamptz(null=True, default=None)
    note_read_by = UUID(null=True, default=None)


class ThresholdOverride(Table, tablename="relais_threshold_override"):
    """A clinician's per-patient threshold (e.g. a chronic low SpO2 target)."""

    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    key = Varchar(length=60)
    params = JSON(default={})
    reason = Varchar(length=500)
    set_by = UUID()
    set_at = Timestamptz(default=TimestamptzNow())
    active = Boolean(default=True)


class TeamThreshold(Table, tablename="relais_team_threshold"):
    """A threshold the team chose for all its patients (same keys and tags as ThresholdOverride).

    A patient's own threshold for the same key and tag wins over it; both win over the content's
    rule. Replaced or removed rows stay, inactive, with who ended them and when: the history of
    who changed what, when and why.
    """

    team = ForeignKey(Team, on_delete=OnDelete.cascade, index=True)
    key = Varchar(length=60)
    params = JSON(default={})
    reason = Varchar(length=500)
    set_by = UUID()
    set_at = Timestamptz(default=TimestamptzNow())
    active = Boolean(default=True)
    ended_by = UUID(null=True, default=None)
    ended_at = Timestamptz(null=True, default=None)
