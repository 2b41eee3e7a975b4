"""``/api/patients/{id}/messages``: the thread between the patient's side and the care team."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from relais.access import policy
from relais.accounts.guards import current_user, require_staff, require_user
from relais.audit.service import record_each
from relais.db import utcnow
from relais.errors import Refusal
from relais.messages import inbox, service
from relais.messages.schemas import (
    InboxIn,
    InboxOut,
    InboxUnreadOut,
    MessageIn,
    ReadIn,
    ThreadOut,
)


class MessageController(Controller):
    path = "/api/patients/{patient_id:uuid}/messages"
    tags = ["messages"]
    guards = [require_user]

    @get("/", summary="The thread with the care team (oldest first), with read receipts")
    async def thread(self, request: Request[Any, Any, Any], patient_id: uuid.UUID) -> ThreadOut:
        access = await policy.require(request, patient_id, "messages", audit_action="message.read")
        return await service.thread(patient_id, current_user(request).id, until=access.data_until)

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Write in the thread (the other side is told); idempotent by the id made on the "
        "device",
    )
    async def write(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[MessageIn]
    ) -> Response[ThreadOut]:
        access = await policy.require(request, patient_id, "messages", audit_action="message.write")
        side = "team" if access.relation == "staff" else "patient"
        me = current_user(request).id
        created = await service.post(patient_id, me, side, data.body.strip(), utcnow(), data.id)
        thread = await service.thread(patient_id, me, until=access.data_until)
        return Response(thread, status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @post("/read", status_code=HTTP_200_OK, summary="I have read the thread up to now")
    async def read(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[ReadIn]
    ) -> ThreadOut:
        access = await policy.require(request, patient_id, "messages", audit_action="message.read")
        me = current_user(request).id
        now = utcnow()
        until = min(data.until, now) if data.until is not None else now
        await service.mark_read(patient_id, me, until)
        return await service.thread(patient_id, me, until=access.data_until)


class InboxController(Controller):
    """The console's messages inbox: every thread of my teams' patients in one list."""

    path = "/api/inbox"
    tags = ["messages"]
    guards = [require_staff]

    @post(
        "/threads",
        status_code=HTTP_200_OK,
        summary="Threads of my teams' patients, newest activity first, with my unread counts "
        "(filters in the body: a name never goes in an address)",
    )
    async def threads(self, request: Request[Any, Any, Any], data: JSONBody[InboxIn]) -> InboxOut:
        me = current_user(request).id
        if data.team is not None and data.team not in await policy.staff_team_ids(me):
            raise Refusal("team-not-found", "not-found", detail="team-not-found.not-member")
        out = await inbox.threads(me, data)
        # Each patient listed is a read of their record: one audit row each, in one statement.
        await record_each(
            "message.list",
            [t.patient_id for t in out.threads],
            connection=request,
            record_type="inbox",
            detail=str(len(out.threads)),
        )
        return out

    @get("/unread", summary="What waits for me: unread messages, their threads, notes to read")
    async def unread(self, request: Request[Any, Any, Any]) -> InboxUnreadOut:
        """Counts only (no patient is named, none is read): the console's navigation."""
        return await inbox.unread(current_user(request).id, utcnow())


ROUTES = [MessageController, InboxController]
