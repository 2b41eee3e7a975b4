"""``POST /api/fhir/discharge``: a hospital's system client sends the discharge as a FHIR R4
Bundle (docs/integration.md, "Discharge import").

No session and no CSRF token here: the caller is a machine with an OAuth access token in the
``Authorization`` header (relais.discharge.oauth), which a browser never sends on its own.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from litestar import Controller, Request, Response, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from relais.audit.service import record
from relais.discharge.bundle import read_discharge, read_json
from relais.discharge.oauth import SystemClient, TokenVerifier
from relais.discharge.outcome import FHIR_JSON, Rejected, outcome_json
from relais.discharge.service import import_discharge
from relais.web.lang import request_lang
from relais.web.schemas import Base


class InvitationState(Base):
    #: None when the person needs none (an adult with an account, a child with a parent linked).
    id: uuid.UUID | None
    #: "patient" (an adult), "proxy" (a child's parent), or "" with no invitation.
    kind: str
    status: Literal["pending", "used", "revoked", "expired", "not-needed"]
    expires_at: dt.datetime | None
    #: The new invitation's link and code, only in the answer that made it (201 or 200): hand
    #: them to the person; Relais keeps only their hashes, and the team can make a new one.
    link: str | None = None
    code: str | None = None


class DischargeImported(Base):
    outcome: Literal["created", "updated"]
    import_id: uuid.UUID
    patient_id: uuid.UUID
    #: How the patient was found: "ins", "identifier" (the hospital's), "encounter" (this
    #: discharge imported before) or "new".
    matched_by: Literal["ins", "identifier", "encounter", "new"]
    team_id: uuid.UUID
    plan_id: str
    discharge_date: dt.date
    invitation: InvitationState
    #: An OperationOutcome of warnings (no GP known, resources ignored), or None.
    warnings: dict[str, Any] | None = None


class OperationOutcomeBody(Base):
    """A FHIR R4 OperationOutcome (docs/integration.md, "OperationOutcome")."""

    resourceType: Literal["OperationOutcome"]  # FHIR's own name
    issue: list[dict[str, Any]]
    language: str = "en"


def _spec(description: str) -> ResponseSpec:
    return ResponseSpec(
        data_container=OperationOutcomeBody,
        media_type=FHIR_JSON,
        description=description,
        generate_examples=False,
    )


RESPONSES = {
    200: ResponseSpec(
        data_container=DischargeImported,
        description="Imported before: updated",
        generate_examples=False,
    ),
    400: _spec("Not a JSON FHIR Bundle"),
    401: _spec("No access token, or one that is not valid"),
    403: _spec("The token lacks the scope, or the client may not import"),
    409: _spec("The identifiers name two different patients"),
    422: _spec("Every problem of the bundle"),
    503: _spec("No OAuth issuer configured, or its keys cannot be read"),
}


def _outcome(request: Request[Any, Any, Any], exc: Rejected) -> Response[Any]:
    return Response(
        content=outcome_json(exc.issues, request_lang(request)),
        status_code=exc.status,
        media_type=FHIR_JSON,
        headers={"Cache-Control": "no-store", **exc.headers},
    )


class DischargeController(Controller):
    path = "/api/fhir"
    tags = ["FHIR"]

    @post(
        "/discharge",
        status_code=HTTP_201_CREATED,
        summary="Import a discharge sent as a FHIR R4 Bundle (system client, OAuth bearer token)",
        responses=RESPONSES,
        description=(
            "Body: a FHIR R4 Bundle (transaction or collection), `application/fhir+json`. "
            "201 when the discharge is new, 200 when it was imported before (updated). "
            "Refusals are OperationOutcomes: 400 unreadable, 401 token, 403 scope or client, "
            "409 identifiers naming two patients, 422 every problem of the bundle."
        ),
    )
    async def discharge(self, request: Request[Any, Any, Any]) -> Response[DischargeImported]:
        state = request.app.state
        verifier: TokenVerifier = state.fhir_tokens
        client: SystemClient | None = None
        try:
            client = await verifier.verify(request.headers.get("authorization"))
            body = await request.body()
            data = read_json(body)
            found = read_discharge(data, state.content)
            done = await import_discharge(
                state.content, client, found, state.settings.invitation_days
            )
        except Rejected as exc:
            await record(
                "discharge.import",
                connection=request,
                actor_role="system",
                record_type="discharge",
                outcome="failure",
                detail=(f"client={client.client_id} " if client else "")
                + ",".join(sorted({i.code for i in exc.issues if i.severity == "error"})),
            )
            return _outcome(request, exc)
        await record(
            "discharge.import",
            connection=request,
            actor_role="system",
            record_type="discharge",
            record_id=done.import_id,
            patient_id=done.patient_id,
            detail=f"client={client.client_id} {'created' if done.created else 'updated'}",
        )
        link = None
        if done.link_token:
            link = f"{state.settings.public_url}/join#token={done.link_token}"
        code = f"{done.code[:4]}-{done.code[4:]}" if done.code else None
        out = DischargeImported(
            outcome="created" if done.created else "updated",
            import_id=done.import_id,
            patient_id=done.patient_id,
            matched_by=done.matched_by,  # type: ignore[arg-type]
            team_id=found.team_id,  # type: ignore[arg-type]
            plan_id=found.plan_id,
            discharge_date=found.discharge_date,
            invitation=InvitationState(
                id=done.invitation_id,
                kind=done.invitation_kind,
                status=done.invitation_status,  # type: ignore[arg-type]
                expires_at=done.invitation_expires_at,
                link=link,
                code=code,
            ),
            warnings=outcome_json(found.warnings, request_lang(request))
            if found.warnings
            else None,
        )
        return Response(
            out,
            status_code=HTTP_201_CREATED if done.created else HTTP_200_OK,
            headers={"Cache-Control": "no-store"},
        )


ROUTES = [DischargeController]
