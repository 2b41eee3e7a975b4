"""Previewing a threshold change before saving it: the last 90 days of check-ins triaged again with
the thresholds in force and with the change, for one patient or for a team's patients. What the
lead reads: how many check-ins would have been raised to red or amber, how many lowered, whose,
with the value measured; nothing is written but the audit of the read. Refused as saving is.

The shortcut (check-ins whose value cannot be compared differently are not triaged again) is held
to the answer of triaging every check-in: on the real rules with random check-ins, histories and
thresholds (no database), and through the database with random stored check-ins."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relais.alerts.tables import Alert
from relais.audit.tables import AuditEvent
from relais.checkins import preview as pv
from relais.checkins import queries
from relais.checkins.tables import Checkin, TeamThreshold, ThresholdOverride
from relais.db import raw
from relais.notify.tables import Outbox
from relais.triage.engine import Checkin as TriageCheckin
from relais.triage.engine import HistoryEntry, Person, evaluate
from relais.triage.rules import Overrides
from tests.helpers import make_user
from tests.triage.support import ruleset
from tests.world import World, world_fixture

GREEN_ANSWERS = {
    "da_confusion": 0, "da_shivering": 0, "da_no_urine": 0, "da_breathless_severe": 0,
    "da_might_die": 0, "da_skin": 0, "da_worse": 0, "da_fever": 0,
}  # fmt: skip
GREEN_VITALS = {"temperature": 36.8, "spo2": 97, "heart_rate": 72, "resp_rate": 14}
COPD = {"key": "spo2", "params": {"red_lte": 88, "amber_lte": 92}, "reason": "Known COPD"}


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


async def stored(
    pid: str, days_ago: float, level: str = "green", answers: Any = None, **vitals: Any
) -> uuid.UUID:
    """A check-in as the server stored it ``days_ago`` days ago (older than a phone may send)."""
    taken = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    cid = uuid.uuid4()
    await raw.rows(
        queries.INSERT_CHECKIN,
        cid, uuid.UUID(pid), None, taken, taken,
        raw.dumps(GREEN_ANSWERS if answers is None else answers),
        raw.dumps({**GREEN_VITALS, **vitals}), "", "{}", level, "[]", "[]", "", "test", "x",
        False,
    )  # fmt: skip
    return cid


async def table_counts() -> dict[str, int]:
    return {
        t._meta.tablename: await t.count()
        for t in (Checkin, Alert, Outbox, ThresholdOverride, TeamThreshold)
    }


async def test_patient_preview_counts_what_a_change_removes_and_adds(world: World) -> None:
    pid = world.ids["patient"]
    lead = world["clin_a"]
    await stored(pid, 80, "red", spo2=90)  # red at <= 91
    await stored(pid, 40, "amber", spo2=93)  # amber at <= 95
    await stored(pid, 20, spo2=97)
    await stored(pid, 2, "amber", spo2=94)
    await stored(pid, 120, "red", spo2=85)  # before the 90 days: not replayed
    before = await table_counts()

    # A lower target for a person with COPD: the red at 90 becomes amber, 93 and 94 green.
    resp = await lead.post(f"/api/patients/{pid}/thresholds/preview", json=COPD)
    assert resp.status_code == 200, resp.text
    out = resp.json()
    assert out["days"] == 90 and out["checkins"] == 4 and out["patients"] == 1
    assert out["removed"] == {"red": 1, "amber": 2} and out["added"] == {"red": 0, "amber": 0}
    assert out["patients_affected"] == 1
    seen = [(e["before"], e["after"], e["value"]) for e in out["examples"]]
    assert seen == [("amber", "green", 94), ("amber", "green", 93), ("red", "amber", 90)]
    assert all(e["patient_name"] == "" for e in out["examples"])  # one patient's page

    # A stricter one adds: 93 and 94 become red, 90 stays red.
    stricter = {**COPD, "params": {"red_lte": 94}}
    out = (await lead.post(f"/api/patients/{pid}/thresholds/preview", json=stricter)).json()
    assert out["added"] == {"red": 2, "amber": 0} and out["removed"] == {"red": 0, "amber": 0}
    assert [e["after"] for e in out["examples"]] == ["red", "red"]

    # Nothing saved, nothing alerted: only the reads are audited.
    assert await table_counts() == before
    assert (await lead.get(f"/api/patients/{pid}/thresholds")).json() == []
    audit = await AuditEvent.select(AuditEvent.action, AuditEvent.patient_id).where(
        AuditEvent.action == "threshold.preview"
    )
    assert [str(a["patient_id"]) for a in audit] == [pid, pid]

    # Saving stays its own step, and the preview then replays with it in force.
    saved = await lead.put(f"/api/patients/{pid}/thresholds", json=COPD)
    assert saved.status_code == 200, saved.text
    out = (await lead.post(f"/api/patients/{pid}/thresholds/preview", json=COPD)).json()
    assert out["added"] == out["removed"] == {"red": 0, "amber": 0} and out["examples"] == []


async def test_team_preview_names_the_patients_and_follows_their_own_thresholds(
    world: World, make_client: Any
) -> None:
    team, pid, qid = world.ids["team_a"], world.ids["patient"], world.ids["other_patient"]
    lead = world["clin_a"]
    await stored(pid, 30, "amber", spo2=93)
    await stored(pid, 10, "red", spo2=91)
    await stored(qid, 10, "amber", spo2=93)  # team B's patient: not read
    before = await table_counts()

    resp = await lead.post(f"/api/teams/{team}/thresholds/preview", json=COPD)
    assert resp.status_code == 200, resp.text
    out = resp.json()
    assert out["checkins"] == 2 and out["patients"] == 1 and out["patients_affected"] == 1
    assert out["removed"] == {"red": 1, "amber": 1}
    assert [(e["patient_name"], e["value"]) for e in out["examples"]] == [
        ("Jean Dupont", 91),
        ("Jean Dupont", 93),
    ]
    assert out["examples"][0]["patient_id"] == pid
    audit = await AuditEvent.select(AuditEvent.patient_id, AuditEvent.record_id).where(
        AuditEvent.action == "team.threshold_preview"
    )
    assert [(str(a["patient_id"]), a["record_id"]) for a in audit] == [(pid, team)]

    # The patient's own red limit wins over the team's: only the amber one would move.
    own = {"key": "spo2", "params": {"red_lte": 91}, "reason": "Own target"}
    assert (await lead.put(f"/api/patients/{pid}/thresholds", json=own)).status_code == 200
    out = (await lead.post(f"/api/teams/{team}/thresholds/preview", json=COPD)).json()
    assert out["removed"] == {"red": 0, "amber": 1}

    # An administrator may save a team default, so may preview it: the counts, no one's values.
    admin = world["admin"]
    out = (await admin.post(f"/api/teams/{team}/thresholds/preview", json=COPD)).json()
    assert out["removed"] == {"red": 0, "amber": 1}
    assert out["examples"] == [] and out["examples_hidden"] is True
    assert await table_counts() == {**before, "relais_threshold_override": 1}


async def test_no_checkins_in_the_period(world: World) -> None:
    pid, team = world.ids["patient"], world.ids["team_a"]
    await stored(pid, 95, "red", spo2=90)
    for url in (f"/api/patients/{pid}/thresholds/preview", f"/api/teams/{team}/thresholds/preview"):
        resp = await world["clin_a"].post(url, json=COPD)
        assert resp.status_code == 200, resp.text
        out = resp.json()
        assert out["checkins"] == 0 and out["evaluated"] == 0 and out["examples"] == []
        assert out["added"] == out["removed"] == {"red": 0, "amber": 0}


async def test_refused_as_saving_is(world: World, make_client: Any) -> None:
    pid, team = world.ids["patient"], world.ids["team_a"]
    await stored(pid, 5, "amber", spo2=93)
    urls = {
        "patient": f"/api/patients/{pid}/thresholds",
        "team": f"/api/teams/{team}/thresholds",
    }
    for url in urls.values():
        for body in (
            {**COPD, "params": {"red_lte": 93, "amber_lte": 92}},  # red above amber
            {**COPD, "key": "shoe_size"},
            {**COPD, "params": {"red_gte": 100}},  # no such limit for SpO2
        ):
            saving = await world["clin_a"].put(url, json=body)
            resp = await world["clin_a"].post(f"{url}/preview", json=body)
            assert resp.status_code == saving.status_code == 400, resp.text
            assert resp.json()["code"] == saving.json()["code"] == "invalid-threshold"
            assert resp.json()["errors"] == saving.json()["errors"]
            assert resp.json()["errors"][0]["field"] == "params"
        missing = await world["clin_a"].post(f"{url}/preview", json={"key": "spo2"})
        assert missing.status_code == 400

    # A clinician of another team: as if neither the patient nor the team existed.
    for url in urls.values():
        resp = await world["clin_b"].post(f"{url}/preview", json=COPD)
        assert resp.status_code == 404, resp.text
        assert "Dupont" not in resp.text
    # The patient and their family may not.
    for who in ("patient", "proxy"):
        resp = await world[who].post(f"{urls['patient']}/preview", json=COPD)
        assert resp.status_code in (403, 404)
    # A member of the team who is not its lead may preview the patient's, not the team's.
    await make_user(world.app, "clinician", "member.a@w.test", name="Marc Membre")
    added = await world["clin_a"].post(
        f"/api/teams/{team}/members", json={"email": "member.a@w.test", "role": "gp"}
    )
    assert added.status_code == 201, added.text
    async with make_client() as member:
        await member.login_ok("member.a@w.test")
        resp = await member.post(f"{urls['team']}/preview", json=COPD)
        assert resp.status_code == 403 and resp.json()["code"] == "not-team-lead"
        assert (await member.post(f"{urls['patient']}/preview", json=COPD)).status_code == 200
    denied = await AuditEvent.count().where(AuditEvent.action == "team.denied")
    assert denied >= 2


# --- The shortcut gives the answer of replaying everything -------------------------------------

NOW = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
KEYS = {
    "spo2": ("vital", ["red_lte", "amber_lte"], (80, 100)),
    "heart_rate": ("vital", ["red_gte", "amber_gt", "red_lte", "amber_gte"], (30, 180)),
    "resp_rate": ("vital", ["red_gte", "amber_gte", "red_lte"], (5, 40)),
    "temperature": ("vital", ["amber_gt", "red_lte", "amber_lt"], (34, 41)),
    "da_pain": ("answer", ["amber_gte"], (0, 10)),
    "phq9": ("score", ["amber_gte"], (0, 27)),
}


def values(lo: float, hi: float) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.integers(int(lo), int(hi)),
        st.floats(lo, hi).map(lambda x: round(x, 1)),
    )


@st.composite
def stored_checkins(draw: st.DrawFn, pid: uuid.UUID, n: int) -> list[pv.Stored]:
    out = []
    for _ in range(n):
        vitals = {
            k: draw(values(*KEYS[k][2]))
            for k in ("spo2", "heart_rate", "resp_rate", "temperature")
            if draw(st.booleans())
        }
        pain = draw(st.one_of(st.none(), st.integers(0, 10), st.just("a lot")))
        out.append(
            pv.Stored(
                id=uuid.uuid4(),
                patient=pid,
                taken_at=NOW - dt.timedelta(hours=draw(st.integers(0, 24 * 40))),
                answers={
                    **GREEN_ANSWERS,
                    "da_pain": pain,
                    "da_worse": draw(st.sampled_from([0, 1])),
                },
                vitals=vitals,
                scores={"phq9": draw(values(0, 27))},
            )
        )
    return out


@st.composite
def proposals(draw: st.DrawFn) -> tuple[str, dict[str, float], dict[str, float]]:
    key = draw(st.sampled_from(sorted(KEYS)))
    _, tags, (lo, hi) = KEYS[key]
    bound = st.integers(int(lo), int(hi)).map(float)
    old = draw(st.dictionaries(st.sampled_from(tags), bound, max_size=len(tags)))
    new = draw(st.dictionaries(st.sampled_from(tags), bound, min_size=1, max_size=len(tags)))
    return key, old, new


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    proposal=proposals(),
    child=st.booleans(),
    other=st.sampled_from([{}, {"resp_rate": {"red_gte": 22}}, {"spo2": {"red_lte": 85}}]),
)
def test_a_checkin_the_shortcut_skips_gets_the_same_answer(
    data: st.DataObject,
    proposal: tuple[str, dict[str, float], dict[str, float]],
    child: bool,
    other: dict[str, dict[str, float]],
) -> None:
    """Pure: on the real rules, a check-in outside every flip of the change is triaged alike
    with the thresholds before and after (level, rules fired, urgency)."""
    key, old, new = proposal
    pid = uuid.uuid4()
    checkins = data.draw(stored_checkins(pid, 6))
    history = [
        HistoryEntry(taken_at=c.taken_at - dt.timedelta(days=1), vitals=c.vitals, level=lvl)
        for c, lvl in zip(
            checkins,
            data.draw(st.lists(st.sampled_from(["green", "amber", "red"]), min_size=6, max_size=6)),
            strict=True,
        )
    ]
    person = Person(
        is_child=child, age_months=60 if child else 700, day=data.draw(st.integers(1, 15))
    )
    before = Overrides(thresholds={**other, key: old} if old else dict(other))
    after = Overrides(thresholds={**other, key: {**before.thresholds.get(key, {}), **new}})
    found = pv.flips(
        pv.rules_for(ruleset(), {child}), key, before.thresholds.get(key, {}), after.thresholds[key]
    )
    for c in checkins:
        if pv.may_change(c, key, found):
            continue
        triaged = TriageCheckin(
            answers=c.answers, vitals=c.vitals, scores=c.scores, taken_at=c.taken_at
        )
        was = evaluate(ruleset(), person, triaged, history, c.taken_at, before)
        now = evaluate(ruleset(), person, triaged, history, c.taken_at, after)
        assert was == now, (key, old, new, c)


async def test_the_shortcut_through_the_database_agrees_with_replaying_everything(
    world: World,
) -> None:
    """Random stored check-ins (values on and around the limits, missing, text), random changes:
    the preview reads and triages the same changes as triaging every check-in of the period."""
    import random

    team, pid = world.ids["team_a"], world.ids["patient"]
    child = await world["clin_a"].post(
        "/api/patients",
        json={
            "given_name": "Léo", "family_name": "Petit", "birth_date": "2019-05-02",
            "sex_at_birth": "male", "locale": "fr", "timezone": "Europe/Paris",
            "phone": "+33 6 00 00 00 02", "discharge_date": dt.date.today().isoformat(),
            "plan_id": "child_post_sepsis", "team_ids": [team],
        },
    )  # fmt: skip
    assert child.status_code == 201, child.text
    patients = [pid, child.json()["id"]]
    rules = ruleset()
    rng = random.Random(2026)
    checked = changed = 0
    for _ in range(25):
        key = rng.choice(sorted(KEYS))
        kind, tags, (lo, hi) = KEYS[key]
        params = {
            t: float(rng.randint(int(lo), int(hi)))
            for t in rng.sample(tags, rng.randint(1, len(tags)))
        }
        if rng.random() < 0.5:  # a default already in force, that the change replaces
            in_force = {rng.choice(tags): float(rng.randint(int(lo), int(hi)))}
            await raw.rows(
                "INSERT INTO relais_team_threshold (team, key, params, reason, set_by, set_at,"
                " active) VALUES ({}, {}, {}, 'x', {}, {}, {})",
                uuid.UUID(team), key, raw.dumps(in_force),
                uuid.UUID(world.ids["clin.a@w.test"]), dt.datetime.now(dt.UTC), True,
            )  # fmt: skip
        for p in patients:
            for _ in range(rng.randint(0, 12)):
                near = rng.choice([lo, hi, (lo + hi) / 2, *params.values()])
                value: Any = rng.choice(
                    [None, near, near + 0.5, near - 1, round(rng.uniform(lo, hi), 1)]
                )
                vitals = {"spo2": rng.randint(85, 99), "resp_rate": rng.randint(10, 30)}
                answers: dict[str, Any] = dict(GREEN_ANSWERS)
                scores = {}
                if kind == "vital":
                    vitals[key] = value
                elif kind == "answer":
                    answers[key] = rng.choice([value, "text"]) if value is not None else None
                else:
                    scores[key] = value
                taken = rng.uniform(0, 100)
                cid = await stored(
                    p, taken, rng.choice(["green", "amber", "red"]), answers, **vitals
                )
                if scores:
                    await Checkin.update({Checkin.scores: scores}).where(Checkin.id == cid)
        now = dt.datetime.now(dt.UTC)
        for scope, target in (("patient", pid), ("team", team)):
            fast = await pv.preview(rules, scope, uuid.UUID(target), key, params, now)  # type: ignore[arg-type]
            full = await pv.preview(
                rules, scope, uuid.UUID(target), key, params, now, shortcut=False
            )  # type: ignore[arg-type]
            assert fast.checkins == full.checkins == full.evaluated
            assert fast.evaluated <= full.evaluated
            assert [(c.checkin.id, c.before, c.after) for c in fast.changes] == [
                (c.checkin.id, c.before, c.after) for c in full.changes
            ], (key, params)
            checked += full.evaluated
            changed += len(full.changes)
        await Checkin.delete(force=True)
        await TeamThreshold.delete(force=True)
    assert checked > 200 and changed > 10  # the cases were not all empty
