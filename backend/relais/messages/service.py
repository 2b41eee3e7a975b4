"""The thread of one patient: write (with a neutral push to the other side), read, receipts."""

from __future__ import annotations

import datetime as dt
import uuid

from relais import db
from relais.accounts.queries import display_names
from relais.care.queries import patient_and_family
from relais.care.tables import PatientTeam, TeamMember
from relais.db import as_utc, as_uuid
from relais.errors import Refusal
from relais.live.broker import publish
from relais.messages.schemas import MessageOut, ThreadOut
from relais.messages.tables import Message, MessageRead
from relais.notify import outbox
from relais.phone_writes import received_before, write_once

PAGE = 500


async def patient_side_readers(patient_id: uuid.UUID, today: dt.date) -> list[uuid.UUID]:
    """The patient's account and the family members allowed to read messages."""
    return await patient_and_family(patient_id, today, "can_read_messages")


async def team_side_users(patient_id: uuid.UUID) -> list[uuid.UUID]:
    teams = [
        r["team"]
        for r in await PatientTeam.select(PatientTeam.team).where(PatientTeam.patient == patient_id)
    ]
    if not teams:
        return []
    rows = await TeamMember.select(TeamMember.user).where(
        TeamMember.team.is_in(teams) & (TeamMember.user.is_active == True)  # noqa: E712
    )
    return list(dict.fromkeys(as_uuid(r["user"]) for r in rows))


async def _already_sent(
    message_id: uuid.UUID, patient_id: uuid.UUID, author: uuid.UUID, body: str
) -> bool:
    """Whether this id holds the same words by the same person in this thread (a retry). The id
    holding anything else is a 409 that tells nothing of it."""
    row = (
        await Message.select(Message.patient, Message.author, Message.body)
        .where(Message.id == message_id)
        .first()
    )
    if row is None:
        return False
    same = (
        as_uuid(row["patient"]) == patient_id
        and row["author"] is not None
        and as_uuid(row["author"]) == author
        and row["body"] == body
    )
    if not same:
        raise Refusal("id-conflict", "conflict", detail="id-conflict.message")
    return True


async def post(
    patient_id: uuid.UUID,
    author: uuid.UUID,
    side: str,
    body: str,
    now: dt.datetime,
    message_id: uuid.UUID | None = None,
) -> bool:
    """Store the message, mark it read by its author, and tell the other side (neutral push).
    ``message_id`` is made by the device: sent again (its answer was lost), the message is not
    written twice. Returns False for such a retry."""
    message_id = message_id or uuid.uuid4()

    async def store() -> bool:
        await _write(message_id, patient_id, author, side, body, now)
        return True

    async def replay() -> bool | None:
        return True if await _already_sent(message_id, patient_id, author, body) else None

    return (await write_once(store, replay))[1]


async def _write(
    message_id: uuid.UUID,
    patient_id: uuid.UUID,
    author: uuid.UUID,
    side: str,
    body: str,
    now: dt.datetime,
) -> None:
    async with db.transaction():
        message = Message(
            id=message_id, patient=patient_id, author=author, side=side, body=body, created_at=now
        )
        await message.save()
        await _mark_read(patient_id, author, now)
        if side == "team":
            others = await patient_side_readers(patient_id, now.date())
        else:
            others = [u for u in await team_side_users(patient_id) if u != author]
        await outbox.enqueue(
            others,
            kind="message",
            ref_id=patient_id,
            now=now,
            # Random (the message's id): a Topic is visible to the push service, and one made
            # from the patient's id would let it link the notices of one patient.
            topic=f"msg-{message_id.hex[:26]}",
        )
        teams = [
            r["team"]
            for r in await PatientTeam.select(PatientTeam.team).where(
                PatientTeam.patient == patient_id
            )
        ]
        for team in teams:
            await publish(
                "message",
                {"id": message.id, "patient_id": patient_id, "team_id": team, "side": side},
            )


async def _mark_read(patient_id: uuid.UUID, user_id: uuid.UUID, until: dt.datetime) -> None:
    row = (
        await MessageRead.select(MessageRead._meta.primary_key, MessageRead.read_until)
        .where((MessageRead.patient == patient_id) & (MessageRead.user == user_id))
        .first()
    )
    if row is None:
        await MessageRead.insert(MessageRead(patient=patient_id, user=user_id, read_until=until))
    elif as_utc(row["read_until"]) < until:
        await MessageRead.update({MessageRead.read_until: until}).where(
            MessageRead._meta.primary_key == row["id"]
        )


async def mark_read(patient_id: uuid.UUID, user_id: uuid.UUID, until: dt.datetime) -> None:
    async with db.transaction():
        await _mark_read(patient_id, user_id, until)


async def unread_count(
    patient_id: uuid.UUID, me: uuid.UUID, until: dt.datetime | None = None
) -> int:
    """How many messages of this thread ``me`` has not read: written by someone else after the
    point ``me`` has read up to (the count on the Messages tab and on Home)."""
    read = (
        await MessageRead.select(MessageRead.read_until)
        .where((MessageRead.patient == patient_id) & (MessageRead.user == me))
        .first()
    )
    where = received_before(until, Message.created_at, Message.patient == patient_id)
    where &= Message.author.is_null() | (Message.author != me)
    if read is not None:
        where &= Message.created_at > as_utc(read["read_until"])
    return int(await Message.count().where(where))


async def thread(
    patient_id: uuid.UUID,
    me: uuid.UUID,
    until: dt.datetime | None = None,
) -> ThreadOut:
    where = received_before(until, Message.created_at, Message.patient == patient_id)
    rows = list(
        await Message.select()
        .where(where)
        .order_by(Message.created_at, ascending=False)
        .limit(PAGE)
    )
    rows.reverse()
    authors = {r["author"] for r in rows if r["author"] is not None}
    names = await display_names(authors)
    team_users = set(await team_side_users(patient_id))
    reads = await MessageRead.select(MessageRead.user, MessageRead.read_until).where(
        MessageRead.patient == patient_id
    )
    my_read: dt.datetime | None = None
    team_read: dt.datetime | None = None
    patient_read: dt.datetime | None = None
    for r in reads:
        user, at = as_uuid(r["user"]), as_utc(r["read_until"])
        if user == me:
            my_read = at
        if user in team_users:
            team_read = max(team_read, at) if team_read else at
        else:
            patient_read = max(patient_read, at) if patient_read else at
    out: list[MessageOut] = []
    unread = 0
    for r in rows:
        created = as_utc(r["created_at"])
        author = as_uuid(r["author"]) if r["author"] is not None else None
        other_read = patient_read if r["side"] == "team" else team_read
        if author != me and (my_read is None or created > my_read):
            unread += 1
        out.append(
            MessageOut(
                id=as_uuid(r["id"]),
                side=r["side"],
                author_id=author,
                author_name=names.get(author, "") if author else "",
                body=r["body"],
                created_at=created,
                mine=author == me,
                read_by_other_side=other_read is not None and other_read >= created,
            )
        )
    return ThreadOut(messages=out, unread=unread)
