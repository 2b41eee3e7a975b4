"""``GET /api/live``: server-sent events for the care team's consoles.

Events ``alert`` carry the alert id, patient id, team id, level, state and escalation step of the
caller's teams only: the console reloads the details it is allowed to see. A comment every 15 s
keeps proxies from closing the connection; ``retry`` tells the browser when to reconnect.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator
from typing import Any

from litestar import Controller, Request, get
from litestar.response import ServerSentEvent
from litestar.response.sse import ServerSentEventMessage

from relais.access import policy
from relais.accounts.guards import current_user, require_staff
from relais.audit.service import record
from relais.live.broker import BROKER

HEARTBEAT_S = 15.0
RETRY_MS = 3000


class LiveController(Controller):
    path = "/api/live"
    tags = ["alerts"]
    guards = [require_staff]

    @get(
        "/",
        media_type="text/event-stream",
        summary="Live alert events of my teams (server-sent events)",
    )
    async def live(self, request: Request[Any, Any, Any]) -> ServerSentEvent:
        me = current_user(request)
        teams = await policy.staff_team_ids(me.id)
        await record("live.open", connection=request, record_type="live")
        settings = request.app.state.settings
        sub = await BROKER.subscribe(teams, settings.database_url)
        heartbeat = float(getattr(request.app.state, "live_heartbeat_s", HEARTBEAT_S))

        async def stream() -> AsyncGenerator[ServerSentEventMessage, None]:
            try:
                yield ServerSentEventMessage(event="ready", data="{}", retry=RETRY_MS)
                while True:
                    try:
                        event = await asyncio.wait_for(sub.queue.get(), timeout=heartbeat)
                    except TimeoutError:
                        yield ServerSentEventMessage(comment="heartbeat")
                        continue
                    kind = str(event.pop("type", "alert"))
                    yield ServerSentEventMessage(
                        event=kind, data=json.dumps(event), id=str(event.get("id", ""))
                    )
            finally:
                await BROKER.unsubscribe(sub)

        return ServerSentEvent(stream(), headers={"cache-control": "no-store"})


ROUTES = [LiveController]
