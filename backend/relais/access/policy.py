"""The access policy for everything about a patient.

Every route that takes a patient id calls ``require()`` first. It answers the same question the
same way everywhere:

- the patient (their own account) may read, log check-ins, read results and messages;
- a proxy (family member) with an active link may read the patient's identity, and log, read
  results or read messages only as far as the link's scope allows;
- a staff member (clinician, or an administrator who is also a team member) of a team the patient is
  attached to may do everything, including ``manage`` (hand-over, thresholds, schedule);
- anyone else gets 404, exactly as for a patient that does not exist: nothing leaks.

Each decision, granted or refused, is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from litestar.connection import ASGIConnection

from relais.access.queries import (
    LATEST_PROXY_LINK,
    OWN_COLUMNS,
    PATIENT_WITH_TEAMS,
    patient_with_teams_and,
)
from relais.accounts.guards import current_user
from relais.accounts.sessions import CurrentUser
from relais.audit.service import PendingAudit, audit_values, record
from relais.care.ages import is_child
from relais.care.ages import today_in as today_in
from relais.care.tables import Patient, ProxyLink, TeamMember
from relais.consent.service import STOPPED, sharing_cutoff
from relais.db import as_uuid, raw
from relais.errors import Refusal

Need = Literal["read", "log", "results", "messages", "manage"]


@dataclass(frozen=True)
class Access:
    patient: dict[str, Any]
    relation: Literal["self", "proxy", "staff"]
    can_log: bool
    can_read_results: bool
    can_read_messages: bool
    can_manage: bool
    # Staff only: the patient stopped sharing with the caller's teams at this instant; data
    # received after it is hidden from them (relais.consent.service.sharing_cutoff).
    data_until: dt.datetime | None = None
    # The teams the patient is attached to and shares with, first attached first: an alert goes
    # to the first (``relais.care.service.alerted_teams``).
    teams: tuple[uuid.UUID, ...] = ()
    # The audit row of this access (written, unless ``require(audit_with_change=True)``).
    audit: PendingAudit | None = None
    # The columns of ``require(also=...)``'s statement, read with the access (granted only).
    also: dict[str, Any] | None = None
    # A family member of an adult who has not allowed them to see the private answers (mental
    # health) and the check-ins' own notes (``ContentLibrary.private``).
    private_hidden: bool = False
    # A family member's tie to the person (``ProxyLink.relationship``: "parent", "partner"...).
    relationship: str = ""

    @property
    def parent_of_child(self) -> bool:
        """A parent of a child: decides for the child as an adult decides for themselves (who
        among the family is told of alerts)."""
        birth = self.patient.get("birth_date")
        return (
            self.relation == "proxy"
            and self.relationship == "parent"
            and isinstance(birth, dt.date)
            and is_child(birth, self.patient["timezone"])
        )

    def allows(self, need: Need) -> bool:
        return {
            "read": True,
            "log": self.can_log,
            "results": self.can_read_results,
            "messages": self.can_read_messages,
            "manage": self.can_manage,
        }[need]


def _not_found() -> Refusal:
    return Refusal("patient-not-found", "not-found")


def _uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def hides_private(patient: dict[str, Any], link: dict[str, Any]) -> bool:
    """A family member does not see an adult's private answers unless the adult allowed it."""
    birth = patient.get("birth_date")
    adult = not isinstance(birth, dt.date) or not is_child(birth, patient["timezone"])
    return adult and not bool(link.get("can_read_private"))


def link_is_active(link: dict[str, Any], today: dt.date) -> bool:
    return link["ended_at"] is None and (
        link["valid_until"] is None or link["valid_until"] >= today
    )


async def staff_team_ids(user_id: uuid.UUID) -> list[uuid.UUID]:
    """The care teams of a clinician (an administrator is a member of none)."""
    rows = await TeamMember.select(TeamMember.team).where(
        (TeamMember.user == user_id) & (TeamMember.user.role == "clinician")
    )
    return [_uuid(r["team"]) for r in rows]  # type: ignore[misc]


@dataclass(frozen=True)
class Also:
    """A one-row SELECT (``{}`` placeholders) read in the same statement as the access check, so
    that the request's next read costs no round trip of its own. Its ``columns`` reach the caller
    in ``Access.also``, only when the access is granted; none may be named as a patient's."""

    select: str
    args: tuple[Any, ...]
    columns: tuple[str, ...]


async def access_for(user: CurrentUser, patient_id: Any, also: Also | None = None) -> Access | None:
    pid = _uuid(patient_id)
    if pid is None:
        return None
    # One statement for the patient, its teams and the caller's part in them: every request about
    # a patient starts here (relais.access.queries).
    if also is None:
        found = await raw.rows(PATIENT_WITH_TEAMS, user.id, pid)
    else:
        found = await raw.rows(patient_with_teams_and(also.select), user.id, *also.args, pid)
    if not found:
        return None
    teams = tuple(
        as_uuid(r["_team"]) for r in found if r["_team"] is not None and r["_decision"] != STOPPED
    )
    mine = [as_uuid(r["_team"]) for r in found if r["_team"] is not None and r["_mine"]]
    decided = bool(found[0]["_decided"])
    skip = (*OWN_COLUMNS, *(also.columns if also else ()))
    patient = {k: v for k, v in found[0].items() if k not in skip}
    extra = {k: found[0][k] for k in also.columns} if also else None
    if patient["user"] is not None and _uuid(patient["user"]) == user.id:
        return Access(patient, "self", True, True, True, False, teams=teams, also=extra)
    if user.role == "proxy" or user.role == "patient":
        link = await raw.first(LATEST_PROXY_LINK, pid, user.id)
        if link and link_is_active(link, today_in(patient["timezone"])):
            return Access(
                patient,
                "proxy",
                bool(link["can_log"]),
                bool(link["can_read_results"]),
                bool(link["can_read_messages"]),
                False,
                teams=teams,
                also=extra,
                private_hidden=hides_private(patient, link),
                relationship=str(link["relationship"] or ""),
            )
        return None
    if user.role == "clinician" and mine:  # an administrator reads no clinical data
        until = await sharing_cutoff(pid, mine) if decided else None
        return Access(
            patient, "staff", True, True, True, True, data_until=until, teams=teams, also=extra
        )
    return None


async def require(
    connection: ASGIConnection[Any, Any, Any, Any],
    patient_id: Any,
    need: Need,
    *,
    audit_action: str | None = None,
    audit_with_change: bool = False,
    also: Also | None = None,
    refuse: Callable[[Access], Refusal | None] | None = None,
) -> Access:
    """Return the caller's access to the patient, or raise 404 (not theirs) / 403 (out of scope).

    With ``audit_with_change``, a granted access is not written at once: ``access.audit`` holds
    the row, for the caller to write in the same statement or transaction as the change it makes
    (and alone, with ``access.audit.write()``, if the change does not happen). ``also``: a read
    made in the same statement (``Access.also``). ``refuse``: the route's own condition on the
    granted access (e.g. only the person themselves); the refusal it returns is raised and audited
    as refused, never as a read that happened."""
    user = current_user(connection)
    access = await access_for(user, patient_id, also)
    pid = _uuid(patient_id)
    action = audit_action or f"patient.{need}"
    if access is None:
        await record(
            action,
            connection=connection,
            record_type="patient",
            record_id=str(patient_id)[:64],
            outcome="denied",
        )
        raise _not_found()
    refusal = (
        Refusal("out-of-scope", "forbidden")
        if not access.allows(need)
        else refuse(access)
        if refuse is not None
        else None
    )
    if refusal is not None:
        await record(
            action,
            connection=connection,
            record_type="patient",
            record_id=str(pid),
            patient_id=pid,
            outcome="denied",
            detail="" if refusal.detail == "out-of-scope" else refusal.detail,
        )
        raise refusal
    values = audit_values(
        action, connection=connection, record_type="patient", record_id=str(pid), patient_id=pid
    )
    pending = PendingAudit(values)
    if not audit_with_change:
        await pending.write()
    return replace(access, audit=pending)


def refuse_when(
    condition: Callable[[Access], bool], detail: str
) -> Callable[[Access], Refusal | None]:
    """For ``require(refuse=...)``: out of scope (403, message ``detail``) when ``condition``."""
    return lambda access: (
        Refusal("out-of-scope", "forbidden", detail=detail) if condition(access) else None
    )


async def patients_visible_to(user: CurrentUser) -> list[tuple[dict[str, Any], Access]]:
    """Patients the person may act for (self and proxied), for the app's person switcher."""
    out: list[tuple[dict[str, Any], Access]] = []
    own = await Patient.select().where(Patient.user == user.id)
    for p in own:
        out.append((p, Access(p, "self", True, True, True, False)))
    links = await ProxyLink.select().where(ProxyLink.user == user.id)
    for link in links:
        linked = await Patient.select().where(Patient.id == link["patient"]).first()
        if linked and link_is_active(link, today_in(linked["timezone"])):
            access = Access(
                linked,
                "proxy",
                bool(link["can_log"]),
                bool(link["can_read_results"]),
                bool(link["can_read_messages"]),
                False,
                private_hidden=hides_private(linked, link),
                relationship=str(link["relationship"] or ""),
            )
            out.append((linked, access))
    return out
