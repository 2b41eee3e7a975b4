"""Children's follow-up: development checks, growth, the school checklist and wellbeing screens.

Writes follow the path of a check-in: the id made on the device makes a write idempotent (same id
and body: the stored result; same id, other body: 409); values are validated before anything is
stored; the row and any alert it opens (``open_alert``) are written in ONE transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

import msgspec

from relais.access.policy import Access, today_in
from relais.alerts.service import open_alert
from relais.alerts.tables import Alert
from relais.care.service import all_teams_of_patient
from relais.care.tables import PatientTeam, ScheduleItem
from relais.checkins.schemas import AlertRef
from relais.children import growth as g
from relais.children.schemas import (
    AgeOut,
    ChartOut,
    ChartPoint,
    CheckSummary,
    CheckView,
    CurveOut,
    DevelopmentIn,
    DevelopmentOut,
    DevelopmentResult,
    DevelopmentReviewOut,
    GrowthIn,
    GrowthOut,
    GrowthResult,
    IndicatorOut,
    MeasurementOut,
    MilestoneOut,
    PositionRule,
    ReviewCheck,
    ReviewItem,
    SchoolIn,
    SchoolItemOut,
    SchoolOut,
    ScreenInfo,
    WellbeingIn,
    WellbeingOut,
    WellbeingResult,
    ZOut,
)
from relais.children.tables import (
    DevelopmentCheck,
    GrowthMeasurement,
    SchoolStatus,
    WellbeingScreen,
)
from relais.content.children_schemas import (
    ChildrenContent,
    GrowthConfig,
    Indicator,
    MilestoneCheck,
    MilestoneGuidance,
    Screen,
    Segment,
)
from relais.content.loader import ContentLibrary
from relais.content.scoring import score
from relais.db import as_utc, as_uuid, json_value, transaction, utcnow
from relais.errors import FIELDS, FieldRefusal, Kind, Refusal

CLOCK_SKEW = dt.timedelta(minutes=5)
MAX_LATE = dt.timedelta(days=30)
#: The last check stays due this long after its age (months).
LAST_CHECK_SPAN = 12
#: How far beyond a table's last whole month its last row is still used (the 60-61 month gap).
AGE_EXTEND = 1.0


def _t(text: dict[str, str], lang: str) -> str:
    return text.get(lang) or text["en"]


def _hash(data: msgspec.Struct) -> str:
    return hashlib.sha256(msgspec.json.encode(data, order="sorted")).hexdigest()


def _growth_hash(data: GrowthIn) -> str:
    """As `_hash`, without `position` when it is not given: a body sent before the field existed
    keeps the hash it was stored with."""
    body = msgspec.to_builtins(data)
    if body.get("position") is None:
        body.pop("position", None)
    return hashlib.sha256(msgspec.json.encode(body, order="sorted")).hexdigest()


def _before(until: dt.datetime | None, column: Any, where: Any) -> Any:
    """Hide rows received after ``until`` (a team the patient stopped sharing with)."""
    return where if until is None else where & (column < until)


def _bad(code: str, errors: list[FieldRefusal], kind: Kind = "invalid") -> Refusal:
    """A refusal whose detail is its field errors' messages."""
    return Refusal(code, kind, detail=FIELDS, fields=errors)


def children_of(library: ContentLibrary) -> ChildrenContent:
    children: ChildrenContent | None = library.children
    if children is None:
        raise Refusal("no-children-content", "not-found")
    return children


def _alert_ref(alert_id: Any) -> AlertRef | None:
    return AlertRef(id=as_uuid(alert_id), state="open") if alert_id else None


async def _alert_refs(ids: list[Any]) -> dict[uuid.UUID, AlertRef]:
    wanted = [as_uuid(i) for i in ids if i]
    if not wanted:
        return {}
    rows = await Alert.select(Alert.id, Alert.state, Alert.acknowledged_at).where(
        Alert.id.is_in(wanted)
    )
    return {
        as_uuid(r["id"]): AlertRef(
            id=as_uuid(r["id"]),
            state=r["state"],
            acknowledged_at=as_utc(r["acknowledged_at"]) if r["acknowledged_at"] else None,
        )
        for r in rows
    }


async def _replay(
    table: Any, item_id: uuid.UUID, pid: uuid.UUID, digest: str, conflict: Refusal
) -> tuple[dict[str, Any], AlertRef | None] | None:
    """The row already stored under a device-made id, with its alert: the same body sent again
    (a retry) is answered from it. The same id with another body, or for another patient, is a
    409 that tells nothing of what is stored (``conflict``, raised). None: a new id."""
    existing = await table.select().where(table.id == item_id).first()
    if existing is None:
        return None
    if as_uuid(existing["patient"]) != pid or existing["body_hash"] != digest:
        raise conflict
    refs = await _alert_refs([existing["alert_id"]])
    return existing, refs.get(as_uuid(existing["alert_id"])) if existing["alert_id"] else None


def _check_time(field: str, at: dt.datetime, now: dt.datetime) -> dt.datetime:
    if at.tzinfo is None:
        raise _bad("naive-time", [FieldRefusal(field, "naive-time")])
    at = at.astimezone(dt.UTC)
    if at > now + CLOCK_SKEW:
        raise _bad("time-in-future", [FieldRefusal(field, "time-in-future")])
    if at < now - MAX_LATE:
        raise _bad("time-too-old", [FieldRefusal(field, "time-too-old")])
    return at


async def _open(
    library: ContentLibrary, pid: uuid.UUID, kind: str, reasons: list[str], now: dt.datetime
) -> uuid.UUID | None:
    """Open an amber, non-urgent alert for the patient's first team (inside the caller's
    transaction). None when the patient has no team."""
    teams = await all_teams_of_patient(pid)
    if not teams:
        return None
    alert = await open_alert(
        patient_id=pid,
        team_id=teams[0],
        level="amber",
        kind=kind,
        reasons=reasons,
        content_version=library.version,
        now=now,
        urgent=False,
    )
    return as_uuid(alert.id)


async def _mark_schedule_done(
    pid: uuid.UUID,
    kind: str,
    questionnaire: str | None,
    now: dt.datetime,
    by: uuid.UUID,
    ahead: dt.timedelta = dt.timedelta(days=1),
) -> None:
    """The earliest schedule item of this kind (naming this questionnaire) due before now + ahead
    is done."""
    rows = (
        await ScheduleItem.select(ScheduleItem.id, ScheduleItem.questionnaires)
        .where(
            (ScheduleItem.patient == pid)
            & (ScheduleItem.kind == kind)
            & (ScheduleItem.status == "due")
            & (ScheduleItem.due_at <= now + ahead)
        )
        .order_by(ScheduleItem.due_at)
    )
    for row in rows:
        if questionnaire is None or questionnaire in (json_value(row["questionnaires"]) or []):
            await ScheduleItem.update(
                {ScheduleItem.status: "done", ScheduleItem.done_at: now, ScheduleItem.done_by: by}
            ).where(ScheduleItem.id == row["id"])
            return


# --- age ---------------------------------------------------------------------------------------


def child_age(
    patient: dict[str, Any], on: dt.date, guidance: MilestoneGuidance | None, lang: str
) -> AgeOut:
    ca = guidance.corrected_age if guidance is not None else None
    days, corrected = g.corrected_age_days(
        patient["birth_date"],
        on,
        patient["gestational_weeks"],
        preterm_below_weeks=ca.preterm_below_weeks if ca else 37,
        term_weeks=ca.term_weeks if ca else 40,
        until_months=ca.until_months if ca else 24,
    )
    note = _t(ca.note, lang) if corrected and ca is not None else None
    return AgeOut(days=days, months=round(g.months(days), 2), corrected=corrected, note=note)


# --- development -------------------------------------------------------------------------------


def _milestone_out(m: Any, lang: str, previous: str | None = None) -> MilestoneOut:
    return MilestoneOut(
        id=m.id,
        domain=m.domain,
        text=_t(m.text, lang),
        example=_t(m.example, lang),
        previous=previous,  # type: ignore[arg-type]
    )


def current_check(checks: tuple[MilestoneCheck, ...], age_months: float) -> MilestoneCheck | None:
    """The check for this age: the last one reached, until the next one (or a year after the
    last)."""
    reached = [c for c in checks if c.age_months <= age_months]
    if not reached:
        return None
    last = reached[-1]
    if last is checks[-1] and age_months >= last.age_months + LAST_CHECK_SPAN:
        return None
    return last


def _result(
    row: dict[str, Any], children: ChildrenContent, lang: str, alert: AlertRef | None
) -> DevelopmentResult:
    answers: dict[str, Any] = dict(json_value(row["answers"]) or {})
    guidance = children.milestone_guidance
    corrected = bool(row["corrected"])
    note = _t(guidance.corrected_age.note, lang) if corrected and guidance is not None else None
    age = AgeOut(
        days=row["age_days"],
        months=round(g.months(row["age_days"]), 2),
        corrected=corrected,
        note=note,
    )
    return DevelopmentResult(
        id=as_uuid(row["id"]),
        check_id=row["check_id"],
        answered_at=as_utc(row["answered_at"]),
        age=age,
        answers=answers,
        not_yet=list(json_value(row["not_yet"]) or []),
        not_sure=[k for k, v in answers.items() if v == "not_sure"],
        regressions=list(json_value(row["regressions"]) or []),
        alert_domains=list(json_value(row["alert_domains"]) or []),
        next_steps=_next_steps(guidance, answers, bool(row["alert_id"]), lang),
        alert=alert,
        reviewed_at=as_utc(row["reviewed_at"]) if row["reviewed_at"] else None,
    )


def _next_steps(
    guidance: MilestoneGuidance | None, answers: dict[str, Any], alerted: bool, lang: str
) -> list[str]:
    if guidance is None:
        return []
    steps = guidance.next_steps
    values = set(answers.values())
    if alerted:
        return [_t(steps.alert, lang)]
    out: list[str] = []
    if "not_yet" in values:
        out.append(_t(steps.not_yet, lang))
    if "not_sure" in values:
        out.append(_t(steps.not_sure, lang))
    return out or [_t(steps.all_yes, lang)]


async def development_view(library: ContentLibrary, access: Access, lang: str) -> DevelopmentOut:
    children = children_of(library)
    guidance = children.milestone_guidance
    if guidance is None:
        raise Refusal("no-milestones", "not-found")
    patient = access.patient
    pid = as_uuid(patient["id"])
    age = child_age(patient, today_in(patient["timezone"]), guidance, lang)
    until = access.data_until
    rows = (
        await DevelopmentCheck.select()
        .where(_before(until, DevelopmentCheck.received_at, DevelopmentCheck.patient == pid))
        .order_by(DevelopmentCheck.answered_at, ascending=False)
    )
    alerts = await _alert_refs([r["alert_id"] for r in rows])
    history = [
        _result(r, children, lang, alerts.get(as_uuid(r["alert_id"])) if r["alert_id"] else None)
        for r in rows
    ]
    answered = {r["check_id"]: as_utc(r["answered_at"]) for r in reversed(rows)}
    current = current_check(children.checks, age.months)
    summaries: list[CheckSummary] = []
    for c in children.checks:
        if c.id in answered:
            status = "done"
        elif current is not None and c.id == current.id:
            status = "due"
        elif c.age_months > age.months:
            status = "upcoming"
        else:
            status = "missed"
        summaries.append(
            CheckSummary(
                id=c.id,
                age_months=c.age_months,
                title=_t(c.title, lang),
                status=status,  # type: ignore[arg-type]
                answered_at=answered.get(c.id),
            )
        )
    due = None
    if current is not None and current.id not in answered:
        due = _check_view(children, current, rows, lang)
    review: list[ReviewItem] = []
    if access.relation == "staff":
        for r in rows:
            if r["reviewed_at"] is None:
                review.extend(_review_items(r, children, lang))
    texts = {
        mid: _t(found[1].text, lang)
        for h in history
        for mid in h.answers
        if (found := children.milestones.get(mid)) is not None
    }
    labels = guidance.answers
    return DevelopmentOut(
        age=age,
        disclaimer=_t(guidance.disclaimer, lang),
        answer_labels={k: _t(getattr(labels, k), lang) for k in ("yes", "not_yet", "not_sure")},
        domains={
            k: _t(getattr(guidance.domains, k), lang) for k in guidance.domains.__struct_fields__
        },
        checks=summaries,
        due=due,
        history=history,
        review=review,
        milestone_text=texts,
    )


def _review_items(row: dict[str, Any], children: ChildrenContent, lang: str) -> list[ReviewItem]:
    """The answers of a check the team reviews: regressions, then "not yet", then "not sure"."""
    answers: dict[str, Any] = dict(json_value(row["answers"]) or {})
    regressions = set(json_value(row["regressions"]) or [])
    not_yet = list(json_value(row["not_yet"]) or [])
    not_sure = [k for k, v in answers.items() if v == "not_sure"]
    ordered = (
        [(m, "not_yet") for m in not_yet if m in regressions]
        + [(m, "not_yet") for m in not_yet if m not in regressions]
        + [(m, "not_sure") for m in not_sure]
    )
    out: list[ReviewItem] = []
    for mid, answer in ordered:
        found = children.milestones.get(mid)
        if found is None:
            continue
        out.append(
            ReviewItem(
                check_uuid=as_uuid(row["id"]),
                check_id=row["check_id"],
                answered_at=as_utc(row["answered_at"]),
                milestone_id=mid,
                domain=found[1].domain,
                text=_t(found[1].text, lang),
                regression=mid in regressions,
                answer=answer,  # type: ignore[arg-type]
            )
        )
    return out


AccessOf = Callable[[uuid.UUID], Awaitable[Access]]


async def development_review(
    library: ContentLibrary, team_ids: list[uuid.UUID], access_of: AccessOf, lang: str
) -> DevelopmentReviewOut:
    """Checks with "not yet" or "not sure" answers not yet reviewed, for the active patients of
    these teams. `access_of` is the access policy (it audits the read of each patient's record
    and says what the caller may see of it)."""
    children = children_of(library)
    guidance = children.milestone_guidance
    if guidance is None:
        raise Refusal("no-milestones", "not-found")
    patients: dict[uuid.UUID, dict[str, Any]] = {}
    if team_ids:
        for r in await PatientTeam.select(
            PatientTeam.patient.id,
            PatientTeam.patient.given_name,
            PatientTeam.patient.family_name,
        ).where(PatientTeam.team.is_in(team_ids) & (PatientTeam.patient.status == "active")):
            patients[as_uuid(r["patient.id"])] = r
    rows = []
    if patients:
        rows = [
            r
            for r in await DevelopmentCheck.select()
            .where(
                DevelopmentCheck.patient.is_in(list(patients))
                & DevelopmentCheck.reviewed_at.is_null()
            )
            .order_by(DevelopmentCheck.answered_at)
            if json_value(r["not_yet"]) or "not_sure" in (json_value(r["answers"]) or {}).values()
        ]
    until: dict[uuid.UUID, dt.datetime | None] = {}
    for pid in dict.fromkeys(as_uuid(r["patient"]) for r in rows):
        until[pid] = (await access_of(pid)).data_until
    rows = [
        r
        for r in rows
        if (cut := until[as_uuid(r["patient"])]) is None or as_utc(r["received_at"]) < cut
    ]
    refs = await _alert_refs([r["alert_id"] for r in rows])
    checks: list[ReviewCheck] = []
    for r in rows:
        items = _review_items(r, children, lang)
        if not items:
            continue
        pid = as_uuid(r["patient"])
        check = children.check(r["check_id"])
        corrected = bool(r["corrected"])
        checks.append(
            ReviewCheck(
                check_uuid=as_uuid(r["id"]),
                patient_id=pid,
                given_name=patients[pid]["patient.given_name"],
                family_name=patients[pid]["patient.family_name"],
                check_id=r["check_id"],
                title=_t(check.title, lang) if check is not None else r["check_id"],
                answered_at=as_utc(r["answered_at"]),
                age=AgeOut(
                    days=r["age_days"],
                    months=round(g.months(r["age_days"]), 2),
                    corrected=corrected,
                    note=_t(guidance.corrected_age.note, lang) if corrected else None,
                ),
                items=items,
                regressions=sum(1 for i in items if i.regression),
                alert=refs.get(as_uuid(r["alert_id"])) if r["alert_id"] else None,
            )
        )
    # Regressions first, then checks that opened an alert, then the oldest.
    checks.sort(key=lambda c: (-c.regressions, c.alert is None, c.answered_at))
    labels = guidance.answers
    return DevelopmentReviewOut(
        checks=checks,
        count=len(checks),
        domains={
            k: _t(getattr(guidance.domains, k), lang) for k in guidance.domains.__struct_fields__
        },
        answer_labels={k: _t(getattr(labels, k), lang) for k in ("yes", "not_yet", "not_sure")},
    )


def _check_view(
    children: ChildrenContent, check: MilestoneCheck, rows: list[dict[str, Any]], lang: str
) -> CheckView:
    """The check's milestones, and those of the last answered earlier check asked again."""
    earlier = [
        r
        for r in rows
        if (c := children.check(r["check_id"])) is not None and c.age_months < check.age_months
    ]
    recheck: list[MilestoneOut] = []
    if earlier:
        last = max(earlier, key=lambda r: as_utc(r["answered_at"]))
        answers = json_value(last["answers"]) or {}
        prev = children.check(last["check_id"])
        assert prev is not None
        recheck = [_milestone_out(m, lang, answers.get(m.id)) for m in prev.milestones]
    return CheckView(
        id=check.id,
        age_months=check.age_months,
        title=_t(check.title, lang),
        milestones=[_milestone_out(m, lang) for m in check.milestones],
        recheck=recheck,
    )


async def submit_development(
    library: ContentLibrary,
    access: Access,
    data: DevelopmentIn,
    by: uuid.UUID,
    lang: str,
) -> tuple[DevelopmentResult, bool]:
    children = children_of(library)
    guidance = children.milestone_guidance
    if guidance is None:
        raise Refusal("no-milestones", "not-found")
    patient = access.patient
    pid = as_uuid(patient["id"])
    digest = _hash(data)
    if (
        replayed := await _replay(
            DevelopmentCheck,
            data.id,
            pid,
            digest,
            Refusal("id-conflict", "conflict", detail="id-conflict.check"),
        )
    ) is not None:
        existing, alert = replayed
        return _result(existing, children, lang, alert), False
    now = utcnow()
    answered = _check_time("answered_at", data.answered_at, now)
    check = children.check(data.check_id)
    if check is None:
        raise _bad(
            "unknown-check", [FieldRefusal("check_id", "unknown-check", {"check": data.check_id})]
        )
    local_day = answered.astimezone(ZoneInfo(patient["timezone"])).date()
    age = child_age(patient, local_day, guidance, lang)
    if check.age_months > age.months + 1:
        raise _bad(
            "check-too-early",
            [FieldRefusal("check_id", "check-too-early", {"months": check.age_months})],
        )
    errors: list[FieldRefusal] = []
    for mid in data.answers:
        found = children.milestones.get(mid)
        if found is None or found[0].age_months > check.age_months:
            errors.append(FieldRefusal(f"answers.{mid}", "not-a-milestone", {"milestone": mid}))
    missing = [m.id for m in check.milestones if m.id not in data.answers]
    if missing:
        errors.append(
            FieldRefusal("answers", "milestones-missing", {"milestones": ", ".join(missing)})
        )
    if errors:
        raise _bad("invalid-development-check", errors)

    not_yet = [mid for mid, a in data.answers.items() if a == "not_yet"]
    before = await DevelopmentCheck.select(DevelopmentCheck.answers).where(
        (DevelopmentCheck.patient == pid) & (DevelopmentCheck.answered_at < answered)
    )
    had = {mid for r in before for mid, a in (json_value(r["answers"]) or {}).items() if a == "yes"}
    regressions = [mid for mid in not_yet if mid in had] if guidance.alerts.regression else []
    per_domain = Counter(children.milestones[mid][1].domain for mid in not_yet)
    alert_domains = sorted(
        d for d, n in per_domain.items() if n >= guidance.alerts.not_yet_per_domain
    )
    reasons = [f"milestone_regression:{m}" for m in regressions] + [
        f"milestones_not_yet:{d}" for d in alert_domains
    ]
    async with transaction():
        if await DevelopmentCheck.exists().where(DevelopmentCheck.id == data.id):
            raise Refusal(
                "in-progress", "conflict", detail="in-progress.check", headers={"Retry-After": "1"}
            )
        alert_id = await _open(library, pid, "child", reasons, now) if reasons else None
        row = DevelopmentCheck(
            id=data.id,
            patient=pid,
            check_id=check.id,
            answered_at=answered,
            received_at=now,
            age_days=age.days,
            corrected=age.corrected,
            answers=dict(data.answers),
            not_yet=not_yet,
            regressions=regressions,
            alert_domains=alert_domains,
            alert_id=alert_id,
            submitted_by=by,
            submitted_as=access.relation,
            content_version=library.version,
            body_hash=digest,
        )
        await row.save()
    stored = await DevelopmentCheck.select().where(DevelopmentCheck.id == data.id).first()
    assert stored is not None
    alert = AlertRef(id=alert_id, state="open") if alert_id else None
    return _result(stored, children, lang, alert), True


async def review_development(pid: uuid.UUID, check_uuid: uuid.UUID, by: uuid.UUID) -> None:
    done = await (
        DevelopmentCheck.update(
            {DevelopmentCheck.reviewed_at: utcnow(), DevelopmentCheck.reviewed_by: by}
        )
        .where((DevelopmentCheck.id == check_uuid) & (DevelopmentCheck.patient == pid))
        .returning(DevelopmentCheck.id)
    )
    if not done:
        raise Refusal("check-not-found", "not-found")


# --- growth ------------------------------------------------------------------------------------


def _segment(indicator: Indicator, age_months: float) -> Segment | None:
    segs = indicator.segments
    for seg in segs:
        if seg.age_from <= age_months < seg.age_to:
            return seg
    if segs and age_months == segs[-1].age_to:
        return segs[-1]
    return None


def bmi_of(weight: float | None, length: float | None) -> float | None:
    if weight is None or length is None:
        return None
    return round(weight / (length / 100) ** 2, 2)


def position_rule(config: GrowthConfig) -> tuple[float, float]:
    """(age in months from which WHO's tables are of standing height, lying-standing difference)."""
    pos = config.length_position
    if pos is None:
        return g.LENGTH_UNTIL_MONTHS, g.STANDING_DIFFERENCE_CM
    return pos.until_months, pos.difference_cm


def length_for_tables(
    config: GrowthConfig, length: float | None, age_months: float, position: str | None
) -> float | None:
    """The length/height compared with WHO's tables (0.7 cm adjustment by position and age)."""
    if length is None:
        return None
    until, diff = position_rule(config)
    return g.adjusted_length(length, age_months, position, until_months=until, difference_cm=diff)


def scores_for(
    config: GrowthConfig,
    tables: Any,
    sex: str,
    age_months: float,
    weight: float | None,
    length: float | None,
    head: float | None,
    position: str | None = None,
) -> list[ZOut]:
    """Every indicator that applies to this measurement, with its z-score and centile. A length
    measured standing under 24 months, or lying down from 24 months, is adjusted first."""
    if sex not in ("male", "female"):
        return []
    length = length_for_tables(config, length, age_months, position)
    values = {
        "weight_kg": weight,
        "length_cm": length,
        "head_cm": head,
        "bmi": bmi_of(weight, length),
    }
    out: list[ZOut] = []
    for ind in config.indicators:
        seg = _segment(ind, age_months)
        y = values.get(ind.measure)
        if seg is None or y is None:
            continue
        table = tables[getattr(seg, sex)]
        if seg.x == "age_months":
            lms = table.lms_at(age_months, extend=AGE_EXTEND)
        elif length is None:
            continue
        else:
            lms = table.lms_at(length)
        if lms is None:
            continue
        lv, mv, sv = lms
        z = g.zscore(y, lv, mv, sv, restricted=ind.weight_based)
        out.append(
            ZOut(
                indicator=ind.id,
                reference=seg.reference,
                value=y,
                z=round(z, 2),
                centile=round(g.percentile(z), 1),
                check=abs(z) > config.check_beyond_z,
            )
        )
    return out


def _validate_growth(
    config: GrowthConfig, data: GrowthIn, patient: dict[str, Any], today: dt.date
) -> None:
    errors: list[FieldRefusal] = []
    if data.measured_on > today:
        errors.append(FieldRefusal("measured_on", "measured-in-future"))
    if data.measured_on < patient["birth_date"]:
        errors.append(FieldRefusal("measured_on", "measured-before-birth"))
    if data.weight_kg is None and data.length_cm is None and data.head_cm is None:
        errors.append(FieldRefusal("weight_kg", "measurement-missing"))
    for field, rng in (
        ("weight_kg", config.plausible.weight_kg),
        ("length_cm", config.plausible.length_cm),
        ("head_cm", config.plausible.head_cm),
    ):
        value = getattr(data, field)
        if value is not None and not rng.min <= value <= rng.max:
            errors.append(
                FieldRefusal(
                    field,
                    "measurement-out-of-range",
                    {"field": field, "min": rng.min, "max": rng.max},
                )
            )
    if errors:
        raise _bad("invalid-measurement", errors)


def _measurement_out(
    row: dict[str, Any],
    patient: dict[str, Any],
    children: ChildrenContent,
    lang: str,
    alert: AlertRef | None,
) -> MeasurementOut:
    config = children.growth
    assert config is not None
    age = child_age(patient, row["measured_on"], children.milestone_guidance, lang)
    until, _ = position_rule(config)
    position = row.get("position") or g.default_position(age.months, until)
    adjusted = length_for_tables(config, row["length_cm"], age.months, position)
    scores = scores_for(
        config,
        children.tables,
        patient["sex_at_birth"],
        age.months,
        row["weight_kg"],
        row["length_cm"],
        row["head_cm"],
        position,
    )
    return MeasurementOut(
        id=as_uuid(row["id"]),
        measured_on=row["measured_on"],
        age=age,
        weight_kg=row["weight_kg"],
        length_cm=row["length_cm"],
        head_cm=row["head_cm"],
        bmi=bmi_of(row["weight_kg"], adjusted),
        note=row["note"],
        scores=scores,
        entered_as=row["entered_as"],
        reasons=list(json_value(row["reasons"]) or []),
        alert=alert,
        position=position if row["length_cm"] is not None else None,  # type: ignore[arg-type]
        length_adjusted_cm=adjusted,
    )


def growth_reasons(
    config: GrowthConfig,
    before: MeasurementOut | None,
    now_m: MeasurementOut,
    previous_weight: float | None,
) -> list[str]:
    """Why a new measurement needs the team: centile lines crossed down, or weight loss."""
    reasons: list[str] = []
    if before is not None:
        prev = {s.indicator: s.z for s in before.scores}
        for s in now_m.scores:
            if s.indicator not in config.alerts.crossing_indicators or s.indicator not in prev:
                continue
            crossed = g.lines_crossed_down(prev[s.indicator], s.z, config.centile_lines)
            if crossed >= config.alerts.centile_lines_crossed_down:
                reasons.append(f"growth_centiles_down:{s.indicator}")
    if previous_weight and now_m.weight_kg is not None:
        loss = (previous_weight - now_m.weight_kg) / previous_weight * 100
        if loss > config.alerts.weight_loss_percent:
            reasons.append("growth_weight_loss")
    return reasons


async def submit_growth(
    library: ContentLibrary, access: Access, data: GrowthIn, by: uuid.UUID, lang: str
) -> tuple[GrowthResult, bool]:
    children = children_of(library)
    config = children.growth
    if config is None:
        raise Refusal("no-growth", "not-found")
    patient = access.patient
    pid = as_uuid(patient["id"])
    digest = _growth_hash(data)
    replayed = await _replay(
        GrowthMeasurement,
        data.id,
        pid,
        digest,
        Refusal("id-conflict", "conflict", detail="id-conflict.measurement"),
    )
    if replayed is not None:
        existing, alert = replayed
        out = _measurement_out(existing, patient, children, lang, alert)
        return _growth_result(out, config, lang), False
    _validate_growth(config, data, patient, today_in(patient["timezone"]))
    now = utcnow()
    # Stored as given, or as WHO expects for the age on the day measured.
    age_then = child_age(patient, data.measured_on, children.milestone_guidance, lang)
    position = data.position or g.default_position(age_then.months, position_rule(config)[0])
    draft = {
        "id": data.id,
        "measured_on": data.measured_on,
        "weight_kg": data.weight_kg,
        "length_cm": data.length_cm,
        "position": position,
        "head_cm": data.head_cm,
        "note": data.note,
        "entered_as": access.relation,
        "reasons": [],
        "alert_id": None,
    }
    current = _measurement_out(draft, patient, children, lang, None)
    earlier = (
        await GrowthMeasurement.select()
        .where(
            (GrowthMeasurement.patient == pid) & (GrowthMeasurement.measured_on <= data.measured_on)
        )
        .order_by(GrowthMeasurement.measured_on, ascending=False)
        .order_by(GrowthMeasurement.created_at, ascending=False)
        .limit(50)
    )
    previous_weight = next((r["weight_kg"] for r in earlier if r["weight_kg"] is not None), None)
    indicators = {s.indicator for s in current.scores}
    before = None
    for r in earlier:
        out = _measurement_out(r, patient, children, lang, None)
        if indicators & {s.indicator for s in out.scores}:
            before = out
            break
    reasons = growth_reasons(config, before, current, previous_weight)
    async with transaction():
        if await GrowthMeasurement.exists().where(GrowthMeasurement.id == data.id):
            raise Refusal(
                "in-progress",
                "conflict",
                detail="in-progress.measurement",
                headers={"Retry-After": "1"},
            )
        alert_id = await _open(library, pid, "child", reasons, now) if reasons else None
        await GrowthMeasurement.insert(
            GrowthMeasurement(
                id=data.id,
                patient=pid,
                measured_on=data.measured_on,
                weight_kg=data.weight_kg,
                length_cm=data.length_cm,
                position=position,
                head_cm=data.head_cm,
                note=data.note,
                alert_id=alert_id,
                reasons=reasons,
                entered_by=by,
                entered_as=access.relation,
                created_at=now,
                content_version=library.version,
                body_hash=digest,
            )
        )
    current.reasons = reasons
    current.alert = AlertRef(id=alert_id, state="open") if alert_id else None
    return _growth_result(current, config, lang), True


def _growth_result(m: MeasurementOut, config: GrowthConfig, lang: str) -> GrowthResult:
    messages = [_t(config.messages.saved, lang)]
    if any(r.startswith("growth_centiles_down") for r in m.reasons):
        messages.append(_t(config.messages.crossing, lang))
    if "growth_weight_loss" in m.reasons:
        messages.append(_t(config.messages.weight_loss, lang))
    if any(s.check for s in m.scores):
        messages.append(_t(config.messages.check_value, lang))
    return GrowthResult(**{f: getattr(m, f) for f in m.__struct_fields__}, messages=messages)


def chart_for(
    config: GrowthConfig,
    tables: Any,
    indicator: Indicator,
    sex: str,
    age_months: float,
    measurements: list[MeasurementOut],
    lang: str,
) -> ChartOut:
    """Centile curves (the content's major lines) over the indicator's range that matters for
    this child, and the child's points."""
    if indicator.segments[0].x == "age_months":
        lo = max(0.0, min([age_months - 24, *[m.age.months for m in measurements]]))
        hi = max([age_months + 6, *[m.age.months for m in measurements]])
        segs = [s for s in indicator.segments if s.age_from <= hi and s.age_to > lo]
        x_kind = "age_months"
    else:
        seg = _segment(indicator, age_months) or indicator.segments[0]
        segs = [seg]
        lo, hi = -1e9, 1e9
        x_kind = seg.x
    curves: list[CurveOut] = []
    for centile in config.centile_lines:
        z = g.z_of_centile(centile)
        pts: list[tuple[float, float]] = []
        for seg in segs:
            table = tables[getattr(seg, sex)]
            for x, lms in zip(table.x, table.lms, strict=True):
                if seg.x == "age_months" and not (
                    seg.age_from <= x < seg.age_to or x == indicator.segments[-1].age_to
                ):
                    continue
                if lo <= x <= hi or seg.x != "age_months":
                    lv, mv, sv = lms
                    val = g.value_at(z, lv, mv, sv, restricted=indicator.weight_based)
                    pts.append((x, round(val, 3)))
        curves.append(CurveOut(centile=centile, z=round(z, 3), points=pts))
    points: list[ChartPoint] = []
    for m in measurements:
        s = next((s for s in m.scores if s.indicator == indicator.id), None)
        if s is None:
            continue
        length = m.length_adjusted_cm if m.length_adjusted_cm is not None else m.length_cm
        x = m.age.months if x_kind == "age_months" else (length or 0.0)
        points.append(ChartPoint(measurement_id=m.id, x=x, value=s.value, z=s.z, centile=s.centile))
    return ChartOut(
        indicator=indicator.id,
        title=_t(indicator.title, lang),
        sex=sex,
        x_kind=x_kind,
        measure=indicator.measure,
        references=sorted({s.reference for s in segs}),
        curves=curves,
        points=points,
    )


async def growth_view(
    library: ContentLibrary, access: Access, indicator_id: str, lang: str
) -> GrowthOut:
    children = children_of(library)
    config = children.growth
    if config is None:
        raise Refusal("no-growth", "not-found")
    indicator = config.indicator(indicator_id)
    if indicator is None:
        known = ", ".join(i.id for i in config.indicators)
        raise _bad("unknown-indicator", [FieldRefusal("indicator", "use-one-of", {"known": known})])
    patient = access.patient
    pid = as_uuid(patient["id"])
    until = access.data_until
    rows = (
        await GrowthMeasurement.select()
        .where(_before(until, GrowthMeasurement.created_at, GrowthMeasurement.patient == pid))
        .order_by(GrowthMeasurement.measured_on)
        .order_by(GrowthMeasurement.created_at)
    )
    refs = await _alert_refs([r["alert_id"] for r in rows])
    measurements = [
        _measurement_out(
            r,
            patient,
            children,
            lang,
            refs.get(as_uuid(r["alert_id"])) if r["alert_id"] else None,
        )
        for r in rows
    ]
    sex = patient["sex_at_birth"]
    available = sex in ("male", "female")
    chart = None
    if available:
        age = child_age(patient, today_in(patient["timezone"]), children.milestone_guidance, lang)
        chart = chart_for(config, children.tables, indicator, sex, age.months, measurements, lang)
    return GrowthOut(
        sex=sex,
        curves_available=available,
        indicators=[IndicatorOut(id=i.id, title=_t(i.title, lang)) for i in config.indicators],
        measurements=measurements,
        chart=chart,
        source=config.source,
        birth_date=patient["birth_date"],
        position_rule=_position_rule_out(config, lang),
    )


def _position_rule_out(config: GrowthConfig, lang: str) -> PositionRule:
    until, diff = position_rule(config)
    pos = config.length_position
    labels = {"recumbent": "recumbent", "standing": "standing"}
    if pos is not None:
        labels = {"recumbent": _t(pos.recumbent, lang), "standing": _t(pos.standing, lang)}
    return PositionRule(
        until_months=until,
        difference_cm=diff,
        labels=labels,
        note=_t(pos.note, lang) if pos is not None else "",
        source=pos.source if pos is not None else "",
    )


# --- school ------------------------------------------------------------------------------------


async def school_view(library: ContentLibrary, pid: uuid.UUID, lang: str) -> SchoolOut:
    checklist = children_of(library).school
    if checklist is None:
        raise Refusal("no-school", "not-found")
    rows = {r["item_id"]: r for r in await SchoolStatus.select().where(SchoolStatus.patient == pid)}
    items: list[SchoolItemOut] = []
    for it in sorted(checklist.items, key=lambda i: i.order):
        r = rows.get(it.id)
        state = r["state"] if r else "todo"
        items.append(
            SchoolItemOut(
                id=it.id,
                order=it.order,
                title=_t(it.title, lang),
                help=_t(it.help, lang),
                state=state,  # type: ignore[arg-type]
                state_label=_t(getattr(checklist.states, state), lang),
                responsible=r["responsible"] if r else it.responsible,
                due_on=r["due_on"] if r else None,
                done_on=r["done_on"] if r else None,
                note=r["note"] if r else "",
                updated_at=as_utc(r["updated_at"]) if r else None,
                updated_as=r["updated_as"] if r else "",
            )
        )
    closed = sum(1 for i in items if i.state in ("done", "not_needed"))
    return SchoolOut(
        title=_t(checklist.title, lang),
        description=_t(checklist.description, lang),
        items=items,
        done=closed,
        total=len(items),
    )


async def save_school(
    library: ContentLibrary, access: Access, data: SchoolIn, by: uuid.UUID, lang: str
) -> SchoolOut:
    checklist = children_of(library).school
    if checklist is None:
        raise Refusal("no-school", "not-found")
    known = {i.id: i for i in checklist.items}
    errors = [
        FieldRefusal(f"items.{it.id}", "unknown-checklist-item", {"item": it.id})
        for it in data.items
        if it.id not in known
    ]
    ids = [it.id for it in data.items]
    errors += [
        FieldRefusal(f"items.{i}", "given-twice")
        for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    if errors:
        raise _bad("invalid-school-checklist", errors)
    pid = as_uuid(access.patient["id"])
    now = utcnow()
    today = today_in(access.patient["timezone"])
    async with transaction():
        current = {
            r["item_id"]: r
            for r in await SchoolStatus.select(
                SchoolStatus.item_id, SchoolStatus.responsible
            ).where(SchoolStatus.patient == pid)
        }
        for it in data.items:
            done_on = it.done_on or (today if it.state == "done" else None)
            # Not given: who takes care of it stays as it was (the content's default at first).
            kept = current[it.id]["responsible"] if it.id in current else known[it.id].responsible
            values: dict[Any, Any] = {
                SchoolStatus.state: it.state,
                SchoolStatus.responsible: it.responsible or kept,
                SchoolStatus.due_on: it.due_on,
                SchoolStatus.done_on: done_on if it.state == "done" else None,
                SchoolStatus.note: it.note,
                SchoolStatus.updated_at: now,
                SchoolStatus.updated_by: by,
                SchoolStatus.updated_as: access.relation,
            }
            where = (SchoolStatus.patient == pid) & (SchoolStatus.item_id == it.id)
            if it.id in current:
                await SchoolStatus.update(values).where(where)
            else:
                await SchoolStatus.insert(
                    SchoolStatus(
                        patient=pid, item_id=it.id, **{c._meta.name: v for c, v in values.items()}
                    )
                )
        out = await school_view(library, pid, lang)
        if out.done == out.total:
            await _mark_schedule_done(pid, "school", None, now, by, dt.timedelta(days=3650))
    return out


# --- wellbeing ---------------------------------------------------------------------------------


def screen_positive(screen: Screen, answers: dict[str, Any], total: float | None) -> bool:
    """Whether a screen's answers meet any of its content conditions."""

    def num(v: Any) -> float | None:
        return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None

    for cond in screen.positive_when:
        if cond.item is not None and cond.gte is not None:
            v = num(answers.get(cond.item))
            if v is not None and v >= cond.gte:
                return True
        if cond.items_at_least is not None:
            spec = cond.items_at_least
            hits = sum(
                1 for i in spec.items if (v := num(answers.get(i))) is not None and v >= spec.value
            )
            if hits >= spec.count:
                return True
        if cond.score_gte is not None and total is not None and total >= cond.score_gte:
            return True
    return False


def _validate_answers(library: ContentLibrary, qid: str, answers: dict[str, Any]) -> None:
    q = library.questionnaires[qid]
    items = {it.id: it for it in q.items}
    errors: list[FieldRefusal] = []
    for iid, value in answers.items():
        field = f"answers.{iid}"
        item = items.get(iid)
        if item is None:
            errors.append(
                FieldRefusal(field, "not-a-question", {"item": iid, "questionnaire": qid})
            )
            continue
        if value is None:
            continue
        if item.type in ("choice", "yesno"):
            allowed = {o.value for o in q.options_of(item)}
            if isinstance(value, bool) or value not in allowed:
                errors.append(FieldRefusal(field, "screen-answer-not-a-choice", {"item": iid}))
        elif item.type == "text" and (not isinstance(value, str) or len(value) > 2000):
            errors.append(FieldRefusal(field, "screen-text-expected", {"item": iid}))
        elif item.type == "number" and (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or (item.min is not None and value < item.min)
            or (item.max is not None and value > item.max)
        ):
            errors.append(FieldRefusal(field, "screen-number-out-of-range", {"item": iid}))
    if errors:
        raise _bad("invalid-screen", errors)


def _wellbeing_out(
    row: dict[str, Any], library: ContentLibrary, lang: str, alert: AlertRef | None
) -> WellbeingResult:
    screens = children_of(library).wellbeing
    assert screens is not None
    help_text = screens.help.positive if row["positive"] else screens.help.negative
    return WellbeingResult(
        id=as_uuid(row["id"]),
        questionnaire_id=row["questionnaire_id"],
        respondent=row["respondent"],
        taken_at=as_utc(row["taken_at"]),
        score=row["score"],
        positive=bool(row["positive"]),
        help=_t(help_text, lang),
        alert=alert,
        answers=dict(json_value(row["answers"]) or {}),
    )


async def submit_wellbeing(
    library: ContentLibrary, access: Access, data: WellbeingIn, by: uuid.UUID, lang: str
) -> tuple[WellbeingResult, bool]:
    screens = children_of(library).wellbeing
    if screens is None:
        raise Refusal("no-wellbeing", "not-found")
    screen = screens.screen(data.questionnaire_id)
    if screen is None or data.questionnaire_id not in library.questionnaires:
        known = ", ".join(s.questionnaire for s in screens.screens)
        raise _bad(
            "unknown-screen", [FieldRefusal("questionnaire_id", "use-one-of", {"known": known})]
        )
    if screen.respondent == "parent" and access.relation != "proxy":
        raise _bad(
            "parent-screen", [FieldRefusal("questionnaire_id", "parent-screen")], "forbidden"
        )
    pid = as_uuid(access.patient["id"])
    digest = _hash(data)
    if (
        replayed := await _replay(
            WellbeingScreen,
            data.id,
            pid,
            digest,
            Refusal("id-conflict", "conflict", detail="id-conflict.screen"),
        )
    ) is not None:
        existing, alert = replayed
        return _wellbeing_out(existing, library, lang, alert), False
    now = utcnow()
    taken = _check_time("taken_at", data.taken_at, now)
    _validate_answers(library, data.questionnaire_id, dict(data.answers))
    q = library.questionnaires[data.questionnaire_id]
    numeric = {
        k: v
        for k, v in data.answers.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }
    result = score(q, numeric) if q.scored else None
    total = result.total if result is not None else None
    positive = screen_positive(screen, dict(data.answers), total)
    async with transaction():
        if await WellbeingScreen.exists().where(WellbeingScreen.id == data.id):
            raise Refusal(
                "in-progress",
                "conflict",
                detail="in-progress.screen",
                headers={"Retry-After": "1"},
            )
        reasons = [f"wellbeing_positive:{data.questionnaire_id}"]
        alert_id = await _open(library, pid, "wellbeing", reasons, now) if positive else None
        await WellbeingScreen.insert(
            WellbeingScreen(
                id=data.id,
                patient=pid,
                questionnaire_id=data.questionnaire_id,
                respondent=screen.respondent,
                respondent_user=by,
                answers=dict(data.answers),
                score=total,
                positive=positive,
                taken_at=taken,
                received_at=now,
                alert_id=alert_id,
                content_version=library.version,
                body_hash=digest,
            )
        )
        await _mark_schedule_done(pid, "questionnaire", data.questionnaire_id, now, by)
    row = await WellbeingScreen.select().where(WellbeingScreen.id == data.id).first()
    assert row is not None
    alert = AlertRef(id=alert_id, state="open") if alert_id else None
    return _wellbeing_out(row, library, lang, alert), True


def _answered_by(row: dict[str, Any], user_id: uuid.UUID) -> bool:
    return row["respondent_user"] is not None and as_uuid(row["respondent_user"]) == user_id


async def wellbeing_view(
    library: ContentLibrary, access: Access, user_id: uuid.UUID, lang: str
) -> WellbeingOut:
    """Staff see every screen; a family member sees the child's screens and their own. With
    them, the screens the content offers and when the follow-up asks for each."""
    screens = children_of(library).wellbeing
    pid = as_uuid(access.patient["id"])
    rows = (
        await WellbeingScreen.select()
        .where(
            _before(access.data_until, WellbeingScreen.received_at, WellbeingScreen.patient == pid)
        )
        .order_by(WellbeingScreen.taken_at, ascending=False)
    )
    if access.relation != "staff":
        rows = [r for r in rows if r["respondent"] == "child" or _answered_by(r, user_id)]
    refs = await _alert_refs([r["alert_id"] for r in rows])
    available: list[ScreenInfo] = []
    if screens is not None:
        now = utcnow()
        items = await ScheduleItem.select(
            ScheduleItem.questionnaires, ScheduleItem.due_at, ScheduleItem.window_end
        ).where(
            (ScheduleItem.patient == pid)
            & (ScheduleItem.kind == "questionnaire")
            & (ScheduleItem.status == "due")
        )
        for screen in screens.screens:
            q = library.questionnaires.get(screen.questionnaire)
            if q is None:
                continue
            asked = sorted(
                (as_utc(i["due_at"]), as_utc(i["window_end"]))
                for i in items
                if screen.questionnaire in (json_value(i["questionnaires"]) or [])
            )
            # Due from the day before, as `_mark_schedule_done` counts it.
            now_due = [a for a in asked if a[0] <= now + dt.timedelta(days=1)]
            later = [a[0] for a in asked if a[0] > now + dt.timedelta(days=1)]
            mine = [
                r
                for r in rows
                if r["questionnaire_id"] == screen.questionnaire
                and (screen.respondent == "child" or _answered_by(r, user_id))
            ]
            can_answer = access.can_log and (
                screen.respondent == "child" or access.relation == "proxy"
            )
            available.append(
                ScreenInfo(
                    questionnaire_id=screen.questionnaire,
                    title=_t(q.title, lang),
                    respondent=screen.respondent,
                    can_answer=can_answer,
                    due_at=now_due[0][0] if now_due else None,
                    overdue=bool(now_due) and now_due[0][1] < now,
                    next_at=later[0] if later else None,
                    last_taken_at=as_utc(mine[0]["taken_at"]) if mine else None,
                )
            )
    return WellbeingOut(
        screens=[
            _wellbeing_out(
                r, library, lang, refs.get(as_uuid(r["alert_id"])) if r["alert_id"] else None
            )
            for r in rows
        ],
        available=available,
    )
