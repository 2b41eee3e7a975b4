"""Who may see or run a care team, and act on a record a team holds about a patient: the guards of
the routes with a ``{team_id}``, beside the patient policy (``policy.require``).

- ``team_member``: a member of the team. For what the team knows of its patients (their list, the
  console, the notes to read): an administrator who is not a member is an outsider.
- ``team_reader``: a member or an administrator (the team's settings, members, rota, thresholds).
- ``team_lead``: the team's lead or an administrator (changing them).

An outsider gets 404, as for a team that does not exist: nothing leaks. A member who is not the
lead gets 403 where the lead is needed.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from relais.access import policy
from relais.accounts.guards import current_user
from relais.accounts.sessions import CurrentUser
from relais.audit.service import record
from relais.care.tables import Team, TeamMember
from relais.errors import Refusal

Connection = ASGIConnection[Any, Any, Any, Any]


def _not_found() -> Refusal:
    return Refusal("team-not-found", "not-found")


async def require_member(user_id: uuid.UUID, team_id: uuid.UUID) -> None:
    """Refuse (404) a person who is not a clinician member of the team (an administrator is a
    member of none: ``relais.care.service.add_member``)."""
    if not await TeamMember.exists().where(
        (TeamMember.user == user_id)
        & (TeamMember.team == team_id)
        & (TeamMember.user.role == "clinician")
    ):
        raise _not_found()


async def require_team(user: CurrentUser, team_id: uuid.UUID, *, lead: bool = False) -> None:
    """Administrators see and run every team; a clinician sees their own teams and runs those they
    lead."""
    if not await Team.exists().where(Team.id == team_id):
        raise _not_found()
    if user.role == "admin":
        return
    me = (
        await TeamMember.select(TeamMember.is_lead)
        .where((TeamMember.team == team_id) & (TeamMember.user == user.id))
        .first()
    )
    if me is None:
        raise _not_found()
    if lead and not me["is_lead"]:
        raise Refusal("not-team-lead", "forbidden")


def _team_id(connection: Connection) -> uuid.UUID:
    value = connection.path_params["team_id"]
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


async def _or_denied(connection: Connection, check: Awaitable[None]) -> None:
    """Run a team check; a refusal is audited (who tried which team's route), then raised."""
    try:
        await check
    except Refusal as refusal:
        await record(
            "team.denied",
            connection=connection,
            record_type="team",
            record_id=str(connection.path_params.get("team_id", "")),
            outcome="denied",
            detail=f"{refusal.code} {connection.scope.get('method', '')} {connection.url.path}"[
                :200
            ],
        )
        raise


async def team_member(connection: Connection, _: BaseRouteHandler) -> None:
    """Guard: the caller is a member of the path's team."""
    await _or_denied(connection, require_member(current_user(connection).id, _team_id(connection)))


async def team_reader(connection: Connection, _: BaseRouteHandler) -> None:
    """Guard: the caller is a member of the path's team, or an administrator."""
    await _or_denied(connection, require_team(current_user(connection), _team_id(connection)))


async def team_lead(connection: Connection, _: BaseRouteHandler) -> None:
    """Guard: the caller leads the path's team, or is an administrator."""
    await _or_denied(
        connection, require_team(current_user(connection), _team_id(connection), lead=True)
    )


async def require_team_record(
    connection: Connection,
    team_id: uuid.UUID | None,
    patient_id: Any,
    action: str,
    record_type: str,
    record_id: uuid.UUID,
    not_found: Refusal,
) -> None:
    """A record a team holds about a patient (an alert): the caller must be a member of that team
    and may manage the patient (``policy.require``: their sharing, the audit of the read).
    Otherwise ``not_found`` (404), as if it did not exist; the refusal is audited."""
    if team_id is None or team_id not in await policy.staff_team_ids(current_user(connection).id):
        await record(
            action,
            connection=connection,
            record_type=record_type,
            record_id=record_id,
            outcome="denied",
        )
        raise not_found
    try:
        await policy.require(connection, patient_id, "manage", audit_action=action)
    except Refusal as exc:
        if exc.kind == "unauthenticated":
            raise
        raise not_found from exc
