"""Check-ins: validate, triage with the person's history, store, and open an alert — atomically.

The path of one check-in (see docs in README): access checked by the route, which reads the
patient's recent history and thresholds in the same statement; the id made on the device makes the
write idempotent (same id and body: the stored result; same id, other body: 409); the time it was
taken may be up to 7 days old (offline phones) but not in the future; vital signs outside
physiological ranges are refused, not stored; then in ONE write (one statement on PostgreSQL, one
transaction on SQLite): the audit row, the check-in row, its schedule item done, and when the
result is amber or red the alert with its notifications (``new_alert``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

import msgspec

from relais.alerts.service import new_alert
from relais.alerts.tables import Alert
from relais.audit.service import AUDIT_INSERT, PendingAudit
from relais.care.service import ADULT_AGE, age_years, all_teams_of_patient
from relais.checkins import queries
from relais.checkins.schemas import (
    AlertRef,
    CheckinIn,
    CheckinOut,
    CheckinResult,
    FiredOut,
)
from relais.checkins.tables import Checkin
from relais.content.loader import ContentLibrary
from relais.content.scoring import score
from relais.db import (
    as_utc,
    as_uuid,
    is_unique_violation,
    json_value,
    raw,
    utcnow,
)
from relais.errors import FIELDS, FieldRefusal, Refusal
from relais.triage.engine import (
    Checkin as TriageCheckin,
)
from relais.triage.engine import (
    Person,
    TriageResult,
    completed_months,
    evaluate,
    vital_problems,
)
from relais.triage.rules import Ruleset

MAX_LATE = dt.timedelta(days=7)
CLOCK_SKEW = dt.timedelta(minutes=5)

_rulesets: dict[str, Ruleset] = {}


def ruleset_of(library: ContentLibrary) -> Ruleset:
    """The library's rules as one ruleset, built once per content version."""
    cached = _rulesets.get(library.version)
    if cached is None:
        cached = Ruleset.from_files(list(library.rules.values()))
        _rulesets[library.version] = cached
    return cached


def body_hash(data: CheckinIn) -> str:
    return hashlib.sha256(msgspec.json.encode(data, order="sorted")).hexdigest()


def _refused(code: str, fields: list[FieldRefusal]) -> Refusal:
    return Refusal(code, "invalid", detail=FIELDS, fields=fields, title="check-the-values")


def _taken_utc(taken_at: dt.datetime, now: dt.datetime) -> tuple[dt.datetime | None, str]:
    """A time taken in UTC when it can be accepted (up to ``MAX_LATE`` late, ``CLOCK_SKEW`` early);
    otherwise None and the code of the reason."""
    if taken_at.tzinfo is None:
        return None, "naive-time"
    # CheckinIn holds years 1900 to 2199 only (relais.web.schemas.In): always convertible.
    taken = taken_at.astimezone(dt.UTC)
    if taken > now + CLOCK_SKEW:
        return None, "taken-in-future"
    if taken < now - MAX_LATE:
        return None, "taken-too-old"
    return taken, ""


# Why a time taken is refused, by the code of the reason.
_TIME_PROBLEMS = {
    "naive-time": FieldRefusal("taken_at", "naive-time.taken"),
    "taken-in-future": FieldRefusal("taken_at", "taken-in-future"),
    "taken-too-old": FieldRefusal("taken_at", "taken-too-old"),
}


def validate(library: ContentLibrary, data: CheckinIn, now: dt.datetime) -> None:
    taken, problem = _taken_utc(data.taken_at, now)
    if taken is None:
        raise _refused(problem, [_TIME_PROBLEMS[problem]])
    errors = [
        FieldRefusal(f"vitals.{p.field}", p.code, p.params)
        for p in vital_problems(library.vitals, data.vitals)
    ]
    for item_id, value in data.answers.items():
        field = f"answers.{item_id}"
        found = library.item(item_id)
        if found is None:
            errors.append(FieldRefusal(field, "unknown-question", {"item": item_id}))
            continue
        if value is None:
            continue
        q, item = found
        if item.type in ("choice", "yesno"):
            allowed = {o.value for o in q.options_of(item)}
            if isinstance(value, bool) or value not in allowed:
                errors.append(FieldRefusal(field, "answer-not-a-choice", {"item": item_id}))
        elif item.type == "number":
            number = isinstance(value, int | float) and not isinstance(value, bool)
            lo = item.min if item.min is not None else float("-inf")
            hi = item.max if item.max is not None else float("inf")
            if not number or not lo <= value <= hi:  # type: ignore[operator]
                errors.append(
                    FieldRefusal(
                        field,
                        "answer-out-of-range",
                        {"item": item_id, "min": str(item.min), "max": str(item.max)},
                    )
                )
        elif item.type == "text" and (not isinstance(value, str) or len(value) > 2000):
            errors.append(FieldRefusal(field, "text-too-long"))
    if errors:
        raise _refused("invalid-checkin", errors)


def compute_scores(library: ContentLibrary, answers: dict[str, Any]) -> dict[str, float]:
    numeric = {
        k: v for k, v in answers.items() if isinstance(v, int | float) and not isinstance(v, bool)
    }
    asked = {found[0].id for k in numeric if (found := library.item(k)) is not None}
    out: dict[str, float] = {}
    for qid in sorted(asked):
        q = library.questionnaires[qid]
        result = score(q, numeric)
        if result is not None and result.total is not None:
            out[qid] = result.total
    return out


def person_for(patient: dict[str, Any], at: dt.datetime) -> Person:
    tz = ZoneInfo(patient["timezone"])
    local = at.astimezone(tz)
    today = local.date()
    birth: dt.date = patient["birth_date"]
    offset = local.utcoffset() or dt.timedelta(0)
    day = (today - patient["day1"]).days + 1 if patient["day1"] else None
    followed = patient["day1"] or patient["discharge_date"]
    return Person(
        is_child=age_years(birth, today) < ADULT_AGE,
        age_months=completed_months(birth, today),
        day=day,
        utc_offset_minutes=int(offset.total_seconds() // 60),
        followed_since=dt.datetime.combine(followed, dt.time(0), tzinfo=tz).astimezone(dt.UTC)
        if followed
        else None,
    )


def inputs_time(taken_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    """The time to read a check-in's triage inputs for, before it is validated: its time taken
    when it can be accepted; otherwise ``now`` (it will be refused, and the inputs not used)."""
    taken = _taken_utc(taken_at, now)[0]
    return now if taken is None else taken


def fired_out(fired: list[dict[str, Any]], lang: str) -> list[FiredOut]:
    return [
        FiredOut(
            id=f["id"],
            level=f["level"],
            reason=f["reason"].get(lang) or f["reason"]["en"],
            source=f["source"],
        )
        for f in fired
    ]


def result_from_row(row: dict[str, Any], alert: dict[str, Any] | None, lang: str) -> CheckinResult:
    flags = list(json_value(row["flags"]) or [])
    return CheckinResult(
        id=as_uuid(row["id"]),
        taken_at=as_utc(row["taken_at"]),
        level=row["level"],
        fired=fired_out(list(json_value(row["fired"]) or []), lang),
        flags=[f for f in flags if f != "urgent"],
        urgent="urgent" in flags,
        scores=dict(json_value(row["scores"]) or {}),
        client_level=row["client_level"] or None,
        content_version=row["content_version"],
        alert=alert_ref(alert) if alert else None,
    )


def alert_ref(alert: dict[str, Any]) -> AlertRef:
    return AlertRef(
        id=as_uuid(alert["id"]),
        state=alert["state"],
        acknowledged_at=as_utc(alert["acknowledged_at"]) if alert["acknowledged_at"] else None,
    )


async def alert_of_checkin(checkin_id: uuid.UUID) -> dict[str, Any] | None:
    return (
        await Alert.select(Alert.id, Alert.state, Alert.acknowledged_at)
        .where(Alert.checkin_id == checkin_id)
        .first()
    )


async def submit(
    library: ContentLibrary,
    patient: dict[str, Any],
    data: CheckinIn,
    submitted_by: uuid.UUID,
    lang: str,
    teams: Sequence[uuid.UUID] | None = None,
    audit: PendingAudit | None = None,
    inputs: queries.TriageInputs | None = None,
) -> tuple[CheckinResult, bool]:
    """Store and triage one check-in. Returns (result, created). ``teams``: every team of the
    patient, first attached first (read here when not given); an alert goes to the first.
    ``audit``: the access's audit row, written with the check-in when it is stored (the caller
    writes it otherwise). ``inputs``: history and thresholds, when the caller read them already
    (``triage_inputs_read``); read here unless they are as of the check-in's time taken."""
    digest = body_hash(data)
    pid = as_uuid(patient["id"])
    now = utcnow()
    try:
        validate(library, data, now)
    except Refusal:
        # A replay of a stored check-in answers with what was stored, even if it would no longer
        # be accepted (sent 6 days ago, retried today).
        existing = await queries.stored_checkin(data.id)
        if existing is None:
            raise
        return _replay(existing, pid, digest, lang, await alert_of_checkin(data.id)), False
    taken = data.taken_at.astimezone(dt.UTC)
    scores = compute_scores(library, data.answers)
    if inputs is None or inputs.at != taken:
        inputs = await queries.triage_inputs(pid, taken)
    result = evaluate(
        ruleset_of(library),
        person_for(patient, taken),
        TriageCheckin(
            answers=dict(data.answers),
            vitals=dict(data.vitals),
            scores=dict[str, float | None](scores),
            taken_at=taken,
        ),
        inputs.history,
        now,
        inputs.overrides,
    )
    if teams is None:
        teams = await all_teams_of_patient(pid)
    try:
        alert_row = await _store(
            library, data, pid, submitted_by, taken, now, result, scores, digest, list(teams), audit
        )
    except Exception as exc:
        # This id is already stored (a replay, or a retry racing the first try on another
        # process): the primary key lets one through; the other answers as a replay of it.
        if not is_unique_violation(exc):
            raise
        stored = await queries.stored_checkin(data.id)
        if stored is None:
            raise
        return _replay(stored, pid, digest, lang, await alert_of_checkin(data.id)), False
    return _result(data, taken, result, scores, library.version, alert_row, lang), True


def _replay(
    stored: dict[str, Any], pid: uuid.UUID, digest: str, lang: str, alert: dict[str, Any] | None
) -> CheckinResult:
    if as_uuid(stored["patient"]) != pid or stored["body_hash"] != digest:
        raise Refusal("checkin-id-conflict", "conflict")
    return result_from_row(stored, alert, lang)


async def _store(
    library: ContentLibrary,
    data: CheckinIn,
    pid: uuid.UUID,
    submitted_by: uuid.UUID,
    taken: dt.datetime,
    now: dt.datetime,
    result: TriageResult,
    scores: dict[str, float],
    digest: str,
    teams: list[uuid.UUID],
    audit: PendingAudit | None = None,
) -> dict[str, Any] | None:
    """Atomically: the check-in, its schedule item done, the audit row of the access when given,
    and when it is amber or red its alert with the alert's notifications; or nothing. On
    PostgreSQL all of it is one statement (``raw.together``)."""
    if audit is not None and audit.written:
        audit = None
    fired = [msgspec.to_builtins(f) for f in result.fired]
    flags = [*result.flags, *(["urgent"] if result.urgent else [])]
    row = (
        data.id,
        pid,
        submitted_by,
        taken,
        now,
        raw.dumps(data.answers),
        raw.dumps(data.vitals),
        data.note,
        raw.dumps(scores),
        result.level,
        raw.dumps(fired),
        raw.dumps(flags),
        data.client_level or "",
        library.version,
        digest,
        data.partial,
    )
    writes: list[raw.Statement] = [(queries.INSERT_CHECKIN, row)]
    if audit is not None:
        writes.insert(0, (AUDIT_INSERT, audit.values))
    alert = None
    if result.level != "green" and teams:
        alert = await new_alert(
            patient_id=pid,
            team_id=teams[0],
            level=result.level,
            kind="self_harm" if "self_harm" in result.flags else "checkin",
            reasons=[f.id for f in result.fired],
            content_version=library.version,
            now=now,
            urgent=result.urgent,
            checkin_id=data.id,
        )
        writes += alert.writes
    writes.append(
        (queries.MARK_SCHEDULE_DONE, (now, submitted_by, pid, taken + dt.timedelta(hours=3), taken))
    )
    if alert is not None and alert.notify is not None:
        writes.append(alert.notify)
    await raw.together(*writes)
    if audit is not None:
        audit.written = True
    if alert is None:
        return None
    await alert.opened()
    return {"id": alert.id, "state": alert.state, "acknowledged_at": None}


def _result(
    data: CheckinIn,
    taken: dt.datetime,
    result: TriageResult,
    scores: dict[str, float],
    version: str,
    alert: dict[str, Any] | None,
    lang: str,
) -> CheckinResult:
    return CheckinResult(
        id=data.id,
        taken_at=taken,
        level=result.level,
        fired=fired_out([msgspec.to_builtins(f) for f in result.fired], lang),
        flags=list(result.flags),
        urgent=result.urgent,
        scores=scores,
        client_level=data.client_level,
        content_version=version,
        alert=alert_ref(alert) if alert else None,
    )


def checkin_out(r: dict[str, Any]) -> CheckinOut:
    return CheckinOut(
        id=as_uuid(r["id"]),
        taken_at=as_utc(r["taken_at"]),
        level=r["level"],
        vitals=json_value(r["vitals"]) or {},
        scores=json_value(r["scores"]) or {},
        answers=json_value(r["answers"]) or {},
        note=r["note"],
        fired=[f["id"] for f in json_value(r["fired"]) or []],
        content_version=r["content_version"],
        partial=bool(r["partial"]),
        note_read_at=as_utc(r["note_read_at"]) if r["note_read_at"] else None,
    )


def visible_to(until: dt.datetime | None, where: Any) -> Any:
    """Hide check-ins received after ``until`` (a team the patient stopped sharing with)."""
    return where if until is None else where & (Checkin.received_at < until)


async def recent(
    patient_id: uuid.UUID, days: int, now: dt.datetime, until: dt.datetime | None = None
) -> list[CheckinOut]:
    rows = (
        await Checkin.select()
        .where(
            visible_to(
                until,
                (Checkin.patient == patient_id)
                & (Checkin.taken_at >= now - dt.timedelta(days=days)),
            )
        )
        .order_by(Checkin.taken_at, ascending=False)
        .limit(2000)
    )
    return [checkin_out(r) for r in rows]
