"""The daily amber digest: a team may choose one push a day for its amber alerts.

When a team sets a time ("HH:MM", in the team's time zone), a new amber alert of that team pushes
no one (``service.new_alert``); once a day, at that time, each active member of the team gets one
notification saying how many amber alerts nobody has seen yet, and nothing else (no name, no
reason), by push, or by email when they have no device, as alerts do. Red is never digested, and
an amber alert that rises to red is pushed at once as always.

Escalation keeps working: a digested amber alert's next step is due the team's amber delay after
the digest that announced it (not after its opening). If nobody has acknowledged it by then, the
on-call referent is pushed, then the coordinators, then the whole team, as for any alert.

One digest per team per local day, whatever the workers do: the team's ``amber_digest_day`` moves
to today with one conditional update, in the transaction that writes the notifications. A second
worker (or the same one after a restart) finds the day taken and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from relais import db
from relais.alerts.escalation import team_zone
from relais.alerts.tables import Alert
from relais.care.tables import Team, TeamMember
from relais.db import as_uuid
from relais.notify import outbox

log = logging.getLogger("relais.alerts.digest")

DIGEST_KIND = "digest"


async def waiting(team_id: uuid.UUID) -> int:
    """Amber alerts of the team that nobody has seen yet."""
    return int(
        await Alert.count().where(
            (Alert.team == team_id) & (Alert.level == "amber") & (Alert.state == "open")
        )
    )


def _due_today(at: str, timezone: str, now: dt.datetime) -> dt.date | None:
    """The team's local day when its digest time has come today, else None."""
    local = now.astimezone(team_zone(timezone))
    hour, minute = (int(x) for x in at.split(":"))
    return local.date() if local.time() >= dt.time(hour, minute) else None


async def _members(team_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await TeamMember.select(TeamMember.user).where(
        (TeamMember.team == team_id) & (TeamMember.user.is_active == True)  # noqa: E712
    )
    return list(dict.fromkeys(as_uuid(r["user"]) for r in rows))


async def send_one(team_id: uuid.UUID, day: dt.date, now: dt.datetime) -> int | None:
    """Take the team's digest of ``day`` and write its notifications; None when it was taken
    before (by another worker, or before a restart). Returns how many alerts it announces."""
    async with db.transaction():
        taken = await (
            Team.update({Team.amber_digest_day: day})
            .where(
                (Team.id == team_id)
                & (Team.amber_digest_at != "")
                & (Team.amber_digest_day.is_null() | (Team.amber_digest_day < day))
            )
            .returning(Team.id)
        )
        if not taken:
            return None
        count = await waiting(team_id)
        if count:
            await outbox.enqueue(
                await _members(team_id),
                kind=DIGEST_KIND,
                ref_id=team_id,
                now=now,
                # Random: a Topic is visible to the push service (see messages.service).
                topic=f"dig-{uuid.uuid4().hex[:28]}",
                email_fallback=True,
            )
    return count


async def send_due_digests(now: dt.datetime) -> dict[str, int]:
    """Every team whose digest time has come today and whose digest of today is not sent yet."""
    teams = await Team.select(
        Team.id, Team.timezone, Team.amber_digest_at, Team.amber_digest_day
    ).where(Team.amber_digest_at != "")
    sent = alerts = 0
    for team in teams:
        day = _due_today(team["amber_digest_at"], team["timezone"], now)
        last = team["amber_digest_day"]
        if day is None or (last is not None and db_date(last) >= day):
            continue
        try:
            count = await send_one(as_uuid(team["id"]), day, now)
        except Exception:
            # One team's failure must not keep the others' digests from going.
            log.exception("amber digest of a team failed")
            continue
        if count is not None:
            sent += 1
            alerts += count
    return {"teams": sent, "alerts": alerts}


def db_date(value: object) -> dt.date:
    """A date column as read (SQLite may give text)."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    assert isinstance(value, dt.date)
    return value
