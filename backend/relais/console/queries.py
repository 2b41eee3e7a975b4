"""The console's patient list in SQL: one team's active patients, with what sorts them by risk.

Hand-written SQL is allowed here because the read is measured: bench/console_scale.py (one team
following 2,000 patients, on PostgreSQL; target p99 < 100 ms for ``/api/teams/{id}/console``)
names what it costs. It runs ``PG_PATIENTS``; SQLite, which has no LATERAL, reads the same list
with ``SQLITE_PATIENTS`` and ``SQLITE_LAST`` (no bench runs the console on SQLite). Placeholders are
``{}`` (run with ``relais.db.fetch``, the path of ``relais.db.raw``).
"""

from __future__ import annotations

from relais.consent.queries import latest_decision


def _shared(p: str, t: str, c: str) -> str:
    """A check-in ``c`` of patient ``p`` the team ``t`` may see: not received after the patient
    stopped sharing with that team (its latest decision, when it is a withdrawal)."""
    latest = latest_decision(p, t, "tc.decision AS decision, tc.decided_at AS decided_at")
    return (
        f"NOT EXISTS (SELECT 1 FROM ({latest}) d"  # noqa: S608 (names, not values)
        f" WHERE d.decision = 'withdrawn' AND d.decided_at <= {c}.received_at)"
    )


# One row per active patient of the team: what the list shows, with their overdue items (still due,
# window ended: a partial index on due items by end of window) and, on PostgreSQL, the levels of
# their last two check-ins of the period that the team may see (one probe of the (patient,
# taken_at) index, by LATERAL; check-ins received after the patient stopped sharing are skipped).
_PATIENTS = (
    "SELECT p.id AS id, p.given_name AS given_name, p.family_name AS family_name,"
    " p.birth_date AS birth_date, p.gp_name AS gp_name, p.gp_phone AS gp_phone,"
    " p.plan_id AS plan_id, p.discharge_date AS discharge_date, p.day1 AS day1,"
    " p.timezone AS timezone, COALESCE(o.n, 0) AS overdue{last_columns}"
    " FROM relais_patient_team pt JOIN relais_patient p ON p.id = pt.patient"
    " LEFT JOIN (SELECT s.patient AS patient, COUNT(*) AS n FROM relais_schedule_item s"
    "  JOIN relais_patient_team t ON t.patient = s.patient"
    "  WHERE t.team = {{}} AND s.status = 'due' AND s.window_end < {{}}"
    "  GROUP BY s.patient) o ON o.patient = p.id{last_joins}"
    " WHERE pt.team = {{}} AND p.status = 'active'"
)
#: PostgreSQL: the list with each patient's last two levels of the period and the time of the last
#: (``levels``, ``last_at``). Takes the team, now, the start of the period, the team. Measured:
#: bench/console_scale.py.
PG_PATIENTS = _PATIENTS.format(
    last_columns=", l.levels AS levels, l.last_at AS last_at",
    last_joins=" LEFT JOIN LATERAL (SELECT array_agg(level ORDER BY taken_at DESC) AS levels,"  # noqa: S608 (constant)
    "  max(taken_at) AS last_at FROM (SELECT level, taken_at FROM relais_checkin c"
    "  WHERE c.patient = p.id AND c.taken_at >= {} AND "
    + _shared("p.id", "pt.team", "c")
    + " ORDER BY c.taken_at DESC LIMIT 2) two) l ON TRUE",
)
#: SQLite: the list without the last levels (``SQLITE_LAST`` reads them). Takes the team, now, the
#: team. Not measured (the SQLite form of ``PG_PATIENTS``).
SQLITE_PATIENTS = _PATIENTS.format(last_columns="", last_joins="")
#: SQLite has no LATERAL: the last two check-ins of each patient by ranking those of the period.
#: Takes the team and the start of the period. Not measured (as ``SQLITE_PATIENTS``).
SQLITE_LAST = (
    "SELECT patient, level, taken_at FROM ("  # noqa: S608 (constant)
    " SELECT c.patient AS patient, c.level AS level, c.taken_at AS taken_at,"
    " ROW_NUMBER() OVER (PARTITION BY c.patient ORDER BY c.taken_at DESC) AS rn"
    " FROM relais_checkin c"
    " JOIN relais_patient_team pt ON pt.patient = c.patient"
    " WHERE pt.team = {} AND c.taken_at >= {} AND "
    + _shared("c.patient", "pt.team", "c")
    + ") ranked WHERE rn <= 2 ORDER BY patient, taken_at DESC"
)
