"""Who a person signing in at the hospital's OpenID provider is in Relais, and what they may do.

Linking: the provider's identity (issuer and ``sub``) is linked, at the first sign-in only, to a
staff account an administrator created beforehand (set up or still waiting for its set-up link),
found by the provider's *verified* email or by the configured professional-identifier claim (the
RPPS number) matched against the account's. Later sign-ins find the account by ``sub`` alone. A
person who matches no account is refused: no account is ever created here. A patient's or a
family member's account is never linked.

Mapping: when the deployment maps the provider's groups to roles (``RELAIS_OIDC_ROLES``) the
account's role follows them at each sign-in, and a person in none of them is refused; groups
mapped to care teams (``RELAIS_OIDC_TEAMS``) make a clinician a member of those teams, or no
longer one. Administration stays apart from care, as the API keeps it: an administrator joins no
team, and a member of a team is not made an administrator.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from relais.accounts.service import normalise_email
from relais.accounts.sessions import delete_user_sessions
from relais.accounts.tables import STAFF_ROLES, OidcLink, User
from relais.care.tables import MEMBER_ROLES, PatientTeam, Team, TeamMember
from relais.db import as_uuid, transaction, utcnow
from relais.errors import Refusal
from relais.settings import Settings, SettingsError

log = logging.getLogger("relais.sso")


def check_settings(settings: Settings) -> None:
    """What the settings parser cannot check alone (it knows no feature): the teams' roles."""
    for group, _team, role in settings.oidc_teams:
        if role not in MEMBER_ROLES:
            raise SettingsError(
                f"RELAIS_OIDC_TEAMS: the member role of group {group!r} must be one of "
                f"{', '.join(MEMBER_ROLES)}, got {role!r}"
            )


@dataclass(frozen=True)
class Person:
    """What the provider says of the person, from the validated ID token and userinfo."""

    issuer: str
    subject: str
    email: str
    email_verified: bool
    professional_id: str
    groups: frozenset[str]
    acr: str
    name: str


def person_from(settings: Settings, claims: dict[str, Any]) -> Person:
    groups_claim = claims.get(settings.oidc_groups_claim) if settings.oidc_groups_claim else None
    if isinstance(groups_claim, str):
        groups = frozenset(groups_claim.split())
    elif isinstance(groups_claim, list):
        groups = frozenset(str(g) for g in groups_claim)
    else:
        groups = frozenset()
    pro = claims.get(settings.oidc_id_claim) if settings.oidc_id_claim else None
    verified = claims.get("email_verified")
    return Person(
        issuer=str(claims["iss"]),
        subject=str(claims["sub"]),
        email=str(claims.get("email") or ""),
        email_verified=verified is True or verified == "true",
        professional_id=str(pro).strip() if isinstance(pro, str | int) else "",
        groups=groups,
        acr=str(claims.get("acr") or ""),
        name=str(claims.get("name") or ""),
    )


def link_id(issuer: str, subject: str) -> str:
    return hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()


@dataclass
class Outcome:
    """A sign-in that worked: the account, and what changed (for the audit)."""

    user: User
    linked: bool = False
    role_change: str = ""
    teams_added: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    teams_removed: list[uuid.UUID] = field(default_factory=list)
    teams_kept: list[uuid.UUID] = field(default_factory=list)


def _aimed(refusal: Refusal, user: User) -> Refusal:
    # For the audit: the account aimed at.
    refusal.account_id = user.id  # type: ignore[attr-defined]
    return refusal


async def _match(settings: Settings, person: Person) -> User:
    """The staff account an administrator prepared for this person (first sign-in)."""
    found: dict[Any, User] = {}
    if settings.oidc_match_email and person.email and person.email_verified:
        user = await User.objects().where(User.email == normalise_email(person.email)).first()
        if user is not None:
            found[user.id] = user
    if settings.oidc_id_claim and person.professional_id:
        ids = [person.professional_id]
        if re.fullmatch(r"8\d{11}", person.professional_id):
            # A national identifier of an RPPS holder (Pro Santé Connect's SubjectNameID): "8"
            # then the RPPS number, which is what the administrator typed.
            ids.append(person.professional_id[1:])
        for user in await User.objects().where(User.professional_id.is_in(ids)):
            found[user.id] = user
    staff = [u for u in found.values() if u.role in STAFF_ROLES]
    if not staff:
        # Nobody prepared, or the address is a patient's or a family member's: no account is
        # made and none of theirs is linked.
        raise Refusal("oidc-unknown-person", "forbidden", title="sign-in-failed")
    if len(staff) > 1:
        raise Refusal("oidc-ambiguous-person", "forbidden", title="sign-in-failed")
    return staff[0]


async def sign_in(settings: Settings, person: Person) -> Outcome:
    """The account of ``person``, linked on the first sign-in, with its role and teams following
    the provider's groups; a refusal otherwise (and nothing changed)."""
    async with transaction():
        now = utcnow()
        key = link_id(person.issuer, person.subject)
        link = await OidcLink.objects().where(OidcLink.id == key).first()
        linked = False
        if link is not None:
            user = await User.objects().where(User.id == link.user).first()
            if user is None:  # pragma: no cover (the link goes with its account)
                raise Refusal("oidc-unknown-person", "forbidden", title="sign-in-failed")
        else:
            user = await _match(settings, person)
            other = await OidcLink.exists().where(
                (OidcLink.user == user.id) & (OidcLink.issuer == person.issuer)
            )
            if other:
                # The account is someone else's identity at this provider.
                raise _aimed(
                    Refusal("oidc-linked-to-another", "forbidden", title="sign-in-failed"), user
                )
        if not user.is_active:
            raise _aimed(
                Refusal("oidc-account-inactive", "forbidden", title="sign-in-failed"), user
            )
        if user.role not in STAFF_ROLES:
            raise _aimed(Refusal("oidc-unknown-person", "forbidden", title="sign-in-failed"), user)
        outcome = Outcome(user)
        await _map_role(settings, person, outcome)
        if outcome.user.role == "clinician":
            await _map_teams(settings, person, outcome)
        if link is None:
            await OidcLink.insert(
                OidcLink(
                    id=key,
                    issuer=person.issuer,
                    subject=person.subject,
                    user=user.id,
                    created_at=now,
                    last_sign_in_at=now,
                )
            )
            outcome.linked = linked = True
        else:
            await OidcLink.update({OidcLink.last_sign_in_at: now}).where(OidcLink.id == key)
    log.info("oidc sign-in", extra={"linked": linked, "role_change": outcome.role_change})
    return outcome


async def _map_role(settings: Settings, person: Person, outcome: Outcome) -> None:
    if not settings.oidc_roles:
        return
    user = outcome.user
    mapped = {role for group, role in settings.oidc_roles if group in person.groups}
    if not mapped:
        raise _aimed(Refusal("oidc-no-role", "forbidden", title="sign-in-failed"), user)
    role = "admin" if "admin" in mapped else "clinician"
    if role == user.role:
        return
    if role == "admin":
        teams = await TeamMember.count().where(TeamMember.user == user.id)
        if teams:
            raise _aimed(
                Refusal("oidc-admin-in-care-team", "forbidden", title="sign-in-failed"), user
            )
    else:
        others = await User.count().where(
            (User.role == "admin") & (User.is_active == True) & (User.id != user.id)  # noqa: E712
        )
        if others == 0:
            raise _aimed(
                Refusal("oidc-last-administrator", "forbidden", title="sign-in-failed"), user
            )
    await User.update({User.role: role}).where(User.id == user.id)
    # The sessions carry the old role's rights: they end (this sign-in opens a new one).
    await delete_user_sessions(user.id)
    outcome.role_change = f"{user.role}>{role}"
    user.role = role


async def _map_teams(settings: Settings, person: Person, outcome: Outcome) -> None:
    if not settings.oidc_teams:
        return
    user = outcome.user
    rows = await TeamMember.select(TeamMember.team, TeamMember.role).where(
        TeamMember.user == user.id
    )
    member_of = {as_uuid(r["team"]): r["role"] for r in rows}
    wanted: dict[uuid.UUID, str] = {}
    for group, team, role in settings.oidc_teams:
        if group in person.groups:
            wanted.setdefault(uuid.UUID(team), role)
    mapped_teams = {uuid.UUID(team) for _g, team, _r in settings.oidc_teams}
    existing = {
        as_uuid(r["id"])
        for r in await Team.select(Team.id).where(Team.id.is_in(list(mapped_teams)))
    }
    for team_id, role in wanted.items():
        if team_id not in existing:
            log.warning("RELAIS_OIDC_TEAMS names a team that does not exist: %s", team_id)
            continue
        if team_id not in member_of:
            await TeamMember.insert(
                TeamMember(team=team_id, user=user.id, role=role, is_lead=False)
            )
            outcome.teams_added.append((team_id, role))
        elif member_of[team_id] != role:
            await TeamMember.update({TeamMember.role: role}).where(
                (TeamMember.team == team_id) & (TeamMember.user == user.id)
            )
            outcome.teams_added.append((team_id, role))
    for team_id in mapped_teams - set(wanted):
        if team_id not in member_of:
            continue
        if await _would_leave_patients_alone(team_id, user.id):
            # The team's last clinician while it follows patients: kept (the lead is told by
            # the audit trail), as removing them in the console would be refused.
            outcome.teams_kept.append(team_id)
            continue
        await TeamMember.delete().where((TeamMember.team == team_id) & (TeamMember.user == user.id))
        outcome.teams_removed.append(team_id)


async def _would_leave_patients_alone(team_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    others = await TeamMember.count().where(
        (TeamMember.team == team_id) & (TeamMember.user != user_id)
    )
    if others:
        return False
    active = await PatientTeam.count().where(
        (PatientTeam.team == team_id) & (PatientTeam.patient.status == "active")
    )
    return bool(active)
