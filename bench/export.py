"""Export of a long record: a patient with 5 years of twice-daily check-ins (3,650 by default).

For each engine: a fresh database, the patient (hand-over, a family member, a team, ~1 alert in 20
check-ins) written straight into the tables, then the three exports produced by the same code the
routes stream (FHIR bundle, CSV zip, PDF summary). Printed for each: time, output size, and the
peak of Python memory allocated while producing it (tracemalloc, on a second run), next to the
output size: a streamed export's peak stays far below its size. Target: < 5 s each.

    .venv/bin/python bench/export.py [--checkins 3650] [--engines sqlite,postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from common import ROOT
from piccolo.table import sort_table_classes

from relais import db
from relais.accounts.tables import User
from relais.alerts.tables import Alert
from relais.care.tables import Handover, Patient, PatientTeam, ProxyLink, Team, TeamMember
from relais.checkins.tables import Checkin
from relais.content.loader import load_library
from relais.exports import csv_export, fhir, pdf
from relais.exports.data import Subject
from relais.settings import parse_settings

PG_ADMIN = "postgresql://127.0.0.1:5432/test"
ANSWERS = ["da_confusion", "da_shivering", "da_no_urine", "da_breathless_severe", "da_fever"]


async def seed(n: int) -> uuid.UUID:
    rnd = random.Random(7)
    now = db.utcnow()
    team = uuid.uuid4()
    await Team.insert(Team(id=team, name="Réanimation médicale", kind="hospital_service"))
    clin = uuid.uuid4()
    await User.insert(
        User(id=clin, email="clin@bench.test", display_name="Dr Hélène Martin",
             password_hash="x", role="clinician"),
        User(id=(proxy := uuid.uuid4()), email="p@bench.test", display_name="Sylvie",
             password_hash="x", role="proxy"),
    )  # fmt: skip
    await TeamMember.insert(TeamMember(team=team, user=clin, role="physician"))
    pid = uuid.uuid4()
    start = now - dt.timedelta(hours=12 * n)
    await Patient.insert(
        Patient(id=pid, given_name="Jérôme", family_name="Lefèvre", birth_date=dt.date(1958, 3, 2),
                sex_at_birth="male", phone="+33 6 11 22 33 44", gp_name="Dr Noël",
                discharge_date=start.date(), plan_id="adult_post_sepsis")
    )  # fmt: skip
    await PatientTeam.insert(PatientTeam(patient=pid, team=team))
    await ProxyLink.insert(ProxyLink(patient=pid, user=proxy, relationship="partner"))
    await Handover.insert(
        Handover(patient=pid, summary="Choc septique, séjour de 12 jours en réanimation",
                 referent_name="Dr Martin", referent_phone="01 00 00 00 00")
    )  # fmt: skip
    rows, alerts = [], []
    for i in range(n):
        taken = start + dt.timedelta(hours=12 * i)
        temp = round(rnd.gauss(37.0, 0.5), 1)
        level = "amber" if temp >= 38.5 else "green"
        cid = uuid.uuid4()
        rows.append(
            Checkin(
                id=cid, patient=pid, submitted_by=None, taken_at=taken, received_at=taken,
                answers={a: rnd.choice([0, 0, 0, 1]) for a in ANSWERS},
                vitals={"temperature": temp, "spo2": rnd.randint(92, 99),
                        "heart_rate": rnd.randint(60, 100), "resp_rate": rnd.randint(12, 20),
                        "systolic_bp": rnd.randint(105, 140)},
                note="Un peu fatigué" if i % 10 == 0 else "", scores={}, level=level,
                fired=[{"id": "adult_temp_high_amber", "level": "amber"}] if level == "amber"
                else [], content_version="bench", body_hash="x",
            )
        )  # fmt: skip
        if level == "amber":
            alerts.append(
                Alert(id=uuid.uuid4(), patient=pid, team=team, checkin_id=cid, level="amber",
                      reasons=["adult_temp_high_amber"], state="resolved", opened_at=taken,
                      resolved_at=taken + dt.timedelta(hours=2), outcome="called_patient")
            )  # fmt: skip
        if len(rows) == 500:
            await Checkin.insert(*rows)
            rows = []
    if rows:
        await Checkin.insert(*rows)
    for k in range(0, len(alerts), 500):
        await Alert.insert(*alerts[k : k + 500])
    return pid


async def measure(name: str, make: Callable[[], Awaitable[int]]) -> None:
    """Time one run untraced, then run again under tracemalloc for the memory peak."""
    t0 = time.perf_counter()
    size = await make()
    took = time.perf_counter() - t0
    tracemalloc.start()
    await make()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    verdict = "ok" if took < 5 else "OVER 5 s"
    print(
        f"  {name:5s} {took:6.2f} s  output {size / 1e6:6.2f} MB  "
        f"peak Python memory {peak / 1e6:6.2f} MB  [{verdict}]"
    )


async def drain(stream: AsyncIterator[bytes]) -> int:
    total = 0
    async for chunk in stream:
        total += len(chunk)
    return total


async def run_engine(engine: str, n: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="relais-bench-export-"))
    env = {"RELAIS_DATA_DIR": str(tmp), "RELAIS_SECRET_KEY": "b" * 40, "RELAIS_ENV": "test"}
    dbname = ""
    if engine == "postgres":
        import asyncpg

        dbname = f"relais_bench_{uuid.uuid4().hex[:8]}"
        conn = await asyncpg.connect(PG_ADMIN)
        await conn.execute(f'CREATE DATABASE "{dbname}"')
        await conn.close()
        env["RELAIS_DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + f"/{dbname}"
    settings = parse_settings(env)
    db.configure(settings)
    await db.connect(settings)
    try:
        # The tables straight from their definitions: the benchmark measures exports, not
        # migrations.
        for table in sort_table_classes(db.all_tables()):
            await table.create_table(if_not_exists=True)
        t0 = time.perf_counter()
        pid = await seed(n)
        print(f"{engine}: {n} check-ins seeded in {time.perf_counter() - t0:.1f} s")
        library = load_library(ROOT / "content")
        patient = await Patient.select().where(Patient.id == pid).first()
        assert patient is not None
        subject = Subject(patient=patient, lang="fr")
        now = db.utcnow()
        await measure("fhir", lambda: drain(fhir.bundle(library, subject, "https://x.test", now)))
        await measure("csv", lambda: drain(csv_export.csv_zip(library, subject)))

        async def make_pdf() -> int:
            return len(await pdf.summary_pdf(library, subject, now))

        await measure("pdf", make_pdf)
    finally:
        await db.disconnect()
        if dbname:
            import asyncpg

            conn = await asyncpg.connect(PG_ADMIN)
            await conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkins", type=int, default=3650)
    parser.add_argument("--engines", default="sqlite,postgres")
    args = parser.parse_args()
    for engine in args.engines.split(","):
        asyncio.run(run_engine(engine.strip(), args.checkins))


if __name__ == "__main__":
    main()
