"""A small care world for alert and notification tests: one team with a day team, a 24/7 referent
on call, a patient with an account and a parent, and a clinician of another team."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from litestar import Litestar

from relais import db
from relais.accounts.tables import User
from relais.alerts.service import open_alert
from relais.care.tables import OnCallShift, Patient, PatientTeam, ProxyLink, Team, TeamMember
from relais.settings import Settings
from relais.worker.loop import Worker
from tests.helpers import ApiClient, make_user
from tests.pushsvc import PushService, Subscription


@dataclass
class World:
    team_id: uuid.UUID
    nurse: User  # coordinating nurse: day team and coordinator
    doctor: User  # physician: day team
    referent: User  # 24/7 referent, on call now
    social: User  # social worker: only reached at the last step
    patient_user: User
    parent: User
    patient_id: uuid.UUID
    other_team_id: uuid.UUID
    outsider: User  # clinician of another team
    other_patient_id: uuid.UUID


async def make_world(app: Litestar, *, red_min: int = 5, amber_min: int = 240) -> World:
    tag = uuid.uuid4().hex[:6]
    team = Team(name="Réanimation", kind="hospital_service", escalate_red_min=red_min,
                escalate_amber_min=amber_min)  # fmt: skip
    await team.save()
    other = Team(name="Other", kind="gp_practice")
    await other.save()
    nurse = await make_user(app, "clinician", f"nurse-{tag}@example.org", name="Nurse N")
    doctor = await make_user(app, "clinician", f"doctor-{tag}@example.org", name="Doctor D")
    referent = await make_user(app, "clinician", f"ref-{tag}@example.org", name="Referent R")
    social = await make_user(app, "clinician", f"social-{tag}@example.org", name="Social S")
    outsider = await make_user(app, "clinician", f"out-{tag}@example.org", name="Outsider O")
    for user, role, lead in (
        (nurse, "coordinating_nurse", False),
        (doctor, "physician", True),
        (referent, "referent_24_7", False),
        (social, "social_worker", False),
    ):
        await TeamMember.insert(TeamMember(team=team.id, user=user.id, role=role, is_lead=lead))
    await TeamMember.insert(TeamMember(team=other.id, user=outsider.id, role="gp"))
    now = db.utcnow()
    await OnCallShift.insert(
        OnCallShift(
            team=team.id,
            user=referent.id,
            starts_at=now - dt.timedelta(days=1),
            ends_at=now + dt.timedelta(days=1),
        )
    )
    patient_user = await make_user(app, "patient", f"pat-{tag}@example.org", name="Pat P")
    parent = await make_user(app, "proxy", f"parent-{tag}@example.org", name="Parent P")
    patient = Patient(
        user=patient_user.id,
        given_name="Camille",
        family_name="Martin",
        birth_date=dt.date(1970, 5, 1),
        sex_at_birth="female",
    )
    await patient.save()
    await PatientTeam.insert(PatientTeam(patient=patient.id, team=team.id))
    await ProxyLink.insert(
        ProxyLink(patient=patient.id, user=parent.id, relationship="partner", can_read_results=True)
    )
    other_patient = Patient(
        given_name="Other",
        family_name="Person",
        birth_date=dt.date(1980, 1, 1),
        sex_at_birth="male",
    )
    await other_patient.save()
    await PatientTeam.insert(PatientTeam(patient=other_patient.id, team=other.id))
    return World(
        team_id=team.id,
        nurse=nurse,
        doctor=doctor,
        referent=referent,
        social=social,
        patient_user=patient_user,
        parent=parent,
        patient_id=patient.id,
        other_team_id=other.id,
        outsider=outsider,
        other_patient_id=other_patient.id,
    )


async def open_test_alert(
    world: World, *, level: str = "red", now: dt.datetime | None = None
) -> uuid.UUID:
    """Open an alert the way the check-in service does: inside its own transaction."""
    async with db.transaction():
        alert = await open_alert(
            patient_id=world.patient_id,
            team_id=world.team_id,
            level=level,
            kind="checkin",
            reasons=["r_test"],
            content_version="test",
            now=now or db.utcnow(),
        )
    return alert.id


async def subscribe(
    client: ApiClient, push: PushService, *, endpoint_via: Any = None
) -> Subscription:
    """Subscribe at the push service with the server's key and register it, as the PWA does."""
    key = (await client.get("/api/push/key")).json()["application_server_key"]
    sub = await push.subscribe(key)
    endpoint = endpoint_via.endpoint(sub.endpoint) if endpoint_via else sub.endpoint
    resp = await client.post("/api/push/subscriptions", json=sub.as_json(endpoint))
    assert resp.status_code == 201, resp.text
    return sub


@contextlib.asynccontextmanager
async def signed_in(make_client: Any, user: User) -> AsyncIterator[ApiClient]:
    async with make_client() as api:
        await api.login_ok(user.email)
        yield api


def worker_settings(settings: Settings, smtp_port: int | None = None) -> Settings:
    changes: dict[str, Any] = {"worker_lease_s": 30}
    if smtp_port is not None:
        changes.update(smtp_host="127.0.0.1", smtp_port=smtp_port)
    return dataclasses.replace(settings, **changes)


@contextlib.asynccontextmanager
async def running_worker(app: Litestar, settings: Settings, **kw: Any) -> AsyncIterator[Worker]:
    kw.setdefault("retry_base_s", 0.05)
    kw.setdefault("poll_s", 0.05)
    worker = Worker(settings, vapid=app.state.vapid, **kw)
    await worker.start()
    try:
        yield worker
    finally:
        await worker.close()


async def passes_done(worker: Worker, count: int, *, within_s: float = 10.0) -> None:
    """Until the worker running in the background (``start_background``) has completed ``count``
    more passes. Two passes after a moment: the first may have begun before it, the second began
    after it (a duplicate that pass could send has been sent)."""
    target = worker.passes + count
    deadline = time.monotonic() + within_s
    while worker.passes < target:
        assert time.monotonic() < deadline, f"the worker did not complete {count} passes"
        await asyncio.sleep(0.01)


async def drain(worker: Worker, *, rounds: int = 50, now: dt.datetime | None = None) -> None:
    """Run the worker until nothing is left to send (or ``rounds`` passes)."""
    from relais.notify.outbox import pending_count

    for _ in range(rounds):
        await worker.run_once(now)
        if await pending_count() == 0:
            return
        await asyncio.sleep(0.05)
