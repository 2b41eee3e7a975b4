"""The wellbeing screens of the child and the parents."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from relais.access.policy import Access
from relais.care.tables import ScheduleItem
from relais.checkins.schemas import AlertRef
from relais.children.common import (
    WINDOW,
    alert_refs,
    answer_stored,
    children_of,
    open_child_alert,
    refused,
    replay_from,
    text_in,
)
from relais.children.schemas import (
    ScreenInfo,
    WellbeingIn,
    WellbeingOut,
    WellbeingResult,
)
from relais.children.tables import (
    WellbeingScreen,
)
from relais.content.children_schemas import (
    Screen,
)
from relais.content.loader import ContentLibrary
from relais.content.scoring import score
from relais.db import as_utc, as_uuid, json_value, transaction, utcnow
from relais.errors import FieldRefusal, Refusal
from relais.phone_writes import body_hash, item_done, received_before, write_once

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
        raise refused("invalid-screen", errors)


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
        help=text_in(help_text, lang),
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
        raise refused(
            "unknown-screen", [FieldRefusal("questionnaire_id", "use-one-of", {"known": known})]
        )
    if screen.respondent == "parent" and access.relation != "proxy":
        raise refused(
            "parent-screen", [FieldRefusal("questionnaire_id", "parent-screen")], "forbidden"
        )
    pid = as_uuid(access.patient["id"])
    digest = body_hash(data)

    async def store() -> WellbeingResult:
        now = utcnow()
        taken = WINDOW.accept("taken_at", data.taken_at, now)
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
            reasons = [f"wellbeing_positive:{data.questionnaire_id}"]
            alert_id = (
                await open_child_alert(library, pid, "wellbeing", reasons, now)
                if positive
                else None
            )
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
            await item_done(pid, "questionnaire", data.questionnaire_id, now, by)
        return await answer_stored(WellbeingScreen, data.id, alert_id, answer)

    def answer(row: dict[str, Any], alert: AlertRef | None) -> WellbeingResult:
        return _wellbeing_out(row, library, lang, alert)

    conflict = Refusal("id-conflict", "conflict", detail="id-conflict.screen")
    replay = replay_from(WellbeingScreen, data.id, pid, digest, conflict, answer)
    return await write_once(store, replay)


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
            received_before(
                access.data_until, WellbeingScreen.received_at, WellbeingScreen.patient == pid
            )
        )
        .order_by(WellbeingScreen.taken_at, ascending=False)
    )
    if access.relation != "staff":
        rows = [r for r in rows if r["respondent"] == "child" or _answered_by(r, user_id)]
    refs = await alert_refs([r["alert_id"] for r in rows])
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
            # Due from the day before, as `phone_writes.item_done` counts it.
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
                    title=text_in(q.title, lang),
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
