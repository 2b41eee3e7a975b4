"""The access check's SQL: the patient, its teams and the caller's part in them, in one statement.

Hand-written SQL is allowed here because every request about a patient starts with this read
(``policy.access_for``), so it is on every measured path that touches a patient:
bench/checkin_ingest.py (each check-in, with the triage inputs read in the same statement, and the
last-30-days read) and bench/console_scale.py (every call of a patient's page). Placeholders are
``{}`` (``relais.db.raw``).
"""

from __future__ import annotations

from relais.consent.queries import latest_decision

# The patient, one row per team it is attached to (one row with no team when none), whether the
# caller is a member of that team, whether any sharing decision was ever recorded, and whether the
# patient stopped sharing with that team (its latest decision; alerts skip such a team).
_PATIENT_SELECT = (
    'SELECT p.*, pt.team AS "_team", '  # noqa: S608 (constant)
    'EXISTS (SELECT 1 FROM relais_team_member tm WHERE tm.team = pt.team AND tm."user" = {}) '
    'AS "_mine", '
    'EXISTS (SELECT 1 FROM relais_team_consent tc WHERE tc.patient = p.id) AS "_decided", '
    f'({latest_decision("p.id", "pt.team")}) AS "_decision" '
)
_PATIENT_FROM = "FROM relais_patient p LEFT JOIN relais_patient_team pt ON pt.patient = p.id "
_PATIENT_WHERE = "WHERE p.id = {} ORDER BY pt.id"

#: The access check alone. Takes the caller, then the patient. Measured: bench/console_scale.py
#: (a patient's page), bench/checkin_ingest.py (the last-30-days read).
PATIENT_WITH_TEAMS = _PATIENT_SELECT + _PATIENT_FROM + _PATIENT_WHERE
#: The columns the access check adds to the patient's own.
OWN_COLUMNS = ("_team", "_mine", "_decided", "_decision")


def patient_with_teams_and(also_select: str) -> str:
    """The access check with a one-row SELECT (``Also.select``) read in the same statement, its
    columns on every row. Takes the caller, the SELECT's values, then the patient. Measured:
    bench/checkin_ingest.py (each check-in reads its triage inputs this way)."""
    return f"{_PATIENT_SELECT}, x.* {_PATIENT_FROM}CROSS JOIN ({also_select}) x {_PATIENT_WHERE}"


#: The caller's latest link to the patient, for a family member (or a patient acting for someone
#: else). Takes the patient, then the caller. No bench measures it: no bench signs in as family.
LATEST_PROXY_LINK = (
    'SELECT * FROM relais_proxy_link WHERE patient = {} AND "user" = {} ORDER BY id DESC LIMIT 1'
)
