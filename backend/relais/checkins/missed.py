"""The scheduled check for missed check-ins (run by the worker).

Only the rules with ``no_checkin_for`` are evaluated, on history alone. Today they concern the
critical window after day 1 (seed 001), so only patients with a day 1 in the last weeks are
scanned. A patient keeps at most one unresolved "missed" alert: the rule fires on every run while
nothing new comes in, and one alert is what the team needs.
"""

from __future__ import annotations

import datetime as dt
import logging

from relais.alerts.service import open_alert
from relais.alerts.tables import Alert
from relais.care.service import alerted_teams
from relais.care.tables import Patient
from relais.checkins.queries import triage_inputs
from relais.checkins.service import person_for, ruleset_of
from relais.content.loader import ContentLibrary
from relais.db import as_uuid, transaction
from relais.triage.engine import evaluate_missed

log = logging.getLogger("relais.checkins")

SCAN_DAYS = 30


async def scan_missed(library: ContentLibrary, now: dt.datetime) -> int:
    """Open an amber alert for each patient whose missed check-ins fire a rule. Returns how many."""
    ruleset = ruleset_of(library)
    if not any(rule.scheduled for rule in ruleset.rules):
        return 0
    patients = await Patient.select().where(
        (Patient.status == "active")
        & Patient.day1.is_not_null()
        & (Patient.day1 >= (now - dt.timedelta(days=SCAN_DAYS)).date())
    )
    opened = 0
    for patient in patients:
        pid = as_uuid(patient["id"])
        inputs = await triage_inputs(pid, now + dt.timedelta(seconds=1))
        result = evaluate_missed(
            ruleset, person_for(patient, now), inputs.history, now, inputs.overrides
        )
        if result.level == "green":
            continue
        teams = await alerted_teams(pid)
        if not teams:
            continue
        async with transaction():
            if await Alert.exists().where(
                (Alert.patient == pid) & (Alert.kind == "missed") & (Alert.state != "resolved")
            ):
                continue
            await open_alert(
                patient_id=pid,
                team_id=teams[0],
                level=result.level,
                kind="missed",
                reasons=[f.id for f in result.fired],
                content_version=library.version,
                now=now,
                urgent=result.urgent,
            )
            opened += 1
    if opened:
        log.info("missed check-ins: %d alert(s) opened", opened)
    return opened
