"""The risk-sorted patient list of a team, in two queries (three on SQLite) whatever the number of
patients, answered a page at a time: every patient is ranked, only the page shown is built, sent
and audited."""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from typing import Any

from relais import db
from relais.access.policy import today_in
from relais.alerts.tables import Alert
from relais.care.service import ADULT_AGE, age_years
from relais.console.queries import PG_PATIENTS, SQLITE_LAST, SQLITE_PATIENTS
from relais.console.schemas import ConsoleOut, ConsolePatient
from relais.content.loader import ContentLibrary
from relais.db import as_uuid

RANK = {"red": 2, "amber": 1, "green": 0}
LAST_DAYS = 30
#: Rows of a page when the caller does not say.
PAGE = 100


def folded(text: str) -> str:
    """``text`` for a search by name: lower case, accents dropped ("Hélène" finds "helene")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


async def _patients(team_id: uuid.UUID, now: dt.datetime) -> list[dict[str, Any]]:
    """The team's active patients with overdue count, last level and time, previous level."""
    since = now - dt.timedelta(days=LAST_DAYS)
    if db.is_postgres():
        return await db.fetch(PG_PATIENTS, team_id, now, since, team_id)
    rows = await db.fetch(SQLITE_PATIENTS, team_id, now, team_id)
    last: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for r in await db.fetch(SQLITE_LAST, team_id, since):
        last.setdefault(as_uuid(r["patient"]), []).append(r)
    for r in rows:
        for key in ("birth_date", "discharge_date", "day1"):
            r[key] = _date(r[key])
        two = last.get(as_uuid(r["id"]), [])
        r["levels"] = [c["level"] for c in two]
        r["last_at"] = two[0]["taken_at"] if two else None
    return rows


def _date(value: Any) -> Any:
    """A date column read with raw SQL (SQLite gives text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _taken(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return db.as_utc(value)


async def _open_alerts(team_id: uuid.UUID) -> dict[uuid.UUID, tuple[int, int, int]]:
    """(open or seen, of which red, of which not seen yet) alerts of each patient of the team."""
    counts: dict[uuid.UUID, tuple[int, int, int]] = {}
    for r in await Alert.select(Alert.patient, Alert.level, Alert.state).where(
        (Alert.team == team_id) & (Alert.state != "resolved")
    ):
        pid = as_uuid(r["patient"])
        total, red, unseen = counts.get(pid, (0, 0, 0))
        counts[pid] = (total + 1, red + (r["level"] == "red"), unseen + (r["state"] == "open"))
    return counts


async def team_console(
    library: ContentLibrary,
    team_id: uuid.UUID,
    *,
    query: str = "",
    limit: int = PAGE,
    offset: int = 0,
) -> ConsoleOut:
    """The team's patients ranked by risk; the page ``offset``..``offset + limit`` of those whose
    name holds every word of ``query`` (all of them when it is empty). The counts are the team's."""
    now = db.utcnow()
    rows = await _patients(team_id, now)
    alerts = await _open_alerts(team_id)
    words = folded(query).split()
    ranked: list[tuple[int, str, str, dict[str, Any]]] = []
    todays: dict[str, dt.date] = {}
    windows: dict[str, Any] = {}
    with_alerts = red = 0
    for r in rows:
        pid = as_uuid(r["id"])
        tz = r["timezone"]
        today = todays.get(tz) or todays.setdefault(tz, today_in(tz))
        anchor_date = r["day1"] or r["discharge_date"]
        offset_days = (today - anchor_date).days if anchor_date else None
        plan_id = r["plan_id"]
        if plan_id not in windows:
            plan = library.plans.get(plan_id) if plan_id else None
            windows[plan_id] = getattr(plan, "critical_window", None)
        window = windows[plan_id]
        critical = bool(
            window is not None
            and offset_days is not None
            and window.from_day <= offset_days <= window.to_day
        )
        open_alerts, open_red, unack = alerts.get(pid, (0, 0, 0))
        with_alerts += open_alerts > 0
        red += open_red > 0
        if words:
            name = folded(f"{r['given_name']} {r['family_name']}")
            if not all(w in name for w in words):
                continue
        levels = r["levels"] or []
        last_level = levels[0] if levels else None
        prev_level = levels[1] if len(levels) > 1 else None
        trend = ""
        if last_level and prev_level:
            diff = RANK.get(last_level, 0) - RANK.get(prev_level, 0)
            trend = "worse" if diff > 0 else ("better" if diff < 0 else "same")
        risk = (
            open_red * 1000
            + (open_alerts - open_red) * 300
            + unack * 100
            + RANK.get(last_level or "", 0) * 40
            + min(int(r["overdue"]), 5) * 10
            + (15 if critical else 0)
            + (5 if trend == "worse" else 0)
        )
        r.update(
            pid=pid, today=today, anchor_date=anchor_date, offset_days=offset_days,
            critical=critical, alerts=(open_alerts, open_red, unack), last_level=last_level,
            prev_level=prev_level, trend=trend, risk=risk,
        )  # fmt: skip
        ranked.append((-risk, r["family_name"].lower(), r["given_name"].lower(), r))
    ranked.sort(key=lambda k: k[:3])
    page = [_patient(k[3]) for k in ranked[offset : offset + limit]]
    return ConsoleOut(
        team_id=team_id,
        patients=page,
        count=len(rows),
        with_open_alerts=with_alerts,
        red=red,
        matched=len(ranked),
        offset=offset,
    )


def _patient(r: dict[str, Any]) -> ConsolePatient:
    """One row of the page, from the row ``team_console`` ranked."""
    anchor = "day1" if r["day1"] else ("discharge" if r["anchor_date"] else "")
    offset_days = r["offset_days"]
    open_alerts, open_red, unack = r["alerts"]
    birth = r["birth_date"]
    return ConsolePatient(
        id=r["pid"],
        given_name=r["given_name"],
        family_name=r["family_name"],
        birth_date=birth,
        is_child=age_years(birth, r["today"]) < ADULT_AGE,
        no_gp=not (r["gp_name"] or r["gp_phone"]),
        plan_id=r["plan_id"],
        discharge_date=r["discharge_date"],
        day1=r["day1"],
        day=(
            (offset_days + 1 if anchor == "day1" else offset_days)
            if offset_days is not None
            else None
        ),
        anchor=anchor,
        in_critical_window=r["critical"],
        overdue_items=int(r["overdue"]),
        open_alerts=open_alerts,
        open_red=open_red,
        unacknowledged=unack,
        last_level=r["last_level"],
        last_checkin_at=_taken(r["last_at"]) if r["last_at"] is not None else None,
        previous_level=r["prev_level"],
        trend=r["trend"],
        risk=r["risk"],
    )
