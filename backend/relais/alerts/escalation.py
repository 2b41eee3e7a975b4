"""Where alerts escalate.

The policy, for the alert's team:

- step 0, when the alert opens: the day team (members with a clinical role, not the 24/7 referent);
- step 1: the 24/7 referent on call now (the rota, ``OnCallShift``; members with the referent role
  when no shift covers the moment);
- step 2: the team's coordinators (coordinating nurse or team lead);
- step 3: everyone in the team.

An alert still open when ``next_escalation_at`` comes goes one step further: its recipients are
notified, the step is written on the alert's timeline, and the next deadline is set (none after the
last step). Acknowledging clears the deadline. Everything lives in the database, so a restart loses
nothing, and the step is moved with a conditional update, so two workers never escalate twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from relais import db
from relais.accounts.tables import User
from relais.alerts.queries import ACTIVE_MEMBERS, BRING_FORWARD, OPENING, TEAM_DELAYS
from relais.alerts.tables import Alert, AlertEvent
from relais.care.tables import OnCallShift
from relais.db import as_uuid, raw
from relais.live.broker import publish_alert
from relais.notify import outbox

log = logging.getLogger("relais.alerts.escalation")

DAY_TEAM_ROLES = ("coordinating_nurse", "physician", "paediatrician", "gp", "psychologist")
LAST_STEP = 3
STEP_NAMES = {0: "day team", 1: "on-call referent", 2: "team coordinator", 3: "whole team"}
# Minutes before the next step, for a team that is gone: {is red: minutes}.
_DEFAULT_DELAY = {True: 5, False: 240}


def _delay(team: Mapping[str, Any] | None, level: str) -> int:
    """Minutes before the next step, from the team's row (its escalation delays)."""
    if team is None:
        return _DEFAULT_DELAY[level == "red"]
    return int(team["escalate_red_min"] if level == "red" else team["escalate_amber_min"])


async def delay_minutes(team_id: uuid.UUID, level: str) -> int:
    team = await raw.first(TEAM_DELAYS, team_id)
    return _delay(team, level)


async def _members(team_id: uuid.UUID) -> list[dict[str, Any]]:
    """Active members of the team, in the order they joined."""
    return await raw.rows(ACTIVE_MEMBERS, True, team_id)


def day_team(members: Sequence[Mapping[str, Any]]) -> list[uuid.UUID]:
    """Step 0: the members with a day-team role, in the order they joined, each once."""
    return list(dict.fromkeys(as_uuid(m["user"]) for m in members if m["role"] in DAY_TEAM_ROLES))


@dataclass(frozen=True)
class Opening:
    """Step 0 of a new alert: when it escalates, whom it reaches, who of them has a device.
    ``digest_at``: the next daily amber digest of the team, when this alert waits for it
    instead of pushing (an amber alert of a team that chose the digest); None otherwise."""

    delay_minutes: int
    day_team: list[uuid.UUID]
    with_push: set[uuid.UUID]
    digest_at: dt.datetime | None = None


async def opening(team_id: uuid.UUID, level: str, now: dt.datetime | None = None) -> Opening:
    # The team's delays, its digest and its active members, in one statement (OPENING).
    found = await raw.rows(OPENING, True, team_id)
    members = [r for r in found if r["user"] is not None]
    team = found[0] if found else None
    digest = None
    if level == "amber" and team is not None and team["amber_digest_at"]:
        digest = next_digest(team["amber_digest_at"], team["timezone"], now or db.utcnow())
    return Opening(
        _delay(team, level),
        day_team(members),
        {as_uuid(m["user"]) for m in members if m["push"]},
        digest,
    )


def team_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Paris")


def next_digest(at: str, timezone: str, now: dt.datetime) -> dt.datetime:
    """The next daily digest at ``at`` ("HH:MM" in the team's ``timezone``) after ``now``, in
    UTC. Today's when it is still to come, else tomorrow's."""
    zone = team_zone(timezone)
    hour, minute = (int(x) for x in at.split(":"))
    local = now.astimezone(zone)
    due = dt.datetime.combine(local.date(), dt.time(hour, minute), zone)
    if due <= local:
        due = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(hour, minute), zone)
    return due.astimezone(dt.UTC)


async def recipients(team_id: uuid.UUID, step: int, now: dt.datetime) -> list[uuid.UUID]:
    """The people a step of the policy reaches, in a stable order, each once."""
    members = await _members(team_id)
    if step == 0:
        return day_team(members)
    if step == 1:
        shifts = await (
            OnCallShift.select(OnCallShift.user)
            .where(
                (OnCallShift.team == team_id)
                & (OnCallShift.starts_at <= now)
                & (OnCallShift.ends_at > now)
            )
            .order_by(OnCallShift.starts_at)
        )
        active = {
            as_uuid(r["id"])
            for r in await User.select(User.id).where(
                User.id.is_in([as_uuid(s["user"]) for s in shifts] or [uuid.UUID(int=0)])
                & (User.is_active.eq(True))
            )
        }
        chosen = [s["user"] for s in shifts if as_uuid(s["user"]) in active]
        if not chosen:
            chosen = [m["user"] for m in members if m["role"] == "referent_24_7"]
    elif step == 2:
        chosen = [m["user"] for m in members if m["role"] == "coordinating_nurse" or m["is_lead"]]
    else:
        chosen = [m["user"] for m in members]
    return list(dict.fromkeys(as_uuid(u) for u in chosen))


async def notify_step(
    alert_id: uuid.UUID, team_id: uuid.UUID, level: str, step: int, now: dt.datetime
) -> list[uuid.UUID]:
    """Write the outbox rows for one step (inside the caller's transaction)."""
    users = await recipients(team_id, step, now)
    await outbox.enqueue(users, now=now, **outbox.alert_notice(alert_id, level))
    return users


async def escalate_one(alert_id: uuid.UUID, from_step: int, now: dt.datetime) -> bool:
    """Move one due alert to its next step with recipients. False if someone else did it first
    or the alert was acknowledged meanwhile."""
    async with db.transaction():
        alert = await Alert.select().where(Alert.id == alert_id).first()
        if alert is None or alert["state"] != "open" or alert["escalation_step"] != from_step:
            return False
        team_id = as_uuid(alert["team"])
        step = from_step
        skipped: list[int] = []
        users: list[uuid.UUID] = []
        while step < LAST_STEP:
            step += 1
            users = await recipients(team_id, step, now)
            if users:
                break
            skipped.append(step)
        next_at = (
            now + dt.timedelta(minutes=await delay_minutes(team_id, alert["level"]))
            if step < LAST_STEP
            else None
        )
        moved = await (
            Alert.update({Alert.escalation_step: step, Alert.next_escalation_at: next_at})
            .where(
                (Alert.id == alert_id)
                & (Alert.escalation_step == from_step)
                & (Alert.state == "open")
            )
            .returning(Alert.id)
        )
        if not moved:
            return False
        for empty in skipped:
            await AlertEvent.insert(
                AlertEvent(
                    alert=alert_id,
                    at=now,
                    kind="escalated",
                    detail=f"step {empty}: {STEP_NAMES[empty]}, nobody to reach",
                )
            )
        if users:
            await notify_step(alert_id, team_id, alert["level"], step, now)
            await AlertEvent.insert(
                AlertEvent(
                    alert=alert_id,
                    at=now,
                    kind="escalated",
                    detail=f"step {step}: {STEP_NAMES[step]}, {len(users)} person(s)",
                )
            )
        await publish_alert({**alert, "escalation_step": step})
    return True


async def escalate_due(now: dt.datetime | None = None, *, limit: int = 100) -> int:
    """Escalate every open alert whose deadline has passed; return how many moved."""
    now = now or db.utcnow()
    due = await (
        Alert.select(Alert.id, Alert.escalation_step)
        .where(
            (Alert.state == "open")
            & Alert.next_escalation_at.is_not_null()
            & (Alert.next_escalation_at <= now)
        )
        .order_by(Alert.next_escalation_at)
        .limit(limit)
    )
    moved = 0
    for row in due:
        try:
            if await escalate_one(as_uuid(row["id"]), int(row["escalation_step"]), now):
                moved += 1
        except Exception:
            # One broken alert must not stop the others from escalating.
            log.exception("escalation of an alert failed")
    return moved


async def bring_forward(alert_id: uuid.UUID, outbox_id: int, now: dt.datetime) -> bool:
    """The push of an alert reached nobody (every device of a recipient failed, and no other
    recipient has it or is being sent it): its next step is due now, not after the team's delay,
    so that the on-call referent (then the coordinators) is called at once. Inside the caller's
    transaction. True when the deadline moved."""
    moved = await raw.rows(BRING_FORWARD, now, alert_id, "open", now, alert_id, outbox_id)
    if moved:
        log.info("alert escalation brought forward: its push reached nobody")
        outbox.wake()
    return bool(moved)
