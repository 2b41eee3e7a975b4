"""The messages inbox in SQL: the threads of a clinician's teams' patients, newest activity first,
each with its last message and what this clinician has not read; and the unread totals.

Hand-written SQL is allowed here because the read is measured: bench/inbox_scale.py (a clinician
whose team follows 2,000 patients, each with a thread, on PostgreSQL) names what it costs. One
statement per page whatever the number of patients: the patients of my teams (with, for each, the
instant after which none of my teams may read what they send: the latest withdrawal of sharing
when every team of mine stopped, ``consent.queries.latest_decision``), one probe of the
``(patient, created_at, id)`` index for each thread's last message (LATERAL on PostgreSQL), the
page by keyset on (last message time, its id), then the unread count of the page's threads only.
The same text runs on both engines but for the aggregate of team names and the probe of the last
message. Placeholders are ``{}`` (``relais.db.raw``).
"""

from __future__ import annotations

from functools import cache

from relais.consent.queries import latest_decision

#: Each team of mine following a patient, with the instant that team stopped being shared with
#: (NULL: it shares). Takes me (and the team, when ``one_team``).
_WITHDRAWN = "CASE WHEN tc.decision = 'withdrawn' THEN tc.decided_at END"
_PAIRS = (
    "SELECT pt.patient AS patient, t.name AS team_name, ("  # noqa: S608 (constant)
    + latest_decision("pt.patient", "pt.team", _WITHDRAWN)
    + ") AS withdrawn"
    " FROM relais_team_member tm"
    " JOIN relais_user u ON u.id = tm.\"user\" AND u.role = 'clinician'"
    " JOIN relais_patient_team pt ON pt.team = tm.team"
    " JOIN relais_team t ON t.id = tm.team"
    ' WHERE tm."user" = {}'
)

_TEAM_NAMES = {
    "postgres": "string_agg(pairs.team_name, ', ' ORDER BY pairs.team_name)",
    "sqlite": "group_concat(pairs.team_name, ', ')",
}


def _mine(engine: str, one_team: bool, named: bool) -> str:
    """``pairs`` and ``mine``: my teams' active patients, one row each, with their teams' names and
    ``cutoff`` (NULL when one of my teams still shares; else the latest withdrawal). ``named``:
    also filtered by a lowercase LIKE pattern on the name (given family given)."""
    pairs = _PAIRS + (" AND tm.team = {}" if one_team else "")
    name = (
        " AND lower(p.given_name || ' ' || p.family_name || ' ' || p.given_name) LIKE {} ESCAPE '!'"
        if named
        else ""
    )
    return (
        f"WITH pairs AS ({pairs}),"  # noqa: S608 (constant)
        " mine AS (SELECT p.id AS patient, p.given_name AS given_name,"
        " p.family_name AS family_name, p.timezone AS timezone,"
        f" {_TEAM_NAMES[engine]} AS teams,"
        " CASE WHEN SUM(CASE WHEN pairs.withdrawn IS NULL THEN 1 ELSE 0 END) > 0 THEN NULL"
        " ELSE MAX(pairs.withdrawn) END AS cutoff"
        " FROM pairs JOIN relais_patient p ON p.id = pairs.patient AND p.status = 'active'"
        f" WHERE 1 = 1{name}"
        " GROUP BY p.id, p.given_name, p.family_name, p.timezone)"
    )


# What this reader has read of a thread up to (``read.`` the patient's row alias), or the epoch.
_READ_UNTIL = (
    "COALESCE((SELECT MAX(r.read_until) FROM relais_message_read r"
    ' WHERE r.patient = {alias}.patient AND r."user" = {{}}), {{}})'
)


# The last message of each of ``mine``'s threads that I may read: on PostgreSQL one backward probe
# of the (patient, created_at, id) index per patient (LATERAL), its row at once; SQLite, which has
# no LATERAL, finds its id by the same probe, then the row by its key.
_LAST_COLUMNS = (
    "mine.patient AS patient, mine.given_name AS given_name, mine.family_name AS family_name,"
    " mine.timezone AS timezone, mine.teams AS teams, mine.cutoff AS cutoff,"
    " m.id AS last_id, m.created_at AS last_at, m.side AS side, m.author AS author,"
    " substr(m.body, 1, 200) AS excerpt"
)
_LAST_PROBE = (
    "FROM relais_message m WHERE m.patient = mine.patient"
    " AND (mine.cutoff IS NULL OR m.created_at < mine.cutoff)"
    " ORDER BY m.created_at DESC, m.id DESC LIMIT 1"
)
_LAST = {
    "postgres": (
        f"SELECT {_LAST_COLUMNS} FROM mine CROSS JOIN LATERAL"  # noqa: S608 (constant)
        f" (SELECT m.id, m.created_at, m.side, m.author, m.body {_LAST_PROBE}) m"
    ),
    "sqlite": (
        f"SELECT {_LAST_COLUMNS} FROM mine"  # noqa: S608 (constant)
        f" JOIN relais_message m ON m.id = (SELECT m.id {_LAST_PROBE})"
    ),
}


@cache
def threads_sql(engine: str, one_team: bool, named: bool, after: bool) -> str:
    """One page of threads. Takes me, [the team], [the name pattern], [the keyset: last time,
    last time, last id], the page size, me, me, the epoch. Measured: bench/inbox_scale.py."""
    keyset = " AND (m.created_at < {} OR (m.created_at = {} AND m.id < {}))" if after else ""
    unread_after = _READ_UNTIL.format(alias="page")
    return (
        _mine(engine, one_team, named)  # noqa: S608 (constant text; values go as placeholders)
        + f", page AS ({_LAST[engine]} WHERE 1 = 1{keyset}"  # noqa: S608
        " ORDER BY m.created_at DESC, m.id DESC LIMIT {})"
        " SELECT page.patient AS patient, page.given_name AS given_name,"
        " page.family_name AS family_name, page.timezone AS timezone, page.teams AS teams,"
        " page.last_id AS last_id, page.last_at AS last_at, page.side AS side,"
        " page.author AS author, COALESCE(a.display_name, '') AS author_name,"
        " page.excerpt AS excerpt,"
        " (SELECT COUNT(*) FROM relais_message n WHERE n.patient = page.patient"
        "  AND (page.cutoff IS NULL OR n.created_at < page.cutoff)"
        "  AND (n.author IS NULL OR n.author <> {})"
        f"  AND n.created_at > {unread_after}) AS unread"
        " FROM page LEFT JOIN relais_user a ON a.id = page.author"
        " ORDER BY page.last_at DESC, page.last_id DESC"
    )


@cache
def unread_sql(engine: str) -> str:
    """What waits for me across my teams: unread messages, the threads they are in, and the
    patients' notes nobody has read yet (since a day). Takes me, me, me, the epoch, the day.
    Measured: bench/inbox_scale.py."""
    read_until = _READ_UNTIL.format(alias="mine")
    return (
        _mine(engine, one_team=False, named=False)  # noqa: S608 (constant text, placeholders)
        + ", waiting AS (SELECT n.patient AS patient FROM mine"  # noqa: S608
        " JOIN relais_message n ON n.patient = mine.patient"
        " AND (mine.cutoff IS NULL OR n.created_at < mine.cutoff)"
        " AND (n.author IS NULL OR n.author <> {})"
        f" AND n.created_at > {read_until})"
        " SELECT (SELECT COUNT(*) FROM waiting) AS messages,"
        " (SELECT COUNT(DISTINCT patient) FROM waiting) AS threads,"
        " (SELECT COUNT(*) FROM mine JOIN relais_checkin c ON c.patient = mine.patient"
        "  WHERE c.note <> '' AND c.note_read_at IS NULL AND c.taken_at >= {}"
        "  AND (mine.cutoff IS NULL OR c.received_at < mine.cutoff)) AS notes"
    )
