"""Check-in routes: submit (idempotent), history, today's view, per-patient thresholds."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.params import JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from relais.access import policy
from relais.access.teams import team_lead, team_member, team_reader
from relais.accounts.guards import current_user, require_staff, require_user
from relais.accounts.queries import display_names
from relais.alerts.tables import Alert
from relais.audit.service import record, record_each
from relais.care.service import handover_out, schedule_out, schedule_rows
from relais.checkins import notes, preview, queries, service
from relais.checkins.schemas import (
    CheckinIn,
    CheckinOut,
    CheckinResult,
    EffectiveThresholdsOut,
    EffectiveValue,
    LevelCounts,
    NoteOut,
    NotesOut,
    PreviewExample,
    TeamThresholdOut,
    ThresholdIn,
    ThresholdOut,
    ThresholdPreviewOut,
    TodayOut,
)
from relais.checkins.tables import Checkin, TeamThreshold, ThresholdOverride
from relais.db import as_utc, as_uuid, json_value, transaction, utcnow
from relais.errors import FIELDS, FieldRefusal, Refusal
from relais.messages.service import unread_count
from relais.phone_writes import received_before
from relais.triage.rules import Overrides, override_problems


class CheckinController(Controller):
    path = "/api/patients/{patient_id:uuid}"
    tags = ["check-ins"]
    guards = [require_user]

    @post(
        "/checkins",
        status_code=HTTP_201_CREATED,
        summary="Submit a check-in (idempotent by the id made on the device)",
    )
    async def submit(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[CheckinIn]
    ) -> Response[CheckinResult]:
        result, created = await service.submit_checkin(request, patient_id, data)
        return Response(result, status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/checkins", summary="Check-ins of the last days, newest first")
    async def history(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        days: Annotated[int, Parameter(ge=1, le=3650)] = 30,
    ) -> list[CheckinOut]:
        access = await policy.require(request, patient_id, "results", audit_action="checkin.read")
        found = await service.recent(patient_id, days, utcnow(), until=access.data_until)
        if access.private_hidden:
            private = request.app.state.content.private
            return [service.without_private(c, private) for c in found]
        return found

    @get("/today", summary="What is due today, the last result and any open alert")
    async def today(self, request: Request[Any, Any, Any], patient_id: uuid.UUID) -> TodayOut:
        access = await policy.require(request, patient_id, "read", audit_action="today.read")
        now, tz = utcnow(), access.patient["timezone"]
        soon = now + dt.timedelta(hours=18)
        rows = await schedule_rows(patient_id, since=now - service.WINDOW.late, until=soon)
        items = [schedule_out(r, now, tz) for r in rows]
        last = None
        open_alert = None
        handover = None
        if access.can_read_results:
            handover = await handover_out(patient_id)
            row = (
                await Checkin.select()
                .where(
                    received_before(
                        access.data_until, Checkin.received_at, Checkin.patient == patient_id
                    )
                )
                .order_by(Checkin.taken_at, ascending=False)
                .first()
            )
            last = service.checkin_out(row) if row else None
            if last is not None and access.private_hidden:
                last = service.without_private(last, request.app.state.content.private)
            # The most severe alert still open, then the latest: an amber alert opened after a
            # red one that nobody has seen must not make Home look milder than it is.
            alerts = (
                await Alert.select(Alert.id, Alert.state, Alert.acknowledged_at, Alert.level)
                .where(
                    received_before(
                        access.data_until,
                        Alert.opened_at,
                        (Alert.patient == patient_id) & (Alert.state != "resolved"),
                    )
                )
                .order_by(Alert.opened_at, ascending=False)
                .limit(50)
            )
            alerts.sort(key=lambda a: a["level"] != "red")  # stable: latest first within a level
            open_alert = service.alert_ref(alerts[0]) if alerts else None
        return TodayOut(
            due=[i for i in items if i.status in ("due", "late")],
            last_checkin=last,
            open_alert=open_alert,
            missed=[i for i in items if i.status == "missed"],
            handover=handover,
            unread_messages=(
                await unread_count(patient_id, current_user(request).id, access.data_until)
                if access.can_read_messages
                else 0
            ),
            thresholds=(await queries.effective_thresholds(patient_id)).thresholds,
        )

    @get("/thresholds", summary="Per-patient thresholds set by the team (with who, when, why)")
    async def thresholds(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> list[ThresholdOut]:
        await policy.require(request, patient_id, "manage", audit_action="threshold.read")
        return await _thresholds(patient_id)

    @put("/thresholds", summary="Set a per-patient threshold (replaces the one for this key)")
    async def set_threshold(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[ThresholdIn]
    ) -> list[ThresholdOut]:
        await policy.require(request, patient_id, "manage", audit_action="threshold.write")
        _check_threshold(request, data)
        user = current_user(request)
        async with transaction():
            await ThresholdOverride.update({ThresholdOverride.active: False}).where(
                (ThresholdOverride.patient == patient_id) & (ThresholdOverride.key == data.key)
            )
            await ThresholdOverride.insert(
                ThresholdOverride(
                    patient=patient_id,
                    key=data.key,
                    params=dict(data.params),
                    reason=data.reason,
                    set_by=user.id,
                    set_at=utcnow(),
                    active=True,
                )
            )
        await record(
            "threshold.set",
            connection=request,
            record_type="threshold",
            record_id=data.key,
            patient_id=patient_id,
        )
        return await _thresholds(patient_id)

    @post(
        "/thresholds/preview",
        status_code=HTTP_200_OK,
        summary="Replay a patient threshold over the last 90 days before saving it (reads only)",
    )
    async def preview_threshold(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[ThresholdIn]
    ) -> ThresholdPreviewOut:
        access = await policy.require(
            request, patient_id, "manage", audit_action="threshold.preview"
        )
        _check_threshold(request, data)
        found = await preview.preview(
            service.ruleset_of(request.app.state.content),
            "patient",
            patient_id,
            data.key,
            dict(data.params),
            utcnow(),
            until=access.data_until,
        )
        return _preview_out(data.key, found, names=False)

    @get(
        "/thresholds/effective",
        summary="The thresholds in force for this patient: own > team default > content rule",
    )
    async def effective(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> EffectiveThresholdsOut:
        await policy.require(request, patient_id, "manage", audit_action="threshold.read")
        found = await queries.effective_thresholds(patient_id)
        return EffectiveThresholdsOut(
            thresholds={
                key: {
                    tag: EffectiveValue(value=value, source=found.sources[key][tag])  # type: ignore[arg-type]
                    for tag, value in params.items()
                }
                for key, params in found.thresholds.items()
            }
        )


def _preview_out(
    key: str, found: preview.Outcome, names: bool, hidden: bool = False
) -> ThresholdPreviewOut:
    counts = found.counts()
    return ThresholdPreviewOut(
        key=key,
        days=preview.PERIOD_DAYS,
        since=found.since,
        checkins=found.checkins,
        evaluated=found.evaluated,
        patients=len(found.patients),
        patients_affected=found.affected(),
        added=LevelCounts(**counts["added"]),
        removed=LevelCounts(**counts["removed"]),
        examples=[]
        if hidden
        else [
            PreviewExample(
                taken_at=c.checkin.taken_at,
                before=c.before,
                after=c.after,
                value=c.value,
                patient_id=c.checkin.patient if names else None,
                patient_name=preview.display_name(found.persons.get(c.checkin.patient))
                if names
                else "",
            )
            for c in found.examples()
        ],
        examples_hidden=hidden,
    )


def _check_threshold(request: Request[Any, Any, Any], data: ThresholdIn) -> None:
    """Refuse keys and tags the content's rules do not have, and red/amber in the wrong order."""
    ruleset = service.ruleset_of(request.app.state.content)
    problems = override_problems(ruleset, Overrides(thresholds={data.key: dict(data.params)}))
    if problems:
        raise Refusal(
            "invalid-threshold",
            "invalid",
            detail=FIELDS,
            fields=[FieldRefusal("params", p.code, p.params) for p in problems],
        )


class TeamThresholdController(Controller):
    """Default thresholds chosen by a team for all its patients (a patient's own threshold for the
    same key and tag still wins). Members read them; the team lead or an administrator sets them."""

    path = "/api/teams/{team_id:uuid}/thresholds"
    tags = ["care teams"]
    guards = [require_staff]

    @get(
        "/",
        guards=[team_reader],
        summary="The team's default thresholds, with who set or removed them, when and why",
    )
    async def list_defaults(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID
    ) -> list[TeamThresholdOut]:
        return await _team_thresholds(team_id)

    @put(
        "/",
        guards=[team_lead],
        summary="Set a team default threshold (replaces the one for this key; lead, admin)",
    )
    async def set_default(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID, data: JSONBody[ThresholdIn]
    ) -> list[TeamThresholdOut]:
        user = current_user(request)
        _check_threshold(request, data)
        now = utcnow()
        async with transaction():
            await TeamThreshold.update(
                {
                    TeamThreshold.active: False,
                    TeamThreshold.ended_by: user.id,
                    TeamThreshold.ended_at: now,
                }
            ).where(
                (TeamThreshold.team == team_id)
                & (TeamThreshold.key == data.key)
                & (TeamThreshold.active == True)  # noqa: E712
            )
            await TeamThreshold.insert(
                TeamThreshold(
                    team=team_id,
                    key=data.key,
                    params=dict(data.params),
                    reason=data.reason,
                    set_by=user.id,
                    set_at=now,
                    active=True,
                )
            )
        await record(
            "team.threshold_set",
            connection=request,
            record_type="team",
            record_id=team_id,
            detail=data.key,
        )
        return await _team_thresholds(team_id)

    @post(
        "/preview",
        guards=[team_lead],
        status_code=HTTP_200_OK,
        summary="Replay a team default over the team's last 90 days before saving it (lead, admin)",
    )
    async def preview_default(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID, data: JSONBody[ThresholdIn]
    ) -> ThresholdPreviewOut:
        _check_threshold(request, data)
        found = await preview.preview(
            service.ruleset_of(request.app.state.content),
            "team",
            team_id,
            data.key,
            dict(data.params),
            utcnow(),
        )
        # The check-ins of these patients were read: one audit row each, in one statement.
        await record_each(
            "team.threshold_preview", found.patients, connection=request,
            record_type="team", record_id=team_id, detail=data.key,
        )  # fmt: skip
        # An administrator reads no clinical data: the counts, not whose check-ins or values.
        hidden = current_user(request).role == "admin"
        return _preview_out(data.key, found, names=True, hidden=hidden)

    @delete(
        "/{key:str}",
        guards=[team_lead],
        status_code=HTTP_200_OK,
        summary="Remove a team default: the content's rule applies again (lead, admin)",
    )
    async def remove_default(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID, key: str
    ) -> list[TeamThresholdOut]:
        user = current_user(request)
        match = (
            (TeamThreshold.team == team_id)
            & (TeamThreshold.key == key)
            & (TeamThreshold.active == True)  # noqa: E712
        )
        if not await TeamThreshold.exists().where(match):
            raise Refusal("threshold-not-found", "not-found")
        await TeamThreshold.update(
            {
                TeamThreshold.active: False,
                TeamThreshold.ended_by: user.id,
                TeamThreshold.ended_at: utcnow(),
            }
        ).where(match)
        await record(
            "team.threshold_remove",
            connection=request,
            record_type="team",
            record_id=team_id,
            detail=key[:60],
        )
        return await _team_thresholds(team_id)


def _threshold_fields(r: dict[str, Any], names: dict[uuid.UUID, str]) -> dict[str, Any]:
    """What a patient's and a team's threshold rows say alike."""
    return {
        "id": r["id"],
        "key": r["key"],
        "params": dict(json_value(r["params"])),
        "reason": r["reason"],
        "set_by": as_uuid(r["set_by"]),
        "set_by_name": names.get(as_uuid(r["set_by"]), ""),
        "set_at": as_utc(r["set_at"]),
        "active": bool(r["active"]),
    }


async def _team_thresholds(team_id: uuid.UUID) -> list[TeamThresholdOut]:
    rows = (
        await TeamThreshold.select()
        .where(TeamThreshold.team == team_id)
        .order_by(TeamThreshold.set_at, ascending=False)
        .limit(200)
    )
    names = await display_names([r["set_by"] for r in rows] + [r["ended_by"] for r in rows])
    return [
        TeamThresholdOut(
            **_threshold_fields(r, names),
            ended_by_name=names.get(as_uuid(r["ended_by"]), "") if r["ended_by"] else "",
            ended_at=as_utc(r["ended_at"]) if r["ended_at"] else None,
        )
        for r in rows
    ]


async def _thresholds(patient_id: uuid.UUID) -> list[ThresholdOut]:
    rows = (
        await ThresholdOverride.select()
        .where(ThresholdOverride.patient == patient_id)
        .order_by(ThresholdOverride.set_at, ascending=False)
    )
    names = await display_names([r["set_by"] for r in rows])
    return [ThresholdOut(**_threshold_fields(r, names)) for r in rows]


class NoteController(Controller):
    tags = ["check-ins"]
    guards = [require_staff]

    @get(
        "/api/teams/{team_id:uuid}/notes",
        guards=[team_member],
        summary="The notes of the team's patients: to read first, then read (who, when)",
    )
    async def team_notes(self, request: Request[Any, Any, Any], team_id: uuid.UUID) -> NotesOut:
        return await notes.team_notes(request, team_id)

    @post(
        "/api/patients/{patient_id:uuid}/checkins/{checkin_id:uuid}/note/open",
        status_code=HTTP_200_OK,
        summary="Open a check-in's note: marked read by the first clinician who opens it",
    )
    async def open_note(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, checkin_id: uuid.UUID
    ) -> NoteOut:
        access = await policy.require(request, patient_id, "manage", audit_action="note.read")
        found = await notes.open_note(
            patient_id, checkin_id, current_user(request).id, access.data_until
        )
        if found is None:
            raise Refusal("note-not-found", "not-found")
        return found


ROUTES = [CheckinController, TeamThresholdController, NoteController]
