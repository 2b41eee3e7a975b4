"""The messages inbox at scale, on PostgreSQL: a clinician whose team follows 2,000 patients, each
with a thread (20 messages by default: 40,000 in all), a third of them read by this clinician, a
few hundred with new messages since.

Set-up: a fresh database, migrated; the team, the clinician, a colleague and the patients made
with the ORM, the messages and read receipts bulk-loaded with COPY; ANALYZE.

Measured in the process (the service's own calls, as the route makes them, without HTTP): the
first page of threads (30), a later page (keyset), a name search, the navigation's totals; each
``--runs`` times, p50 and p99. Then EXPLAIN (ANALYZE, BUFFERS) of the first page and of the
totals, summed up (the plan's nodes and the time it gives). Target: p99 < 100 ms.

    PYTHONPATH=backend .venv/bin/python bench/inbox_scale.py [--patients 2000] [--messages 20]
        [--runs 50] [--plan]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import time
import uuid
from typing import Any

from common import pct

PG_ADMIN = "postgresql://127.0.0.1:5432/test"


async def pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def seed(patients: int, messages: int) -> tuple[uuid.UUID, uuid.UUID]:
    import asyncpg

    from relais import db
    from relais.accounts.tables import User
    from relais.care.tables import Patient, PatientTeam, Team, TeamMember

    team = Team(name="Bench team", kind="hospital_service")
    await team.save()
    me, colleague = uuid.uuid4(), uuid.uuid4()
    for uid, email in ((me, "me@bench.test"), (colleague, "colleague@bench.test")):
        await User.insert(
            User(id=uid, email=email, display_name=email, password_hash="x", role="clinician")
        )
        await TeamMember.insert(TeamMember(team=team.id, user=uid, role="physician"))
    rng = random.Random(7)
    ids = [uuid.uuid4() for _ in range(patients)]
    for chunk in range(0, patients, 500):
        await Patient.insert(
            *[
                Patient(
                    id=pid,
                    given_name=rng.choice(["Jean", "Marie", "Lucie", "Hugo", "Zoé", "Paul"]),
                    family_name=f"Nom{n:05d}",
                    birth_date=dt.date(1960, 1, 1),
                    sex_at_birth="female",
                )
                for n, pid in enumerate(ids[chunk : chunk + 500], chunk)
            ]
        )
        await PatientTeam.insert(
            *[PatientTeam(patient=pid, team=team.id) for pid in ids[chunk : chunk + 500]]
        )
    now = db.utcnow()
    rows: list[tuple[Any, ...]] = []
    reads: list[tuple[Any, ...]] = []
    for pid in ids:
        start = now - dt.timedelta(days=rng.uniform(1, 60))
        times = sorted(start + dt.timedelta(hours=rng.uniform(0, 24 * 30)) for _ in range(messages))
        for at in times:
            team_side = rng.random() < 0.4
            author = colleague if team_side else None
            side = "team" if team_side else "patient"
            rows.append((uuid.uuid4(), pid, author, side, "Bonjour, un message de test. " * 3, at))
        if rng.random() < 1 / 3:
            reads.append((pid, me, times[-1 - rng.randrange(0, 3)]))
    conn = await asyncpg.connect(BENCH_URL)
    try:
        await conn.copy_records_to_table(
            "relais_message",
            records=rows,
            columns=["id", "patient", "author", "side", "body", "created_at"],
        )
        await conn.copy_records_to_table(
            "relais_message_read", records=reads, columns=["patient", "user", "read_until"]
        )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    print(f"seeded: {patients} patients, {len(rows)} messages, {len(reads)} read receipts")
    return me, team.id


async def timed(label: str, runs: int, fn: Any) -> None:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        await fn()
        seconds.append(time.perf_counter() - start)
    ms = [s * 1000 for s in seconds]
    print(
        f"{label:<28} p50 {statistics.median(ms):6.1f} ms   p99 {pct(ms, 99):6.1f} ms   (n={runs})"
    )


async def explain(label: str, sql: str, *args: Any) -> None:
    from relais.db import raw

    text = "EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) " + sql
    lines = [r["QUERY PLAN"] for r in await raw.rows(text, *args)]
    print(f"\nplan of {label}:")
    for line in lines:
        if any(k in line for k in ("Index", "Seq Scan", "Limit", "Sort", "Execution", "Planning")):
            print("  " + line.strip()[:150])


BENCH_URL = ""


async def main() -> None:
    global BENCH_URL
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--plan", action="store_true", help="print the plans (EXPLAIN ANALYZE)")
    args = parser.parse_args()

    name = f"relais_bench_inbox_{uuid.uuid4().hex[:8]}"
    await pg_admin(f'CREATE DATABASE "{name}"')
    BENCH_URL = f"postgresql://127.0.0.1:5432/{name}"
    from relais import db
    from relais.messages import inbox
    from relais.messages.queries import threads_sql, unread_sql
    from relais.messages.schemas import InboxIn
    from relais.settings import parse_settings

    settings = parse_settings({"RELAIS_DATABASE_URL": BENCH_URL, "RELAIS_ENV": "test"})
    try:
        db.configure(settings)
        await db.connect(settings)
        await db.migrate()
        me, team = await seed(args.patients, args.messages)
        first = await inbox.threads(me, InboxIn())
        print(f"first page: {len(first.threads)} threads, unread on it: "
              f"{sum(t.unread for t in first.threads)}")  # fmt: skip
        totals = await inbox.unread(me, db.utcnow())
        print(f"totals: {totals.messages} unread messages in {totals.threads} threads")
        later = InboxIn(after_at=first.next_at, after_id=first.next_id)
        await timed("first page (30)", args.runs, lambda: inbox.threads(me, InboxIn()))
        await timed("next page (keyset)", args.runs, lambda: inbox.threads(me, later))
        await timed("one team, name search", args.runs,
                    lambda: inbox.threads(me, InboxIn(team=team, q="nom0123")))  # fmt: skip
        await timed("navigation totals", args.runs, lambda: inbox.unread(me, db.utcnow()))
        if args.plan:
            epoch = inbox.EPOCH
            await explain("the first page", threads_sql("postgres", False, False, False),
                          me, 31, me, me, epoch)  # fmt: skip
            since = db.utcnow() - dt.timedelta(days=30)
            await explain("the totals", unread_sql("postgres"), me, me, me, epoch, since)
    finally:
        await db.disconnect()
        await pg_admin(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    asyncio.run(main())
