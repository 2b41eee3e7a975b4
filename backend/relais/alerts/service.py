"""Opening alerts. Called inside the transaction that stores their cause (a check-in, a missed
check-in, a development check), so that an alert never exists without its cause and a cause that
needs an alert never exists without it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from relais.alerts.tables import Alert, AlertEvent
from relais.care.tables import Team


async def open_alert(
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
) -> Alert:
    """Insert the alert and its first timeline event; the caller holds the transaction."""
    team = (
        await Team.select(Team.escalate_red_min, Team.escalate_amber_min)
        .where(Team.id == team_id)
        .first()
    )
    delay = (team or {}).get("escalate_red_min" if level == "red" else "escalate_amber_min", 5)
    alert = Alert(
        patient=patient_id,
        team=team_id,
        checkin_id=checkin_id,
        level=level,
        kind=kind,
        urgent=urgent or level == "red",
        reasons=list(reasons),
        content_version=content_version,
        state="open",
        opened_at=now,
        next_escalation_at=now + dt.timedelta(minutes=delay),
    )
    await alert.save()
    await AlertEvent.insert(AlertEvent(alert=alert.id, at=now, kind="opened", detail=kind))
    return alert
