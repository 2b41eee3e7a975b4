"""Opening alerts, and their life afterwards: acknowledge, resolve, reopen.

An alert is written with its cause (a check-in, a missed check-in, a development check): in the
cause's transaction (``open_alert``), or in the cause's own statement (``new_alert``'s writes, as
check-ins do), so that an alert never exists without its cause, and a cause that needs an alert
never exists without it. The notifications of the first step of the escalation policy are written
to the outbox in that same transaction or statement.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from relais import db
from relais.alerts import escalation
from relais.alerts.queries import (
    ALERT_INSERT,
    EVENT_INSERT,
    FOLLOWERS,
    NOTIFY_OPENED,
    OPEN_EPISODE,
    RAISE,
    REPEAT,
    REPEAT_EVENT,
)
from relais.alerts.tables import OUTCOMES, WITHDRAWN, Alert, AlertEvent
from relais.care.tables import Patient
from relais.db import as_uuid, raw
from relais.errors import Refusal
from relais.live.broker import PG_CHANNEL as LIVE_CHANNEL
from relais.live.broker import alert_payload, live_event, publish_alert
from relais.notify import outbox


@dataclass(frozen=True)
class NewAlert:
    """An alert ready to be written: ``writes`` (the alert, its first timeline event, its outbox
    rows) go in the transaction, or the statement, of its cause; then ``opened()``."""

    id: uuid.UUID
    state: str
    row: dict[str, Any]
    writes: tuple[raw.Statement, ...]
    #: PostgreSQL: the statement that wakes the workers and tells the consoles (NOTIFY, delivered
    #: at commit); it comes last. None on SQLite (``opened()`` tells them).
    notify: raw.Statement | None

    async def opened(self) -> None:
        """After the writes: wake this process's workers; SQLite: tell the consoles (at commit)."""
        outbox.wake()
        if self.notify is None:
            await publish_alert(self.row)


async def new_alert(
    *,
    patient_id: uuid.UUID,
    team_id: uuid.UUID,
    level: str,
    kind: str,
    reasons: Sequence[str],
    content_version: str,
    now: dt.datetime,
    urgent: bool = False,
    checkin_id: uuid.UUID | None = None,
    measures: Sequence[Any] = (),
) -> NewAlert:
    """Read what opening an alert needs (one statement) and make its writes. An amber alert of a
    team with a daily amber digest pushes no one: the digest tells the team, and the escalation's
    clock starts from the digest (its next step is due the team's amber delay after it)."""
    step0 = await escalation.opening(team_id, level, now)
    starts = step0.digest_at or now
    alert_id = uuid.uuid4()
    row = {
        "id": alert_id,
        "patient": patient_id,
        "team": team_id,
        "level": level,
        "state": "open",
        "escalation_step": 0,
    }
    writes: list[raw.Statement] = [
        (
            ALERT_INSERT,
            (
                alert_id,
                patient_id,
                team_id,
                checkin_id,
                level,
                kind,
                urgent or level == "red",
                raw.dumps(list(reasons)),
                content_version,
                "open",
                now,
                "",
                "",
                0,
                starts + dt.timedelta(minutes=step0.delay_minutes),
                raw.dumps(list(measures)),
            ),
        ),
        (EVENT_INSERT, (alert_id, now, "opened", None, kind)),
    ]
    notices = (
        None
        if step0.digest_at is not None
        else outbox.outbox_insert(
            step0.day_team, step0.with_push, now=now, **outbox.alert_notice(alert_id, level)
        )
    )
    if notices is not None:
        writes.append(notices)
    # The family members who asked to be told, with the patient's agreement: a neutral push.
    followers = await raw.rows(FOLLOWERS, patient_id, "on", True, now.date())
    family = outbox.outbox_insert(
        [as_uuid(f["user"]) for f in followers],
        {as_uuid(f["user"]) for f in followers if f["push"]},
        now=now,
        kind="family_alert",
        ref_id=alert_id,
        urgency="high" if level == "red" else "normal",
        topic=f"fam-{alert_id.hex[:28]}",
    )
    if family is not None:
        writes.append(family)
    notify = None
    if db.is_postgres():
        notify = (
            NOTIFY_OPENED,
            (outbox.PG_CHANNEL, LIVE_CHANNEL, live_event("alert", alert_payload(row))),
        )
    return NewAlert(alert_id, "open", row, tuple(writes), notify)


#: The kinds of alert a check-in opens; a later check-in of the same kind joins the open one.
EPISODE_KINDS = ("checkin", "self_harm")
_RANK = {"amber": 1, "red": 2}
_OPEN = ("open", "acknowledged")


async def open_episode(
    patient_id: uuid.UUID, team_id: uuid.UUID, kind: str
) -> dict[str, Any] | None:
    """The patient's alert of that kind still open (or seen, not closed) for the team."""
    if kind not in EPISODE_KINDS:
        return None
    return await raw.first(OPEN_EPISODE, patient_id, team_id, kind, *_OPEN)


@dataclass(frozen=True)
class RepeatedAlert:
    """A check-in that fired again, added to its open alert: ``writes`` go with the check-in, the
    alert's UPDATE last (no row back: the alert was closed meanwhile, ``reopen_instead``)."""

    id: uuid.UUID
    raised: bool
    writes: tuple[raw.Statement, ...]

    async def added(self) -> None:
        """After the writes: the consoles see the updated alert; a rise is pushed at once."""
        if self.raised:
            outbox.wake()
        await publish_alert(await get_alert(self.id))


async def repeat_alert(
    episode: dict[str, Any],
    *,
    team_id: uuid.UUID,
    level: str,
    reasons: Sequence[str],
    urgent: bool,
    checkin_id: uuid.UUID,
    now: dt.datetime,
    measures: Sequence[Any] = (),
) -> RepeatedAlert:
    """Add a check-in that fired to its open episode: one more repeat, its check-in the latest,
    the highest level, the reasons of both. A repeat never moves the escalation's deadline; a
    rise (amber to red) opens the alert again and notifies at once, from the first step of the
    higher level."""
    alert_id = as_uuid(episode["id"])
    old = episode["level"]
    raised = _RANK.get(level, 0) > _RANK.get(old, 0)
    top = level if raised else old
    before = [str(r) for r in db.json_value(episode["reasons"]) or []]
    merged = raw.dumps(list(dict.fromkeys([*reasons, *before])))
    keep_urgent = bool(episode["urgent"]) or urgent or top == "red"
    latest = raw.dumps(list(measures))
    event = (
        REPEAT_EVENT,
        (alert_id, now, "raised" if raised else "repeated", str(checkin_id), alert_id, *_OPEN),
    )
    writes: list[raw.Statement] = [event]
    if raised:
        step0 = await escalation.opening(team_id, top)
        notices = outbox.outbox_insert(
            step0.day_team, step0.with_push, now=now, **outbox.alert_notice(alert_id, top)
        )
        if notices is not None:
            writes.append(notices)
        deadline = now + dt.timedelta(minutes=step0.delay_minutes)
        update: raw.Statement = (
            RAISE,
            (
                checkin_id,
                now,
                top,
                merged,
                keep_urgent,
                latest,
                "open",
                0,
                deadline,
                alert_id,
                *_OPEN,
            ),
        )
    else:
        update = (REPEAT, (checkin_id, now, top, merged, keep_urgent, latest, alert_id, *_OPEN))
    return RepeatedAlert(alert_id, raised, (*writes, update))


async def open_alert(**cause: Any) -> NewAlert:
    """Insert the alert, its first timeline event and its outbox rows (one statement on
    PostgreSQL); the caller holds the transaction of the alert's cause. Takes ``new_alert``'s
    arguments."""
    alert = await new_alert(**cause)
    await raw.together(*alert.writes, *([alert.notify] if alert.notify else []))
    await alert.opened()
    return alert


async def _update_unless_changed(alert: dict[str, Any], values: dict[Any, Any]) -> None:
    """Write ``values`` to the alert only if its state is still the one read; 409 otherwise."""
    done = await (
        Alert.update(values)
        .where((Alert.id == alert["id"]) & (Alert.state == alert["state"]))
        .returning(Alert.id)
    )
    if not done:
        raise Refusal("alert-changed", "conflict")


async def get_alert(alert_id: uuid.UUID) -> dict[str, Any]:
    row = await Alert.select().where(Alert.id == alert_id).first()
    if row is None:
        raise not_found()
    return row


def not_found() -> Refusal:
    return Refusal("alert-not-found", "not-found")


async def patient_side_users(patient_id: uuid.UUID, today: dt.date) -> list[uuid.UUID]:
    """Who is told that the team has seen an alert: the patient's own account, and the family
    members told of alerts (relais.care.followers), active on the day."""
    patient = await Patient.select(Patient.user).where(Patient.id == patient_id).first()
    own = [as_uuid(patient["user"])] if patient and patient["user"] is not None else []
    told = await raw.rows(FOLLOWERS, patient_id, "on", True, today)
    return list(dict.fromkeys([*own, *(as_uuid(f["user"]) for f in told)]))


async def _tell_patient_seen(alert: dict[str, Any], now: dt.datetime) -> None:
    users = await patient_side_users(as_uuid(alert["patient"]), now.date())
    await outbox.enqueue(
        users,
        kind="alert_seen",
        ref_id=as_uuid(alert["id"]),
        now=now,
        urgency="normal",
        topic=f"seen-{as_uuid(alert['id']).hex[:27]}",
    )


async def acknowledge(
    alert_id: uuid.UUID, actor: uuid.UUID, now: dt.datetime, *, detail: str = ""
) -> dict[str, Any]:
    """open → acknowledged; stops escalation; tells the patient side their team has seen it.
    Acknowledging an acknowledged alert changes nothing. ``detail``: how, on the timeline
    ("notification": from the notification's "Seen" action)."""
    async with db.transaction():
        alert = await get_alert(alert_id)
        if alert["state"] == "resolved":
            raise Refusal("alert-resolved", "conflict", detail="alert-resolved.acknowledge")
        if alert["state"] == "open":
            done = await (
                Alert.update(
                    {
                        Alert.state: "acknowledged",
                        Alert.acknowledged_at: now,
                        Alert.acknowledged_by: actor,
                        Alert.next_escalation_at: None,
                    }
                )
                .where((Alert.id == alert_id) & (Alert.state == "open"))
                .returning(Alert.id)
            )
            if done:
                await AlertEvent.insert(
                    AlertEvent(
                        alert=alert_id, at=now, kind="acknowledged", actor=actor, detail=detail
                    )
                )
                await _tell_patient_seen(alert, now)
                await publish_alert(await get_alert(alert_id))
        return await get_alert(alert_id)


async def resolve(
    alert_id: uuid.UUID, actor: uuid.UUID, outcome: str, note: str, now: dt.datetime
) -> dict[str, Any]:
    if outcome not in OUTCOMES:
        raise Refusal("invalid-outcome", "unprocessable", params={"outcomes": ", ".join(OUTCOMES)})
    async with db.transaction():
        alert = await get_alert(alert_id)
        if alert["state"] == "resolved":
            raise Refusal("alert-resolved", "conflict")
        values: dict[Any, Any] = {
            Alert.state: "resolved",
            Alert.resolved_at: now,
            Alert.resolved_by: actor,
            Alert.outcome: outcome,
            Alert.note: note,
            Alert.next_escalation_at: None,
        }
        was_open = alert["state"] == "open"
        if was_open:
            # Resolving without acknowledging first still means the team has seen it.
            values[Alert.acknowledged_at] = now
            values[Alert.acknowledged_by] = actor
        await _update_unless_changed(alert, values)
        if was_open:
            await AlertEvent.insert(
                AlertEvent(alert=alert_id, at=now, kind="acknowledged", actor=actor)
            )
            await _tell_patient_seen(alert, now)
        await AlertEvent.insert(
            AlertEvent(alert=alert_id, at=now, kind="resolved", actor=actor, detail=outcome)
        )
        row = await get_alert(alert_id)
        await publish_alert(row)
        return row


async def withdraw(alert_id: uuid.UUID, actor: uuid.UUID, note: str, now: dt.datetime) -> bool:
    """Close an alert whose cause was a wrong value, since corrected or removed (inside the
    caller's transaction): resolved as "withdrawn" with ``note``, its escalation stopped, in its
    timeline, and told to the consoles. Nobody in the team is said to have seen it. False when it
    was already closed (a clinician's outcome stays)."""
    done = await (
        Alert.update(
            {
                Alert.state: "resolved",
                Alert.resolved_at: now,
                Alert.resolved_by: actor,
                Alert.outcome: WITHDRAWN,
                Alert.note: note,
                Alert.next_escalation_at: None,
            }
        )
        .where((Alert.id == alert_id) & (Alert.state != "resolved"))
        .returning(Alert.id)
    )
    if not done:
        return False
    await AlertEvent.insert(
        AlertEvent(alert=alert_id, at=now, kind="withdrawn", actor=actor, detail=note[:200])
    )
    await publish_alert(await get_alert(alert_id))
    return True


#: How long an alert may be snoozed, in minutes, by level: a red alert for an hour at most.
SNOOZE_MAX = {"amber": 240, "red": 60}
SNOOZE_MIN = 5


async def snooze(
    alert_id: uuid.UUID, actor: uuid.UUID, minutes: int, reason: str, now: dt.datetime
) -> dict[str, Any]:
    """Snooze an open (or seen) alert for a bounded time, with a reason: its next escalation step
    waits until the end of the snooze, never less than it would have. On its timeline."""
    async with db.transaction():
        alert = await get_alert(alert_id)
        if alert["state"] == "resolved":
            raise Refusal("alert-resolved", "conflict", detail="alert-resolved.snooze")
        longest = SNOOZE_MAX.get(alert["level"], SNOOZE_MAX["red"])
        if not SNOOZE_MIN <= minutes <= longest:
            raise Refusal(
                "snooze-too-long",
                "unprocessable",
                params={"min": SNOOZE_MIN, "max": longest},
            )
        until = now + dt.timedelta(minutes=minutes)
        nxt = alert["next_escalation_at"]
        values: dict[Any, Any] = {Alert.snoozed_until: until, Alert.snooze_reason: reason}
        if nxt is not None and db.as_utc(nxt) < until:
            values[Alert.next_escalation_at] = until
        await _update_unless_changed(alert, values)
        await AlertEvent.insert(
            AlertEvent(alert=alert_id, at=now, kind="snoozed", actor=actor, detail=reason[:300])
        )
        row = await get_alert(alert_id)
        await publish_alert(row)
        return row


async def reopen(alert_id: uuid.UUID, actor: uuid.UUID, now: dt.datetime) -> dict[str, Any]:
    """Back to open, from the first step of the policy again, with its notifications."""
    async with db.transaction():
        alert = await get_alert(alert_id)
        if alert["state"] == "open":
            raise Refusal("alert-open", "conflict")
        team_id = as_uuid(alert["team"])
        delay = await escalation.delay_minutes(team_id, alert["level"])
        done = await (
            Alert.update(
                {
                    Alert.state: "open",
                    Alert.acknowledged_at: None,
                    Alert.acknowledged_by: None,
                    Alert.resolved_at: None,
                    Alert.resolved_by: None,
                    Alert.outcome: "",
                    Alert.escalation_step: 0,
                    Alert.next_escalation_at: now + dt.timedelta(minutes=delay),
                }
            )
            .where((Alert.id == alert_id) & (Alert.state == alert["state"]))
            .returning(Alert.id)
        )
        if not done:
            raise Refusal("alert-changed", "conflict")
        await AlertEvent.insert(AlertEvent(alert=alert_id, at=now, kind="reopened", actor=actor))
        await escalation.notify_step(alert_id, team_id, alert["level"], 0, now)
        row = await get_alert(alert_id)
        await publish_alert(row)
        return row


async def timeline(alert_id: uuid.UUID) -> list[dict[str, Any]]:
    return list(
        await AlertEvent.select()
        .where(AlertEvent.alert == alert_id)
        .order_by(AlertEvent.at)
        .order_by(AlertEvent._meta.primary_key)
    )
