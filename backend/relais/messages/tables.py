from __future__ import annotations

from piccolo.columns import UUID, ForeignKey, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from relais.accounts.tables import User
from relais.care.tables import Patient


class Message(Table, tablename="relais_message"):
    """One message of a patient's thread; ``side`` says who wrote it: the team or the patient's
    side (the patient or a family member)."""

    id = UUID(primary_key=True)
    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    author = ForeignKey(User, on_delete=OnDelete.set_null, null=True, default=None, index=True)
    side = Varchar(length=10)  # team | patient
    body = Text()
    created_at = Timestamptz(default=TimestamptzNow(), index=True)


class MessageRead(Table, tablename="relais_message_read"):
    """Read receipt: this person has read the thread up to this instant."""

    patient = ForeignKey(Patient, on_delete=OnDelete.cascade, index=True)
    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    read_until = Timestamptz()
