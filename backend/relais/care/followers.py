"""Family members told of alerts: a family member who may read results asks to get a push when an
amber or red alert opens for the person, and when the team has seen it. The patient agrees (for a
child, a parent agrees, and a parent's own request needs no one else's), sees who is told, and can
stop it at any time; the family member can stop too. Every change is audited by the route
(``policy.require``) and kept on the link (state, when, by whom).

The pushes say nothing of the person or of their health (relais.notify.service.TEXTS), and go to
the family member's devices, managed like any device (Settings)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from relais.access.policy import Access
from relais.care.service import is_child
from relais.care.tables import ProxyLink
from relais.db import as_uuid
from relais.errors import Refusal

OFF, REQUESTED, ON = "", "requested", "on"


async def _own_link(patient_id: uuid.UUID, user_id: uuid.UUID) -> dict[str, Any]:
    row = (
        await ProxyLink.select(
            ProxyLink._meta.primary_key, ProxyLink.relationship, ProxyLink.alerts
        )
        .where(
            (ProxyLink.patient == patient_id)
            & (ProxyLink.user == user_id)
            & ProxyLink.ended_at.is_null()
        )
        .first()
    )
    if row is None:
        raise Refusal("out-of-scope", "forbidden", detail="out-of-scope.followers")
    return dict(row)


def _child(access: Access) -> bool:
    return is_child(access.patient["birth_date"], access.patient["timezone"])


async def ask(access: Access, user_id: uuid.UUID, want: bool, now: dt.datetime) -> str:
    """The family member's own request (``want``) or stop. A parent of a child is told at once;
    anyone else waits for the patient's (or a parent's) agreement."""
    if access.relation != "proxy":
        raise Refusal("out-of-scope", "forbidden", detail="out-of-scope.followers")
    pid = as_uuid(access.patient["id"])
    link = await _own_link(pid, user_id)
    if not want:
        state = OFF
    elif link["alerts"] == ON or (_child(access) and link["relationship"] == "parent"):
        state = ON
    else:
        state = REQUESTED
    await _set(pid, int(link["id"]), state, user_id, now)
    return state


async def decide(
    access: Access, by: uuid.UUID, link_id: int, allow: bool, now: dt.datetime
) -> None:
    """The patient (an adult), or a parent of a child, agrees to a request or stops it."""
    pid = as_uuid(access.patient["id"])
    if access.relation == "self":
        if _child(access):
            raise Refusal("out-of-scope", "forbidden", detail="out-of-scope.followers")
    elif not access.parent_of_child:
        raise Refusal("out-of-scope", "forbidden", detail="out-of-scope.followers")
    pk = ProxyLink._meta.primary_key
    row = (
        await ProxyLink.select(ProxyLink.alerts, ProxyLink.valid_until, ProxyLink.ended_at)
        .where((pk == link_id) & (ProxyLink.patient == pid))
        .first()
    )
    if row is None or row["ended_at"] is not None:
        raise Refusal("link-not-found", "not-found")
    if allow and row["alerts"] != REQUESTED and row["alerts"] != ON:
        # Agreeing to what nobody asked: the family member chooses to be told, not the patient.
        raise Refusal("followers-not-asked", "conflict")
    await _set(pid, link_id, ON if allow else OFF, by, now)


async def _set(pid: uuid.UUID, link_id: int, state: str, by: uuid.UUID, now: dt.datetime) -> None:
    await ProxyLink.update(
        {
            ProxyLink.alerts: state,
            ProxyLink.alerts_changed_at: now,
            ProxyLink.alerts_changed_by: by,
        }
    ).where((ProxyLink._meta.primary_key == link_id) & (ProxyLink.patient == pid))
