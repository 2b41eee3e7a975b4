"""``/api/patients/{id}/messages``: the thread between the patient's side and the care team."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from relais.access import policy
from relais.accounts.guards import current_user, require_user
from relais.db import utcnow
from relais.messages import service
from relais.messages.schemas import MessageIn, ReadIn, ThreadOut


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


ROUTES = [MessageController]
