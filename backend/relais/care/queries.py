"""Reads of the care circle that other features share, and the schedule's hand-written write."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from relais.care.tables import Patient, ProxyLink
from relais.db import as_uuid

#: The check-in item of the schedule a check-in answers is done (``phone_writes.checkin_done``):
#: today's item whose window holds the time taken, else today's earliest still due (a check-in
#: made today completes today's item, whatever the hour), else an earlier item whose window still
#: holds it. Hand-written so that it goes in the check-in's own statement on PostgreSQL
#: (``raw.together``): the path measured by bench/checkin_ingest.py. Arguments: done_at, done_by,
#: patient, then (day start, day end, taken, taken) three times.
CHECKIN_ITEM_DONE = (
    "UPDATE relais_schedule_item SET status = 'done', done_at = {}, done_by = {} "
    "WHERE id = (SELECT id FROM relais_schedule_item WHERE patient = {} "
    "AND kind = 'checkin' AND status = 'due' "
    "AND ((due_at >= {} AND due_at < {}) OR (due_at <= {} AND window_end > {})) "
    "ORDER BY CASE WHEN due_at >= {} AND due_at < {} AND due_at <= {} AND window_end > {} THEN 0 "
    "WHEN due_at >= {} AND due_at < {} THEN 1 ELSE 2 END, due_at LIMIT 1)"
)

#: One item done by its id, if still due (``phone_writes.questionnaire_items_done``).
ITEM_DONE = (
    "UPDATE relais_schedule_item SET status = 'done', done_at = {}, done_by = {} "
    "WHERE id = {} AND status = 'due'"
)

#: What a family member's link allows, by its column.
Permission = Literal["can_log", "can_read_results", "can_read_messages"]


async def patient_and_family(
    patient_id: uuid.UUID, today: dt.date, permission: Permission
) -> list[uuid.UUID]:
    """The patient's own account and the accounts of the family members whose link is active on
    ``today`` and allows ``permission``: who is told, reminded or written to on their side."""
    users: list[uuid.UUID] = []
    patient = await Patient.select(Patient.user).where(Patient.id == patient_id).first()
    if patient and patient["user"] is not None:
        users.append(as_uuid(patient["user"]))
    allowed = getattr(ProxyLink, permission)
    links = await ProxyLink.select(ProxyLink.user, ProxyLink.valid_until).where(
        (ProxyLink.patient == patient_id) & ProxyLink.ended_at.is_null() & allowed.eq(True)
    )
    users += [
        as_uuid(r["user"]) for r in links if r["valid_until"] is None or r["valid_until"] >= today
    ]
    return list(dict.fromkeys(users))
