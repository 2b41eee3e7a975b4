"""The notes people write at the end of a check-in: a team reads each one.

A note is never triaged (free text alone never changes a level: the phone offers the matching
symptom to confirm instead). It is listed in the team's inbox as "to read", with its own count,
until the first clinician of a team following the patient opens it; the person then sees that
their team read it, and when. Opening a note is a read of the record, audited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from relais.accounts.queries import display_names
from relais.audit.service import record
from relais.care.tables import Patient, PatientTeam
from relais.checkins.schemas import NoteOut, NotesOut, NoteSummary
from relais.checkins.tables import Checkin
from relais.consent.service import sharing_cutoff
from relais.db import as_utc, as_uuid, utcnow

#: How far back the inbox lists notes (read or not).
NOTES_DAYS = 30


async def team_notes(connection: Any, team_id: uuid.UUID) -> NotesOut:
    """The notes of the team's patients of the last ``NOTES_DAYS``: unread first (oldest first:
    they have waited longest), then read ones, newest first. Notes received after the patient
    stopped sharing with this team are not listed. Each patient shown is an audited read."""
    since = utcnow() - dt.timedelta(days=NOTES_DAYS)
    patient_ids = [
        as_uuid(r["patient"])
        for r in await PatientTeam.select(PatientTeam.patient).where(PatientTeam.team == team_id)
    ]
    if not patient_ids:
        return NotesOut(unread=0, items=[])
    rows = await Checkin.select(
        Checkin.id,
        Checkin.patient,
        Checkin.taken_at,
        Checkin.received_at,
        Checkin.level,
        Checkin.note_read_at,
        Checkin.note_read_by,
    ).where(Checkin.patient.is_in(patient_ids) & (Checkin.taken_at >= since) & (Checkin.note != ""))
    cutoffs = {
        pid: await sharing_cutoff(pid, [team_id]) for pid in {as_uuid(r["patient"]) for r in rows}
    }
    rows = [
        r
        for r in rows
        if (cut := cutoffs[as_uuid(r["patient"])]) is None or as_utc(r["received_at"]) < cut
    ]
    if not rows:
        return NotesOut(unread=0, items=[])
    people = {
        as_uuid(p["id"]): f"{p['given_name']} {p['family_name']}".strip()
        for p in await Patient.select(Patient.id, Patient.given_name, Patient.family_name).where(
            Patient.id.is_in(list({as_uuid(r["patient"]) for r in rows}))
        )
    }
    readers = await display_names({r["note_read_by"] for r in rows})
    items = [
        NoteSummary(
            checkin_id=as_uuid(r["id"]),
            patient_id=as_uuid(r["patient"]),
            patient_name=people.get(as_uuid(r["patient"]), ""),
            taken_at=as_utc(r["taken_at"]),
            level=r["level"],
            read_at=as_utc(r["note_read_at"]) if r["note_read_at"] else None,
            read_by_name=readers.get(as_uuid(r["note_read_by"]), "") if r["note_read_by"] else "",
        )
        for r in rows
    ]
    unread = sorted((i for i in items if i.read_at is None), key=lambda i: i.taken_at)
    read = sorted(
        (i for i in items if i.read_at is not None), key=lambda i: i.taken_at, reverse=True
    )
    for pid in sorted({i.patient_id for i in items}, key=str):
        await record(
            "note.list", connection=connection, record_type="team", record_id=str(team_id),
            patient_id=pid,
        )  # fmt: skip
    return NotesOut(unread=len(unread), items=[*unread, *read])


async def open_note(
    patient_id: uuid.UUID, checkin_id: uuid.UUID, reader: uuid.UUID, until: dt.datetime | None
) -> NoteOut | None:
    """The note of a check-in, marked read by ``reader`` unless someone read it before (the
    first reader stays). None when there is no such note visible to the reader."""
    where = (Checkin.id == checkin_id) & (Checkin.patient == patient_id) & (Checkin.note != "")
    if until is not None:
        where &= Checkin.received_at < until
    row = await Checkin.select(
        Checkin.id, Checkin.taken_at, Checkin.level, Checkin.note, Checkin.note_read_at,
        Checkin.note_read_by,
    ).where(where).first()  # fmt: skip
    if row is None:
        return None
    read_at, read_by = row["note_read_at"], row["note_read_by"]
    if read_at is None:
        # Only the first reader marks it: a second clinician at the same moment changes nothing,
        # and both are then shown who read it first.
        await Checkin.update({Checkin.note_read_at: utcnow(), Checkin.note_read_by: reader}).where(
            (Checkin.id == checkin_id) & Checkin.note_read_at.is_null()
        )
        marked = await Checkin.select(Checkin.note_read_at, Checkin.note_read_by).where(
            Checkin.id == checkin_id
        ).first()  # fmt: skip
        assert marked is not None
        read_at, read_by = marked["note_read_at"], marked["note_read_by"]
    by = as_uuid(read_by)
    return NoteOut(
        checkin_id=checkin_id,
        patient_id=patient_id,
        taken_at=as_utc(row["taken_at"]),
        level=row["level"],
        note=row["note"],
        read_at=as_utc(read_at),
        read_by_name=(await display_names({by})).get(by, ""),
    )
