"""Check-in routes: submit (idempotent), history, today's view, per-patient thresholds."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post, put
from litestar.params import JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from relais.access import policy
from relais.accounts.guards import current_user, require_user
from relais.accounts.tables import User
from relais.alerts.tables import Alert
from relais.audit.service import record
from relais.care.routes import _schedule_out
from relais.care.service import schedule_rows
from relais.checkins import service
from relais.checkins.schemas import (
    CheckinIn,
    CheckinOut,
    CheckinResult,
    ThresholdIn,
    ThresholdOut,
    TodayOut,
)
from relais.checkins.tables import Checkin, ThresholdOverride
from relais.db import as_utc, as_uuid, json_value, transaction, utcnow
from relais.triage.rules import Overrides, check_overrides
from relais.web.problems import FieldError, ProblemError


def _lang(request: Request[Any, Any, Any]) -> str:
    return current_user(request).locale if current_user(request).locale in ("fr", "en") else "fr"


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
        access = await policy.require(request, patient_id, "log", audit_action="checkin.write")
        result, created = await service.submit(
            request.app.state.content,
            access.patient,
            data,
            current_user(request).id,
            _lang(request),
        )
        if created and result.alert is not None:
            wake = getattr(request.app.state, "wake_worker", None)
            if callable(wake):
                wake()
        return Response(result, status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/checkins", summary="Check-ins of the last days, newest first")
    async def history(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        days: Annotated[int, Parameter(ge=1, le=3650)] = 30,
    ) -> list[CheckinOut]:
        access = await policy.require(request, patient_id, "results", audit_action="checkin.read")
        return await service.recent(patient_id, days, utcnow(), until=access.data_until)

    @get("/today", summary="What is due today, the last result and any open alert")
    async def today(self, request: Request[Any, Any, Any], patient_id: uuid.UUID) -> TodayOut:
        access = await policy.require(request, patient_id, "read", audit_action="today.read")
        now = utcnow()
        rows = await schedule_rows(
            patient_id, since=now - service.MAX_LATE, until=now + dt.timedelta(hours=18)
        )
        items = [_schedule_out(r, now) for r in rows]
        due = [i for i in items if i.status in ("due", "overdue")]
        last = None
        open_alert = None
        if access.can_read_results:
            row = (
                await Checkin.select()
                .where(service.visible_to(access.data_until, Checkin.patient == patient_id))
                .order_by(Checkin.taken_at, ascending=False)
                .first()
            )
            last = service.checkin_out(row) if row else None
            alert = (
                await Alert.select(Alert.id, Alert.state, Alert.acknowledged_at)
                .where((Alert.patient == patient_id) & (Alert.state != "resolved"))
                .order_by(Alert.opened_at, ascending=False)
                .first()
            )
            open_alert = service.alert_ref(alert) if alert else None
        return TodayOut(
            due=[msgspec.to_builtins(i) for i in due if i.due_at <= now + dt.timedelta(hours=18)],
            last_checkin=last,
            open_alert=open_alert,
            overdue_count=sum(1 for i in due if i.status == "overdue"),
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
        ruleset = service.ruleset_of(request.app.state.content)
        problems = check_overrides(ruleset, Overrides(thresholds={data.key: dict(data.params)}))
        if problems:
            raise ProblemError(
                400,
                "invalid-threshold",
                "; ".join(problems),
                errors=[FieldError("params", p) for p in problems],
            )
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


async def _thresholds(patient_id: uuid.UUID) -> list[ThresholdOut]:
    rows = (
        await ThresholdOverride.select()
        .where(ThresholdOverride.patient == patient_id)
        .order_by(ThresholdOverride.set_at, ascending=False)
    )
    names = {
        as_uuid(u["id"]): u["display_name"]
        for u in await User.select(User.id, User.display_name).where(
            User.id.is_in([r["set_by"] for r in rows] or [uuid.uuid4()])
        )
    }
    return [
        ThresholdOut(
            id=r["id"],
            key=r["key"],
            params=dict(json_value(r["params"])),
            reason=r["reason"],
            set_by=as_uuid(r["set_by"]),
            set_by_name=names.get(as_uuid(r["set_by"]), ""),
            set_at=as_utc(r["set_at"]),
            active=bool(r["active"]),
        )
        for r in rows
    ]


ROUTES = [CheckinController]
