"""Check-ins: validate, triage with the person's history, store, and open an alert — atomically.

The path of one check-in (``submit_checkin``; docs/architecture.md): the access check reads the
patient's recent history and thresholds in the same statement; the id made on the device makes the
write idempotent (``relais.phone_writes``: same id and body, the stored result; same id, other
body, 409); the time it was taken may be up to 7 days old (offline phones) but not in the future;
vital signs outside physiological ranges are refused, not stored; then in ONE write (one statement
on PostgreSQL, one transaction on SQLite): the audit row, the check-in row, its schedule item
done, and when the result is amber or red the alert with its notifications (``new_alert``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from litestar.connection import ASGIConnection

from relais.access import policy
from relais.accounts.guards import current_user
from relais.alerts.service import new_alert, open_alert, open_episode, repeat_alert
from relais.alerts.tables import Alert, AlertEvent
from relais.audit.service import AUDIT_INSERT, PendingAudit
from relais.care.service import ADULT_AGE, age_years, alerted_teams
from relais.checkins import queries
from relais.checkins.privacy import visible, visible_fired
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
from relais.db import as_utc, as_uuid, json_value, raw, utcnow
from relais.errors import FIELDS, FieldRefusal, Refusal
from relais.phone_writes import (
    Window,
    body_hash,
    checkin_done,
    questionnaire_items_done,
    received_before,
    same_or_conflict,
    write_once,
)
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
from relais.triage.measures import measures
from relais.triage.rules import Overrides, Ruleset
from relais.web.lang import request_lang

#: A check-in may be sent up to 7 days after it was taken (a phone offline).
WINDOW = Window(
    late=dt.timedelta(days=7),
    codes={
        "naive": ("naive-time", "naive-time.taken"),
        "future": ("taken-in-future", "taken-in-future"),
        "old": ("taken-too-old", "taken-too-old"),
    },
    title="check-the-values",
)

_rulesets: dict[str, Ruleset] = {}


def ruleset_of(library: ContentLibrary) -> Ruleset:
    """The library's rules as one ruleset, built once per content version."""
    cached = _rulesets.get(library.version)
    if cached is None:
        cached = Ruleset.from_files(list(library.rules.values()))
        _rulesets[library.version] = cached
    return cached


def _refused(code: str, fields: list[FieldRefusal]) -> Refusal:
    return Refusal(code, "invalid", detail=FIELDS, fields=fields, title="check-the-values")


def validate(library: ContentLibrary, data: CheckinIn, now: dt.datetime) -> None:
    WINDOW.accept("taken_at", data.taken_at, now)
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
    """The alert the check-in opened, or the open alert it was added to (its episode)."""
    opened = (
        await Alert.select(Alert.id, Alert.state, Alert.acknowledged_at)
        .where(Alert.checkin_id == checkin_id)
        .first()
    )
    if opened is not None:
        return opened
    joined = (
        await AlertEvent.select(AlertEvent.alert)
        .where(
            AlertEvent.kind.is_in(["repeated", "raised"]) & (AlertEvent.detail == str(checkin_id))
        )
        .first()
    )
    if joined is None:
        return None
    return (
        await Alert.select(Alert.id, Alert.state, Alert.acknowledged_at)
        .where(Alert.id == joined["alert"])
        .first()
    )


async def submit_checkin(
    connection: ASGIConnection[Any, Any, Any, Any], patient_id: uuid.UUID, data: CheckinIn
) -> tuple[CheckinResult, bool]:
    """A check-in sent by the caller for the patient, from the access check to the alert's
    push: returns (result, created). The access is read with the patient's history and thresholds
    (one statement); its audit row goes in with the check-in, or alone when nothing is stored (a
    refusal, a replay, a failure, unless the database itself is what failed). An alert's workers
    are woken once it is written (``NewAlert.opened``)."""
    at = WINDOW.time_to_read(data.taken_at, utcnow())
    sql, args = queries.triage_inputs_read(patient_id, at)
    access = await policy.require(
        connection,
        patient_id,
        "log",
        audit_action="checkin.write",
        audit_with_change=True,
        also=policy.Also(sql, args, ("past", "thresholds")),
    )
    audit = access.audit
    assert audit is not None and access.also is not None
    try:
        answer = await submit(
            connection.app.state.content,
            access.patient,
            data,
            current_user(connection).id,
            request_lang(connection),
            teams=access.teams,
            audit=audit,
            inputs=queries.triage_inputs_of(access.also, at),
        )
    except BaseException:
        with contextlib.suppress(Exception):
            await audit.write()
        raise
    await audit.write()  # nothing to do when it went in with the check-in
    return answer


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
    """Store and triage one check-in, once (``write_once``). Returns (result, created).
    ``teams``: the teams the patient shares with, first attached first (read here when not
    given); an alert goes to the first, none when there is none. ``audit``: the access's audit
    row, written with the check-in when it is stored. ``inputs``: history and thresholds, when
    read already (``triage_inputs_read``); read here unless they are as of the check-in's time
    taken. Without a connection: the demo."""
    digest = body_hash(data)
    pid = as_uuid(patient["id"])

    async def store() -> CheckinResult:
        now = utcnow()
        validate(library, data, now)
        taken = data.taken_at.astimezone(dt.UTC)
        scores = compute_scores(library, data.answers)
        found = inputs if inputs is not None and inputs.at == taken else None
        if found is None:
            found = await queries.triage_inputs(pid, taken)
        result = evaluate(
            ruleset_of(library),
            person_for(patient, taken),
            TriageCheckin(
                answers=dict(data.answers),
                vitals=dict(data.vitals),
                scores=dict[str, float | None](scores),
                taken_at=taken,
            ),
            found.history,
            now,
            found.overrides,
        )
        alert_row = await _store(
            library,
            data,
            pid,
            submitted_by,
            taken,
            now,
            result,
            scores,
            digest,
            list(teams if teams is not None else await alerted_teams(pid)),
            await _items_done(library, data, patient, taken, now, submitted_by),
            audit,
            found,
        )
        return _result(data, taken, result, scores, library.version, alert_row, lang)

    async def replay() -> CheckinResult | None:
        stored = await queries.stored_checkin(data.id)
        if stored is None:
            return None
        same_or_conflict(stored, pid, digest, Refusal("checkin-id-conflict", "conflict"))
        return result_from_row(stored, await alert_of_checkin(data.id), lang)

    return await write_once(store, replay)


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
    items_done: list[raw.Statement],
    audit: PendingAudit | None = None,
    inputs: queries.TriageInputs | None = None,
) -> dict[str, Any] | None:
    """Atomically: the check-in, the schedule items it completes, the audit row of the access,
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
    repeat = None
    if result.level != "green" and teams:
        kind = "self_harm" if "self_harm" in result.flags else "checkin"
        # What the team reads beside the alert: values, thresholds crossed, whose they are.
        measured = measures(
            ruleset_of(library).rules,
            [f.id for f in result.fired],
            {"vital": data.vitals, "score": scores, "answer": data.answers},
            inputs.overrides if inputs is not None else Overrides(),
            inputs.sources if inputs is not None else {},
        )
        cause: dict[str, Any] = {
            "team_id": teams[0],
            "level": result.level,
            "reasons": [f.id for f in result.fired],
            "urgent": result.urgent,
            "checkin_id": data.id,
            "now": now,
            "measures": [msgspec.to_builtins(m) for m in measured],
        }
        # One alert per episode: while the patient's alert is open, this check-in updates it.
        episode = await open_episode(pid, teams[0], kind)
        if episode is not None:
            repeat = await repeat_alert(episode, **cause)
        else:
            alert = await new_alert(
                patient_id=pid, kind=kind, content_version=library.version, **cause
            )
            writes += alert.writes
    writes += items_done
    if repeat is not None:
        writes += repeat.writes  # the alert's UPDATE last: its row says it was still open
    elif alert is not None and alert.notify is not None:
        writes.append(alert.notify)
    last = await raw.together(*writes)
    if audit is not None:
        audit.written = True
    if repeat is not None:
        if last:
            await repeat.added()
            found = last[0]
            return {
                "id": as_uuid(found["id"]),
                "state": found["state"],
                "acknowledged_at": found["acknowledged_at"],
            }
        # Closed between the read and the write: this check-in opens a new alert of its own.
        alert = await open_alert(
            patient_id=pid, kind=kind, content_version=library.version, **cause
        )
        return {"id": alert.id, "state": alert.state, "acknowledged_at": None}
    if alert is None:
        return None
    await alert.opened()
    return {"id": alert.id, "state": alert.state, "acknowledged_at": None}


def _questionnaire_only(library: ContentLibrary) -> frozenset[str]:
    """The questionnaires plans ask for on their own, never as part of a check-in (PHQ-9, the
    recovery questions): answering only these completes their item, not the day's check-in."""
    cached = _questionnaire_only_cache.get(library.version)
    if cached is None:
        named: dict[str, set[str]] = {"checkin": set(), "questionnaire": set()}
        for plan in library.plans.values():
            for item in plan.items:
                if item.kind in named:
                    named[item.kind].update(item.questionnaires)
        cached = frozenset(named["questionnaire"] - named["checkin"])
        _questionnaire_only_cache[library.version] = cached
    return cached


_questionnaire_only_cache: dict[str, frozenset[str]] = {}


async def _items_done(
    library: ContentLibrary,
    data: CheckinIn,
    patient: dict[str, Any],
    taken: dt.datetime,
    now: dt.datetime,
    by: uuid.UUID,
) -> list[raw.Statement]:
    """The schedule items a check-in completes: today's check-in item (whatever the hour), unless
    it answers only questionnaires the plans ask for on their own; and the questionnaire items
    naming a questionnaire it answers."""
    answered = {
        found[0].id
        for item_id, value in data.answers.items()
        if value is not None and (found := library.item(item_id)) is not None
    }
    alone = answered & _questionnaire_only(library)
    done: list[raw.Statement] = []
    if not answered or answered - alone:
        done.append(checkin_done(as_uuid(patient["id"]), taken, patient["timezone"], now, by))
    if alone:
        done += await questionnaire_items_done(as_uuid(patient["id"]), alone, taken, now, by)
    return done


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


def without_private(out: CheckinOut, private: frozenset[str]) -> CheckinOut:
    """The check-in as an adult's family member sees it without the adult's leave
    (relais.checkins.privacy)."""
    return msgspec.structs.replace(
        out,
        answers=visible(out.answers, private),
        scores=visible(out.scores, private),
        fired=visible_fired(out.fired, private),
        note="",
        note_read_at=None,
        private_hidden=True,
    )


async def recent(
    patient_id: uuid.UUID, days: int, now: dt.datetime, until: dt.datetime | None = None
) -> list[CheckinOut]:
    rows = (
        await Checkin.select()
        .where(
            received_before(
                until,
                Checkin.received_at,
                (Checkin.patient == patient_id)
                & (Checkin.taken_at >= now - dt.timedelta(days=days)),
            )
        )
        .order_by(Checkin.taken_at, ascending=False)
        .limit(2000)
    )
    return [checkin_out(r) for r in rows]
