"""Care-circle operations: teams, enrolment at discharge, invitations, proxies, schedules."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from relais.accounts.passwords import PasswordRejected, Passwords, check_password_rules
from relais.accounts.service import check_timezone, normalise_email, password_problem
from relais.accounts.tables import STAFF_ROLES, User
from relais.care import schedule as sched
from relais.care.ages import ADULT_AGE as ADULT_AGE
from relais.care.ages import age_years as age_years
from relais.care.ages import is_child as is_child
from relais.care.ages import today_in
from relais.care.schemas import (
    HandoverIn,
    HandoverOut,
    InvitationIn,
    PatientIn,
    PatientOut,
    PatientUpdateIn,
    ScheduleItemOut,
    TeamRef,
)
from relais.care.tables import (
    Handover,
    Invitation,
    OnCallShift,
    Patient,
    PatientTeam,
    ProxyLink,
    ScheduleItem,
    Team,
    TeamMember,
)
from relais.consent.queries import latest_decision
from relais.consent.service import STOPPED, check_signup_acceptances, record_acceptances
from relais.content.loader import ContentLibrary
from relais.db import as_utc, as_uuid, json_value, raw, transaction, utcnow
from relais.errors import FieldRefusal, Refusal, field_refusal
from relais.web.catalogue import say

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed by hand


def birthday(birth: dt.date, years: int) -> dt.date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February
        return dt.date(birth.year + years, 3, 1)


# --- teams --------------------------------------------------------------------------------------


async def team_ids_of(user_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await TeamMember.select(TeamMember.team).where(TeamMember.user == user_id)
    return [as_uuid(r["team"]) for r in rows]


async def team_members(team_id: uuid.UUID) -> list[dict[str, Any]]:
    return list(
        await TeamMember.select(
            TeamMember.user.id,
            TeamMember.user.display_name,
            TeamMember.user.email,
            TeamMember.role,
            TeamMember.is_lead,
        )
        .where(TeamMember.team == team_id)
        .order_by(TeamMember.user.display_name)
    )


async def add_member(team_id: uuid.UUID, user_id: uuid.UUID, role: str, is_lead: bool) -> None:
    user = await User.select(User.role).where(User.id == user_id).first()
    if user is None:
        raise field_refusal("user-not-found", "not-found", "user_id")
    if user["role"] == "admin":
        # Administration and care are kept apart: an administrator reads no clinical data.
        raise field_refusal("admin-not-in-care-team", "forbidden", "user_id")
    if user["role"] != "clinician":
        raise field_refusal("not-staff", "invalid", "user_id")
    if await TeamMember.exists().where((TeamMember.team == team_id) & (TeamMember.user == user_id)):
        raise field_refusal("already-member", "conflict", "user_id")
    await TeamMember.insert(TeamMember(team=team_id, user=user_id, role=role, is_lead=is_lead))


async def staff_user_by_email(email: str) -> uuid.UUID:
    """The staff account with this email; the same 404 for no account and a non-staff one. An
    administrator's is refused (``add_member``)."""
    row = await User.select(User.id, User.role).where(User.email == normalise_email(email)).first()
    if row is None or row["role"] not in STAFF_ROLES:
        raise field_refusal("user-not-found", "not-found", "email", "user-not-found.email")
    return as_uuid(row["id"])


async def update_member(
    team_id: uuid.UUID, user_id: uuid.UUID, role: str | None, is_lead: bool | None
) -> None:
    """Change a member's role or lead flag; a team keeps at least one lead."""
    match = (TeamMember.team == team_id) & (TeamMember.user == user_id)
    async with transaction():
        row = await TeamMember.select(TeamMember.is_lead).where(match).first()
        if row is None:
            raise Refusal("member-not-found", "not-found")
        if is_lead is False and row["is_lead"]:
            leads = await TeamMember.count().where(
                (TeamMember.team == team_id) & (TeamMember.is_lead == True)  # noqa: E712
            )
            if leads <= 1:
                raise field_refusal("last-lead", "conflict", "is_lead")
        changes: dict[Any, Any] = {}
        if role is not None:
            changes[TeamMember.role] = role
        if is_lead is not None:
            changes[TeamMember.is_lead] = is_lead
        if changes:
            await TeamMember.update(changes).where(match)


async def remove_member(team_id: uuid.UUID, user_id: uuid.UUID) -> None:
    async with transaction():
        row = (
            await TeamMember.select(TeamMember._meta.primary_key)
            .where((TeamMember.team == team_id) & (TeamMember.user == user_id))
            .first()
        )
        if row is None:
            raise Refusal("member-not-found", "not-found")
        others = await TeamMember.count().where(
            (TeamMember.team == team_id) & (TeamMember.user != user_id)
        )
        active = await PatientTeam.count().where(
            (PatientTeam.team == team_id) & (PatientTeam.patient.status == "active")
        )
        if others == 0 and active > 0:
            raise Refusal("last-clinician", "conflict", params={"patients": active})
        await TeamMember.delete().where((TeamMember.team == team_id) & (TeamMember.user == user_id))


async def active_patients_of_team(team_id: uuid.UUID) -> list[dict[str, Any]]:
    """The team's active patients, with what the team's lists show (keys "patient.<column>")."""
    return list(
        await PatientTeam.select(
            PatientTeam.patient.id,
            PatientTeam.patient.given_name,
            PatientTeam.patient.family_name,
            PatientTeam.patient.birth_date,
            PatientTeam.patient.gp_name,
            PatientTeam.patient.gp_phone,
            PatientTeam.patient.plan_id,
            PatientTeam.patient.discharge_date,
            PatientTeam.patient.day1,
            PatientTeam.patient.timezone,
        ).where((PatientTeam.team == team_id) & (PatientTeam.patient.status == "active"))
    )


async def on_call_now(team_id: uuid.UUID, now: dt.datetime) -> dict[str, Any] | None:
    return await (
        OnCallShift.select(
            OnCallShift._meta.primary_key,
            OnCallShift.user.id,
            OnCallShift.user.display_name,
            OnCallShift.starts_at,
            OnCallShift.ends_at,
        )
        .where(
            (OnCallShift.team == team_id)
            & (OnCallShift.starts_at <= now)
            & (OnCallShift.ends_at > now)
        )
        .order_by(OnCallShift.starts_at, ascending=False)
        .first()
    )


# --- patients -----------------------------------------------------------------------------------


def check_dates(
    birth: dt.date | None, discharge: dt.date | None, day1: dt.date | None, today: dt.date
) -> None:
    if birth is not None and birth > today:
        raise field_refusal("birth-date-in-future", "invalid", "birth_date")
    if birth is not None and birth < today.replace(year=today.year - 120):
        raise field_refusal("birth-date-too-old", "invalid", "birth_date")
    if day1 is not None and day1 > today:
        raise field_refusal("day1-in-future", "invalid", "day1")
    if discharge is not None and discharge > today + dt.timedelta(days=30):
        raise field_refusal("discharge-too-far", "invalid", "discharge_date")
    if birth is not None and day1 is not None and day1 < birth:
        raise field_refusal("day1-before-birth", "invalid", "day1")


def plan_anchor(
    library: ContentLibrary, plan_id: str, discharge: dt.date | None, day1: dt.date | None
) -> dt.date:
    plan = library.plans.get(plan_id)
    if plan is None:
        known = ", ".join(sorted(library.plans))
        raise field_refusal(
            "unknown-plan", "invalid", "plan_id", params={"plan": plan_id, "known": known}
        )
    anchor = day1 if plan.anchor == "day1" else discharge
    if anchor is None:
        field = "day1" if plan.anchor == "day1" else "discharge_date"
        raise field_refusal("anchor-missing", "invalid", field, params={"field": field})
    return anchor


#: Why a plan does not fit a person's age, by the plan's audience.
PLAN_MISFIT = {
    "adult": FieldRefusal("plan_id", "plan-for-adults"),
    "child": FieldRefusal("plan_id", "plan-for-children"),
}


def _misfit(
    library: ContentLibrary, plan_id: str, birth: dt.date, today: dt.date
) -> FieldRefusal | None:
    """Why the plan does not fit a person born on `birth` (on `today`), or None when it does. A
    plan for adults fits from 18 years, a plan for children before, `any` at every age."""
    plan = library.plans.get(plan_id)
    if plan is None or plan.audience == "any":
        return None
    child = age_years(birth, today) < ADULT_AGE
    return PLAN_MISFIT[plan.audience] if child == (plan.audience == "adult") else None


def plan_misfit(library: ContentLibrary, plan_id: str, birth: dt.date, today: dt.date) -> str:
    """Why the plan does not fit, in English (the operator's report), or "" when it does."""
    why = _misfit(library, plan_id, birth, today)
    return say("en", why.code) if why else ""


def check_plan_fits(library: ContentLibrary, plan_id: str, birth: dt.date, today: dt.date) -> None:
    if why := _misfit(library, plan_id, birth, today):
        raise Refusal("plan-age-mismatch", "invalid", detail=why.code, fields=[why])


async def misfit_enrolments(library: ContentLibrary) -> list[str]:
    """One line per active patient whose plan does not fit their age today (by id: no names)."""
    rows = await Patient.select(
        Patient.id, Patient.plan_id, Patient.birth_date, Patient.timezone
    ).where(Patient.status == "active")
    out = []
    for p in rows:
        why = plan_misfit(library, p["plan_id"], p["birth_date"], today_in(p["timezone"]))
        if why:
            out.append(f"patient {as_uuid(p['id'])} is enrolled in {p['plan_id']}: {why}")
    return out


async def write_schedule(library: ContentLibrary, patient: dict[str, Any]) -> int:
    """(Re)build the patient's schedule; done and skipped items are kept as they are."""
    anchor = plan_anchor(library, patient["plan_id"], patient["discharge_date"], patient["day1"])
    drafts = sched.build_schedule(library.plans[patient["plan_id"]], anchor, patient["timezone"])
    pid = patient["id"]
    await ScheduleItem.delete().where(
        (ScheduleItem.patient == pid) & (ScheduleItem.status == "due")
    )
    kept = {
        (r["plan_item_id"], as_utc(r["due_at"]))
        for r in await ScheduleItem.select(ScheduleItem.plan_item_id, ScheduleItem.due_at).where(
            ScheduleItem.patient == pid
        )
    }
    rows = [
        ScheduleItem(
            patient=pid,
            plan_id=patient["plan_id"],
            plan_item_id=d.plan_item_id,
            kind=d.kind,
            questionnaires=list(d.questionnaires),
            due_at=d.due_at,
            window_end=d.window_end,
            status="due",
        )
        for d in drafts
        if (d.plan_item_id, d.due_at) not in kept
    ]
    for start in range(0, len(rows), 500):
        await ScheduleItem.insert(*rows[start : start + 500])
    return len(rows)


async def teams_of_patient(patient_id: uuid.UUID) -> list[TeamRef]:
    rows = await PatientTeam.select(
        PatientTeam.team.id, PatientTeam.team.name, PatientTeam.team.phone
    ).where(PatientTeam.patient == patient_id)
    return [
        TeamRef(id=as_uuid(r["team.id"]), name=r["team.name"], phone=r["team.phone"]) for r in rows
    ]


async def patient_out(p: dict[str, Any]) -> PatientOut:
    age = age_years(p["birth_date"], today_in(p["timezone"]))
    return PatientOut(
        id=as_uuid(p["id"]),
        given_name=p["given_name"],
        family_name=p["family_name"],
        birth_date=p["birth_date"],
        sex_at_birth=p["sex_at_birth"],
        locale=p["locale"],
        timezone=p["timezone"],
        phone=p["phone"],
        gp_name=p["gp_name"],
        gp_phone=p["gp_phone"],
        no_gp=not (p["gp_name"] or p["gp_phone"]),
        is_child=age < ADULT_AGE,
        age_years=age,
        gestational_weeks=p["gestational_weeks"],
        discharge_date=p["discharge_date"],
        day1=p["day1"],
        plan_id=p["plan_id"],
        status=p["status"],
        has_account=p["user"] is not None,
        teams=await teams_of_patient(as_uuid(p["id"])),
    )


async def save_handover(patient_id: uuid.UUID, data: HandoverIn, by: uuid.UUID | None) -> None:
    values: dict[Any, Any] = {
        Handover.summary: data.summary,
        Handover.referent_name: data.referent_name,
        Handover.referent_phone: data.referent_phone,
        Handover.prescriptions: data.prescriptions,
        Handover.next_appointment_at: data.next_appointment_at,
        Handover.next_appointment_place: data.next_appointment_place,
        Handover.next_appointment_reason: data.next_appointment_reason,
        Handover.documents_given: list(data.documents_given),
        Handover.updated_at: utcnow(),
        Handover.updated_by: by,
    }
    if await Handover.exists().where(Handover.patient == patient_id):
        await Handover.update(values).where(Handover.patient == patient_id)
    else:
        await Handover.insert(
            Handover(patient=patient_id, **{c._meta.name: v for c, v in values.items()})
        )


async def handover_out(patient_id: uuid.UUID) -> HandoverOut | None:
    row = await Handover.select().where(Handover.patient == patient_id).first()
    if row is None:
        return None
    return HandoverOut(
        summary=row["summary"],
        referent_name=row["referent_name"],
        referent_phone=row["referent_phone"],
        prescriptions=row["prescriptions"],
        next_appointment_at=as_utc(row["next_appointment_at"])
        if row["next_appointment_at"]
        else None,
        next_appointment_place=row["next_appointment_place"],
        next_appointment_reason=row["next_appointment_reason"],
        documents_given=list(json_value(row["documents_given"]) or []),
        updated_at=as_utc(row["updated_at"]) if row["updated_at"] else None,
    )


async def enrol(library: ContentLibrary, by: uuid.UUID, data: PatientIn) -> dict[str, Any]:
    check_timezone(data.timezone)
    today = dt.datetime.now(ZoneInfo(data.timezone)).date()
    check_dates(data.birth_date, data.discharge_date, data.day1, today)
    plan_anchor(library, data.plan_id, data.discharge_date, data.day1)
    check_plan_fits(library, data.plan_id, data.birth_date, today)
    mine = set(await team_ids_of(by))
    for team_id in data.team_ids:
        if team_id not in mine:
            raise field_refusal("not-your-team", "forbidden", "team_ids")
    async with transaction():
        patient = Patient(
            given_name=data.given_name.strip(),
            family_name=data.family_name.strip(),
            birth_date=data.birth_date,
            sex_at_birth=data.sex_at_birth,
            locale=data.locale,
            timezone=data.timezone,
            phone=data.phone,
            gp_name=data.gp_name.strip(),
            gp_phone=data.gp_phone,
            gestational_weeks=data.gestational_weeks,
            discharge_date=data.discharge_date,
            day1=data.day1,
            plan_id=data.plan_id,
            created_by=by,
        )
        await patient.save()
        for team_id in dict.fromkeys(data.team_ids):
            await PatientTeam.insert(PatientTeam(patient=patient.id, team=team_id))
        if data.handover is not None:
            await save_handover(patient.id, data.handover, by)
        row = await Patient.select().where(Patient.id == patient.id).first()
        assert row is not None
        await write_schedule(library, row)
    return row


async def update_patient(
    library: ContentLibrary, patient: dict[str, Any], data: PatientUpdateIn
) -> dict[str, Any]:
    changes: dict[Any, Any] = {}
    for field in (
        "phone",
        "gp_name",
        "gp_phone",
        "locale",
        "timezone",
        "discharge_date",
        "day1",
        "plan_id",
    ):
        value = getattr(data, field)
        if value is not None and value != patient[field]:
            changes[getattr(Patient, field)] = value
    if not changes:
        return patient
    if data.timezone:
        check_timezone(data.timezone)
    merged = {**patient, **{c._meta.name: v for c, v in changes.items()}}
    check_dates(None, merged["discharge_date"], merged["day1"], today_in(merged["timezone"]))
    plan_anchor(library, merged["plan_id"], merged["discharge_date"], merged["day1"])
    if "plan_id" in {c._meta.name for c in changes}:
        today = today_in(merged["timezone"])
        check_plan_fits(library, merged["plan_id"], merged["birth_date"], today)
    async with transaction():
        await Patient.update(changes).where(Patient.id == patient["id"])
        if {"plan_id", "day1", "discharge_date", "timezone"} & {c._meta.name for c in changes}:
            await write_schedule(library, merged)
    return merged


# --- invitations --------------------------------------------------------------------------------


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def normalise_code(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")


async def create_invitation(
    patient: dict[str, Any], data: InvitationIn, by: uuid.UUID | None, days: int
) -> tuple[Invitation, str, str]:
    """A new invitation and its secrets (link token, code); ``by`` None: a system client's."""
    if data.kind == "patient":
        if patient["user"] is not None:
            raise Refusal("patient-has-account", "conflict")
        if age_years(patient["birth_date"], today_in(patient["timezone"])) < ADULT_AGE:
            raise Refusal("child-no-account", "invalid")
    elif data.relationship is None:
        raise field_refusal("relationship-missing", "invalid", "relationship")
    token = secrets.token_urlsafe(24)
    code = new_code()
    now = utcnow()
    inv = Invitation(
        token_hash=_hash(token),
        code_hash=_hash(code),
        patient=patient["id"],
        kind=data.kind,
        relationship=data.relationship or "",
        can_log=data.can_log,
        can_read_results=data.can_read_results,
        can_read_messages=data.can_read_messages,
        created_at=now,
        created_by=by,
        expires_at=now + dt.timedelta(days=days),
    )
    await inv.save()
    return inv, token, code


def invitation_state(row: dict[str, Any], now: dt.datetime) -> str:
    if row["used_at"] is not None:
        return "used"
    if row["revoked_at"] is not None:
        return "revoked"
    if as_utc(row["expires_at"]) <= now:
        return "expired"
    return "pending"


async def find_invitation(token: str | None, code: str | None) -> dict[str, Any]:
    if token:
        row = await Invitation.select().where(Invitation.token_hash == _hash(token)).first()
    elif code:
        row = (
            await Invitation.select()
            .where(Invitation.code_hash == _hash(normalise_code(code)))
            .order_by(Invitation.created_at, ascending=False)
            .first()
        )
    else:
        raise field_refusal("invitation-missing", "invalid", "code")
    if row is None:
        raise Refusal("invitation-not-found", "not-found")
    state = invitation_state(row, utcnow())
    if state == "used":
        raise Refusal("invitation-used", "gone", detail="invitation-used.sign-in")
    if state == "revoked":
        raise Refusal("invitation-revoked", "gone")
    if state == "expired":
        raise Refusal("invitation-expired", "gone")
    return row


async def accept_invitation(
    passwords: Passwords,
    inv: dict[str, Any],
    signed_in: Any,
    email: str | None,
    display_name: str | None,
    password: str | None,
    locale: str,
    *,
    documents: Any = None,
    consents: list[tuple[str, int]] | None = None,
) -> uuid.UUID:
    """Attach the invitation to the signed-in person, or create their account; return the user.

    A new account must accept every current consent document (``documents``, the terms and the
    privacy notice) at its current version: ``consents`` lists (document, version) as accepted in
    the form; the acceptance is written in the same transaction as the account. A signed-in
    person's acceptances, when given, are recorded too (otherwise the app asks them apart)."""
    patient = await Patient.select().where(Patient.id == inv["patient"]).first()
    assert patient is not None
    role = "patient" if inv["kind"] == "patient" else "proxy"
    new_user: User | None = None
    accepted: list[tuple[str, int]] = []
    if signed_in is None:
        missing = [
            f
            for f, v in (("email", email), ("display_name", display_name), ("password", password))
            if not v
        ]
        if missing:
            raise Refusal(
                "account-details-missing",
                "invalid",
                fields=[FieldRefusal(f, "required") for f in missing],
            )
        accepted = check_signup_acceptances(documents or {}, consents or [])
        assert email and password and display_name
        email = normalise_email(email)
        try:
            check_password_rules(password, email, display_name)
        except PasswordRejected as exc:
            raise password_problem(exc) from None
        if await User.exists().where(User.email == email):
            raise field_refusal("email-taken", "conflict", "email", "email-taken.invitation")
        new_user = User(
            email=email,
            display_name=display_name.strip(),
            role=role,
            password_hash=await passwords.hash(password),
            locale=locale,
            timezone=patient["timezone"],
        )
    elif consents:
        accepted = check_signup_acceptances(documents or {}, consents)
    user_id = new_user.id if new_user else signed_in.id
    if signed_in is not None and inv["kind"] == "patient" and signed_in.role != "patient":
        raise Refusal("wrong-account-kind", "conflict")
    if signed_in is not None and signed_in.role in ("clinician", "admin"):
        raise Refusal("wrong-account-kind", "conflict", detail="wrong-account-kind.staff")
    async with transaction():
        # Claim the invitation first: a second acceptance racing this one finds it used.
        claimed = (
            await Invitation.update({Invitation.used_at: utcnow(), Invitation.used_by: user_id})
            .where((Invitation.id == inv["id"]) & Invitation.used_at.is_null())
            .returning(Invitation.id)
        )
        if not claimed:
            raise Refusal("invitation-used", "gone")
        if new_user is not None:
            await new_user.save()
        await record_acceptances(user_id, accepted, locale, utcnow())
        if inv["kind"] == "patient":
            if patient["user"] is not None:
                raise Refusal("patient-has-account", "conflict")
            await Patient.update({Patient.user: user_id}).where(Patient.id == patient["id"])
        else:
            await link_proxy(
                patient,
                user_id,
                inv["relationship"],
                bool(inv["can_log"]),
                bool(inv["can_read_results"]),
                bool(inv["can_read_messages"]),
            )
    return user_id


async def link_proxy(
    patient: dict[str, Any],
    user_id: uuid.UUID,
    relationship: str,
    can_log: bool,
    can_read_results: bool,
    can_read_messages: bool,
) -> None:
    today = today_in(patient["timezone"])
    existing = await ProxyLink.select().where(
        (ProxyLink.patient == patient["id"])
        & (ProxyLink.user == user_id)
        & ProxyLink.ended_at.is_null()
    )
    if any(r["valid_until"] is None or r["valid_until"] >= today for r in existing):
        raise Refusal("already-linked", "conflict")
    valid_until = None
    if relationship == "parent" and age_years(patient["birth_date"], today) < ADULT_AGE:
        # A parent's proxy ends when the child comes of age, unless the team renews it.
        valid_until = birthday(patient["birth_date"], ADULT_AGE) - dt.timedelta(days=1)
    await ProxyLink.insert(
        ProxyLink(
            patient=patient["id"],
            user=user_id,
            relationship=relationship,
            can_log=can_log,
            can_read_results=can_read_results,
            can_read_messages=can_read_messages,
            valid_until=valid_until,
        )
    )


# --- schedule -----------------------------------------------------------------------------------


async def schedule_rows(
    patient_id: uuid.UUID, *, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> list[dict[str, Any]]:
    query = ScheduleItem.select().where(ScheduleItem.patient == patient_id)
    if since is not None:
        query = query.where(ScheduleItem.window_end >= since)
    if until is not None:
        query = query.where(ScheduleItem.due_at <= until)
    return list(await query.order_by(ScheduleItem.due_at))


async def team_of_patient_for_alerts(patient_id: uuid.UUID) -> uuid.UUID | None:
    row = (
        await PatientTeam.select(PatientTeam.team)
        .where(PatientTeam.patient == patient_id)
        .order_by(PatientTeam.created_at)
        .first()
    )
    return as_uuid(row["team"]) if row else None


async def alerted_teams(patient_id: uuid.UUID) -> list[uuid.UUID]:
    """The teams of the patient it still shares with, first attached first: an alert goes to the
    first. A team the patient stopped sharing with is never alerted (its latest decision)."""
    rows = await raw.rows(
        "SELECT pt.team FROM relais_patient_team pt WHERE pt.patient = {} AND COALESCE("  # noqa: S608 (constant)
        f"({latest_decision('pt.patient', 'pt.team')}), '') <> {{}} ORDER BY pt.id",
        patient_id,
        STOPPED,
    )
    return [as_uuid(r["team"]) for r in rows]


async def team_row(team_id: uuid.UUID) -> dict[str, Any] | None:
    return await Team.select().where(Team.id == team_id).first()


# --- shared by the routes ---------------------------------------------------------------------


def schedule_out(r: dict[str, Any], now: dt.datetime, timezone: str) -> ScheduleItemOut:
    """An item of the schedule as the person (in ``timezone``) sees it at ``now``."""
    due_at = as_utc(r["due_at"])
    window_end = as_utc(r["window_end"])
    return ScheduleItemOut(
        id=as_uuid(r["id"]),
        plan_item_id=r["plan_item_id"],
        kind=r["kind"],
        questionnaires=list(json_value(r["questionnaires"]) or []),
        due_at=due_at,
        window_end=window_end,
        status=sched.status_of(r["status"], due_at, window_end, now, timezone),  # type: ignore[arg-type]
        done_at=as_utc(r["done_at"]) if r["done_at"] else None,
        note=r["note"],
    )
