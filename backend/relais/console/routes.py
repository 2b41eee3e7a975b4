"""``/api/teams/{id}/console``: the team's patients sorted by risk, with their open alerts, last
result and trend, overdue items, day of follow-up and critical window, no-GP flag; a page at a
time, and a search by name sent in the body."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.params import JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK

from relais.access.teams import team_member
from relais.accounts.guards import require_staff
from relais.audit.service import record_each
from relais.console.schemas import ConsoleOut, ConsoleSearch
from relais.console.service import PAGE, team_console


async def _shown(request: Request[Any, Any, Any], team_id: uuid.UUID, out: ConsoleOut) -> None:
    """The page shown is what was read: one audit row per patient on it."""
    await record_each(
        "team.console", [p.id for p in out.patients], connection=request,
        record_type="team", record_id=team_id, detail=f"{len(out.patients)}/{out.count}",
    )  # fmt: skip


class ConsoleController(Controller):
    path = "/api/teams/{team_id:uuid}/console"
    tags = ["care teams"]
    guards = [require_staff]

    @get("/", guards=[team_member], summary="The team's patients sorted by risk (console list)")
    async def console(
        self,
        request: Request[Any, Any, Any],
        team_id: uuid.UUID,
        limit: Annotated[
            int, QueryParameter(ge=0, le=500, description="Rows (0: counts only)")
        ] = PAGE,
        offset: Annotated[int, QueryParameter(ge=0)] = 0,
    ) -> ConsoleOut:
        out = await team_console(request.app.state.content, team_id, limit=limit, offset=offset)
        await _shown(request, team_id, out)
        return out

    @post(
        "/search", guards=[team_member], status_code=HTTP_200_OK,
        summary="The team's patients whose name holds every word searched, riskiest first",
    )  # fmt: skip
    async def search(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID, data: JSONBody[ConsoleSearch]
    ) -> ConsoleOut:
        out = await team_console(
            request.app.state.content, team_id,
            query=data.query, limit=data.limit, offset=data.offset,
        )  # fmt: skip
        await _shown(request, team_id, out)
        return out


ROUTES = [ConsoleController]
