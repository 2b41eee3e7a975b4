"""``GET /api/teams/{id}/console``: the team's patients sorted by risk, with their open alerts,
last result and trend, overdue items, day of follow-up and critical window, no-GP flag."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, get

from relais.access.teams import team_member
from relais.accounts.guards import require_staff
from relais.audit.service import record_each
from relais.console.schemas import ConsoleOut
from relais.console.service import team_console


class ConsoleController(Controller):
    path = "/api/teams/{team_id:uuid}/console"
    tags = ["care teams"]
    guards = [require_staff]

    @get("/", guards=[team_member], summary="The team's patients sorted by risk (console list)")
    async def console(self, request: Request[Any, Any, Any], team_id: uuid.UUID) -> ConsoleOut:
        out = await team_console(request.app.state.content, team_id)
        await record_each(
            "team.console", [p.id for p in out.patients], connection=request,
            record_type="team", record_id=team_id, detail=str(out.count),
        )  # fmt: skip
        return out


ROUTES = [ConsoleController]
