"""The outbox's hand-written SQL: its rows written with the alert that causes them.

Hand-written SQL is allowed here because the path is measured: an alert's notification rows
(``outbox_insert``) go in the statement of the check-in that opens it, measured by
bench/alert_latency.py (every check-in red, from the answer to the push) and by
bench/checkin_ingest.py (one check-in in ten). Two statements of ``enqueue`` (acknowledging an
alert, escalating it, messages, reminders) are here as well, though no bench measures them.
Placeholders are ``{}`` (``relais.db.raw``).
"""

from __future__ import annotations

#: PostgreSQL channel the workers LISTEN on; NOTIFY is delivered at commit, in every process.
PG_CHANNEL = "relais_outbox"

#: PostgreSQL: wakes the workers of every process when the transaction commits
#: (``outbox.notify_workers``). No bench measures it: the alerts a check-in opens wake the workers
#: in their own statement (alerts.queries.NOTIFY_OPENED).
NOTIFY_WORKERS = f"SELECT pg_notify('{PG_CHANNEL}', '')"

OUTBOX_COLUMNS = (
    '"user", kind, channel, ref_id, urgency, topic, dedup_key, created_at, state, claimed_by, '
    "attempts, next_attempt_at, last_error"
)
OUTBOX_WIDTH = 13  # values per row


def outbox_insert_sql(rows: int) -> str:
    """The INSERT of ``rows`` outbox rows, ``OUTBOX_WIDTH`` values each in ``OUTBOX_COLUMNS``'
    order (``outbox.outbox_insert``). Measured: bench/alert_latency.py, bench/checkin_ingest.py."""
    row = "(" + ", ".join(["{}"] * OUTBOX_WIDTH) + ")"
    marks = ", ".join([row] * rows)
    return f"INSERT INTO relais_outbox ({OUTBOX_COLUMNS}) VALUES {marks}"  # noqa: S608 (placeholders only)


def users_with_push_sql(count: int) -> str:
    """Which of ``count`` accounts have a device to push to (``outbox.users_with_push``: each
    ``enqueue``, reminders). No bench measures it: opening an alert reads it with the team
    (alerts.queries.OPENING)."""
    marks = ", ".join("{}" for _ in range(count))
    return f'SELECT DISTINCT "user" FROM relais_push_subscription WHERE "user" IN ({marks})'  # noqa: S608 (placeholders only)


#: The order in which workers claim what is due (``outbox.claim``): new red alerts (urgency high,
#: never tried), then every other new notification, then retries; oldest first within each.
#: Measured: bench/alert_latency.py (the hung-neighbour case).
CLAIM_ORDER = (
    "CASE WHEN attempts = 0 AND urgency = 'high' THEN 0 WHEN attempts = 0 THEN 1 ELSE 2 END"
)

#: A push service answers again (``outbox.release_for_host``): its waiting notifications are due
#: now. Takes now, "pending", "push" and the LIKE pattern of the host's endpoints (``\`` escapes).
#: No bench measures it; tests/ops/test_push_isolation.py times the recovery it brings.
RELEASE_FOR_HOST = (
    "UPDATE relais_outbox SET next_attempt_at = {} WHERE state = {} AND channel = {} "
    'AND "user" IN (SELECT s."user" FROM relais_push_subscription s '
    "WHERE s.endpoint LIKE {} ESCAPE '\\') RETURNING id"
)
