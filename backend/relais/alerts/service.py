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
from relais.alerts.queries import ALERT_INSERT, EVENT_INSERT, FOLLOWERS, NOTIFY_OPENED
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
) -> NewAlert:
    """Read what opening an alert needs (one statement) and make its writes."""
    step0 = await escalation.opening(team_id, level)
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
                now + dt.timedelta(minutes=step0.delay_minutes),
            ),
        ),
        (EVENT_INSERT, (alert_id, now, "opened", None, kind)),
    ]
    notices = outbox.outbox_insert(
        step0.day_team, step0.with_push, now=now, **outbox.alert_notice(alert_id, level)
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


async def open_alert(**cause: Any) -> NewAlert:
    """Insert the alert, its first timeline event and its outbox rows (one statement on
    PostgreSQL); the caller holds the transaction of the alert's cause. Takes ``new_alert``'s
    arguments."""
    alert = await new_alert(**cause)
    await raw.together(*alert.writes, *([alert.notify] if alert.notify else []))
    await alert.opened()
    return alert


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
        done = await (
            Alert.update(values)
            .where((Alert.id == alert_id) & (Alert.state == alert["state"]))
            .returning(Alert.id)
        )
        if not done:
            raise Refusal("alert-changed", "conflict")
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
