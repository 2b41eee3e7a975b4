"""Previewing a threshold change: what the last 90 days would have looked like with it.

Each stored check-in of the period is triaged again by the one evaluator (``triage.evaluate``),
with its history as stored (the check-ins of the 30 days before it, with the levels they were
given), once with the thresholds in force today and once with the proposed change; the answer
counts the check-ins whose level would differ. Nothing is written but the audit of the read.

The shortcut, exact: a threshold enters the evaluator only as the bound of the comparisons tagged
with it (``override: red_lte`` on a vital sign, an answer or a score of the same key). A check-in
whose value of that key is missing, or on the same side of the old bound and of the new one for
each such comparison, gets the same answer with both, whatever else it holds: it is not triaged
again. The database picks the others (``queries.preview_scan``); ``tests/checkins/
test_threshold_preview.py`` holds the shortcut to the answer of replaying every check-in.
"""

from __future__ import annotations

import bisect
import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import msgspec

from relais.care.service import ADULT_AGE, age_years
from relais.checkins import queries
from relais.checkins.service import person_for
from relais.db import as_utc, as_uuid, is_postgres, raw
from relais.triage.engine import RANK, Checkin, HistoryEntry, Level, evaluate
from relais.triage.rules import OVERRIDE_TAG, Condition, Overrides, Rule, Ruleset

PERIOD_DAYS = 90
#: At most this many examples of check-ins that would be raised, and as many lowered.
EXAMPLES = 3

Scope = Literal["patient", "team"]
#: (kind of value, comparison, low bound, high bound): a value flips between the two bounds.
Flip = tuple[str, str, float, float]
#: A team default as read: (since, link id, team, key, params) of one of the patient's teams.
TeamRow = tuple[Any, int, uuid.UUID, str, dict[str, float]]

_vitals = msgspec.json.Decoder(dict[str, float | None])
_values = msgspec.json.Decoder(dict[str, Any])
_values_list = msgspec.json.Decoder(list[Any])


@dataclass
class Thresholds:
    """One patient's threshold rows: their teams' defaults and their own."""

    team_rows: list[TeamRow] = field(default_factory=list)
    links: dict[uuid.UUID, tuple[Any, int]] = field(default_factory=dict)
    own: dict[str, dict[str, float]] = field(default_factory=dict)

    def merged(self) -> dict[str, dict[str, float]]:
        """As ``queries.effective_thresholds``: the teams' defaults, the team that enrolled the
        patient first winning, then the patient's own, tag by tag."""
        rows = sorted(self.team_rows, key=lambda r: (r[0], r[1]), reverse=True)
        ordered = [(0, key, params, 0) for _, _, _, key, params in rows]
        ordered += [(0, key, params, 1) for key, params in self.own.items()]
        ranked = [(n, key, params, own) for n, (_, key, params, own) in enumerate(ordered)]
        return queries._merge(ranked).thresholds

    def with_own(self, key: str, params: dict[str, float]) -> Thresholds:
        """The patient's own threshold for ``key`` replaced (what saving it does)."""
        return Thresholds(self.team_rows, self.links, {**self.own, key: dict(params)})

    def with_team(self, team: uuid.UUID, key: str, params: dict[str, float]) -> Thresholds:
        """The team's default for ``key`` replaced or added (what saving it does)."""
        rows = [r for r in self.team_rows if not (r[2] == team and r[3] == key)]
        since, n = self.links[team]
        rows.append((since, n, team, key, dict(params)))
        return Thresholds(rows, self.links, self.own)


@dataclass(frozen=True)
class Stored:
    """A stored check-in, as the evaluator reads it."""

    id: uuid.UUID
    patient: uuid.UUID
    taken_at: dt.datetime
    answers: dict[str, Any]
    vitals: dict[str, float | None]
    scores: dict[str, float | None]


@dataclass(frozen=True)
class Change:
    checkin: Stored
    before: Level
    after: Level
    value: float | None


@dataclass
class Outcome:
    """What the replay found. ``evaluated``: check-ins the evaluator ran on (twice each)."""

    since: dt.datetime
    checkins: int = 0
    patients: list[uuid.UUID] = field(default_factory=list)
    evaluated: int = 0
    changes: list[Change] = field(default_factory=list)
    #: The patients of the changes, by id (their names, birth dates, time zones).
    persons: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        """{"added": {"red": n, "amber": n}, "removed": {...}}: a check-in raised to a level
        adds an alert of that level; one lowered removes the alert of the level it had."""
        out = {"added": {"red": 0, "amber": 0}, "removed": {"red": 0, "amber": 0}}
        for c in self.changes:
            if RANK[c.after] > RANK[c.before]:
                out["added"][c.after] += 1
            else:
                out["removed"][c.before] += 1
        return out

    def examples(self) -> list[Change]:
        """The latest few check-ins that would be raised, and the latest few lowered."""
        latest = sorted(self.changes, key=lambda c: c.checkin.taken_at, reverse=True)
        up = [c for c in latest if RANK[c.after] > RANK[c.before]][:EXAMPLES]
        down = [c for c in latest if RANK[c.after] < RANK[c.before]][:EXAMPLES]
        return sorted(up + down, key=lambda c: c.checkin.taken_at, reverse=True)

    def affected(self) -> int:
        return len({c.checkin.patient for c in self.changes})


# --- Pure: which check-ins can change ------------------------------------------------------------


def _tagged(cond: Condition) -> Iterable[tuple[str, str, Any]]:
    """(kind, key, comparison) of each comparison a threshold may replace."""
    for c in cond.walk():
        if c.vital is not None and c.vital.override:
            yield "vital", c.vital.name, c.vital
        if c.answer is not None and c.answer.override:
            yield "answer", c.answer.item, c.answer
        if c.score is not None and c.score.override:
            yield "score", c.score.questionnaire, c.score


def flips(
    rules: Sequence[Rule], key: str, before: dict[str, float], after: dict[str, float]
) -> list[Flip]:
    """Where a value of ``key`` is compared differently with the thresholds ``before`` and
    ``after`` (those of ``key``, by tag): for each comparison tagged for a tag whose bound moves,
    (kind, op, low, high). A value outside all of them gets the same comparisons with both."""
    out: set[Flip] = set()
    for rule in rules:
        for kind, name, cmp in _tagged(rule.when):
            if name != key:
                continue
            m = OVERRIDE_TAG.match(cmp.override)
            if m is None:
                continue
            op = m.group(1)
            own = getattr(cmp, op)
            old, new = before.get(cmp.override, own), after.get(cmp.override, own)
            if old is None or new is None or old == new:
                continue
            out.add((kind, op, float(min(old, new)), float(max(old, new))))
    return sorted(out)


def _number(value: Any) -> float | None:
    """A value as the evaluator compares it with a bound (``triage.engine._number``)."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return None if value != value else float(value)
    return None


def value_of(checkin: Stored, kind: str, key: str) -> float | None:
    source = {"vital": checkin.vitals, "answer": checkin.answers, "score": checkin.scores}[kind]
    return _number(source.get(key))


def may_change(checkin: Stored, key: str, found: Sequence[Flip]) -> bool:
    """Whether the check-in's value of ``key`` lies where one of the comparisons flips."""
    for kind, op, low, high in found:
        v = value_of(checkin, kind, key)
        if v is None:
            continue
        if op in ("lte", "gt") and low < v <= high:
            return True
        if op in ("lt", "gte") and low <= v < high:
            return True
    return False


def rules_for(ruleset: Ruleset, is_child: set[bool]) -> list[Rule]:
    """The rules that may apply to a person who is a child or an adult (both when their age
    crosses the line within the period)."""
    groups = {"any"} | {"child" if c else "adult" for c in is_child}
    return [r for r in ruleset.rules if r.applies_to.group in groups]


# --- Replaying ----------------------------------------------------------------------------------


def history_before(
    past: list[HistoryEntry], times: list[dt.datetime], at: dt.datetime
) -> list[HistoryEntry]:
    """What a check-in taken at ``at`` reads of the past (``queries.triage_inputs_read``): the
    check-ins of the ``HISTORY_DAYS`` before it, at most ``HISTORY_MAX``, newest first."""
    start = bisect.bisect_left(times, at - dt.timedelta(days=queries.HISTORY_DAYS))
    end = bisect.bisect_left(times, at)
    return past[max(start, end - queries.HISTORY_MAX) : end][::-1]


def replay(
    ruleset: Ruleset,
    checkins: Iterable[Stored],
    persons: dict[uuid.UUID, dict[str, Any]],
    histories: dict[uuid.UUID, tuple[list[HistoryEntry], list[dt.datetime]]],
    pasts: dict[uuid.UUID, list[HistoryEntry]],
    before: dict[uuid.UUID, Overrides],
    after: dict[uuid.UUID, Overrides],
    key: str,
) -> tuple[int, list[Change]]:
    """Triage each check-in with its patient's thresholds ``before`` and ``after``: (how many
    were evaluated, those whose level differs, with their value of ``key``). The history of a
    check-in is in ``pasts`` (by check-in, as read with it), else cut from its patient's in
    ``histories`` (oldest first, with their times)."""
    changes: list[Change] = []
    evaluated = 0
    for c in checkins:
        history = pasts.get(c.id)
        if history is None:
            past, times = histories.get(c.patient, ([], []))
            history = history_before(past, times, c.taken_at)
        person = person_for(persons[c.patient], c.taken_at)
        triaged = Checkin(answers=c.answers, vitals=c.vitals, scores=c.scores, taken_at=c.taken_at)
        was = evaluate(ruleset, person, triaged, history, c.taken_at, before[c.patient]).level
        now = evaluate(ruleset, person, triaged, history, c.taken_at, after[c.patient]).level
        evaluated += 1
        if was != now:
            value = next(
                (v for k in ("vital", "answer", "score") if (v := value_of(c, k, key)) is not None),
                None,
            )
            changes.append(Change(c, was, now, value))
    return evaluated, changes


# --- Reading ------------------------------------------------------------------------------------


def _ids(ids: Sequence[uuid.UUID]) -> Any:
    return list(ids) if is_postgres() else msgspec.json.encode([str(i) for i in ids]).decode()


def _json(value: Any, decoder: msgspec.json.Decoder[Any]) -> Any:
    if isinstance(value, str | bytes):
        return decoder.decode(value)
    return dict(value or {})


def _stored(r: dict[str, Any]) -> Stored:
    return Stored(
        id=as_uuid(r["id"]),
        patient=as_uuid(r["patient"]),
        taken_at=_time(r["taken_at"]),
        answers=_json(r["answers"], _values),
        vitals=_json(r["vitals"], _vitals),
        scores=_json(r["scores"], _vitals),
    )


def _time(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return as_utc(value)


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


async def _thresholds(scope: Scope, target: uuid.UUID) -> dict[uuid.UUID, Thresholds]:
    patients = queries.PREVIEW_PATIENTS[scope]
    out: dict[uuid.UUID, Thresholds] = {}
    team_sql = queries.PREVIEW_TEAM_THRESHOLDS.format(scope=patients)
    for r in await raw.rows(team_sql, True, target):
        th = out.setdefault(as_uuid(r["patient"]), Thresholds())
        team = as_uuid(r["team"])
        th.links[team] = (r["since"], int(r["n"]))
        if r["key"] is not None:
            params = _json(r["params"], _values)
            th.team_rows.append((r["since"], int(r["n"]), team, r["key"], params))
    own_sql = queries.PREVIEW_OWN_THRESHOLDS.format(scope=patients)
    for r in await raw.rows(own_sql, True, target):
        th = out.setdefault(as_uuid(r["patient"]), Thresholds())
        th.own[r["key"]] = {k: float(v) for k, v in _json(r["params"], _values).items()}
    return out


async def preview(
    ruleset: Ruleset,
    scope: Scope,
    target: uuid.UUID,
    key: str,
    params: dict[str, float],
    now: dt.datetime,
    until: dt.datetime | None = None,
    shortcut: bool = True,
) -> Outcome:
    """Replay the last ``PERIOD_DAYS`` of the patient's check-ins (``scope`` "patient",
    ``target`` the patient, ``until`` when they stopped sharing with the reader's teams), or of
    the team's active patients (``scope`` "team"), with the thresholds in force and with
    ``params`` for ``key`` (the patient's own, or the team's default). ``shortcut=False``
    triages every check-in of the period again (what the shortcut is held to)."""
    since = now - dt.timedelta(days=PERIOD_DAYS)
    period = (since, now)
    scope_args: tuple[Any, ...] = (
        (target, until or dt.datetime(9999, 1, 1, tzinfo=dt.UTC))
        if scope == "patient"
        else (target,)
    )
    outcome = Outcome(since=since)

    # The thresholds in force for each patient of the scope, and with the change.
    thresholds = await _thresholds(scope, target)
    before: dict[uuid.UUID, Overrides] = {}
    after: dict[uuid.UUID, Overrides] = {}
    # Each patient's flips, for the rules of their age group over the period (the group is the
    # one thing that keeps a comparison from ever being made for them).
    found: dict[uuid.UUID, list[Flip]] = {}
    known: dict[tuple[frozenset[bool], tuple[Any, ...], tuple[Any, ...]], list[Flip]] = {}
    persons: dict[uuid.UUID, dict[str, Any]] = {}
    people = queries.PREVIEW_PERSONS.format(scope=queries.PREVIEW_PATIENTS[scope])
    for r in await raw.rows(people, target):
        for col in ("birth_date", "day1", "discharge_date"):
            r[col] = _date(r[col])
        pid = as_uuid(r["id"])
        persons[pid] = r
        th = thresholds.get(pid, Thresholds())
        if scope == "patient":
            proposed = th.with_own(key, params)
        elif target in th.links:
            proposed = th.with_team(target, key, params)
        else:  # not of the team (any more): no default of it applies
            proposed = th
        before[pid] = Overrides(thresholds=th.merged())
        after[pid] = Overrides(thresholds=proposed.merged())
        groups = frozenset(age_years(r["birth_date"], d.date()) < ADULT_AGE for d in (since, now))
        old, new = before[pid].thresholds.get(key, {}), after[pid].thresholds.get(key, {})
        # Most patients share their thresholds: each combination is worked out once.
        same = (groups, tuple(sorted(old.items())), tuple(sorted(new.items())))
        if same not in known:
            known[same] = flips(rules_for(ruleset, set(groups)), key, old, new)
        found[pid] = known[same]

    # One pass over the period: each patient's count, and the check-ins that may flip.
    every = sorted({f for fs in found.values() for f in fs}) if shortcut else []
    sql, args = queries.preview_scan(scope, scope_args, period, key, every)
    scanned = await raw.rows(sql, *args)
    outcome.patients = [as_uuid(r["patient"]) for r in scanned]
    outcome.checkins = sum(int(r["n"]) for r in scanned)
    outcome.persons = {p: persons[p] for p in outcome.patients if p in persons}
    if shortcut:
        ids = [i for r in scanned for i in _json_list(r["ids"])]
    else:
        rows = await raw.rows(queries.preview_all(scope), *scope_args, *period)
        ids = [r["id"] for r in rows]
    if not ids:
        return outcome
    sql, args = queries.preview_candidates(scope, scope_args, _ids([as_uuid(i) for i in ids]))
    rows = await raw.rows(sql, *args)
    if shortcut:
        rows = [r for r in rows if may_change(_stored(r), key, found[as_uuid(r["patient"])])]
    candidates = [_stored(r) for r in rows]
    if not candidates:
        return outcome

    histories: dict[uuid.UUID, tuple[list[HistoryEntry], list[dt.datetime]]] = {}
    pasts: dict[uuid.UUID, list[HistoryEntry]] = {}
    if is_postgres():  # each candidate came with its history
        decode = queries._past_entries.decode
        pasts = {c.id: decode(r["past"]) for c, r in zip(candidates, rows, strict=True)}
    else:
        start = since - dt.timedelta(days=queries.HISTORY_DAYS)
        who = sorted({c.patient for c in candidates})
        for r in await raw.rows(queries.preview_history(scope), *scope_args, _ids(who), start, now):
            past, times = histories.setdefault(as_uuid(r["patient"]), ([], []))
            taken = _time(r["taken_at"])
            entry = HistoryEntry(
                taken_at=taken, vitals=_json(r["vitals"], _vitals), level=r["level"]
            )
            past.append(entry)
            times.append(taken)

    outcome.evaluated, outcome.changes = replay(
        ruleset, candidates, persons, histories, pasts, before, after, key
    )
    return outcome


def _json_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(_values_list.decode(value)) if isinstance(value, str | bytes) else list(value)


def display_name(person: dict[str, Any] | None) -> str:
    return f"{person['given_name']} {person['family_name']}".strip() if person else ""


def _engine() -> str:
    return "postgres" if is_postgres() else "sqlite"
