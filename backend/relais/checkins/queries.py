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
