from __future__ import annotations

from piccolo.columns import UUID, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from relais.accounts.tables import User
from relais.care.tables import Patient, Team


class ConsentAcceptance(Table, tablename="relais_consent_acceptance"):
    """A person accepted one version of the terms or of the privacy notice (append-only)."""

    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    document = Varchar(length=20)  # terms | privacy
    version = Integer()
    locale = Varchar(length=5, default="fr")
    accepted_at = Timestamptz(default=TimestamptzNow())


class TeamConsent(Table, tablename="relais_team_consent"):
    """A decision to share (or stop sharing) a patient's follow-up with one team (append-only).

    No row for a team means the sharing agreed at enrolment still holds; the latest row wins.
    """

    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    team = ForeignKey(Team, on_delete=OnDelete.cascade, index=True)
    decision = Varchar(length=10)  # shared | withdrawn
    decided_at = Timestamptz(default=TimestamptzNow(), index=True)
    decided_by = UUID(null=True, default=None)
