"""Consent routes: the documents to accept, and sharing with each care team."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.params import JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK

from relais.access import policy
from relais.accounts.guards import current_user, require_user
from relais.audit.service import record
from relais.consent import service
from relais.consent.schemas import (
    AcceptIn,
    ConsentOut,
    DocumentOut,
    PublicDocumentOut,
    PublicDocumentsOut,
    TeamDecisionIn,
    TeamDecisionOut,
    TeamSharingOut,
)
from relais.errors import Refusal
from relais.web.lang import request_lang

# The app's language, when it differs from the one of the account.
LangParam = Annotated[
    str | None, Parameter(pattern="^(fr|en)$", description="language of the texts; default: mine")
]


async def _consent_out(request: Request[Any, Any, Any], lang: str | None = None) -> ConsentOut:
    user = current_user(request)
    documents = request.app.state.content.consent
    accepted = await service.accepted_versions(user.id)
    out = []
    for doc in documents.values():
        title, summary, body = doc.text(lang or request_lang(request))
        mine = accepted.get(doc.id)
        out.append(
            DocumentOut(
                document=doc.id,
                version=doc.version,
                effective_on=doc.effective_on,
                title=title,
                summary=summary,
                body=body.replace(
                    "{emergency_number}", request.app.state.settings.emergency_number
                ),
                accepted_version=mine[0] if mine else None,
                accepted_at=mine[1] if mine else None,
                needs_acceptance=mine is None or mine[0] < doc.version,
            )
        )
    return ConsentOut(documents=out, pending=[d.document for d in out if d.needs_acceptance])


class PublicDocumentsController(Controller):
    path = "/api/consent/documents"
    tags = ["consent"]

    @get(
        "/",
        summary="The current terms and privacy notice, to read before creating an account",
    )
    async def current(
        self,
        request: Request[Any, Any, Any],
        lang: Annotated[str, Parameter(pattern="^(fr|en)$")] = "fr",
    ) -> PublicDocumentsOut:
        emergency = request.app.state.settings.emergency_number
        out = []
        for doc in request.app.state.content.consent.values():
            title, summary, body = doc.text(lang)
            out.append(
                PublicDocumentOut(
                    document=doc.id,
                    version=doc.version,
                    effective_on=doc.effective_on,
                    title=title,
                    summary=summary,
                    body=body.replace("{emergency_number}", emergency),
                )
            )
        return PublicDocumentsOut(lang=lang, documents=out)  # type: ignore[arg-type]


class ConsentController(Controller):
    path = "/api/consent"
    tags = ["consent"]
    guards = [require_user]

    @get("/", summary="The terms and privacy notice, and which of them I still have to accept")
    async def documents(
        self,
        request: Request[Any, Any, Any],
        lang: LangParam = None,
    ) -> ConsentOut:
        return await _consent_out(request, lang)

    @post("/accept", status_code=HTTP_200_OK, summary="Accept one version of a document")
    async def accept(self, request: Request[Any, Any, Any], data: JSONBody[AcceptIn]) -> ConsentOut:
        user = current_user(request)
        await service.accept(
            request.app.state.content.consent,
            user.id,
            data.document,
            data.version,
            request_lang(request),
        )
        await record(
            "consent.accept",
            connection=request,
            record_type="consent",
            record_id=f"{data.document}:{data.version}",
        )
        return await _consent_out(request)


def _sharing_out(
    request: Request[Any, Any, Any], rows: list[dict[str, Any]], row: dict[str, Any], lang: str
) -> TeamSharingOut:
    """A team's sharing state, with what changing it would do."""
    other = "shared" if row["status"] == service.STOPPED else service.STOPPED
    return TeamSharingOut(
        team_id=row["team_id"],
        team_name=row["team_name"],
        status=row["status"],
        since=row["since"],
        recorded=row["recorded"],
        explanation=_explain(request, rows, row["team_id"], other, lang),
    )


def _explain(
    request: Request[Any, Any, Any],
    rows: list[dict[str, Any]],
    team_id: uuid.UUID,
    decision: str,
    lang: str,
) -> str:
    return service.explanation(
        request.app.state.content.guidance.sharing,
        rows,
        team_id,
        decision,
        lang,
        request.app.state.settings.emergency_number,
    )


class TeamConsentController(Controller):
    path = "/api/patients/{patient_id:uuid}/consent/teams"
    tags = ["consent"]
    guards = [require_user]

    @get("/", summary="Sharing with each care team (explanation: what changing it would do)")
    async def teams(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, lang: LangParam = None
    ) -> list[TeamSharingOut]:
        await policy.require(request, patient_id, "read", audit_action="consent.teams_read")
        rows = await service.team_sharing(patient_id)
        return [_sharing_out(request, rows, r, lang or request_lang(request)) for r in rows]

    @post(
        "/",
        status_code=HTTP_200_OK,
        summary="Share with a team, or stop sharing (without confirm: only the explanation)",
    )
    async def decide(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        data: JSONBody[TeamDecisionIn],
        lang: LangParam = None,
    ) -> TeamDecisionOut:
        await policy.require(
            request,
            patient_id,
            "results",
            audit_action="consent.teams_write",
            refuse=policy.refuse_when(lambda a: a.relation == "staff", "out-of-scope.sharing"),
        )
        lang = lang or request_lang(request)
        rows = await service.team_sharing(patient_id)
        row = next((r for r in rows if r["team_id"] == data.team_id), None)
        if row is None:
            raise Refusal("team-not-found", "not-found", detail="team-not-followed")
        explanation = _explain(request, rows, data.team_id, data.decision, lang)
        if not data.confirm:
            return TeamDecisionOut(
                applied=False, explanation=explanation, team=_sharing_out(request, rows, row, lang)
            )
        after = await service.decide(
            patient_id, data.team_id, data.decision, current_user(request).id
        )
        updated = next(r for r in after if r["team_id"] == data.team_id)
        await record(
            f"consent.team_{data.decision}",
            connection=request,
            record_type="team",
            record_id=data.team_id,
            patient_id=patient_id,
        )
        return TeamDecisionOut(
            applied=True,
            explanation=explanation,
            team=_sharing_out(request, after, updated, lang),
        )


ROUTES = [PublicDocumentsController, ConsentController, TeamConsentController]
