"""The phone and the server agree on random check-ins, not only on the hand-written vectors.

Random inputs (fixed seed) are evaluated here, then by the TypeScript evaluator through vitest
(pwa/tests/triage/parity.test.ts), which must give the same level, fired ids, flags and urgency.
Skipped when the PWA's node_modules are not installed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.triage.support import CONTENT, ruleset, run_vector, vitals

PWA = CONTENT.parent / "pwa"
ITEMS_01 = [
    "da_confusion", "da_shivering", "da_no_urine", "da_breathless_severe", "da_might_die",
    "da_skin", "da_worse", "da_breathless_new", "da_fever", "da_wound", "da_fluids",
    "dc_fast_breathing", "dc_grunting", "dc_fit", "dc_skin", "dc_rash", "dc_drowsy", "dc_cold",
    "dc_no_response", "dc_neck", "dc_less_active", "dc_nostrils", "dc_not_feeding",
    "dc_no_urine", "dc_vomiting", "dc_fever", "dc_limb", "dc_worse",
]  # fmt: skip
PICKER_ITEMS = sorted(
    c.answer.item
    for rule in ruleset().rules
    for c in rule.when.walk()
    if c.answer is not None and c.answer.item.startswith(("sa_", "sc_"))
)
OVERRIDES: list[dict[str, Any] | None] = [
    None,
    {"thresholds": {"spo2": {"red_lte": 85, "amber_lte": 88}}},
    {"thresholds": {"heart_rate": {"amber_gt": 170}}, "baselines": {"spo2": 94}},
    {"thresholds": {"da_pain": {"amber_gte": 9}, "phq9": {"amber_gte": 22}}},
]


def _vital(rng: random.Random, name: str) -> float | None:
    d = vitals().by_name()[name]
    if rng.random() < 0.2:
        return None
    if name == "temperature":
        return round(rng.uniform(34.0, 41.0), rng.choice([1, 2]))
    lo, hi = d.min, d.max
    return (
        float(rng.randint(int(lo), int(hi))) if name != "weight" else round(rng.uniform(lo, hi), 2)
    )


def _case(rng: random.Random, i: int) -> dict[str, Any]:
    import datetime

    def iso(minutes_ago: int) -> str:
        t = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)
        return (t - datetime.timedelta(minutes=minutes_ago)).isoformat().replace("+00:00", "Z")

    is_child = rng.random() < 0.5
    age = (
        None
        if rng.random() < 0.1
        else (rng.randint(0, 215) if is_child else rng.randint(192, 1100))
    )
    person: dict[str, Any] = {"is_child": is_child, "age_months": age}
    if rng.random() < 0.7:
        person["day"] = rng.randint(1, 20)
    if rng.random() < 0.3:
        person["utc_offset_minutes"] = rng.choice([-300, 0, 60, 120])
    if rng.random() < 0.3:
        person["followed_since"] = iso(rng.randint(0, 4000))
    names = ["temperature", "spo2", "heart_rate", "resp_rate", "systolic_bp", "diastolic_bp"]
    vit = {n: _vital(rng, n) for n in names if rng.random() < 0.7}
    answers: dict[str, Any] = {k: rng.choice([0, 1, None]) for k in rng.sample(ITEMS_01, 5)}
    # Symptoms ticked in the picker ("anything new today?"), of either group.
    if rng.random() < 0.4:
        answers.update({k: 1 for k in rng.sample(PICKER_ITEMS, rng.randint(1, 3))})
    if rng.random() < 0.3:
        answers["phq9_9"] = rng.choice([0, 1, 2, 3, None, True])
    if rng.random() < 0.3:
        answers["da_pain"] = rng.randint(0, 10)
    if rng.random() < 0.2:
        answers["da_consciousness"] = rng.randint(0, 4)
    if rng.random() < 0.2:
        answers["dc_fever_days"] = rng.randint(0, 10)
    scores = {q: rng.randint(0, hi) for q, hi in (("phq9", 27), ("gad7", 21), ("pcl5", 80))
              if rng.random() < 0.2}  # fmt: skip
    history = [
        {
            "taken_at": iso(rng.randint(-120, 6 * 24 * 60)),
            "vitals": {"resp_rate": _vital(rng, "resp_rate"), "spo2": _vital(rng, "spo2")},
            "level": rng.choice(["green", "amber", "amber", "red"]),
        }
        for _ in range(rng.randint(0, 6))
    ]
    checkin: dict[str, Any] = {"vitals": vit, "answers": answers, "scores": scores}
    if rng.random() < 0.2:
        checkin["taken_at"] = iso(rng.randint(0, 600))
    case: dict[str, Any] = {
        "id": f"random_{i}",
        "description": "random",
        "person": person,
        "checkin": checkin,
        "history": history,
        "missed": rng.random() < 0.1,
    }
    ov = rng.choice(OVERRIDES)
    if ov is not None:
        case["overrides"] = ov
    return case


@pytest.mark.skipif(
    not (PWA / "node_modules" / ".bin" / "vitest").exists() or shutil.which("node") is None,
    reason="the PWA's node_modules are not installed",
)
def test_typescript_evaluator_agrees_on_random_checkins(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    cases = []
    for i in range(1500):
        case = _case(rng, i)
        result = run_vector(case)
        case["expect"] = {
            "level": result.level,
            "fired": sorted(f.id for f in result.fired),
            "flags": result.flags,
            "urgent": result.urgent,
        }
        cases.append(case)
    levels = {c["expect"]["level"] for c in cases}
    assert levels == {"green", "amber", "red"}
    path = tmp_path / "parity.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    proc = subprocess.run(
        [str(PWA / "node_modules" / ".bin" / "vitest"), "run", "tests/triage/parity.test.ts"],
        cwd=PWA,
        env={**os.environ, "RELAIS_PARITY_FILE": str(path), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "1 passed" in proc.stdout, proc.stdout[-2000:]
