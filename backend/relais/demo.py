"""Demo data for a first run (``relais seed-demo``): a care team with its on-call rota, an adult
ten days after discharge with a few check-ins, a family with two children, a patient without GP.
Passwords are in the README."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from relais.accounts.passwords import Passwords
from relais.accounts.service import create_user
from relais.accounts.tables import User
from relais.care import service as care
from relais.care.schemas import HandoverIn, PatientIn
from relais.care.tables import OnCallShift, Patient, Team, TeamMember
from relais.checkins.schemas import CheckinIn
from relais.checkins.service import submit
from relais.consent.service import accept_all_current
from relais.content.loader import ContentLibrary, load_library
from relais.db import utcnow
from relais.settings import Settings

DEMO_PASSWORD = "relais-demo-2026"  # noqa: S105 (documented in the README)
TZ = "Europe/Paris"

DEMO_USERS = [
    ("admin@demo.relais", "Alice Admin", "admin"),
    ("nurse@demo.relais", "Inès Moreau", "clinician"),
    ("doctor@demo.relais", "Dr Paul Martin", "clinician"),
    ("gp@demo.relais", "Dr Claire Petit", "clinician"),
    ("patient@demo.relais", "Jean Dupont", "patient"),
    ("parent@demo.relais", "Sophie Bernard", "proxy"),
]


def _today() -> dt.date:
    return dt.datetime.now(ZoneInfo(TZ)).date()


async def _enrol(
    library: ContentLibrary, by: uuid.UUID, team: uuid.UUID, **fields: object
) -> dict[str, Any]:
    data = PatientIn(team_ids=[team], timezone=TZ, locale="fr", **fields)  # type: ignore[arg-type]
    return await care.enrol(library, by, data)


async def seed(settings: Settings, *, if_empty: bool = False) -> bool:
    if if_empty and await User.count() > 0:
        return False
    if await User.exists().where(User.email == "admin@demo.relais"):
        return False
    library = load_library(settings.content_dir)
    passwords = Passwords(settings)
    users = {}
    for email, name, role in DEMO_USERS:
        users[email] = await create_user(
            passwords,
            email=email,
            display_name=name,
            role=role,
            password=DEMO_PASSWORD,
            locale="fr",
            timezone=TZ,
        )
    # The demo family joined before today: they accepted the current terms and privacy notice.
    for email in ("patient@demo.relais", "parent@demo.relais"):
        await accept_all_current(library.consent, users[email].id, "fr")
    nurse, doctor, gp = (
        users[e].id for e in ("nurse@demo.relais", "doctor@demo.relais", "gp@demo.relais")
    )
    team = Team(
        name="Réanimation polyvalente — CHU Démo",
        kind="hospital_service",
        phone="01 40 00 00 00",
        email="rea@chu-demo.example",
    )
    await team.save()
    for user_id, role, lead in (
        (nurse, "coordinating_nurse", True),
        (doctor, "physician", False),
        (gp, "gp", False),
    ):
        await TeamMember.insert(TeamMember(team=team.id, user=user_id, role=role, is_lead=lead))
    # The 24/7 referent rota: the doctor now, the nurse next.
    now = utcnow()
    await OnCallShift.insert(
        OnCallShift(
            team=team.id,
            user=doctor,
            starts_at=now - dt.timedelta(hours=2),
            ends_at=now + dt.timedelta(hours=10),
        ),
        OnCallShift(
            team=team.id,
            user=nurse,
            starts_at=now + dt.timedelta(hours=10),
            ends_at=now + dt.timedelta(hours=22),
        ),
    )
    today = _today()
    jean = await _enrol(
        library,
        nurse,
        team.id,
        given_name="Jean",
        family_name="Dupont",
        birth_date=dt.date(1961, 5, 14),
        sex_at_birth="male",
        phone="06 00 00 00 01",
        gp_name="Dr Claire Petit",
        gp_phone="01 45 00 00 00",
        discharge_date=today - dt.timedelta(days=10),
        plan_id="adult_post_sepsis",
        handover=HandoverIn(
            summary="Sepsis à point de départ pulmonaire, 6 jours de réanimation.",
            referent_name="Dr Paul Martin",
            referent_phone="01 40 00 00 01",
            prescriptions="Amoxicilline jusqu'à J14 ; kinésithérapie 2 fois par semaine.",
            next_appointment_at=dt.datetime.combine(
                today + dt.timedelta(days=20), dt.time(10), tzinfo=ZoneInfo(TZ)
            ),
            next_appointment_place="Consultation post-réanimation, bâtiment B",
            next_appointment_reason="Bilan à un mois : la fatigue, le souffle, le moral",
            documents_given=["Livret post-sepsis", "Compte rendu d'hospitalisation"],
        ),
    )
    await Patient.update({Patient.user: users["patient@demo.relais"].id}).where(
        Patient.id == jean["id"]
    )
    lea = await _enrol(
        library,
        doctor,
        team.id,
        given_name="Léa",
        family_name="Bernard",
        birth_date=today.replace(year=today.year - 6) - dt.timedelta(days=40),
        sex_at_birth="female",
        gp_name="Dr Claire Petit",
        gp_phone="01 45 00 00 00",
        discharge_date=today - dt.timedelta(days=21),
        plan_id="child_post_sepsis",
    )
    gabriel = await _enrol(
        library,
        doctor,
        team.id,
        given_name="Gabriel",
        family_name="Bernard",
        birth_date=today.replace(year=today.year - 2) - dt.timedelta(days=75),
        sex_at_birth="male",
        gp_name="Dr Claire Petit",
        gp_phone="01 45 00 00 00",
        discharge_date=today - dt.timedelta(days=2),
        day1=today - dt.timedelta(days=4),
        plan_id="acute_infection_home",
    )
    parent = users["parent@demo.relais"].id
    for child in (lea, gabriel):
        await care.link_proxy(child, parent, "parent", True, True, True)
    # A patient whose GP is not known: flagged on the team's list (seed 001).
    await _enrol(
        library,
        nurse,
        team.id,
        given_name="Henri",
        family_name="Lambert",
        birth_date=dt.date(1948, 2, 2),
        sex_at_birth="male",
        phone="06 00 00 00 09",
        discharge_date=today - dt.timedelta(days=3),
        day1=today - dt.timedelta(days=6),
        plan_id="acute_infection_home",
    )
    # Check-ins may arrive up to 7 days late, so the demo's history starts 6 days ago.
    vitals = [
        (6, 37.2, 96, 88, 18),
        (5, 37.0, 96, 84, 17),
        (4, 36.9, 96, 80, 16),
        (2, 38.3, 95, 92, 19),
        (1, 37.1, 97, 78, 15),
    ]
    answers = {
        k: 0
        for k in (
            "da_confusion",
            "da_shivering",
            "da_no_urine",
            "da_breathless_severe",
            "da_might_die",
            "da_skin",
            "da_worse",
        )
    }
    for days_ago, temp, spo2, hr, rr in vitals:
        taken = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
        await submit(
            library,
            jean,
            CheckinIn(
                id=uuid.uuid4(),
                taken_at=taken,
                answers=dict(answers),
                vitals={"temperature": temp, "spo2": spo2, "heart_rate": hr, "resp_rate": rr},
            ),
            users["patient@demo.relais"].id,
            "fr",
        )
    return True
