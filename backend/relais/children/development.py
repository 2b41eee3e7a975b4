"""Development checks: the milestones of the child's age, the parent's answers, what the team
reviews."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from relais.access.policy import Access, today_in
from relais.care.tables import PatientTeam
from relais.checkins.schemas import AlertRef
from relais.children import growth as g
from relais.children.common import (
    LAST_CHECK_SPAN,
    WINDOW,
    alert_refs,
    answer_stored,
    child_age,
    children_of,
    open_child_alert,
    refused,
    replay_from,
    text_in,
)
from relais.children.schemas import (
    AgeOut,
    CheckSummary,
    CheckView,
    DevelopmentCompletionIn,
    DevelopmentIn,
    DevelopmentOut,
    DevelopmentResult,
    DevelopmentReviewOut,
    MilestoneOut,
    ReviewCheck,
    ReviewItem,
)
from relais.children.tables import (
    DevelopmentCheck,
)
from relais.content.children_schemas import (
    ChildrenContent,
    MilestoneCheck,
    MilestoneGuidance,
)
from relais.content.loader import ContentLibrary
from relais.db import as_utc, as_uuid, json_value, transaction, utcnow
from relais.errors import FieldRefusal, Refusal
from relais.phone_writes import body_hash, received_before, write_once

# --- development -------------------------------------------------------------------------------


def _milestone_out(m: Any, lang: str, previous: str | None = None) -> MilestoneOut:
    return MilestoneOut(
        id=m.id,
        domain=m.domain,
        text=text_in(m.text, lang),
        example=text_in(m.example, lang),
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
    note = (
        text_in(guidance.corrected_age.note, lang) if corrected and guidance is not None else None
    )
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
        completed_later={
            mid: dt.datetime.fromisoformat(done["at"])
            for mid, done in (json_value(row.get("completed")) or {}).items()
        },
    )


def _next_steps(
    guidance: MilestoneGuidance | None, answers: dict[str, Any], alerted: bool, lang: str
) -> list[str]:
    if guidance is None:
        return []
    steps = guidance.next_steps
    values = set(answers.values())
    if alerted:
        return [text_in(steps.alert, lang)]
    out: list[str] = []
    if "not_yet" in values:
        out.append(text_in(steps.not_yet, lang))
    if "not_sure" in values:
        out.append(text_in(steps.not_sure, lang))
    return out or [text_in(steps.all_yes, lang)]


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
        .where(
            received_before(until, DevelopmentCheck.received_at, DevelopmentCheck.patient == pid)
        )
        .order_by(DevelopmentCheck.answered_at, ascending=False)
    )
    alerts = await alert_refs([r["alert_id"] for r in rows])
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
                title=text_in(c.title, lang),
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
        mid: text_in(found[1].text, lang)
        for h in history
        for mid in h.answers
        if (found := children.milestones.get(mid)) is not None
    }
    labels = guidance.answers
    return DevelopmentOut(
        age=age,
        disclaimer=text_in(guidance.disclaimer, lang),
        answer_labels={
            k: text_in(getattr(labels, k), lang) for k in ("yes", "not_yet", "not_sure")
        },
        domains={
            k: text_in(getattr(guidance.domains, k), lang)
            for k in guidance.domains.__struct_fields__
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
                text=text_in(found[1].text, lang),
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
    refs = await alert_refs([r["alert_id"] for r in rows])
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
                title=text_in(check.title, lang) if check is not None else r["check_id"],
                answered_at=as_utc(r["answered_at"]),
                age=AgeOut(
                    days=r["age_days"],
                    months=round(g.months(r["age_days"]), 2),
                    corrected=corrected,
                    note=text_in(guidance.corrected_age.note, lang) if corrected else None,
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
            k: text_in(getattr(guidance.domains, k), lang)
            for k in guidance.domains.__struct_fields__
        },
        answer_labels={
            k: text_in(getattr(labels, k), lang) for k in ("yes", "not_yet", "not_sure")
        },
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
        title=text_in(check.title, lang),
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
    digest = body_hash(data)

    async def store() -> DevelopmentResult:
        now = utcnow()
        answered = WINDOW.accept("answered_at", data.answered_at, now)
        check = children.check(data.check_id)
        if check is None:
            raise refused(
                "unknown-check",
                [FieldRefusal("check_id", "unknown-check", {"check": data.check_id})],
            )
        local_day = answered.astimezone(ZoneInfo(patient["timezone"])).date()
        age = child_age(patient, local_day, guidance, lang)
        if check.age_months > age.months + 1:
            raise refused(
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
            raise refused("invalid-development-check", errors)

        not_yet, regressions, alert_domains, reasons = await _findings(
            children, pid, answered, dict(data.answers)
        )
        async with transaction():
            alert_id = (
                await open_child_alert(library, pid, "child", reasons, now) if reasons else None
            )
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
            await DevelopmentCheck.insert(row)
        return await answer_stored(DevelopmentCheck, data.id, alert_id, answer)

    def answer(row: dict[str, Any], alert: AlertRef | None) -> DevelopmentResult:
        return _result(row, children, lang, alert)

    conflict = Refusal("id-conflict", "conflict", detail="id-conflict.check")
    replay = replay_from(DevelopmentCheck, data.id, pid, digest, conflict, answer)
    return await write_once(store, replay)


async def _findings(
    children: ChildrenContent, pid: uuid.UUID, answered: dt.datetime, answers: dict[str, str]
) -> tuple[list[str], list[str], list[str], list[str]]:
    """What the answers of a check (answered at ``answered``) tell: the "not yet" milestones,
    those the child had done at an earlier check (regressions), the domains with enough "not
    yet" to alert, and the alert's reasons."""
    guidance = children.milestone_guidance
    assert guidance is not None
    not_yet = [mid for mid, a in answers.items() if a == "not_yet"]
    before = await DevelopmentCheck.select(DevelopmentCheck.answers).where(
        (DevelopmentCheck.patient == pid) & (DevelopmentCheck.answered_at < answered)
    )
    had = {mid for r in before for mid, a in (json_value(r["answers"]) or {}).items() if a == "yes"}
    regressions = [mid for mid in not_yet if mid in had] if guidance.alerts.regression else []
    per_domain = Counter(children.milestones[mid][1].domain for mid in not_yet)
    alert_domains: list[str] = sorted(
        d for d, n in per_domain.items() if n >= guidance.alerts.not_yet_per_domain
    )
    reasons = [f"milestone_regression:{m}" for m in regressions] + [
        f"milestones_not_yet:{d}" for d in alert_domains
    ]
    return not_yet, regressions, alert_domains, reasons


async def complete_development(
    library: ContentLibrary,
    access: Access,
    check_uuid: uuid.UUID,
    data: DevelopmentCompletionIn,
    by: uuid.UUID,
    lang: str,
) -> DevelopmentResult:
    """Answer later the milestones first answered "not sure" (the app asks to watch and come
    back). The check's findings are computed again: a new "not yet" goes back to the team for
    review, and opens an alert if the domain now has enough of them. Sent again (its answer was
    lost), the same answers are accepted as they are."""
    children = children_of(library)
    pid = as_uuid(access.patient["id"])
    row = (
        await DevelopmentCheck.select()
        .where((DevelopmentCheck.id == check_uuid) & (DevelopmentCheck.patient == pid))
        .first()
    )
    if row is None:
        raise Refusal("check-not-found", "not-found")
    answers: dict[str, str] = dict(json_value(row["answers"]) or {})
    completed: dict[str, Any] = dict(json_value(row["completed"]) or {})
    errors = [
        FieldRefusal(f"answers.{mid}", "milestone-not-unsure")
        for mid, a in data.answers.items()
        if answers.get(mid) != "not_sure" and not (mid in completed and answers.get(mid) == a)
    ]
    if errors:
        raise refused("invalid-completion", errors)
    new = {mid: a for mid, a in data.answers.items() if answers.get(mid) == "not_sure"}
    if new:
        now = utcnow()
        answers.update(new)
        for mid in new:
            completed[mid] = {"at": now.isoformat(), "by_as": access.relation}
        answered = as_utc(row["answered_at"])
        not_yet, regressions, alert_domains, reasons = await _findings(
            children, pid, answered, answers
        )
        async with transaction():
            alert_id = row["alert_id"]
            if reasons and alert_id is None:
                alert_id = await open_child_alert(library, pid, "child", reasons, now)
            values: dict[Any, Any] = {
                DevelopmentCheck.answers: answers,
                DevelopmentCheck.not_yet: not_yet,
                DevelopmentCheck.regressions: regressions,
                DevelopmentCheck.alert_domains: alert_domains,
                DevelopmentCheck.alert_id: alert_id,
                DevelopmentCheck.completed: completed,
            }
            if "not_yet" in new.values():
                values[DevelopmentCheck.reviewed_at] = None
                values[DevelopmentCheck.reviewed_by] = None
            await DevelopmentCheck.update(values).where(DevelopmentCheck.id == check_uuid)
        stored = await DevelopmentCheck.select().where(DevelopmentCheck.id == check_uuid).first()
        assert stored is not None  # updated just now, in a check that is never deleted alone
        row = stored
    refs = await alert_refs([row["alert_id"]])
    alert = refs.get(as_uuid(row["alert_id"])) if row["alert_id"] else None
    return _result(row, children, lang, alert)


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
