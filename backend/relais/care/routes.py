"""Care-circle routes. Every route taking a patient id goes through ``access.policy.require``."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import segno
from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from relais.access import policy
from relais.access.teams import team_lead, team_member, team_reader
from relais.accounts.guards import current_user, require_admin, require_staff, require_user
from relais.accounts.queries import display_names
from relais.accounts.schemas import UserOut, user_out
from relais.accounts.service import check_timezone
from relais.accounts.sessions import create_session, require_recent_auth, session_cookie
from relais.accounts.tables import User
from relais.accounts.throttle import throttle_key
from relais.audit.service import client_ip, record, record_each
from relais.care import followers, service
from relais.care.schedule import local_day_bounds
from relais.care.schemas import (
    AcceptIn,
    AlertFollowDecisionIn,
    AlertFollowIn,
    AlertFollowOut,
    CircleOut,
    CirclePerson,
    HandoverIn,
    HandoverOut,
    InvitationIn,
    InvitationListItem,
    InvitationOut,
    MemberIn,
    MemberOut,
    MemberUpdateIn,
    OnCallOut,
    PatientIn,
    PatientListItem,
    PatientOut,
    PatientUpdateIn,
    PrivateShareIn,
    ProxyOut,
    ProxyRenewIn,
    ScheduleChangeOut,
    ScheduleItemOut,
    ScheduleUpdateIn,
    ShiftIn,
    ShiftOut,
    TeamIn,
    TeamOut,
    TeamRef,
    TeamUpdateIn,
)
from relais.care.tables import (
    Invitation,
    OnCallShift,
    Patient,
    ProxyLink,
    ScheduleChange,
    ScheduleItem,
    Team,
)
from relais.db import as_utc, as_uuid, transaction, utcnow
from relais.errors import Refusal, field_refusal

#: All invitation failures, whatever the code or address: past ``INVITATION_FAILURES_FREE`` in the
#: sign-in window, each new try waits 2 s, 4 s ... up to a minute after the last failure.
INVITATIONS_KEY = throttle_key("invitation", "*every invitation*")
INVITATION_FAILURES_FREE = 20


def _member_out(r: dict[str, Any]) -> MemberOut:
    return MemberOut(
        user_id=as_uuid(r["user.id"]),
        display_name=r["user.display_name"],
        email=r["user.email"],
        role=r["role"],
        is_lead=bool(r["is_lead"]),
    )


async def _team_out(team: dict[str, Any], with_members: bool = True) -> TeamOut:
    members = await service.team_members(as_uuid(team["id"])) if with_members else []
    return TeamOut(
        id=as_uuid(team["id"]),
        name=team["name"],
        kind=team["kind"],
        phone=team["phone"],
        email=team["email"],
        escalate_red_min=team["escalate_red_min"],
        escalate_amber_min=team["escalate_amber_min"],
        timezone=team["timezone"],
        amber_digest_at=team["amber_digest_at"],
        amber_digest_day=_day(team["amber_digest_day"]),
        members=[_member_out(m) for m in members],
    )


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _shift_out(r: dict[str, Any]) -> ShiftOut:
    return ShiftOut(
        id=r["id"],
        user_id=as_uuid(r["user.id"]),
        display_name=r["user.display_name"],
        starts_at=as_utc(r["starts_at"]),
        ends_at=as_utc(r["ends_at"]),
    )


async def _team(team_id: uuid.UUID) -> dict[str, Any]:
    row = await service.team_row(team_id)
    if row is None:  # removed since the guard read it
        raise Refusal("team-not-found", "not-found")
    return row


class TeamController(Controller):
    path = "/api/teams"
    tags = ["care teams"]
    guards = [require_staff]

    @post("/", status_code=HTTP_201_CREATED, guards=[require_admin], summary="Create a care team")
    async def create(self, request: Request[Any, Any, Any], data: JSONBody[TeamIn]) -> TeamOut:
        lead = ("lead_user_id", "lead_role")
        team = Team(**{f: getattr(data, f) for f in data.__struct_fields__ if f not in lead})
        async with transaction():
            await team.save()
            if data.lead_user_id is not None:
                # Refused (an administrator, no such clinician): the team is not created either.
                await service.add_member(team.id, data.lead_user_id, data.lead_role, True)
        await record("team.create", connection=request, record_type="team", record_id=team.id)
        if data.lead_user_id is not None:
            await record(
                "team.member_add",
                connection=request,
                record_type="team",
                record_id=team.id,
                detail=data.lead_role,
            )
        row = await service.team_row(team.id)
        assert row is not None
        return await _team_out(row)

    @get("/", summary="Teams: all for an administrator, one's own for a clinician")
    async def list_teams(self, request: Request[Any, Any, Any]) -> list[TeamOut]:
        user = current_user(request)
        query = Team.select().order_by(Team.name)
        if user.role != "admin":
            query = query.where(Team.id.is_in(await service.team_ids_of(user.id) or [uuid.uuid4()]))
        return [await _team_out(t, with_members=False) for t in await query]

    @get("/{team_id:uuid}", guards=[team_reader], summary="A team with its members")
    async def get_team(self, request: Request[Any, Any, Any], team_id: uuid.UUID) -> TeamOut:
        return await _team_out(await _team(team_id))

    @patch(
        "/{team_id:uuid}",
        guards=[team_lead],
        summary="Change a team's phone, escalation delays, time zone or daily amber digest "
        "(lead, admin)",
    )
    async def update_team(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID, data: JSONBody[TeamUpdateIn]
    ) -> TeamOut:
        if data.timezone is not None:
            check_timezone(data.timezone)
        changes = {
            getattr(Team, f): getattr(data, f)
            for f in data.__struct_fields__
            if getattr(data, f) is not None
        }
        if changes:
            await Team.update(changes).where(Team.id == team_id)
            await record(
                "team.update",
                connection=request,
                record_type="team",
                record_id=team_id,
                detail=",".join(c._meta.name for c in changes),
            )
        row = await service.team_row(team_id)
        assert row is not None
        return await _team_out(row)

    @post(
        "/{team_id:uuid}/members",
        guards=[team_lead],
        status_code=HTTP_201_CREATED,
        summary="Add a member",
    )
    async def add_member(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID, data: JSONBody[MemberIn]
    ) -> TeamOut:
        team = await _team(team_id)
        if data.user_id is not None:
            user_id = data.user_id
        elif data.email is not None:
            user_id = await service.staff_user_by_email(data.email)
        else:
            raise field_refusal("member-missing", "invalid", "email")
        await service.add_member(team_id, user_id, data.role, data.is_lead)
        await record(
            "team.member_add",
            connection=request,
            record_type="team",
            record_id=team_id,
            detail=data.role,
        )
        return await _team_out(team)

    @patch(
        "/{team_id:uuid}/members/{user_id:uuid}",
        guards=[team_lead],
        summary="Change a member's role or lead flag (lead, admin)",
    )
    async def update_member(
        self,
        request: Request[Any, Any, Any],
        team_id: uuid.UUID,
        user_id: uuid.UUID,
        data: JSONBody[MemberUpdateIn],
    ) -> TeamOut:
        team = await _team(team_id)
        await service.update_member(team_id, user_id, data.role, data.is_lead)
        await record(
            "team.member_update",
            connection=request,
            record_type="team",
            record_id=team_id,
            detail=",".join(f for f in ("role", "is_lead") if getattr(data, f) is not None),
        )
        return await _team_out(team)

    @delete(
        "/{team_id:uuid}/members/{user_id:uuid}",
        status_code=HTTP_200_OK,
        summary="Remove a member",
        guards=[team_lead],
    )
    async def remove_member(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID, user_id: uuid.UUID
    ) -> TeamOut:
        team = await _team(team_id)
        await service.remove_member(team_id, user_id)
        await record(
            "team.member_remove", connection=request, record_type="team", record_id=team_id
        )
        return await _team_out(team)

    @post(
        "/{team_id:uuid}/on-call",
        status_code=HTTP_201_CREATED,
        summary="Add a 24/7 referent shift",
        guards=[team_lead],
    )
    async def add_shift(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID, data: JSONBody[ShiftIn]
    ) -> OnCallOut:
        if data.starts_at.tzinfo is None or data.ends_at.tzinfo is None:
            raise field_refusal("naive-time", "invalid", "starts_at", "naive-time.shift")
        if data.ends_at <= data.starts_at:
            raise field_refusal("shift-order", "invalid", "ends_at")
        members = {as_uuid(m["user.id"]) for m in await service.team_members(team_id)}
        if data.user_id not in members:
            raise field_refusal("not-member", "invalid", "user_id")
        await OnCallShift.insert(
            OnCallShift(
                team=team_id, user=data.user_id, starts_at=data.starts_at, ends_at=data.ends_at
            )
        )
        await record("team.on_call_add", connection=request, record_type="team", record_id=team_id)
        return await self._on_call(team_id)

    @delete(
        "/{team_id:uuid}/on-call/{shift_id:int}",
        guards=[team_lead],
        status_code=HTTP_200_OK,
        summary="Remove a 24/7 referent shift (lead, admin)",
    )
    async def remove_shift(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID, shift_id: int
    ) -> OnCallOut:
        match = (OnCallShift._meta.primary_key == shift_id) & (OnCallShift.team == team_id)
        if not await OnCallShift.exists().where(match):
            raise Refusal("shift-not-found", "not-found")
        await OnCallShift.delete().where(match)
        await record(
            "team.on_call_remove",
            connection=request,
            record_type="team",
            record_id=team_id,
            detail=str(shift_id),
        )
        return await self._on_call(team_id)

    @get(
        "/{team_id:uuid}/on-call",
        guards=[team_reader],
        summary="Who is on call now, and the next shifts",
    )
    async def on_call(self, request: Request[Any, Any, Any], team_id: uuid.UUID) -> OnCallOut:
        return await self._on_call(team_id)

    async def _on_call(self, team_id: uuid.UUID) -> OnCallOut:
        now = utcnow()
        current = await service.on_call_now(team_id, now)
        upcoming = (
            await OnCallShift.select(
                OnCallShift._meta.primary_key,
                OnCallShift.user.id,
                OnCallShift.user.display_name,
                OnCallShift.starts_at,
                OnCallShift.ends_at,
            )
            .where((OnCallShift.team == team_id) & (OnCallShift.starts_at > now))
            .order_by(OnCallShift.starts_at)
            .limit(20)
        )
        return OnCallOut(
            now=_shift_out(current) if current else None, upcoming=[_shift_out(r) for r in upcoming]
        )

    @get(
        "/{team_id:uuid}/patients",
        guards=[team_member],
        summary="The team's patients (no-GP flag, overdue items)",
    )
    async def patients(
        self, request: Request[Any, Any, Any], team_id: uuid.UUID
    ) -> list[PatientListItem]:
        rows = await service.active_patients_of_team(team_id)
        now = utcnow()
        overdue_rows = await ScheduleItem.select(ScheduleItem.patient).where(
            ScheduleItem.patient.is_in([r["patient.id"] for r in rows] or [uuid.uuid4()])
            & (ScheduleItem.status == "due")
            & (ScheduleItem.window_end < now)
        )
        overdue: dict[uuid.UUID, int] = {}
        for r in overdue_rows:
            overdue[as_uuid(r["patient"])] = overdue.get(as_uuid(r["patient"]), 0) + 1
        await record_each(
            "team.patient_list",
            [r["patient.id"] for r in rows],
            connection=request,
            record_type="team",
            record_id=team_id,
        )
        out = []
        for r in rows:
            pid = as_uuid(r["patient.id"])
            out.append(
                PatientListItem(
                    id=pid,
                    given_name=r["patient.given_name"],
                    family_name=r["patient.family_name"],
                    birth_date=r["patient.birth_date"],
                    is_child=service.is_child(r["patient.birth_date"], r["patient.timezone"]),
                    no_gp=not (r["patient.gp_name"] or r["patient.gp_phone"]),
                    plan_id=r["patient.plan_id"],
                    discharge_date=r["patient.discharge_date"],
                    day1=r["patient.day1"],
                    overdue_items=overdue.get(pid, 0),
                )
            )
        out.sort(key=lambda p: (-p.overdue_items, p.family_name, p.given_name))
        return out


def _invitation_out(
    request: Request[Any, Any, Any], inv: Invitation, token: str, code: str
) -> InvitationOut:
    link = f"{request.app.state.settings.public_url}/join#token={token}"
    return InvitationOut(
        id=inv.id,
        kind=inv.kind,
        relationship=inv.relationship,
        link=link,
        code=f"{code[:4]}-{code[4:]}",
        qr_svg=segno.make(link, error="m").svg_inline(scale=4),
        expires_at=inv.expires_at,
    )


def _is_child(patient: dict[str, Any]) -> bool:
    return service.is_child(patient["birth_date"], patient["timezone"])


def _proxy_out(r: dict[str, Any], today: dt.date) -> ProxyOut:
    return ProxyOut(
        id=r["id"],
        user_id=as_uuid(r["user.id"]),
        display_name=r["user.display_name"],
        relationship=r["relationship"],
        can_log=bool(r["can_log"]),
        can_read_results=bool(r["can_read_results"]),
        can_read_messages=bool(r["can_read_messages"]),
        valid_until=r["valid_until"],
        active=policy.link_is_active(r, today),
        alerts=r.get("alerts") or "",
        can_read_private=bool(r.get("can_read_private")),
    )


class PatientController(Controller):
    path = "/api/patients"
    tags = ["patients"]
    guards = [require_user]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        guards=[require_staff],
        summary="Enrol a patient at discharge (schedule made from the plan)",
    )
    async def enrol(self, request: Request[Any, Any, Any], data: JSONBody[PatientIn]) -> PatientOut:
        user = current_user(request)
        row = await service.enrol(request.app.state.content, user.id, data)
        await record(
            "patient.enrol",
            connection=request,
            record_type="patient",
            record_id=row["id"],
            patient_id=as_uuid(row["id"]),
        )
        return await service.patient_out(row)

    @get("/{patient_id:uuid}", summary="A patient's record")
    async def get_patient(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> PatientOut:
        access = await policy.require(request, patient_id, "read")
        return await service.patient_out(access.patient)

    @patch(
        "/{patient_id:uuid}", summary="Change contact details, plan, day 1 (schedule recomputed)"
    )
    async def update(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        data: JSONBody[PatientUpdateIn],
    ) -> PatientOut:
        access = await policy.require(request, patient_id, "manage", audit_action="patient.update")
        row = await service.update_patient(request.app.state.content, access.patient, data)
        return await service.patient_out(row)

    @get("/{patient_id:uuid}/handover", summary="The discharge hand-over")
    async def get_handover(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> HandoverOut | None:
        await policy.require(request, patient_id, "results", audit_action="handover.read")
        return await service.handover_out(patient_id)

    @put("/{patient_id:uuid}/handover", summary="Record or update the discharge hand-over")
    async def put_handover(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[HandoverIn]
    ) -> HandoverOut:
        await policy.require(request, patient_id, "manage", audit_action="handover.write")
        await service.save_handover(patient_id, data, current_user(request).id)
        out = await service.handover_out(patient_id)
        assert out is not None
        return out

    @post(
        "/{patient_id:uuid}/invitations",
        status_code=HTTP_201_CREATED,
        summary="Invite the patient or a family member (link, code, QR)",
    )
    async def invite(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[InvitationIn]
    ) -> InvitationOut:
        access = await policy.require(
            request, patient_id, "manage", audit_action="invitation.create"
        )
        me = current_user(request)
        if not me.is_staff:
            # A family member adding another: the password was given in the last minutes.
            require_recent_auth(me)
        inv, token, code = await service.create_invitation(
            access.patient,
            data,
            current_user(request).id,
            request.app.state.settings.invitation_days,
        )
        return _invitation_out(request, inv, token, code)

    @get("/{patient_id:uuid}/invitations", summary="Invitations sent for this patient")
    async def invitations(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> list[InvitationListItem]:
        await policy.require(request, patient_id, "manage", audit_action="invitation.list")
        rows = (
            await Invitation.select()
            .where(Invitation.patient == patient_id)
            .order_by(Invitation.created_at, ascending=False)
        )
        now = utcnow()
        return [
            InvitationListItem(
                id=as_uuid(r["id"]),
                kind=r["kind"],
                relationship=r["relationship"],
                created_at=as_utc(r["created_at"]),
                expires_at=as_utc(r["expires_at"]),
                state=service.invitation_state(r, now),  # type: ignore[arg-type]
            )
            for r in rows
        ]

    @post(
        "/{patient_id:uuid}/invitations/{invitation_id:uuid}/revoke",
        status_code=HTTP_200_OK,
        summary="Cancel an invitation",
    )
    async def revoke(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, invitation_id: uuid.UUID
    ) -> InvitationListItem:
        await policy.require(request, patient_id, "manage", audit_action="invitation.revoke")
        row = (
            await Invitation.select()
            .where((Invitation.id == invitation_id) & (Invitation.patient == patient_id))
            .first()
        )
        if row is None:
            raise Refusal(
                "invitation-not-found", "not-found", detail="invitation-not-found.patient"
            )
        if row["used_at"] is not None:
            raise Refusal("invitation-used", "conflict")
        now = utcnow()
        if row["revoked_at"] is None:
            await Invitation.update({Invitation.revoked_at: now}).where(
                Invitation.id == invitation_id
            )
            row["revoked_at"] = now
        return InvitationListItem(
            id=invitation_id,
            kind=row["kind"],
            relationship=row["relationship"],
            created_at=as_utc(row["created_at"]),
            expires_at=as_utc(row["expires_at"]),
            state="revoked",
        )

    @get("/{patient_id:uuid}/proxies", summary="Family members linked to the patient")
    async def proxies(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> list[ProxyOut]:
        access = await policy.require(
            request,
            patient_id,
            "read",
            audit_action="proxy.list",
            # The person, their team, and a child's parent (who agrees to another relative being
            # told of the child's alerts); no other family member sees who else is linked.
            refuse=policy.refuse_when(
                lambda a: a.relation == "proxy" and not a.parent_of_child,
                "out-of-scope.proxy-list",
            ),
        )
        rows = await ProxyLink.select(
            ProxyLink._meta.primary_key,
            ProxyLink.user.id,
            ProxyLink.user.display_name,
            ProxyLink.relationship,
            ProxyLink.can_log,
            ProxyLink.can_read_results,
            ProxyLink.can_read_messages,
            ProxyLink.valid_until,
            ProxyLink.ended_at,
            ProxyLink.alerts,
            ProxyLink.can_read_private,
        ).where(ProxyLink.patient == patient_id)
        today = policy.today_in(access.patient["timezone"])
        return [_proxy_out(r, today) for r in rows]

    @post(
        "/{patient_id:uuid}/proxies/{link_id:int}/end",
        status_code=HTTP_200_OK,
        summary="End a family member's access (the adult patient or the team)",
    )
    async def end_proxy(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, link_id: int
    ) -> ProxyOut:
        access = await policy.require(
            request,
            patient_id,
            "read",
            audit_action="proxy.end",
            refuse=policy.refuse_when(
                lambda a: a.relation == "proxy" or (a.relation == "self" and _is_child(a.patient)),
                "out-of-scope.child-link",
            ),
        )
        today = policy.today_in(access.patient["timezone"])
        return await self._change_link(
            patient_id,
            link_id,
            today,
            {ProxyLink.ended_at: utcnow(), ProxyLink.ended_by: current_user(request).id},
        )

    @post(
        "/{patient_id:uuid}/alert-followers/me",
        status_code=HTTP_200_OK,
        summary="A family member asks to be told of the person's alerts, or stops",
    )
    async def follow_alerts(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID, data: JSONBody[AlertFollowIn]
    ) -> AlertFollowOut:
        access = await policy.require(
            request, patient_id, "results", audit_action="proxy.alerts.ask"
        )
        state = await followers.ask(access, current_user(request).id, data.want, utcnow())
        return AlertFollowOut(alerts=state)  # type: ignore[arg-type]

    @post(
        "/{patient_id:uuid}/proxies/{link_id:int}/alerts",
        status_code=HTTP_200_OK,
        summary="The patient (or a child's parent) agrees that a family member is told of "
        "alerts, or stops it",
    )
    async def decide_followers(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        link_id: int,
        data: JSONBody[AlertFollowDecisionIn],
    ) -> ProxyOut:
        access = await policy.require(
            request, patient_id, "read", audit_action="proxy.alerts.decide"
        )
        await followers.decide(access, current_user(request).id, link_id, data.allow, utcnow())
        return await self._change_link(
            patient_id, link_id, policy.today_in(access.patient["timezone"]), {}
        )

    @post(
        "/{patient_id:uuid}/proxies/{link_id:int}/private",
        status_code=HTTP_200_OK,
        summary="The adult lets a family member see their answers on mood and their notes, or "
        "stops it",
    )
    async def share_private(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        link_id: int,
        data: JSONBody[PrivateShareIn],
    ) -> ProxyOut:
        # The adult's own decision: not the team's, not another family member's; a child's
        # parent sees everything anyway.
        access = await policy.require(
            request,
            patient_id,
            "read",
            audit_action="proxy.private",
            refuse=policy.refuse_when(
                lambda a: a.relation != "self" or _is_child(a.patient), "out-of-scope.private"
            ),
        )
        return await self._change_link(
            patient_id,
            link_id,
            policy.today_in(access.patient["timezone"]),
            {ProxyLink.can_read_private: data.allow},
        )

    @post(
        "/{patient_id:uuid}/proxies/{link_id:int}/renew",
        status_code=HTTP_200_OK,
        summary="Renew a parent's access past the child's 18th birthday (team)",
    )
    async def renew_proxy(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        link_id: int,
        data: JSONBody[ProxyRenewIn],
    ) -> ProxyOut:
        access = await policy.require(request, patient_id, "manage", audit_action="proxy.renew")
        today = policy.today_in(access.patient["timezone"])
        if data.valid_until is not None and data.valid_until < today:
            raise field_refusal("date-in-past", "invalid", "valid_until")
        return await self._change_link(
            patient_id,
            link_id,
            today,
            {ProxyLink.valid_until: data.valid_until, ProxyLink.ended_at: None},
        )

    async def _change_link(
        self, patient_id: uuid.UUID, link_id: int, today: dt.date, values: dict[Any, Any]
    ) -> ProxyOut:
        pk = ProxyLink._meta.primary_key
        match = (pk == link_id) & (ProxyLink.patient == patient_id)
        if not await ProxyLink.exists().where(match):
            raise Refusal("link-not-found", "not-found")
        if values:
            await ProxyLink.update(values).where(match)
        row = (
            await ProxyLink.select(
                pk,
                ProxyLink.user.id,
                ProxyLink.user.display_name,
                ProxyLink.relationship,
                ProxyLink.can_log,
                ProxyLink.can_read_results,
                ProxyLink.can_read_messages,
                ProxyLink.valid_until,
                ProxyLink.ended_at,
                ProxyLink.alerts,
                ProxyLink.can_read_private,
            )
            .where(match)
            .first()
        )
        assert row is not None
        return _proxy_out(row, today)

    @get(
        "/{patient_id:uuid}/schedule",
        summary="The follow-up schedule (due, late, missed, done, skipped)",
    )
    async def schedule(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> list[ScheduleItemOut]:
        access = await policy.require(request, patient_id, "read", audit_action="schedule.read")
        now, tz = utcnow(), access.patient["timezone"]
        return [service.schedule_out(r, now, tz) for r in await service.schedule_rows(patient_id)]

    @patch(
        "/{patient_id:uuid}/schedule/{item_id:uuid}",
        summary="Mark a schedule item done or skipped, or reschedule it (team)",
    )
    async def update_schedule(
        self,
        request: Request[Any, Any, Any],
        patient_id: uuid.UUID,
        item_id: uuid.UUID,
        data: JSONBody[ScheduleUpdateIn],
    ) -> ScheduleItemOut:
        access = await policy.require(request, patient_id, "manage", audit_action="schedule.update")
        match = (ScheduleItem.id == item_id) & (ScheduleItem.patient == patient_id)
        row = await ScheduleItem.select().where(match).first()
        if row is None:
            raise Refusal("item-not-found", "not-found")
        me = current_user(request).id
        move: ScheduleChange | None = None
        if data.due_at is not None:
            move = _reschedule(row, data, access.patient["timezone"], me)
        changes: dict[Any, Any] = {}
        if data.status is not None:
            changes[ScheduleItem.status] = data.status
            done = data.status == "done"
            changes[ScheduleItem.done_at] = utcnow() if done else None
            changes[ScheduleItem.done_by] = current_user(request).id if done else None
        if data.due_at is not None:
            if data.due_at.tzinfo is None:
                raise field_refusal("naive-time", "invalid", "due_at", "naive-time.due")
            changes[ScheduleItem.due_at] = data.due_at
            if row["kind"] == "checkin":
                # A check-in is due on its day: moved, it is missed at that day's end, as any.
                end = local_day_bounds(data.due_at, access.patient["timezone"])[1]
                changes[ScheduleItem.window_end] = end
            else:
                length = as_utc(row["window_end"]) - as_utc(row["due_at"])
                changes[ScheduleItem.window_end] = data.due_at + length
        if data.note is not None:
            changes[ScheduleItem.note] = data.note
        if changes:
            async with transaction():
                await ScheduleItem.update(changes).where(match)
                if move is not None:
                    await ScheduleChange.insert(move)
        if move is not None:
            await record(
                "schedule.reschedule",
                connection=request,
                record_type="schedule_item",
                record_id=item_id,
                patient_id=patient_id,
            )
        updated = await ScheduleItem.select().where(match).first()
        assert updated is not None
        return service.schedule_out(updated, utcnow(), access.patient["timezone"])

    @get(
        "/{patient_id:uuid}/schedule/changes",
        summary="Schedule items moved by the team: who, when, from and to which date, why",
    )
    async def schedule_changes(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> list[ScheduleChangeOut]:
        await policy.require(request, patient_id, "manage", audit_action="schedule.changes")
        rows = (
            await ScheduleChange.select()
            .where(ScheduleChange.patient == patient_id)
            .order_by(ScheduleChange.at, ascending=False)
            .limit(500)
        )
        by = list({as_uuid(r["by"]) for r in rows})
        names = await display_names(by)
        return [
            ScheduleChangeOut(
                item_id=as_uuid(r["item"]),
                at=as_utc(r["at"]),
                by_name=names.get(as_uuid(r["by"]), ""),
                from_due_at=as_utc(r["from_due_at"]),
                to_due_at=as_utc(r["to_due_at"]),
                reason=r["reason"],
            )
            for r in rows
        ]


def _reschedule(
    row: dict[str, Any], data: ScheduleUpdateIn, timezone: str, by: uuid.UUID
) -> ScheduleChange:
    """Check a move to ``data.due_at`` and return the record of it (inserted by the caller)."""
    assert data.due_at is not None
    if data.due_at.tzinfo is None:
        raise field_refusal("naive-time", "invalid", "due_at", "naive-time.due")
    reason = (data.reason or "").strip()
    if len(reason) < 3:
        raise field_refusal("reason-missing", "invalid", "reason")
    if row["status"] != "due":
        raise field_refusal("item-closed", "conflict", "due_at")
    if data.due_at.astimezone(ZoneInfo(timezone)).date() < policy.today_in(timezone):
        raise field_refusal("date-in-past", "invalid", "due_at")
    if data.due_at > utcnow() + dt.timedelta(days=3 * 366):
        raise field_refusal("date-too-far", "invalid", "due_at")
    return ScheduleChange(
        item=row["id"],
        patient=row["patient"],
        at=utcnow(),
        by=by,
        from_due_at=as_utc(row["due_at"]),
        to_due_at=data.due_at.astimezone(dt.UTC),
        reason=reason,
    )


class CircleController(Controller):
    path = "/api"
    tags = ["patients"]

    @get(
        "/me/circle",
        guards=[require_user],
        summary="The people I log for: myself and those I care for",
    )
    async def circle(self, request: Request[Any, Any, Any]) -> CircleOut:
        user = current_user(request)
        people = []
        for patient, access in await policy.patients_visible_to(user):
            pid = as_uuid(patient["id"])
            teams = await service.teams_of_patient(pid)
            relationship = "self"
            alerts = ""
            if access.relation == "proxy":
                link = (
                    await ProxyLink.select(ProxyLink.relationship, ProxyLink.alerts)
                    .where(
                        (ProxyLink.patient == pid)
                        & (ProxyLink.user == user.id)
                        & ProxyLink.ended_at.is_null()
                    )
                    .first()
                )
                relationship = link["relationship"] if link else ""
                alerts = link["alerts"] if link else ""
            people.append(
                CirclePerson(
                    patient_id=pid,
                    given_name=patient["given_name"],
                    family_name=patient["family_name"],
                    birth_date=patient["birth_date"],
                    is_child=service.is_child(patient["birth_date"], patient["timezone"]),
                    relation=access.relation,  # type: ignore[arg-type]
                    relationship=relationship,
                    can_log=access.can_log,
                    can_read_results=access.can_read_results,
                    can_read_messages=access.can_read_messages,
                    team=teams[0] if teams else None,
                    plan_id=patient["plan_id"],
                    timezone=patient["timezone"],
                    locale=patient["locale"],
                    day1=patient["day1"],
                    discharge_date=patient["discharge_date"],
                    alerts=alerts,  # type: ignore[arg-type]
                )
            )
        return CircleOut(people=people)

    @post(
        "/invitations/accept",
        status_code=HTTP_201_CREATED,
        summary="Accept an invitation: create the account (or link the signed-in one)",
    )
    async def accept(
        self, request: Request[Any, Any, Any], data: JSONBody[AcceptIn]
    ) -> Response[UserOut]:
        state = request.app.state
        # Each link or code is counted on its own (per address, with a delay when it is tried
        # from many), and all failures together slow everyone down past a few a minute: a
        # guesser gets ~35 tries per 15 minutes, whatever addresses it rotates through.
        ip = client_ip(request)
        secret = data.code or data.token or ""
        attempt = await state.throttle.begin(throttle_key("invitation", secret), ip)
        try:
            overall = await state.throttle.begin(
                INVITATIONS_KEY, "", account_limit=INVITATION_FAILURES_FREE
            )
        except Refusal:
            await state.throttle.forget(attempt)
            raise
        try:
            inv = await service.find_invitation(data.token, data.code)
        except Refusal as exc:
            await record(
                "invitation.accept", connection=request, outcome="failure", detail=exc.code
            )
            if exc.code != "invitation-not-found":
                await state.throttle.forget(attempt)
                await state.throttle.forget(overall)
            raise
        await state.throttle.succeeded(attempt)
        await state.throttle.forget(overall)
        signed_in = request.scope.get("user")
        if signed_in is not None:
            # Linking a record to the account already open here: its password, recently.
            require_recent_auth(signed_in)
        user_id = await service.accept_invitation(
            state.passwords,
            inv,
            signed_in,
            data.email,
            data.display_name,
            data.password,
            data.locale,
            documents=state.content.consent,
            consents=[(c.document, c.version) for c in data.consents],
        )
        await record(
            "invitation.accept",
            connection=request,
            actor_id=user_id,
            record_type="invitation",
            record_id=inv["id"],
            patient_id=as_uuid(inv["patient"]),
        )
        user = await User.objects().where(User.id == user_id).first()
        assert user is not None
        for choice in data.consents:
            await record(
                "consent.accept",
                connection=request,
                actor_id=user_id,
                actor_role=user.role,
                record_type="consent",
                record_id=f"{choice.document}:{choice.version}",
            )
        response = Response(user_out(user), status_code=HTTP_201_CREATED)
        if signed_in is None:
            token, _ = await create_session(
                state.settings,
                user.id,
                user.role,
                client_ip(request),
                request.headers.get("user-agent", ""),
            )
            response.set_cookie(session_cookie(state.settings, token, None))
        return response


ROUTES = [TeamController, PatientController, CircleController]
__all__ = ["ROUTES", "Patient", "TeamRef"]
