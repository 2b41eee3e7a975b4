"""The check-ins' reads and writes in SQL, on the path every check-in takes.

Hand-written SQL is allowed here because the path is measured: bench/checkin_ingest.py (the
ingest throughput and the last-30-days read with a million check-ins in the table) names what it
costs. The access check reads the triage inputs in the same statement (``triage_inputs_read``);
the write is one statement on PostgreSQL (``raw.together`` in service._store).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import msgspec

from relais.consent.queries import latest_decision
from relais.db import is_postgres, json_value, raw
from relais.triage.engine import HistoryEntry
from relais.triage.rules import Overrides

HISTORY_DAYS = 30
HISTORY_MAX = 60


@dataclass(frozen=True)
class EffectiveThresholds:
    """The thresholds that apply to one patient, tag by tag, and where each comes from."""

    thresholds: dict[str, dict[str, float]]
    #: {key: {tag: "patient" | "team"}}
    sources: dict[str, dict[str, str]]


# Team defaults of the patient's teams, then the patient's own thresholds, in the order they are
# applied (``rank``): a later row wins for its key and tag. Teams that enrolled the patient later
# come first, so the first team (the one alerts go to) wins among teams; the patient's own values
# win over all.
_THRESHOLD_ROWS = (
    'SELECT row_number() OVER (ORDER BY "own", "since" DESC, "n" DESC) AS "rank", "own", "key", '
    '"params" FROM ('
    'SELECT 0 AS "own", t.key AS "key", t.params AS "params", pt.created_at AS "since", '
    'pt.id AS "n" FROM relais_team_threshold t JOIN relais_patient_team pt ON pt.team = t.team '
    "WHERE pt.patient = {} AND t.active = {} "
    "UNION ALL "
    "SELECT 1, o.key, o.params, NULL, NULL FROM relais_threshold_override o "
    "WHERE o.patient = {} AND o.active = {}) u"
)
# What the evaluator reads of the past (vital signs and levels, never answers), newest first.
_PAST = (
    "SELECT taken_at, vitals, level FROM relais_checkin "
    "WHERE patient = {} AND taken_at >= {} AND taken_at < {} ORDER BY taken_at DESC LIMIT {}"
)
# Both of what a triage reads, in one round trip: each as one JSON text, decoded by msgspec (a
# check-in's 60 past entries as 60 driver rows cost more than the rest of the read). Composed of
# the constants above only.
_TRIAGE_INPUTS = {
    "postgres": (
        "SELECT (SELECT COALESCE(json_agg(json_build_object('taken_at', h.taken_at, "  # noqa: S608
        "'vitals', h.vitals, 'level', h.level)), "
        f"'[]') FROM ({_PAST}) h)::text AS past, "
        "(SELECT COALESCE(json_agg(json_build_array(t.rank, t.key, t.params, t.own)), '[]') "
        f"FROM ({_THRESHOLD_ROWS}) t)::text AS thresholds"
    ),
    "sqlite": (
        "SELECT (SELECT json_group_array(json_object('taken_at', h.taken_at, "  # noqa: S608
        "'vitals', json(h.vitals), 'level', h.level)) "
        f"FROM ({_PAST}) h) AS past, "
        "(SELECT json_group_array(json_array(t.rank, t.key, json(t.params), t.own)) "
        f"FROM ({_THRESHOLD_ROWS}) t) AS thresholds"
    ),
}
_past_entries = msgspec.json.Decoder(list[HistoryEntry])
_threshold_rows = msgspec.json.Decoder(list[tuple[int, str, dict[str, float], int]])


def _merge(rows: Sequence[tuple[int, str, dict[str, float], int]]) -> EffectiveThresholds:
    """Threshold rows (rank, key, {tag: value}, own) merged tag by tag, the highest rank last."""
    merged: dict[str, dict[str, float]] = {}
    sources: dict[str, dict[str, str]] = {}
    for _, key, params, own in sorted(rows, key=lambda r: r[0]):
        for tag, value in params.items():
            merged.setdefault(key, {})[tag] = float(value)
            sources.setdefault(key, {})[tag] = "patient" if own else "team"
    return EffectiveThresholds(thresholds=merged, sources=sources)


async def effective_thresholds(patient_id: uuid.UUID) -> EffectiveThresholds:
    """Per-patient threshold > team default > content rule, for each key and tag (one query)."""
    found = await raw.rows(_THRESHOLD_ROWS, patient_id, True, patient_id, True)
    return _merge([(r["rank"], r["key"], dict(json_value(r["params"])), r["own"]) for r in found])


@dataclass(frozen=True)
class TriageInputs:
    """What a triage reads from the database, as of ``at`` (the check-in's time taken)."""

    at: dt.datetime
    history: list[HistoryEntry]
    overrides: Overrides
    #: Whose each threshold of ``overrides`` is: {key: {tag: "team" | "patient"}}.
    sources: dict[str, dict[str, str]] = field(default_factory=dict)


def triage_inputs_read(patient_id: uuid.UUID, before: dt.datetime) -> tuple[str, tuple[Any, ...]]:
    """The statement (and its values) that reads what a triage needs: the patient's check-ins of
    the last ``HISTORY_DAYS`` taken before ``before`` (at most ``HISTORY_MAX``, newest first) and
    the thresholds that apply to them. One row, columns ``past`` and ``thresholds``."""
    sql = _TRIAGE_INPUTS["postgres" if is_postgres() else "sqlite"]
    since = before - dt.timedelta(days=HISTORY_DAYS)
    return sql, (patient_id, since, before, HISTORY_MAX, patient_id, True, patient_id, True)


def triage_inputs_of(row: dict[str, Any], before: dt.datetime) -> TriageInputs:
    """History and thresholds from the row of ``triage_inputs_read(..., before)``."""
    history = _past_entries.decode(row["past"])
    merged = _merge(_threshold_rows.decode(row["thresholds"]))
    return TriageInputs(before, history, Overrides(thresholds=merged.thresholds), merged.sources)


async def triage_inputs(patient_id: uuid.UUID, before: dt.datetime) -> TriageInputs:
    sql, args = triage_inputs_read(patient_id, before)
    found = await raw.first(sql, *args)
    assert found is not None
    return triage_inputs_of(found, before)


async def stored_checkin(checkin_id: uuid.UUID) -> dict[str, Any] | None:
    return await raw.first("SELECT * FROM relais_checkin WHERE id = {}", checkin_id)


INSERT_CHECKIN = (
    "INSERT INTO relais_checkin (id, patient, submitted_by, taken_at, received_at, answers, "
    "vitals, note, scores, level, fired, flags, client_level, content_version, body_hash, "
    "partial) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})"
)


# --- Previewing a threshold change (relais.checkins.preview) --------------------------------
# Measured: bench/threshold_preview.py (a team of 2,000 patients, 90 days of check-ins with vital
# signs, on PostgreSQL; target < 2 s for the whole preview). Placeholders are ``{}``. The scope of
# each statement is a patient (its values: the patient, the instant they stopped sharing with the
# reader's teams) or a team's active patients (its value: the team; each patient's check-ins
# received after they stopped sharing with that team are not read).

#: The team's active patients, with the instant each stopped sharing with the team (NULL: shares).
_TEAM_PATIENTS = (
    "SELECT pt.patient AS patient, (SELECT d.decided_at FROM ("  # noqa: S608 (names, not values)
    + latest_decision(
        "pt.patient", "pt.team", "tc.decision AS decision, tc.decided_at AS decided_at"
    )
    + ") d WHERE d.decision = 'withdrawn') AS cutoff FROM relais_patient_team pt"
    " JOIN relais_patient p ON p.id = pt.patient WHERE pt.team = {} AND p.status = 'active'"
)
#: Which check-ins ``c`` a preview may read, by scope: (what comes before the SELECT, what to
#: join, the condition). The team's patients are worked out once (MATERIALIZED), not per row.
PREVIEW_SCOPE = {
    "patient": ("", "", "c.patient = {} AND c.received_at < {}"),
    "team": (
        f"WITH s AS MATERIALIZED ({_TEAM_PATIENTS}) ",
        " JOIN s ON s.patient = c.patient",
        "(s.cutoff IS NULL OR c.received_at < s.cutoff)",
    ),
}
#: The patients of a scope (whose thresholds are read): takes the patient, or the team.
PREVIEW_PATIENTS = {
    "patient": "{}",
    "team": "SELECT pt.patient FROM relais_patient_team pt JOIN relais_patient p"
    " ON p.id = pt.patient WHERE pt.team = {} AND p.status = 'active'",
}


def _scoped(scope: str) -> str:
    _, join, where = PREVIEW_SCOPE[scope]
    return f"FROM relais_checkin c{join} WHERE {where}"


def _with(scope: str) -> str:
    return PREVIEW_SCOPE[scope][0]


#: A value of a JSON column of ``c``, read once per row (as JSON on PostgreSQL, as SQL on SQLite);
#: then as a number (true and false as 1 and 0, as the evaluator reads them), NULL when it is none.
_VALUE_AT = {
    "postgres": "c.{col} -> {{}}::text",
    "sqlite": "json_extract(c.{col}, {{}})",
}
_NUMBER_OF = {
    "postgres": "CASE json_typeof({t}) WHEN 'number' THEN ({t})::text::float8"
    " WHEN 'boolean' THEN CASE ({t})::text WHEN 'true' THEN 1.0 ELSE 0.0 END END",
    "sqlite": "CASE WHEN typeof({t}) IN ('integer', 'real') THEN {t} END",
}
_FLIP = {
    "lte": "(z.v{i} > {{}} AND z.v{i} <= {{}})",
    "gt": "(z.v{i} > {{}} AND z.v{i} <= {{}})",
    "lt": "(z.v{i} >= {{}} AND z.v{i} < {{}})",
    "gte": "(z.v{i} >= {{}} AND z.v{i} < {{}})",
}
_COLUMN = {"vital": "vitals", "answer": "answers", "score": "scores"}
_STORED = "c.id AS id, c.patient AS patient, c.taken_at AS taken_at, c.answers AS answers, c.vitals AS vitals, c.scores AS scores"  # noqa: E501


#: PostgreSQL: with each candidate, the history the evaluator reads for it (as ``_PAST``: the
#: check-ins of the ``HISTORY_DAYS`` before it, at most ``HISTORY_MAX``, in the scope), as one JSON
#: text that msgspec decodes (a candidate's 60 past entries as driver rows cost more than the rest).
_PAST_OF_CANDIDATE = (
    "(SELECT COALESCE(json_agg(json_build_object('taken_at', h.taken_at, 'vitals', h.vitals,"  # noqa: S608 (constant)
    " 'level', h.level)), '[]') FROM (SELECT h.taken_at, h.vitals, h.level FROM relais_checkin h"
    " WHERE h.patient = x.patient AND h.taken_at >= x.taken_at - interval '"
    + str(HISTORY_DAYS * 24)
    + " hours' AND h.taken_at < x.taken_at AND (x.cutoff IS NULL OR h.received_at < x.cutoff)"
    " ORDER BY h.taken_at DESC LIMIT " + str(HISTORY_MAX) + ") h)::text AS past"
)
#: The instant after which a scope's check-ins are not read (NULL: none), as ``cutoff``.
_CUTOFF = {"patient": "CAST({} AS timestamptz) AS cutoff", "team": "s.cutoff AS cutoff"}


def preview_scan(
    scope: str, scope_args: Sequence[Any], period: tuple[dt.datetime, dt.datetime], key: str,
    flips: Sequence[tuple[str, str, float, float]],
) -> tuple[str, list[Any]]:  # fmt: skip
    """The statement (and its values) that reads the check-ins of the period once: for each
    patient, how many (``n``) and the ids of those whose value of ``key`` may lie where a
    comparison changes its outcome (``ids``, a JSON array; NULL or empty: none). ``flips`` are
    (kind, op, low, high): a value ``v`` of that kind's column flips ``v <op> low`` against
    ``v <op> high``. Only these can be triaged differently (``relais.checkins.preview``)."""
    engine = "postgres" if is_postgres() else "sqlite"
    path = key if engine == "postgres" else f'$."{key}"'
    kinds = sorted({f[0] for f in flips})
    texts = [_VALUE_AT[engine].format(col=_COLUMN[k]) + f" AS t{i}" for i, k in enumerate(kinds)]
    numbers = [_NUMBER_OF[engine].format(t=f"y.t{i}") + f" AS v{i}" for i in range(len(kinds))]
    # The values in the order of their places: the team's (in WITH), the keys, the patient's (in
    # WHERE), the period, the flips.
    team = scope == "team"
    args: list[Any] = list(scope_args) if team else []
    args += [path] * len(kinds)
    args += [*([] if team else scope_args), *period]
    where = []
    for kind, op, low, high in flips:
        where.append(_FLIP[op].format(i=kinds.index(kind)))
        args += [low, high]
    agg = "json_agg(x.id)" if engine == "postgres" else "json_group_array(x.id)"
    # Each row is reduced to (id, patient, its values of the key as text), once (MATERIALIZED:
    # inlined, each use of a value would read the JSON again), then to whether it may flip.
    scan = (
        "y AS MATERIALIZED (SELECT c.id AS id, c.patient AS patient"  # noqa: S608 (composed of constants)
        + "".join(", " + t for t in texts)
        + " "
        + _scoped(scope)
        + " AND c.taken_at >= {} AND c.taken_at <= {}), "
        "x AS MATERIALIZED (SELECT z.id AS id, z.patient AS patient, ("
        + (" OR ".join(where) if where else "1 = 0")
        + ") AS hit FROM (SELECT y.id AS id, y.patient AS patient"
        + "".join(", " + n for n in numbers)
        + " FROM y) z)"
    )
    prefix = _with(scope)
    sql = (
        (prefix.rstrip() + ", " if prefix else "WITH ")  # noqa: S608 (composed of constants)
        + scan
        + " SELECT x.patient AS patient, COUNT(*) AS n, "
        + agg
        + " FILTER (WHERE x.hit) AS ids FROM x GROUP BY x.patient"
    )
    return sql, args


def preview_candidates(
    scope: str, scope_args: Sequence[Any], ids: Sequence[Any]
) -> tuple[str, list[Any]]:
    """The check-ins ``ids`` (an array on PostgreSQL, a JSON array on SQLite) as the evaluator
    reads them, in the scope. On PostgreSQL each comes with its history (``past``); on SQLite,
    ``preview_history`` reads it."""
    team = scope == "team"
    if is_postgres():
        args: list[Any] = list(scope_args) if team else [scope_args[1]]
        args += [*([] if team else scope_args), ids]
        scoped = _scoped(scope)
        sql = (
            _with(scope)  # noqa: S608 (composed of constants)
            + f"SELECT x.*, {_PAST_OF_CANDIDATE} FROM (SELECT {_STORED}, {_CUTOFF[scope]} "  # noqa: S608
            + scoped
            + " AND c.id = ANY({}::uuid[])) x ORDER BY x.patient, x.taken_at"
        )
        return sql, args
    sql = (
        _with(scope)  # noqa: S608 (composed of constants)
        + f"SELECT {_STORED} "
        + _scoped(scope)
        + " AND c.id IN (SELECT value FROM json_each({})) ORDER BY c.patient, c.taken_at"
    )
    return sql, [*scope_args, ids]


def preview_all(scope: str) -> str:
    """Every check-in of the period, with no shortcut: what ``preview_candidates`` must agree
    with (the property test). Takes the scope's values, then the period."""
    return (
        _with(scope)
        + f"SELECT {_STORED} "
        + _scoped(scope)
        + " AND c.taken_at >= {} AND c.taken_at <= {} ORDER BY c.patient, c.taken_at"
    )


def preview_history(scope: str) -> str:
    """The history the evaluator reads for check-ins of some patients (vital signs and levels,
    oldest first): takes the scope's values, the patients (an array on PostgreSQL, a JSON array on
    SQLite) and the period of the history."""
    among = (
        "c.patient = ANY({}::uuid[])"
        if is_postgres()
        else "c.patient IN (SELECT value FROM json_each({}))"
    )
    return (
        _with(scope) + "SELECT c.patient AS patient, c.taken_at AS taken_at, c.vitals AS vitals,"
        " c.level AS level "
        + _scoped(scope)
        + f" AND {among} AND c.taken_at >= {{}} AND c.taken_at < {{}}"
        " ORDER BY c.patient, c.taken_at"
    )


#: The team defaults in force for the patients of a scope, with each patient's link to each of
#: their teams (a link without defaults has a NULL key): takes True, the scope's patient or team.
PREVIEW_TEAM_THRESHOLDS = (
    "SELECT pt.patient AS patient, pt.team AS team, pt.created_at AS since, pt.id AS n,"
    " t.key AS key, t.params AS params FROM relais_patient_team pt"
    " LEFT JOIN relais_team_threshold t ON t.team = pt.team AND t.active = {{}}"
    " WHERE pt.patient IN ({scope})"
)
#: The patients' own thresholds: takes True, the scope's patient or team.
PREVIEW_OWN_THRESHOLDS = (
    "SELECT o.patient AS patient, o.key AS key, o.params AS params"
    " FROM relais_threshold_override o WHERE o.active = {{}} AND o.patient IN ({scope})"
)
#: The patients of a scope (their names, and what their age and illness day are worked out
#: from): takes the scope's patient or team.
PREVIEW_PERSONS = (
    "SELECT id, given_name, family_name, birth_date, timezone, day1, discharge_date"
    " FROM relais_patient WHERE id IN ({scope})"
)
