"""Periodic jobs of the worker that must run once per period however many workers run.

Each job has one row in ``relais_job_lease``. On its tick a worker tries to take the lease with a
conditional update (the job is due, and no other worker holds an unexpired lease); only the worker
whose update matched runs the job, then moves ``next_run_at`` one period on. A worker that dies
mid-run leaves the lease to expire; a failed run is tried again after ``retry``.

Today: the scan for missed check-ins in the critical window (``relais.checkins.missed``), every
15 minutes; the retention purge (``relais.exports.retention``), once a day; sealing the audit
trail into its hash chain (``relais.audit.chain``), every minute; the teams' daily amber digests
(``relais.alerts.digest``), looked for every minute (each team's own digest once a day).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from relais.notify.tables import JobLease
from relais.settings import Settings

log = logging.getLogger("relais.worker.jobs")

JobFn = Callable[[Settings, dt.datetime], Awaitable[Any]]


@dataclass(frozen=True)
class Job:
    name: str
    every: dt.timedelta
    run: JobFn
    # How long a run may take before another worker may take the job over.
    lease: dt.timedelta = dt.timedelta(hours=1)
    # After a failed run, when to try again.
    retry: dt.timedelta = dt.timedelta(hours=1)


async def _retention(settings: Settings, now: dt.datetime) -> dict[str, int]:
    from relais.exports.retention import run_retention

    return await run_retention(settings, now)


async def _audit_seal(settings: Settings, now: dt.datetime) -> int:
    from relais.audit.chain import seal

    return await seal(now)


_libraries: dict[str, Any] = {}


async def _missed_checkins(settings: Settings, now: dt.datetime) -> int:
    from relais.checkins.missed import scan_missed
    from relais.content.loader import load_library

    # The content tree is read once per worker process (it changes with a deployment), in a
    # thread: parsing it takes over a second, which would hold back every send meanwhile.
    key = str(settings.content_dir)
    library = _libraries.get(key)
    if library is None:
        library = _libraries[key] = await asyncio.to_thread(load_library, settings.content_dir)
    return await scan_missed(library, now)


async def _amber_digest(settings: Settings, now: dt.datetime) -> dict[str, int]:
    from relais.alerts.digest import send_due_digests

    return await send_due_digests(now)


def default_jobs() -> list[Job]:
    return [
        Job(
            "amber_digest",
            dt.timedelta(minutes=1),
            _amber_digest,
            lease=dt.timedelta(minutes=5),
            retry=dt.timedelta(minutes=1),
        ),
        Job(
            "missed_checkins",
            dt.timedelta(minutes=15),
            _missed_checkins,
            lease=dt.timedelta(minutes=10),
            retry=dt.timedelta(minutes=15),
        ),
        Job("retention", dt.timedelta(days=1), _retention),
        Job(
            "audit_seal",
            dt.timedelta(minutes=1),
            _audit_seal,
            lease=dt.timedelta(minutes=5),
            retry=dt.timedelta(minutes=1),
        ),
    ]


async def _ensure_row(name: str, now: dt.datetime) -> None:
    if await JobLease.exists().where(JobLease.name == name):
        return
    # Another worker may create it at the same moment: one row wins, the other insert is a no-op.
    await JobLease.insert(JobLease(name=name, next_run_at=now)).on_conflict(action="DO NOTHING")


async def claim(job: Job, holder: str, now: dt.datetime) -> bool:
    """Take the job's lease when it is due and free; True when this worker is to run it."""
    await _ensure_row(job.name, now)
    taken = await (
        JobLease.update(
            {
                JobLease.holder: holder,
                JobLease.lease_until: now + job.lease,
                JobLease.last_started_at: now,
            }
        )
        .where(
            (JobLease.name == job.name)
            & (JobLease.next_run_at <= now)
            & (JobLease.lease_until.is_null() | (JobLease.lease_until < now))
        )
        .returning(JobLease._meta.primary_key)
    )
    return bool(taken)


async def _finish(job: Job, holder: str, now: dt.datetime, error: str) -> None:
    await JobLease.update(
        {
            JobLease.lease_until: None,
            JobLease.last_finished_at: now,
            JobLease.last_error: error[:300],
            JobLease.next_run_at: now + (job.retry if error else job.every),
            JobLease.runs: JobLease.runs + 1,
        }
    ).where((JobLease.name == job.name) & (JobLease.holder == holder))


async def run_due(
    jobs: list[Job], holder: str, settings: Settings, now: dt.datetime
) -> dict[str, Any]:
    """Run each due job this worker could lease; return what each run returned (by name).

    A failing job is logged and tried again later; it never stops the worker's other work."""
    done: dict[str, Any] = {}
    for job in jobs:
        try:
            if not await claim(job, holder, now):
                continue
        except Exception:
            log.exception("cannot take the lease of job %s", job.name)
            continue
        try:
            result = await job.run(settings, now)
        except Exception as exc:
            log.exception("job %s failed", job.name)
            await _finish(job, holder, now, type(exc).__name__)
            continue
        await _finish(job, holder, now, "")
        log.info("job %s done: %s", job.name, result)
        done[job.name] = result
    return done
