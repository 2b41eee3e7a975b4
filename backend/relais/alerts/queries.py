"""The alerts' hand-written SQL: opening an alert, on the path of the check-in that causes it.

Hand-written SQL is allowed here because the path is measured: opening an alert (what its team's
escalation policy reads, its row, its first timeline event, the NOTIFY) happens inside the
check-in's own statement (``raw.together``). bench/checkin_ingest.py measures it (one check-in in
ten opens an alert, worker off) and bench/alert_latency.py (every check-in red, from the answer to
the push).

Two reads of the escalation (``TEAM_DELAYS``, ``ACTIVE_MEMBERS``) run on reopening and on each
later step, which no bench measures; they share ``_ACTIVE_MEMBERS`` with ``OPENING``.
Placeholders are ``{}`` (``relais.db.raw``).
"""

from __future__ import annotations

#: A new alert's row (``service.new_alert``). Measured: bench/checkin_ingest.py (1 check-in in 10),
#: bench/alert_latency.py (every check-in).
ALERT_INSERT = (
    "INSERT INTO relais_alert (id, patient, team, checkin_id, level, kind, urgent, reasons, "
    "content_version, state, opened_at, outcome, note, escalation_step, next_escalation_at, "
    "measures) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})"
)
#: A new alert's first timeline event ("opened"). Measured as ``ALERT_INSERT``.
EVENT_INSERT = (
    "INSERT INTO relais_alert_event (alert, at, kind, actor, detail) VALUES ({}, {}, {}, {}, {})"
)
#: PostgreSQL: wakes the outbox's workers (empty payload) and tells the consoles (the alert), both
#: delivered at commit; the last statement of an alert's writes. Takes the outbox channel, the
#: live channel and the live event. Measured as ``ALERT_INSERT``, on PostgreSQL.
NOTIFY_OPENED = "SELECT pg_notify({}, ''), pg_notify({}, {})"

# Team members whose account is active (m, u); its one placeholder takes True.
_ACTIVE_MEMBERS = 'relais_team_member m JOIN relais_user u ON u.id = m."user" AND u.is_active = {}'

#: What opening an alert reads, in one statement (``escalation.opening``): the team's delays, its
#: daily amber digest (time, time zone), and its active members (first joined first), each with
#: whether they have a device to push to. No member: one row of NULLs. Takes True, then the
#: team. Measured as ``ALERT_INSERT``.
OPENING = (
    "SELECT t.escalate_red_min, t.escalate_amber_min, "  # noqa: S608 (constant)
    "t.amber_digest_at AS amber_digest_at, t.timezone AS timezone, "
    'm."user" AS "user", m.role AS "role", '
    'EXISTS (SELECT 1 FROM relais_push_subscription s WHERE s."user" = m."user") AS "push" '
    f"FROM relais_team t LEFT JOIN ({_ACTIVE_MEMBERS}) ON m.team = t.id "
    "WHERE t.id = {} ORDER BY m.id"
)

#: The family members told of the patient's alerts (relais.care.followers), active on the day,
#: each with whether they have a device to push to (``service.new_alert``). Takes the patient,
#: "on", True (may read results) and the day. Measured as ``ALERT_INSERT``.
FOLLOWERS = (
    'SELECT l."user" AS "user", '
    'EXISTS (SELECT 1 FROM relais_push_subscription s WHERE s."user" = l."user") AS "push" '
    "FROM relais_proxy_link l WHERE l.patient = {} AND l.alerts = {} AND l.ended_at IS NULL "
    "AND l.can_read_results = {} AND (l.valid_until IS NULL OR l.valid_until >= {})"
)

#: The team's escalation delays (``escalation.delay_minutes``: reopening, each later step). No
#: bench measures it: neither bench reopens an alert or waits for a step.
TEAM_DELAYS = "SELECT escalate_red_min, escalate_amber_min FROM relais_team WHERE id = {}"

#: The team's active members, in the order they joined (``escalation.recipients``: reopening,
#: each later step). Takes True, then the team. No bench measures it (as ``TEAM_DELAYS``).
ACTIVE_MEMBERS = (
    'SELECT m."user" AS "user", m.role AS "role", m.is_lead AS "is_lead" '  # noqa: S608 (constant)
    f"FROM {_ACTIVE_MEMBERS} WHERE m.team = {{}} ORDER BY m.id"
)

#: An alert whose push reached nobody escalates now (``escalation.bring_forward``): its deadline
#: moves to now, unless another push row of the alert was sent or is being sent. Takes now, the
#: alert, "open", now, the alert and the outbox row that failed. No bench measures it (a fault
#: path: tests/ops/test_push_isolation.py).
BRING_FORWARD = (
    "UPDATE relais_alert SET next_escalation_at = {} WHERE id = {} AND state = {} "
    "AND next_escalation_at IS NOT NULL AND next_escalation_at > {} AND NOT EXISTS ("
    "SELECT 1 FROM relais_outbox o WHERE o.ref_id = {} AND o.kind = 'alert' "
    "AND o.channel = 'push' AND o.id <> {} AND o.state IN ('sent', 'sending')) RETURNING id"
)

#: The patient's open episode of a kind for a team (``service.open_episode``): the alert a new
#: check-in that fires updates instead of opening another. Takes the patient, the team, the kind,
#: "open" and "acknowledged". Measured as ``ALERT_INSERT`` (bench/checkin_ingest.py).
OPEN_EPISODE = (
    "SELECT id, level, state, urgent, reasons, escalation_step, repeats FROM relais_alert "
    "WHERE patient = {} AND team = {} AND kind = {} AND state IN ({}, {}) "
    "ORDER BY opened_at DESC LIMIT 1"
)

#: A check-in that fired again, added to its episode: count, latest check-in, level, reasons.
#: The last statement of the check-in's writes: no row back when the alert was closed meanwhile
#: (a new alert is then opened). Takes the latest check-in, now, the level, the reasons, urgent,
#: the latest measures, the alert, "open" and "acknowledged".
REPEAT = (
    "UPDATE relais_alert SET repeats = repeats + 1, last_checkin_id = {}, updated_at = {}, "
    "level = {}, reasons = {}, urgent = {}, measures = {} WHERE id = {} AND state IN ({}, {}) "
    "RETURNING id, state, acknowledged_at"
)

#: As ``REPEAT``, for a rise (amber to red): the alert is open again, no longer snoozed, and its
#: escalation starts again at the first step of the higher level. Takes ``REPEAT``'s values, then
#: the state, the step and the deadline before the alert and the states.
RAISE = (
    "UPDATE relais_alert SET repeats = repeats + 1, last_checkin_id = {}, updated_at = {}, "
    "level = {}, reasons = {}, urgent = {}, measures = {}, state = {}, escalation_step = {}, "
    "next_escalation_at = {}, snoozed_until = NULL WHERE id = {} AND state IN ({}, {}) "
    "RETURNING id, state, acknowledged_at"
)

#: The episode's timeline event for a repeat ("repeated" or "raised", the check-in's id in the
#: detail), written only while the alert is open. Takes the alert, now, the kind, the check-in,
#: then the alert, "open" and "acknowledged".
REPEAT_EVENT = (
    "INSERT INTO relais_alert_event (alert, at, kind, actor, detail) "
    "SELECT {}, {}, {}, NULL, {} WHERE EXISTS ("
    "SELECT 1 FROM relais_alert WHERE id = {} AND state IN ({}, {}))"
)
