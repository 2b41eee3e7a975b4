"""Children's routes. Every one takes a patient id and goes through ``access.policy.require``:
reads need ``results`` (the school checklist: ``log``, it is shared with the family members who
log), writes need ``log``, the team's review needs ``manage``. Every read is audited by
``require``.

``GET /api/children/development-review`` lists, for a clinician, the checks awaiting review across
the active patients of their own teams; each patient's record it reads goes through ``require``
(audited) like any other read."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post, put
from litestar.params import JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from relais.access import policy
from relais.access.teams import require_member
from relais.accounts.guards import current_user, require_staff, require_user
from relais.children import development, measurements, school, wellbeing
from relais.children.schemas import (
    DevelopmentCompletionIn,
    DevelopmentIn,
    DevelopmentOut,
    DevelopmentResult,
    DevelopmentReviewOut,
    GrowthCorrectionIn,
    GrowthIn,
    GrowthOut,
    GrowthRemovalIn,
    GrowthResult,
    SchoolIn,
    SchoolOut,
    WellbeingIn,
    WellbeingOut,
    WellbeingResult,
)
from relais.web.lang import request_lang


class ChildrenController(Controller):
    path = "/api/patients/{patient_id:uuid}"
    tags = ["children"]
    guards = [require_user]

    @get("/development", summary="Development checks: due by age, past answers, team review")
    async def development(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> DevelopmentOut:
        access = await policy.require(
            request, patient_id, "results", audit_action="development.read"
        )
        return await development.development_view(
            request.app.state.content, access, request_lang(request)
        )

    @post(
        "/development",
        status_code=HTTP_201_CREATED,
        summary="Answer one development check (idempotent by the id made on the device)",
    )
    async def answer_development(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        data: JSONBody[DevelopmentIn],
    ) -> Response[DevelopmentResult]:
        access = await policy.require(request, patient_id, "log", audit_action="development.write")
        result, created = await development.submit_development(
            request.app.state.content, access, data, current_user(request).id, request_lang(request)
        )
        return Response(result, status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @post(
        "/development/{check_uuid:uuid}/review",
        status_code=HTTP_204_NO_CONTENT,
        summary='The team has reviewed the "not yet" answers of a check',
    )
    async def review_development(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, check_uuid: uuid.UUID
    ) -> None:
        await policy.require(request, patient_id, "manage", audit_action="development.review")
        await development.review_development(patient_id, check_uuid, current_user(request).id)

    @post(
        "/development/{check_uuid:uuid}/complete",
        status_code=HTTP_200_OK,
        summary='Answer later the milestones of a check first answered "not sure"',
    )
    async def complete_development(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        check_uuid: uuid.UUID,
        data: JSONBody[DevelopmentCompletionIn],
    ) -> DevelopmentResult:
        access = await policy.require(
            request, patient_id, "log", audit_action="development.complete"
        )
        return await development.complete_development(
            request.app.state.content,
            access,
            check_uuid,
            data,
            current_user(request).id,
            request_lang(request),
        )

    @get("/growth", summary="Measurements with WHO z-scores and centiles, and the chart")
    async def growth(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        indicator: Annotated[str, Parameter(max_length=60)] = "weight_for_age",
    ) -> GrowthOut:
        access = await policy.require(request, patient_id, "results", audit_action="growth.read")
        return await measurements.growth_view(
            request.app.state.content, access, indicator, request_lang(request)
        )

    @post(
        "/growth",
        status_code=HTTP_201_CREATED,
        summary="Record a measurement (idempotent by the id made on the device)",
    )
    async def add_growth(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[GrowthIn]
    ) -> Response[GrowthResult]:
        access = await policy.require(request, patient_id, "log", audit_action="growth.write")
        result, created = await measurements.submit_growth(
            request.app.state.content, access, data, current_user(request).id, request_lang(request)
        )
        return Response(result, status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @put(
        "/growth/{measurement_id:uuid}",
        summary="Correct a measurement (the family: its own, for 24 hours; the team: with a "
        "reason); an alert the wrong value opened is withdrawn",
    )
    async def correct_growth(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        measurement_id: uuid.UUID,
        data: JSONBody[GrowthCorrectionIn],
    ) -> GrowthResult:
        access = await policy.require(request, patient_id, "log", audit_action="growth.correct")
        return await measurements.correct_growth(
            request.app.state.content,
            access,
            measurement_id,
            data,
            current_user(request).id,
            request_lang(request),
        )

    @post(
        "/growth/{measurement_id:uuid}/remove",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove a wrong measurement (same rules as a correction)",
    )
    async def remove_growth(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        measurement_id: uuid.UUID,
        data: JSONBody[GrowthRemovalIn],
    ) -> None:
        access = await policy.require(request, patient_id, "log", audit_action="growth.remove")
        await measurements.remove_growth(
            request.app.state.content, access, measurement_id, data, current_user(request).id
        )

    @get("/school", summary="The return-to-school checklist shared by the family and the team")
    async def school(self, request: Request[Any, Any, Any], patient_id: uuid.UUID) -> SchoolOut:
        await policy.require(request, patient_id, "log", audit_action="school.read")
        return await school.school_view(
            request.app.state.content, patient_id, request_lang(request)
        )

    @put("/school", summary="Update items of the return-to-school checklist")
    async def save_school(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[SchoolIn]
    ) -> SchoolOut:
        access = await policy.require(request, patient_id, "log", audit_action="school.write")
        return await school.save_school(
            request.app.state.content, access, data, current_user(request).id, request_lang(request)
        )

    @get("/wellbeing", summary="Wellbeing screens of the child and of the person asking")
    async def wellbeing(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> WellbeingOut:
        access = await policy.require(request, patient_id, "results", audit_action="wellbeing.read")
        return await wellbeing.wellbeing_view(
            request.app.state.content, access, current_user(request).id, request_lang(request)
        )

    @post(
        "/wellbeing",
        status_code=HTTP_201_CREATED,
        summary="Answer a wellbeing screen (the child's, or a parent's own)",
    )
    async def answer_wellbeing(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[WellbeingIn]
    ) -> Response[WellbeingResult]:
        access = await policy.require(request, patient_id, "log", audit_action="wellbeing.write")
        result, created = await wellbeing.submit_wellbeing(
            request.app.state.content, access, data, current_user(request).id, request_lang(request)
        )
        return Response(result, status_code=HTTP_201_CREATED if created else HTTP_200_OK)


class ChildrenTeamController(Controller):
    path = "/api/children"
    tags = ["children"]
    guards = [require_staff]

    @get(
        "/development-review",
        summary='Development checks with "not yet" or "not sure" answers awaiting the team',
    )
    async def development_review(
        self, request: Request[Any, Any, Any], team: uuid.UUID | None = None
    ) -> DevelopmentReviewOut:
        """Across the caller's teams, or the one team named (of which the caller is a member)."""
        me = current_user(request).id
        if team is not None:
            await require_member(me, team)
            teams = [team]
        else:
            teams = await policy.staff_team_ids(me)

        async def access_of(pid: uuid.UUID) -> policy.Access:
            return await policy.require(
                request, pid, "results", audit_action="development.review_list"
            )

        return await development.development_review(
            request.app.state.content, teams, access_of, request_lang(request)
        )


ROUTES = [ChildrenController, ChildrenTeamController]
