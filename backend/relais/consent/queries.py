"""Sharing with a team in SQL: which decision about a (patient, team) holds now.

The latest row of ``relais_team_consent`` wins, ties broken by id (``service.latest_decisions``
reads them in that order). The access check, the teams an alert goes to and the console list each
read it inside a statement of their own; they take it from here so that the rule is written once.
"""

from __future__ import annotations


def latest_decision(patient: str, team: str, columns: str = "tc.decision") -> str:
    """The SELECT of the latest sharing decision of ``patient`` about ``team`` (SQL expressions of
    the enclosing statement), its ``columns`` from ``tc``: one row, or none when nothing was ever
    decided (sharing as agreed at enrolment). Use it as a scalar subquery or a derived table."""
    return (
        f"SELECT {columns} FROM relais_team_consent tc "  # noqa: S608 (names, not values)
        f"WHERE tc.patient = {patient} AND tc.team = {team} "
        "ORDER BY tc.decided_at DESC, tc.id DESC LIMIT 1"
    )
