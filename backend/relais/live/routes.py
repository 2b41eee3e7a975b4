"""``GET /api/live``: server-sent events for the care team's consoles.

Events ``alert`` carry the alert id, patient id, team id, level, state and escalation step of the
caller's teams only: the console reloads the details it is allowed to see. A comment every 15 s
keeps proxies from closing the connection; ``retry`` tells the browser when to reconnect.

An open stream is checked again every ``RECHECK_S`` seconds (and at each heartbeat past that):
when its session ended (sign-out, expiry, deactivation) the stream says ``ended`` and closes; when
the person's teams changed, it closes too, and the browser reconnects with the teams of now (or
is refused). Events are sent only for the teams still current.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncGenerator
from typing import Any

from litestar import Controller, Request, get
from litestar.response import ServerSentEvent
from litestar.response.sse import ServerSentEventMessage

from relais.access import policy
from relais.accounts.guards import current_user, require_staff
from relais.accounts.sessions import COOKIE_NAME, cookie_name, load_user
from relais.audit.service import record
from relais.live.broker import BROKER

HEARTBEAT_S = 15.0
RECHECK_S = 30.0
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
        recheck = float(getattr(request.app.state, "live_recheck_s", RECHECK_S))
        token = request.cookies.get(cookie_name(settings, COOKIE_NAME), "")
        checked = time.monotonic()

        async def still_allowed() -> bool:
            user, _ = await load_user(token, touch=False)
            if user is None or user.id != me.id or user.role != me.role:
                return False
            return set(await policy.staff_team_ids(me.id)) == set(teams)

        async def stream() -> AsyncGenerator[ServerSentEventMessage, None]:
            nonlocal checked
            try:
                yield ServerSentEventMessage(event="ready", data="{}", retry=RETRY_MS)
                while True:
                    try:
                        event = await asyncio.wait_for(
                            sub.queue.get(), timeout=min(heartbeat, recheck)
                        )
                    except TimeoutError:
                        event = None
                    if time.monotonic() - checked >= recheck:
                        checked = time.monotonic()
                        if not await still_allowed():
                            yield ServerSentEventMessage(event="ended", data="{}")
                            return
                    if event is None:
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
