"""The risk-sorted patient list of a team, in four queries whatever the number of patients."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from relais import db
from relais.access.policy import today_in
from relais.alerts.tables import Alert
from relais.care.service import ADULT_AGE, active_patients_of_team, age_years
from relais.care.tables import PatientTeam, ScheduleItem
from relais.console.schemas import ConsoleOut, ConsolePatient
from relais.content.loader import ContentLibrary
from relais.db import as_uuid

RANK = {"red": 2, "amber": 1, "green": 0}
LAST_DAYS = 30


async def _last_levels(team_id: uuid.UUID, since: dt.datetime) -> dict[uuid.UUID, list[Any]]:
    """The two latest check-ins (level, time) of each patient of the team over the last days."""
    rows = await db.fetch(
        "SELECT patient, level, taken_at FROM ("
        " SELECT c.patient AS patient, c.level AS level, c.taken_at AS taken_at,"
        " ROW_NUMBER() OVER (PARTITION BY c.patient ORDER BY c.taken_at DESC) AS rn"
        " FROM relais_checkin c"
        " JOIN relais_patient_team pt ON pt.patient = c.patient"
        " WHERE pt.team = {} AND c.taken_at >= {}"
        ") ranked WHERE rn <= 2 ORDER BY patient, taken_at DESC",
        team_id,
        since,
    )
    out: dict[uuid.UUID, list[Any]] = {}
    for r in rows:
        out.setdefault(as_uuid(r["patient"]), []).append(r)
    return out


def _taken(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return db.as_utc(value)


async def team_console(library: ContentLibrary, team_id: uuid.UUID) -> ConsoleOut:
    now = db.utcnow()
    rows = await active_patients_of_team(team_id)
    in_team = PatientTeam.select(PatientTeam.patient).where(PatientTeam.team == team_id)
    overdue: dict[uuid.UUID, int] = {}
    for r in await ScheduleItem.select(ScheduleItem.patient).where(
        ScheduleItem.patient.is_in(in_team)
        & (ScheduleItem.status == "due")
        & (ScheduleItem.window_end < now)
    ):
        overdue[as_uuid(r["patient"])] = overdue.get(as_uuid(r["patient"]), 0) + 1
    alerts: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for r in await Alert.select(Alert.patient, Alert.level, Alert.state).where(
        (Alert.team == team_id) & (Alert.state != "resolved")
    ):
        alerts.setdefault(as_uuid(r["patient"]), []).append(r)
    last = await _last_levels(team_id, now - dt.timedelta(days=LAST_DAYS))
    out: list[ConsolePatient] = []
    for r in rows:
        pid = as_uuid(r["patient.id"])
        today = today_in(r["patient.timezone"])
        anchor_date = r["patient.day1"] or r["patient.discharge_date"]
        anchor = "day1" if r["patient.day1"] else ("discharge" if anchor_date else "")
        offset = (today - anchor_date).days if anchor_date else None
        plan = library.plans.get(r["patient.plan_id"]) if r["patient.plan_id"] else None
        window = getattr(plan, "critical_window", None)
        critical = bool(
            window is not None and offset is not None and window.from_day <= offset <= window.to_day
        )
        mine = alerts.get(pid, [])
        levels = last.get(pid, [])
        last_level = levels[0]["level"] if levels else None
        prev_level = levels[1]["level"] if len(levels) > 1 else None
        trend = ""
        if last_level and prev_level:
            diff = RANK.get(last_level, 0) - RANK.get(prev_level, 0)
            trend = "worse" if diff > 0 else ("better" if diff < 0 else "same")
        open_red = sum(1 for a in mine if a["level"] == "red")
        unack = sum(1 for a in mine if a["state"] == "open")
        risk = (
            open_red * 1000
            + (len(mine) - open_red) * 300
            + unack * 100
            + RANK.get(last_level or "", 0) * 40
            + min(overdue.get(pid, 0), 5) * 10
            + (15 if critical else 0)
            + (5 if trend == "worse" else 0)
        )
        out.append(
            ConsolePatient(
                id=pid,
                given_name=r["patient.given_name"],
                family_name=r["patient.family_name"],
                birth_date=r["patient.birth_date"],
                is_child=age_years(r["patient.birth_date"], today) < ADULT_AGE,
                no_gp=not (r["patient.gp_name"] or r["patient.gp_phone"]),
                plan_id=r["patient.plan_id"],
                discharge_date=r["patient.discharge_date"],
                day1=r["patient.day1"],
                day=(offset + 1 if anchor == "day1" else offset) if offset is not None else None,
                anchor=anchor,
                in_critical_window=critical,
                overdue_items=overdue.get(pid, 0),
                open_alerts=len(mine),
                open_red=open_red,
                unacknowledged=unack,
                last_level=last_level,
                last_checkin_at=_taken(levels[0]["taken_at"]) if levels else None,
                previous_level=prev_level,
                trend=trend,
                risk=risk,
            )
        )
    out.sort(key=lambda p: (-p.risk, p.family_name.lower(), p.given_name.lower()))
    return ConsoleOut(
        team_id=team_id,
        patients=out,
        count=len(out),
        with_open_alerts=sum(1 for p in out if p.open_alerts),
        red=sum(1 for p in out if p.open_red),
    )
