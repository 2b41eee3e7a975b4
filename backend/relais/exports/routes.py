"""Routes of the person's own data: exports, who saw my record, closing my account, and the
record of processing for administrators."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.params import JSONBody, Parameter
from litestar.response import Stream
from litestar.status_codes import HTTP_200_OK

from relais.access import policy
from relais.accounts.guards import current_user, require_admin, require_user
from relais.accounts.queries import display_names
from relais.accounts.sessions import clearing_cookie, require_recent_auth
from relais.accounts.tables import User
from relais.audit.service import record
from relais.audit.tables import AuditEvent
from relais.care.tables import PatientTeam, TeamMember
from relais.db import as_utc, as_uuid, utcnow
from relais.errors import FieldRefusal, Refusal
from relais.exports import csv_export, erasure, fhir
from relais.exports.data import Subject
from relais.exports.retention import processing_record, processing_record_markdown
from relais.exports.schemas import (
    AccessLogEntry,
    AccessLogOut,
    DataPolicyOut,
    EraseIn,
    EraseOut,
    ProcessingRecordOut,
)
from relais.web.lang import request_lang

NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def _attachment(kind: str, ext: str) -> dict[str, str]:
    name = f"relais-{kind}-{utcnow().date().isoformat()}.{ext}"
    return {**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'}


async def _subject(request: Request[Any, Any, Any], patient_id: uuid.UUID, kind: str) -> Subject:
    # A whole record leaves the service: the password was given in the last minutes.
    me = current_user(request)
    require_recent_auth(me)
    access = await policy.require(request, patient_id, "results", audit_action=f"export.{kind}")
    return Subject(
        patient=access.patient,
        lang=request_lang(request),
        until=access.data_until,
        hidden=request.app.state.content.private if access.private_hidden else None,
        reader=me.id,
        relation=access.relation,
    )


class ExportController(Controller):
    path = "/api/patients/{patient_id:uuid}"
    tags = ["my data"]
    guards = [require_user]

    @get("/export/fhir", summary="The record as a FHIR R4 Bundle (collection), streamed")
    async def export_fhir(self, request: Request[Any, Any, Any], patient_id: uuid.UUID) -> Stream:
        subject = await _subject(request, patient_id, "fhir")
        base = request.app.state.settings.public_url
        return Stream(
            fhir.bundle(request.app.state.content, subject, base, utcnow()),
            media_type="application/fhir+json",
            headers=_attachment("fhir", "json"),
        )

    @get("/export/csv", summary="The record as CSV files (one per kind) in a zip, streamed")
    async def export_csv(self, request: Request[Any, Any, Any], patient_id: uuid.UUID) -> Stream:
        subject = await _subject(request, patient_id, "csv")
        return Stream(
            csv_export.csv_zip(request.app.state.content, subject),
            media_type="application/zip",
            headers=_attachment("csv", "zip"),
        )

    @get("/export/pdf", summary="A summary for a doctor (PDF, in the reader's language)")
    async def export_pdf(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> Response[bytes]:
        # fpdf and its font tools take half of the server's start-up to import: loaded on the
        # first PDF asked for instead of in every process at start-up.
        from relais.exports import pdf

        subject = await _subject(request, patient_id, "pdf")
        body = await pdf.summary_pdf(request.app.state.content, subject, utcnow())
        return Response(body, media_type="application/pdf", headers=_attachment("summary", "pdf"))

    @get("/access-log", summary="Who saw this record: reads from the audit log, newest first")
    async def access_log(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        page: Annotated[int, Parameter(ge=1, le=100_000)] = 1,
        per_page: Annotated[int, Parameter(ge=1, le=100)] = 50,
    ) -> AccessLogOut:
        # The outcome is written after the decision: a refused read is audited as refused.
        await policy.require(
            request,
            patient_id,
            "results",
            audit_action="access_log.read",
            refuse=policy.refuse_when(
                lambda a: a.relation == "staff", "out-of-scope.access-history"
            ),
        )
        me = current_user(request).id
        reads = (
            AuditEvent.action.like("%.read")
            | AuditEvent.action.like("%.list")
            | AuditEvent.action.like("%_list")
            | AuditEvent.action.like("export.%")
            | (AuditEvent.action == "patient.results")
            | (AuditEvent.action == "team.console")
        )
        where = (
            (AuditEvent.patient_id == patient_id)
            & (AuditEvent.outcome == "ok")
            & reads
            & ((AuditEvent.actor_id != me) | AuditEvent.actor_id.is_null())
        )
        total = await AuditEvent.count().where(where)
        rows = (
            await AuditEvent.select(
                AuditEvent.at, AuditEvent.actor_id, AuditEvent.actor_role, AuditEvent.action
            )
            .where(where)
            .order_by(AuditEvent.at, ascending=False)
            .order_by(AuditEvent.id, ascending=False)
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
        actors = {as_uuid(r["actor_id"]) for r in rows if r["actor_id"] is not None}
        names: dict[uuid.UUID, str] = {}
        teams: dict[uuid.UUID, list[str]] = {}
        if actors:
            names = await display_names(actors)
            patient_teams = [
                r["team"]
                for r in await PatientTeam.select(PatientTeam.team).where(
                    PatientTeam.patient == patient_id
                )
            ]
            if patient_teams:
                for m in await TeamMember.select(TeamMember.user, TeamMember.team.name).where(
                    TeamMember.user.is_in(list(actors)) & TeamMember.team.is_in(patient_teams)
                ):
                    teams.setdefault(as_uuid(m["user"]), []).append(m["team.name"])
        gone = {"fr": "Compte fermé", "en": "Closed account"}[request_lang(request)]
        items = [
            AccessLogEntry(
                at=as_utc(r["at"]),
                who=names.get(as_uuid(r["actor_id"]), gone) if r["actor_id"] else gone,
                role=r["actor_role"],
                teams=sorted(teams.get(as_uuid(r["actor_id"]), [])) if r["actor_id"] else [],
                action=r["action"],
            )
            for r in rows
        ]
        return AccessLogOut(items=items, page=page, per_page=per_page, total=total)


class EraseController(Controller):
    path = "/api/me"
    tags = ["my data"]
    guards = [require_user]

    @get("/data-policy", summary="What closing my account does here, and how long data is kept")
    async def data_policy(self, request: Request[Any, Any, Any]) -> DataPolicyOut:
        settings = request.app.state.settings
        return DataPolicyOut(
            erasure_mode=settings.erasure_mode,
            retention_health_days=settings.retention_health_days,
            retention_audit_days=settings.retention_audit_days,
            retention_technical_days=settings.retention_technical_days,
            controller=settings.controller_name,
            dpo=settings.dpo_contact,
        )

    @post("/erase", status_code=HTTP_200_OK, summary="Close my account and erase my data")
    async def erase(
        self, request: Request[Any, Any, Any], data: JSONBody[EraseIn]
    ) -> Response[EraseOut]:
        me = current_user(request)
        state = request.app.state
        if me.is_staff:
            raise Refusal("staff-account", "forbidden")
        user = await User.select(User.password_hash).where(User.id == me.id).first()
        if user is None or not await state.passwords.verify(user["password_hash"], data.password):
            await record("account.erase", connection=request, outcome="failure")
            raise Refusal("bad-password", "invalid", fields=[FieldRefusal("password", "not-right")])
        if not data.confirm:
            raise Refusal(
                "confirm-needed", "invalid", fields=[FieldRefusal("confirm", "must-be-true")]
            )
        mode = state.settings.erasure_mode
        await erasure.erase_account(me.id, mode, state.content)
        # Written after the erasure, without the person's id, IP or browser.
        await record("account.erase", actor_role=me.role, detail=mode)
        message = {
            "fr": "Votre compte est fermé et vos données sont effacées.",
            "en": "Your account is closed and your data is erased.",
        }[request_lang(request)]
        response = Response(EraseOut(erased=True, mode=mode, message=message))
        response.set_cookie(clearing_cookie(request.app.state.settings))
        return response


class ProcessingRecordController(Controller):
    path = "/api/admin/processing-record"
    tags = ["admin"]
    guards = [require_admin]

    @get("/", summary="The record of processing activities (GDPR art. 30) of this deployment")
    async def get_record(
        self,
        request: Request[Any, Any, Any],
        lang: Annotated[str, Parameter(pattern="^(fr|en)$")] = "fr",
    ) -> ProcessingRecordOut:
        rec = processing_record(request.app.state.settings, lang)
        await record("processing_record.read", connection=request)
        return ProcessingRecordOut(**rec, markdown=processing_record_markdown(rec))


ROUTES = [ExportController, EraseController, ProcessingRecordController]
