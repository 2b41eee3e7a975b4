"""Write the shared triage vectors (content/rules/vectors/*.yaml) from the tables below.

Every expected result in these tables was written by hand from the rules' clinical meaning
(which bands a value falls in, which points it scores); this script never runs the evaluator.
Run it after changing a table: `.venv/bin/python tests/triage/make_vectors.py`, then review the
diff and run the tests. The YAML it writes is the data both evaluators are tested against.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

OUT = Path(__file__).resolve().parents[2] / "content" / "rules" / "vectors"
NOW = "2026-11-23T12:00:00Z"

ADULT = {"is_child": False, "age_months": 480}  # 40 years: no HAS age point
OLD = {"is_child": False, "age_months": 840}  # 70 years: one HAS age point


def child(months: int | None, **extra: Any) -> dict[str, Any]:
    return {"is_child": True, "age_months": months, **extra}


def adult(**extra: Any) -> dict[str, Any]:
    return {**ADULT, **extra}


def vec(
    vid: str,
    description: str,
    person: dict[str, Any],
    level: str,
    fired: list[str],
    *,
    vitals: dict[str, Any] | None = None,
    answers: dict[str, Any] | None = None,
    scores: dict[str, Any] | None = None,
    taken_at: str | None = None,
    history: list[dict[str, Any]] | None = None,
    overrides: dict[str, Any] | None = None,
    now: str | None = None,
    missed: bool = False,
    flags: list[str] | None = None,
    urgent: bool | None = None,
) -> dict[str, Any]:
    checkin: dict[str, Any] = {
        "answers": answers or {},
        "vitals": vitals or {},
        "scores": scores or {},
    }
    if taken_at is not None:
        checkin["taken_at"] = taken_at
    v: dict[str, Any] = {
        "id": vid,
        "description": description,
        "person": person,
        "checkin": checkin,
        "history": history or [],
    }
    if overrides is not None:
        v["overrides"] = overrides
    if now is not None:
        v["now"] = now
    if missed:
        v["missed"] = True
    expect: dict[str, Any] = {"level": level, "fired": sorted(fired)}
    if flags is not None:
        expect["flags"] = flags
    if urgent is not None:
        expect["urgent"] = urgent
    v["expect"] = expect
    return v


def level_of(fired: list[str], red: set[str]) -> str:
    if any(f in red for f in fired):
        return "red"
    return "amber" if fired else "green"


def name(x: float) -> str:
    return str(x).replace(".", "_")


# ---------------------------------------------------------------------------------------------
# Adults, one vital sign at a time (40 years old: no HAS age point; one value alone scores at
# most 3 NEWS2 points and 1 HAS point, so the combination rules never fire here).

ADULT_RED = {
    "adult_rr_low_red",
    "adult_rr_high_red",
    "adult_spo2_red",
    "adult_sbp_low_red",
    "adult_sbp_high_red",
    "adult_hr_low_red",
    "adult_hr_high_red",
    "adult_temp_low_red",
    "adult_has_score_red",
    "adult_news2_red",
}

RR_R, RR_A = "adult_rr_high_red", "adult_rr_amber"
ADULT_SINGLE: list[tuple[str, float, list[str], str]] = [
    ("resp_rate", 4, ["adult_rr_low_red"], "lowest accepted value, NEWS2 red"),
    ("resp_rate", 8, ["adult_rr_low_red"], "at the red boundary (<= 8)"),
    ("resp_rate", 9, [], "just above the low red band (NEWS2 1 point only)"),
    ("resp_rate", 12, [], "normal"),
    ("resp_rate", 20, [], "top of normal, just below amber"),
    ("resp_rate", 21, [RR_A], "at the amber boundary (>= 21)"),
    ("resp_rate", 24, [RR_A], "just below the red band"),
    ("resp_rate", 25, [RR_A, RR_R], "at the red boundary (>= 25)"),
    ("resp_rate", 26, [RR_A, RR_R], "above the red boundary"),
    ("resp_rate", 80, [RR_A, RR_R], "highest accepted value"),
    ("spo2", 50, ["adult_spo2_amber", "adult_spo2_red"], "lowest accepted value"),
    ("spo2", 90, ["adult_spo2_amber", "adult_spo2_red"], "below the red boundary"),
    ("spo2", 91, ["adult_spo2_amber", "adult_spo2_red"], "at the red boundary (<= 91)"),
    ("spo2", 92, ["adult_spo2_amber"], "just above red: amber"),
    ("spo2", 93, ["adult_spo2_amber"], "NEWS2 2 points: amber"),
    ("spo2", 95, ["adult_spo2_amber"], "at the amber boundary (<= 95, HAS)"),
    ("spo2", 96, [], "just above amber"),
    ("spo2", 100, [], "highest accepted value"),
    ("systolic_bp", 50, ["adult_sbp_amber", "adult_sbp_low_red"], "lowest accepted value"),
    ("systolic_bp", 90, ["adult_sbp_amber", "adult_sbp_low_red"], "at the red boundary (<= 90)"),
    ("systolic_bp", 91, ["adult_sbp_amber"], "just above red: amber"),
    ("systolic_bp", 100, ["adult_sbp_amber"], "at the amber boundary (<= 100)"),
    ("systolic_bp", 101, [], "just above amber (NEWS2 1 point, HAS 1 point)"),
    ("systolic_bp", 110, [], "HAS point but no band"),
    ("systolic_bp", 219, [], "just below the high red band"),
    ("systolic_bp", 220, ["adult_sbp_high_red"], "at the high red boundary (>= 220)"),
    ("systolic_bp", 260, ["adult_sbp_high_red"], "highest accepted value"),
    ("heart_rate", 20, ["adult_hr_low_red"], "lowest accepted value"),
    ("heart_rate", 40, ["adult_hr_low_red"], "at the low red boundary (<= 40)"),
    ("heart_rate", 41, [], "just above the low red band"),
    ("heart_rate", 50, [], "NEWS2 1 point only"),
    ("heart_rate", 90, [], "normal"),
    ("heart_rate", 110, [], "just below amber (> 110)"),
    ("heart_rate", 111, ["adult_hr_amber"], "just above the amber boundary"),
    ("heart_rate", 130, ["adult_hr_amber"], "just below the red band"),
    ("heart_rate", 131, ["adult_hr_amber", "adult_hr_high_red"], "at the red boundary (>= 131)"),
    ("heart_rate", 250, ["adult_hr_amber", "adult_hr_high_red"], "highest accepted value"),
    ("temperature", 30, ["adult_temp_low_amber", "adult_temp_low_red"], "lowest accepted"),
    ("temperature", 35.0, ["adult_temp_low_amber", "adult_temp_low_red"], "red at <= 35.0"),
    ("temperature", 35.05, ["adult_temp_low_amber"], "between 35.0 and 35.1: above red"),
    ("temperature", 35.1, ["adult_temp_low_amber"], "just above the red band"),
    ("temperature", 35.9, ["adult_temp_low_amber"], "just below 36.0: amber"),
    ("temperature", 36.0, [], "36.0 is not below 36"),
    ("temperature", 37.0, [], "normal"),
    ("temperature", 38.0, [], "38.0 is not over 38"),
    ("temperature", 38.05, ["adult_temp_high_amber"], "between 38.0 and 38.1: over 38"),
    ("temperature", 38.1, ["adult_temp_high_amber"], "38.1 is over 38: amber"),
    ("temperature", 39.1, ["adult_temp_high_amber"], "NEWS2 2 points: still amber alone"),
    ("temperature", 45, ["adult_temp_high_amber"], "highest accepted value"),
    ("diastolic_bp", 30, [], "no rule on diastolic pressure"),
    ("diastolic_bp", 160, [], "no rule on diastolic pressure"),
    ("weight", 0.5, [], "no rule on weight"),
]


def adult_vitals() -> list[dict[str, Any]]:
    out = [
        vec(
            f"adult_{v}_{name(x)}",
            f"adult, {v} {x}: {why}",
            ADULT,
            level_of(f, ADULT_RED),
            f,
            vitals={v: x},
        )
        for v, x, f, why in ADULT_SINGLE
    ]
    # HAS outpatient score: one point each for age > 65, temp > 38, SBP <= 110, HR > 110,
    # SpO2 <= 95, altered mental state; 3 or more is red.
    has = [
        (
            "has_age70_temp_hr",
            "70 years, 38.5 °C, pulse 115: 3 HAS points (NEWS2 3)",
            OLD,
            {"temperature": 38.5, "heart_rate": 115},
            {},
            ["adult_has_score_red", "adult_hr_amber", "adult_temp_high_amber"],
        ),
        (
            "has_age70_temp",
            "70 years, 38.5 °C: 2 HAS points",
            OLD,
            {"temperature": 38.5},
            {},
            ["adult_temp_high_amber"],
        ),
        (
            "has_age65_temp_hr",
            "65 years and 11 months is 65 in completed years, not over 65: 2 HAS points",
            {"is_child": False, "age_months": 791},
            {"temperature": 38.5, "heart_rate": 115},
            {},
            ["adult_hr_amber", "adult_temp_high_amber"],
        ),
        (
            "has_age66_temp_hr",
            "66 years (792 months): 3 HAS points",
            {"is_child": False, "age_months": 792},
            {"temperature": 38.5, "heart_rate": 115},
            {},
            ["adult_has_score_red", "adult_hr_amber", "adult_temp_high_amber"],
        ),
        (
            "has_sbp110_spo2_95_temp",
            "SBP 110, SpO2 95, 38.1 °C: 3 HAS points (NEWS2 3)",
            ADULT,
            {"systolic_bp": 110, "spo2": 95, "temperature": 38.1},
            {},
            ["adult_has_score_red", "adult_spo2_amber", "adult_temp_high_amber"],
        ),
        (
            "has_sbp111_spo2_95_temp",
            "SBP 111 is not a HAS point: 2 points",
            ADULT,
            {"systolic_bp": 111, "spo2": 95, "temperature": 38.1},
            {},
            ["adult_spo2_amber", "adult_temp_high_amber"],
        ),
        (
            "has_age70_sbp_confusion",
            "70 years, SBP 110, confusion: 3 HAS points; NEWS2 1 + 3 = 4",
            OLD,
            {"systolic_bp": 110},
            {"da_confusion": 1},
            ["adult_has_score_red", "adult_red_confusion"],
        ),
        (
            "has_hr_spo2_temp_sbp_missing",
            "pulse 111, SpO2 95, 38.1 °C, no blood pressure: 3 HAS points (NEWS2 4)",
            ADULT,
            {"heart_rate": 111, "spo2": 95, "temperature": 38.1, "systolic_bp": None},
            {},
            ["adult_has_score_red", "adult_hr_amber", "adult_spo2_amber", "adult_temp_high_amber"],
        ),
        (
            "has_age70_temp_spo2_92",
            "70 years, 38.5 °C, SpO2 92: 3 HAS points (NEWS2 1 + 2 = 3)",
            OLD,
            {"temperature": 38.5, "spo2": 92},
            {},
            ["adult_has_score_red", "adult_spo2_amber", "adult_temp_high_amber"],
        ),
        # NEWS2 total (steps): 5 or more is red.
        (
            "news2_5_rr22_hr95_sbp105_temp385",
            "RR 22 (2) + pulse 95 (1) + SBP 105 (1) + 38.5 °C (1) = NEWS2 5; HAS 2",
            ADULT,
            {"resp_rate": 22, "heart_rate": 95, "systolic_bp": 105, "temperature": 38.5},
            {},
            ["adult_news2_red", "adult_rr_amber", "adult_temp_high_amber"],
        ),
        (
            "news2_4_rr22_hr95_sbp105",
            "RR 22 (2) + pulse 95 (1) + SBP 105 (1) = NEWS2 4: amber for the breathing rate only",
            ADULT,
            {"resp_rate": 22, "heart_rate": 95, "systolic_bp": 105, "temperature": 37.0},
            {},
            ["adult_rr_amber"],
        ),
        (
            "news2_5_five_single_points",
            "RR 11, pulse 95, SBP 105, 36.0 °C, SpO2 95: five 1-point values = NEWS2 5",
            ADULT,
            {
                "resp_rate": 11,
                "heart_rate": 95,
                "systolic_bp": 105,
                "temperature": 36.0,
                "spo2": 95,
            },
            {},
            ["adult_news2_red", "adult_spo2_amber"],
        ),
        (
            "news2_4_four_single_points",
            "RR 11, pulse 95, SBP 105, 36.0 °C, SpO2 96: NEWS2 4, no single band: green",
            ADULT,
            {
                "resp_rate": 11,
                "heart_rate": 95,
                "systolic_bp": 105,
                "temperature": 36.0,
                "spo2": 96,
            },
            {},
            [],
        ),
        (
            "news2_5_low_side",
            "pulse 50, RR 11, 35.5 °C, SpO2 94, SBP 101: NEWS2 5",
            ADULT,
            {
                "heart_rate": 50,
                "resp_rate": 11,
                "temperature": 35.5,
                "spo2": 94,
                "systolic_bp": 101,
            },
            {},
            ["adult_news2_red", "adult_spo2_amber", "adult_temp_low_amber"],
        ),
        (
            "news2_5_sbp220_rr21",
            "SBP 220 (3) + RR 21 (2) = NEWS2 5",
            ADULT,
            {"systolic_bp": 220, "resp_rate": 21},
            {},
            ["adult_news2_red", "adult_rr_amber", "adult_sbp_high_red"],
        ),
        (
            "news2_6_temp391_hr120_rr21",
            "39.1 °C (2) + pulse 120 (2) + RR 21 (2) = NEWS2 6; HAS 2",
            ADULT,
            {"temperature": 39.1, "heart_rate": 120, "resp_rate": 21},
            {},
            ["adult_hr_amber", "adult_news2_red", "adult_rr_amber", "adult_temp_high_amber"],
        ),
        (
            "news2_consciousness_plus_rr21",
            "a relative reports new confusion (3) + RR 21 (2) = NEWS2 5",
            ADULT,
            {"resp_rate": 21},
            {"da_consciousness": 1},
            ["adult_news2_red", "adult_red_consciousness", "adult_rr_amber"],
        ),
    ]
    for vid, desc, person, vitals, answers, fired in has:
        out.append(
            vec(
                vid,
                desc,
                person,
                level_of(fired, ADULT_RED | set(RED_SYMPTOMS) | {"adult_red_consciousness"}),
                fired,
                vitals=vitals,
                answers=answers,
            )
        )
    # Missing values.
    all_none = {k: None for k in ("temperature", "spo2", "heart_rate", "resp_rate", "systolic_bp")}
    missing = [
        (
            "missing_rr25_rest_none",
            "RR 25 and no other device: red",
            {**all_none, "resp_rate": 25},
            {},
            [RR_A, RR_R],
        ),
        (
            "missing_spo2_88_no_answers",
            "SpO2 88 and no answers at all: red",
            {"spo2": 88},
            {},
            ["adult_spo2_amber", "adult_spo2_red"],
        ),
        (
            "missing_spo2_none_rest_normal",
            "no oximeter, other values normal: green",
            {
                "temperature": 36.8,
                "heart_rate": 72,
                "resp_rate": 14,
                "systolic_bp": 125,
                "spo2": None,
            },
            {},
            [],
        ),
        ("missing_everything", "no device and no answer: nothing fires (green)", all_none, {}, []),
        (
            "missing_vitals_confusion",
            "confusion with no device at all: red",
            all_none,
            {"da_confusion": 1},
            ["adult_red_confusion"],
        ),
        (
            "missing_answer_null",
            "an answer left empty (null) does not fire",
            {},
            {"da_confusion": None, "da_might_die": None},
            [],
        ),
        (
            "missing_temp_red_others_null",
            "35.0 °C, every answer null: red",
            {"temperature": 35.0},
            {"da_confusion": None, "da_worse": None},
            ["adult_temp_low_amber", "adult_temp_low_red"],
        ),
        (
            "missing_age_adult_has",
            "adult of unknown age, 38.5 °C, pulse 115: 2 HAS points",
            {"temperature": 38.5, "heart_rate": 115},
            {},
            ["adult_hr_amber", "adult_temp_high_amber"],
        ),
    ]
    for vid, desc, vitals, answers, fired in missing:
        person = {"is_child": False} if vid == "missing_age_adult_has" else ADULT
        out.append(
            vec(
                vid,
                desc,
                person,
                level_of(fired, ADULT_RED | set(RED_SYMPTOMS) | {"adult_red_consciousness"}),
                fired,
                vitals=vitals,
                answers=answers,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Adult symptoms (daily_adult answers)

RED_SYMPTOMS = {
    "adult_red_confusion": "da_confusion",
    "adult_red_shivering": "da_shivering",
    "adult_red_no_urine": "da_no_urine",
    "adult_red_breathless": "da_breathless_severe",
    "adult_red_might_die": "da_might_die",
    "adult_red_skin": "da_skin",
}
AMBER_SYMPTOMS = {
    "adult_amber_worse": "da_worse",
    "adult_amber_breathless": "da_breathless_new",
    "adult_amber_fever": "da_fever",
    "adult_amber_wound": "da_wound",
    "adult_amber_fluids": "da_fluids",
}


def adult_symptoms() -> list[dict[str, Any]]:
    out = []
    for rule, item in RED_SYMPTOMS.items():
        out.append(
            vec(
                f"{rule}_yes",
                f"{item} yes: a sepsis red flag alone is red",
                ADULT,
                "red",
                [rule],
                answers={item: 1},
                urgent=True,
            )
        )
        out.append(vec(f"{rule}_no", f"{item} no: nothing", ADULT, "green", [], answers={item: 0}))
    for rule, item in AMBER_SYMPTOMS.items():
        out.append(
            vec(
                f"{rule}_yes",
                f"{item} yes: amber",
                ADULT,
                "amber",
                [rule],
                answers={item: 1},
                urgent=False,
            )
        )
        out.append(vec(f"{rule}_no", f"{item} no: nothing", ADULT, "green", [], answers={item: 0}))
    out += [
        vec(
            "adult_consciousness_0",
            "a relative says fully awake",
            ADULT,
            "green",
            [],
            answers={"da_consciousness": 0},
        ),
        vec(
            "adult_consciousness_1",
            "new confusion (NEWS2 3): red",
            ADULT,
            "red",
            ["adult_red_consciousness"],
            answers={"da_consciousness": 1},
        ),
        vec(
            "adult_consciousness_4",
            "does not react: red",
            ADULT,
            "red",
            ["adult_red_consciousness"],
            answers={"da_consciousness": 4},
        ),
        vec(
            "adult_pain_7",
            "pain 7/10: below the threshold",
            ADULT,
            "green",
            [],
            answers={"da_pain": 7},
        ),
        vec(
            "adult_pain_8",
            "pain 8/10: amber",
            ADULT,
            "amber",
            ["adult_amber_pain"],
            answers={"da_pain": 8},
        ),
        vec(
            "adult_pain_10",
            "pain 10/10: amber",
            ADULT,
            "amber",
            ["adult_amber_pain"],
            answers={"da_pain": 10},
        ),
        vec(
            "adult_fatigue_3",
            "exhausted: recorded, no rule of its own",
            ADULT,
            "green",
            [],
            answers={"da_fatigue": 3},
        ),
        vec(
            "adult_all_amber_symptoms",
            "every amber symptom at once: still amber",
            ADULT,
            "amber",
            [*AMBER_SYMPTOMS, "adult_amber_pain"],
            answers={**{i: 1 for i in AMBER_SYMPTOMS.values()}, "da_pain": 9},
        ),
        vec(
            "adult_red_and_amber",
            "one red flag among amber symptoms: red",
            ADULT,
            "red",
            ["adult_amber_worse", "adult_amber_fever", "adult_red_skin"],
            answers={"da_worse": 1, "da_fever": 1, "da_skin": 1},
        ),
        vec(
            "adult_answer_true",
            "an answer given as true counts as yes",
            ADULT,
            "red",
            ["adult_red_no_urine"],
            answers={"da_no_urine": True},
        ),
        vec(
            "adult_answers_child_item",
            "child items do not apply to an adult",
            ADULT,
            "green",
            [],
            answers={"dc_fit": 1, "dc_rash": 1},
        ),
        vec(
            "adult_red_flag_normal_vitals",
            "red flag with normal vital signs is still red",
            ADULT,
            "red",
            ["adult_red_might_die"],
            answers={"da_might_die": 1},
            vitals={
                "temperature": 36.9,
                "spo2": 98,
                "heart_rate": 70,
                "resp_rate": 14,
                "systolic_bp": 125,
            },
        ),
    ]
    return out


# ---------------------------------------------------------------------------------------------
# Children: parent-reported signs, then measurements by age band (completed months).

CHILD_RED_ANSWERS = {
    "child_red_fast_breathing": "dc_fast_breathing",
    "child_red_grunting": "dc_grunting",
    "child_red_fit": "dc_fit",
    "child_red_skin": "dc_skin",
    "child_red_rash": "dc_rash",
    "child_red_drowsy": "dc_drowsy",
    "child_red_cold": "dc_cold",
    "child_red_no_response": "dc_no_response",
    "child_red_neck": "dc_neck",
}
CHILD_AMBER_ANSWERS = {
    "child_amber_less_active": "dc_less_active",
    "child_amber_nostrils": "dc_nostrils",
    "child_amber_not_feeding": "dc_not_feeding",
    "child_amber_no_urine": "dc_no_urine",
    "child_amber_vomiting": "dc_vomiting",
    "child_amber_limb": "dc_limb",
    "child_amber_worse": "dc_worse",
}
CHILD_RED = {
    *CHILD_RED_ANSWERS,
    "child_red_fever_newborn",
    "child_red_fever_u3m",
    "child_red_temp_low",
    "child_spo2_red",
    "child_hr_low_red",
    "child_rr_red_u5",
    "child_rr_red_5y",
    "child_hr_red_5y",
    "child_rr_red_6_7y",
    "child_hr_red_6_7y",
    "child_rr_red_8_11y",
    "child_hr_red_8_11y",
    "child_rr_red_12y",
    "child_hr_red_12y",
    "child_hr_low_red_12y",
    "child_sbp_red_12y",
}

F = "child_amber_fever"
# (age in months, vitals, answers, fired, why)
CHILD_CASES: list[tuple[int | None, dict[str, Any], dict[str, Any], list[str], str]] = [
    # temperature
    (
        0,
        {"temperature": 38.0},
        {},
        [F, "child_red_fever_newborn", "child_red_fever_u3m"],
        "newborn 38.0: any fever under 1 month is red (HAS), under 3 months (NICE)",
    ),
    (0, {"temperature": 37.9}, {}, [], "newborn 37.9: no fever"),
    (
        0,
        {},
        {"dc_fever": 1},
        [F, "child_red_fever_newborn", "child_red_fever_u3m"],
        "newborn, fever reported without a thermometer: red",
    ),
    (1, {}, {"dc_fever": 1}, [F, "child_red_fever_u3m"], "1 month, fever reported: red"),
    (1, {"temperature": 38.2}, {}, [F, "child_red_fever_u3m"], "1 month, 38.2: red"),
    (2, {"temperature": 38.0}, {}, [F, "child_red_fever_u3m"], "2 months, 38.0: red"),
    (2, {"temperature": 37.9}, {}, [], "2 months, 37.9: no fever"),
    (3, {"temperature": 38.0}, {}, [F], "3 months, 38.0: fever, amber (not under 3 months)"),
    (3, {"temperature": 38.9}, {}, [F], "3 months, 38.9: below the 39 band"),
    (3, {"temperature": 39.0}, {}, [F, "child_amber_fever_3_6m"], "3 months, 39.0: NICE amber"),
    (5, {"temperature": 39.5}, {}, [F, "child_amber_fever_3_6m"], "5 months, 39.5"),
    (6, {"temperature": 39.0}, {}, [F], "6 months, 39.0: the 3-6 month band has ended"),
    (60, {"temperature": 37.9}, {}, [], "5 years, 37.9: no fever"),
    (60, {"temperature": 38.0}, {}, [F], "5 years, 38.0: fever after sepsis, amber"),
    (100, {}, {"dc_fever": 1}, [F], "8 years, fever reported: amber"),
    (
        24,
        {"temperature": 35.0},
        {},
        ["child_amber_temp_low", "child_red_temp_low"],
        "2 years, 35.0: much too cold, red",
    ),
    (24, {"temperature": 35.1}, {}, ["child_amber_temp_low"], "2 years, 35.1: amber"),
    (24, {"temperature": 35.9}, {}, ["child_amber_temp_low"], "2 years, 35.9: below 36, amber"),
    (24, {"temperature": 36.0}, {}, [], "2 years, 36.0: normal"),
    (24, {}, {"dc_fever_days": 4}, [], "fever for 4 days"),
    (24, {}, {"dc_fever_days": 5}, ["child_amber_fever_days"], "fever for 5 days: NICE amber"),
    # SpO2, any age
    (24, {"spo2": 91}, {}, ["child_spo2_amber", "child_spo2_red"], "SpO2 91: red"),
    (24, {"spo2": 92}, {}, ["child_spo2_amber"], "SpO2 92: amber"),
    (24, {"spo2": 95}, {}, ["child_spo2_amber"], "SpO2 95: NICE amber (<= 95)"),
    (24, {"spo2": 96}, {}, [], "SpO2 96: normal"),
    (150, {"spo2": 91}, {}, ["child_spo2_amber", "child_spo2_red"], "12 years, SpO2 91: red"),
    # heart rate under 5 (NICE NG143 amber) and bradycardia
    (6, {"heart_rate": 160}, {}, [], "6 months, pulse 160: not over 160"),
    (6, {"heart_rate": 161}, {}, ["child_hr_amber_u1y"], "6 months, pulse 161: amber"),
    (11, {"heart_rate": 161}, {}, ["child_hr_amber_u1y"], "11 months, pulse 161: amber"),
    (6, {"heart_rate": 60}, {}, [], "6 months, pulse 60: not below 60"),
    (6, {"heart_rate": 59}, {}, ["child_hr_low_red"], "6 months, pulse 59: red"),
    (12, {"heart_rate": 150}, {}, [], "12 months, pulse 150: not over 150"),
    (12, {"heart_rate": 151}, {}, ["child_hr_amber_1_2y"], "12 months, pulse 151: amber"),
    (12, {"heart_rate": 161}, {}, ["child_hr_amber_1_2y"], "12 months: the under-1 band is over"),
    (23, {"heart_rate": 151}, {}, ["child_hr_amber_1_2y"], "23 months, pulse 151: amber"),
    (24, {"heart_rate": 140}, {}, [], "2 years, pulse 140: not over 140"),
    (24, {"heart_rate": 141}, {}, ["child_hr_amber_2_5y"], "2 years, pulse 141: amber"),
    (24, {"heart_rate": 151}, {}, ["child_hr_amber_2_5y"], "2 years: the 12-24 month band is over"),
    (59, {"heart_rate": 141}, {}, ["child_hr_amber_2_5y"], "59 months, pulse 141: amber"),
    # heart rate 5-11 years (NICE NG51 table 2)
    (60, {"heart_rate": 119}, {}, [], "5 years, pulse 119"),
    (60, {"heart_rate": 120}, {}, ["child_hr_amber_5y"], "5 years, pulse 120: amber"),
    (60, {"heart_rate": 129}, {}, ["child_hr_amber_5y"], "5 years, pulse 129: amber"),
    (60, {"heart_rate": 130}, {}, ["child_hr_amber_5y", "child_hr_red_5y"], "5 years, 130: red"),
    (
        60,
        {"heart_rate": 141},
        {},
        ["child_hr_amber_5y", "child_hr_red_5y"],
        "5 years: the under-5 band is over",
    ),
    (71, {"heart_rate": 130}, {}, ["child_hr_amber_5y", "child_hr_red_5y"], "71 months, 130"),
    (72, {"heart_rate": 109}, {}, [], "6 years, pulse 109"),
    (72, {"heart_rate": 110}, {}, ["child_hr_amber_6_7y"], "6 years, pulse 110: amber"),
    (72, {"heart_rate": 119}, {}, ["child_hr_amber_6_7y"], "6 years, pulse 119: amber"),
    (72, {"heart_rate": 120}, {}, ["child_hr_amber_6_7y", "child_hr_red_6_7y"], "6 years, 120"),
    (95, {"heart_rate": 120}, {}, ["child_hr_amber_6_7y", "child_hr_red_6_7y"], "95 months"),
    (96, {"heart_rate": 104}, {}, [], "8 years, pulse 104"),
    (96, {"heart_rate": 105}, {}, ["child_hr_amber_8_11y"], "8 years, pulse 105: amber"),
    (96, {"heart_rate": 114}, {}, ["child_hr_amber_8_11y"], "8 years, pulse 114: amber"),
    (96, {"heart_rate": 115}, {}, ["child_hr_amber_8_11y", "child_hr_red_8_11y"], "8 years, 115"),
    (143, {"heart_rate": 115}, {}, ["child_hr_amber_8_11y", "child_hr_red_8_11y"], "143 months"),
    (143, {"heart_rate": 59}, {}, ["child_hr_low_red"], "143 months, pulse 59: red"),
    # 12 years and over
    (144, {"heart_rate": 110}, {}, [], "12 years, pulse 110"),
    (144, {"heart_rate": 111}, {}, ["child_hr_amber_12y"], "12 years, pulse 111: amber"),
    (144, {"heart_rate": 130}, {}, ["child_hr_amber_12y"], "12 years, pulse 130: amber"),
    (144, {"heart_rate": 131}, {}, ["child_hr_amber_12y", "child_hr_red_12y"], "12 years, 131"),
    (200, {"heart_rate": 131}, {}, ["child_hr_amber_12y", "child_hr_red_12y"], "16 years, 131"),
    (144, {"heart_rate": 59}, {}, [], "12 years, pulse 59: the under-12 band is over"),
    (144, {"heart_rate": 41}, {}, [], "12 years, pulse 41"),
    (144, {"heart_rate": 40}, {}, ["child_hr_low_red_12y"], "12 years, pulse 40: red"),
    (144, {"systolic_bp": 90}, {}, ["child_sbp_amber_12y", "child_sbp_red_12y"], "12y SBP 90"),
    (144, {"systolic_bp": 91}, {}, ["child_sbp_amber_12y"], "12 years, SBP 91: amber"),
    (144, {"systolic_bp": 100}, {}, ["child_sbp_amber_12y"], "12 years, SBP 100: amber"),
    (144, {"systolic_bp": 101}, {}, [], "12 years, SBP 101"),
    # breathing rate under 5 (NICE NG143)
    (0, {"resp_rate": 60}, {}, [], "newborn, 60/min: not over 60"),
    (0, {"resp_rate": 61}, {}, ["child_rr_red_u5"], "newborn, 61/min: red"),
    (0, {"resp_rate": 55}, {}, [], "newborn, 55/min: no amber band under 6 months"),
    (5, {"resp_rate": 61}, {}, ["child_rr_red_u5"], "5 months, 61/min: red"),
    (5, {"resp_rate": 51}, {}, [], "5 months, 51/min: no amber band under 6 months"),
    (6, {"resp_rate": 50}, {}, [], "6 months, 50/min: not over 50"),
    (6, {"resp_rate": 51}, {}, ["child_rr_amber_6_12m"], "6 months, 51/min: amber"),
    (6, {"resp_rate": 61}, {}, ["child_rr_amber_6_12m", "child_rr_red_u5"], "6 months, 61"),
    (11, {"resp_rate": 51}, {}, ["child_rr_amber_6_12m"], "11 months, 51/min: amber"),
    (12, {"resp_rate": 40}, {}, [], "12 months, 40/min: not over 40"),
    (12, {"resp_rate": 41}, {}, ["child_rr_amber_1_5y"], "12 months, 41/min: amber"),
    (12, {"resp_rate": 61}, {}, ["child_rr_amber_1_5y", "child_rr_red_u5"], "12 months, 61"),
    (59, {"resp_rate": 41}, {}, ["child_rr_amber_1_5y"], "59 months, 41/min: amber"),
    (59, {"resp_rate": 61}, {}, ["child_rr_amber_1_5y", "child_rr_red_u5"], "59 months, 61"),
    # breathing rate 5-11 years (NICE NG51 table 2)
    (
        60,
        {"resp_rate": 61},
        {},
        ["child_rr_amber_5y", "child_rr_red_5y"],
        "5 years, 61/min: red by the 5-year band (the under-5 band is over)",
    ),
    (60, {"resp_rate": 23}, {}, [], "5 years, 23/min"),
    (60, {"resp_rate": 24}, {}, ["child_rr_amber_5y"], "5 years, 24/min: amber"),
    (60, {"resp_rate": 28}, {}, ["child_rr_amber_5y"], "5 years, 28/min: amber"),
    (60, {"resp_rate": 29}, {}, ["child_rr_amber_5y", "child_rr_red_5y"], "5 years, 29: red"),
    (72, {"resp_rate": 23}, {}, [], "6 years, 23/min"),
    (72, {"resp_rate": 24}, {}, ["child_rr_amber_6_7y"], "6 years, 24/min: amber"),
    (72, {"resp_rate": 26}, {}, ["child_rr_amber_6_7y"], "6 years, 26/min: amber"),
    (72, {"resp_rate": 27}, {}, ["child_rr_amber_6_7y", "child_rr_red_6_7y"], "6 years, 27"),
    (96, {"resp_rate": 21}, {}, [], "8 years, 21/min"),
    (96, {"resp_rate": 22}, {}, ["child_rr_amber_8_11y"], "8 years, 22/min: amber"),
    (96, {"resp_rate": 24}, {}, ["child_rr_amber_8_11y"], "8 years, 24/min: amber"),
    (96, {"resp_rate": 25}, {}, ["child_rr_amber_8_11y", "child_rr_red_8_11y"], "8 years, 25"),
    (143, {"resp_rate": 25}, {}, ["child_rr_amber_8_11y", "child_rr_red_8_11y"], "143 months"),
    (144, {"resp_rate": 20}, {}, [], "12 years, 20/min"),
    (144, {"resp_rate": 21}, {}, ["child_rr_amber_12y"], "12 years, 21/min: amber"),
    (144, {"resp_rate": 25}, {}, ["child_rr_amber_12y", "child_rr_red_12y"], "12 years, 25"),
    # unknown age: every band applies, the strictest wins
    (
        None,
        {"temperature": 38.0},
        {},
        [F, "child_red_fever_newborn", "child_red_fever_u3m"],
        "child of unknown age, 38.0: the under-1-month band applies (strictest)",
    ),
    (
        None,
        {"resp_rate": 30},
        {},
        [
            "child_rr_amber_5y",
            "child_rr_red_5y",
            "child_rr_amber_6_7y",
            "child_rr_red_6_7y",
            "child_rr_amber_8_11y",
            "child_rr_red_8_11y",
            "child_rr_amber_12y",
            "child_rr_red_12y",
        ],
        "child of unknown age, 30/min: every band applies",
    ),
    (None, {"heart_rate": 65}, {}, [], "child of unknown age, pulse 65: no band"),
    # adults' rules do not apply to children
    (
        24,
        {"systolic_bp": 85},
        {"da_confusion": 1},
        [],
        "2 years: adult answers and the adult blood pressure band do not apply",
    ),
    # red signs with missing data
    (
        18,
        {"temperature": None, "spo2": None, "heart_rate": None, "resp_rate": 65},
        {},
        ["child_rr_amber_1_5y", "child_rr_red_u5"],
        "18 months, 65/min, no other device: red",
    ),
]


def children() -> list[dict[str, Any]]:
    out = []
    for rule, item in CHILD_RED_ANSWERS.items():
        out.append(
            vec(
                f"{rule}_yes",
                f"parent reports {item}: red at any age",
                child(30),
                "red",
                [rule],
                answers={item: 1},
                urgent=True,
            )
        )
        out.append(vec(f"{rule}_no", f"{item} no", child(30), "green", [], answers={item: 0}))
    for rule, item in CHILD_AMBER_ANSWERS.items():
        out.append(
            vec(
                f"{rule}_yes",
                f"parent reports {item}: amber",
                child(30),
                "amber",
                [rule],
                answers={item: 1},
            )
        )
    out.append(
        vec(
            "child_red_rash_infant",
            "non-fading rash at 2 months",
            child(2),
            "red",
            ["child_red_rash"],
            answers={"dc_rash": 1},
        )
    )
    out.append(
        vec(
            "child_red_fit_teen",
            "fit at 15 years",
            child(180),
            "red",
            ["child_red_fit"],
            answers={"dc_fit": 1},
        )
    )
    out.append(
        vec(
            "child_amber_no_urine_urgent",
            "12 h without urine is amber and urgent",
            child(10),
            "amber",
            ["child_amber_no_urine"],
            answers={"dc_no_urine": 1},
            urgent=True,
        )
    )
    seen: dict[str, int] = {}
    for age, vitals, answers, fired, why in CHILD_CASES:
        key = "_".join(
            [f"{k}_{name(v)}" for k, v in vitals.items() if v is not None]
            + [f"{k}_{name(v)}" for k, v in answers.items()]
        )
        vid = f"child_{'unknown' if age is None else age}m_{key}"
        seen[vid] = seen.get(vid, 0) + 1
        if seen[vid] > 1:
            vid += f"_{seen[vid]}"
        out.append(
            vec(
                vid,
                why,
                child(age),
                level_of(fired, CHILD_RED),
                fired,
                vitals=vitals,
                answers=answers,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Mental health


def mental_health() -> list[dict[str, Any]]:
    sh = "phq9_item9_self_harm"
    out = [
        vec(
            "phq9_9_zero",
            "PHQ-9 item 9 'not at all'",
            ADULT,
            "green",
            [],
            answers={"phq9_9": 0},
            flags=[],
            urgent=False,
        ),
        vec(
            "phq9_9_one",
            "PHQ-9 item 9 'several days': immediate help, urgent red",
            ADULT,
            "red",
            [sh],
            answers={"phq9_9": 1},
            flags=["self_harm"],
            urgent=True,
        ),
        vec(
            "phq9_9_three",
            "PHQ-9 item 9 'nearly every day'",
            ADULT,
            "red",
            [sh],
            answers={"phq9_9": 3},
            flags=["self_harm"],
            urgent=True,
        ),
        vec(
            "phq9_9_true",
            "item 9 sent as true counts as 1",
            ADULT,
            "red",
            [sh],
            answers={"phq9_9": True},
            flags=["self_harm"],
            urgent=True,
        ),
        vec(
            "phq9_9_null",
            "item 9 not answered",
            ADULT,
            "green",
            [],
            answers={"phq9_9": None},
            flags=[],
        ),
        vec(
            "phq9_9_with_low_total",
            "item 9 positive with a low total (5): still red",
            ADULT,
            "red",
            [sh],
            answers={"phq9_9": 1},
            scores={"phq9": 5},
            flags=["self_harm"],
        ),
        vec(
            "phq9_9_and_severe",
            "item 9 and total 22",
            ADULT,
            "red",
            [sh, "phq9_severe"],
            answers={"phq9_9": 2},
            scores={"phq9": 22},
            flags=["self_harm"],
            urgent=True,
        ),
        vec(
            "phq9_9_teen",
            "item 9 positive for a 15-year-old",
            child(180),
            "red",
            [sh],
            answers={"phq9_9": 1},
            flags=["self_harm"],
        ),
        vec(
            "phq9_9_with_amber_vitals",
            "item 9 with a fever: both fire, flag kept",
            ADULT,
            "red",
            [sh, "adult_temp_high_amber"],
            answers={"phq9_9": 1},
            vitals={"temperature": 38.6},
            flags=["self_harm"],
        ),
        vec("phq9_total_19", "PHQ-9 total 19", ADULT, "green", [], scores={"phq9": 19}),
        vec(
            "phq9_total_20",
            "PHQ-9 total 20: severe, amber",
            ADULT,
            "amber",
            ["phq9_severe"],
            scores={"phq9": 20},
            urgent=False,
        ),
        vec(
            "phq9_total_27", "PHQ-9 total 27", ADULT, "amber", ["phq9_severe"], scores={"phq9": 27}
        ),
        vec(
            "phq9_total_null",
            "PHQ-9 incomplete (no total)",
            ADULT,
            "green",
            [],
            scores={"phq9": None},
        ),
        vec("gad7_total_14", "GAD-7 total 14", ADULT, "green", [], scores={"gad7": 14}),
        vec(
            "gad7_total_15",
            "GAD-7 total 15: severe, amber",
            ADULT,
            "amber",
            ["gad7_severe"],
            scores={"gad7": 15},
        ),
        vec(
            "gad7_total_21", "GAD-7 total 21", ADULT, "amber", ["gad7_severe"], scores={"gad7": 21}
        ),
        vec("pcl5_total_32", "PCL-5 total 32", ADULT, "green", [], scores={"pcl5": 32}),
        vec(
            "pcl5_total_33",
            "PCL-5 total 33: probable PTSD, amber, not urgent",
            ADULT,
            "amber",
            ["pcl5_probable_ptsd"],
            scores={"pcl5": 33},
            urgent=False,
        ),
        vec(
            "pcl5_total_80",
            "PCL-5 total 80",
            ADULT,
            "amber",
            ["pcl5_probable_ptsd"],
            scores={"pcl5": 80},
        ),
        vec(
            "scores_all_high",
            "PHQ-9 24, GAD-7 18, PCL-5 50",
            ADULT,
            "amber",
            ["gad7_severe", "pcl5_probable_ptsd", "phq9_severe"],
            scores={"phq9": 24, "gad7": 18, "pcl5": 50},
            flags=[],
        ),
    ]
    return out


# ---------------------------------------------------------------------------------------------
# History


def h(taken_at: str, level: str = "green", **vitals: Any) -> dict[str, Any]:
    return {"taken_at": taken_at, "vitals": vitals, "level": level}


D1, D2, D3 = "2026-11-22T12:00:00Z", "2026-11-21T12:00:00Z", "2026-11-20T12:00:00Z"
D4 = "2026-11-19T12:00:00Z"


def history() -> list[dict[str, Any]]:
    rr = "resp_rate_rising"
    bd = "spo2_baseline_drop"
    st = "amber_three_days"
    ta = "adult_temp_high_amber"
    out = [
        # rising breathing rate: 3 values, this one included, strictly rising
        vec(
            "trend_rr_16_18_20",
            "breathing 16, 18, then 20: rising over 3",
            ADULT,
            "amber",
            [rr],
            vitals={"resp_rate": 20},
            history=[h(D2, resp_rate=16), h(D1, resp_rate=18)],
        ),
        vec(
            "trend_rr_16_18_18",
            "16, 18, 18: not strictly rising",
            ADULT,
            "green",
            [],
            vitals={"resp_rate": 18},
            history=[h(D2, resp_rate=16), h(D1, resp_rate=18)],
        ),
        vec(
            "trend_rr_18_16_20",
            "18, 16, 20: not rising over 3",
            ADULT,
            "green",
            [],
            vitals={"resp_rate": 20},
            history=[h(D2, resp_rate=18), h(D1, resp_rate=16)],
        ),
        vec(
            "trend_rr_one_past",
            "only one past value: not enough",
            ADULT,
            "green",
            [],
            vitals={"resp_rate": 20},
            history=[h(D1, resp_rate=18)],
        ),
        vec(
            "trend_rr_gap_skipped",
            "a check-in without the value is skipped: 16, -, 18, 20",
            ADULT,
            "amber",
            [rr],
            vitals={"resp_rate": 20},
            history=[h(D3, resp_rate=16), h(D2, resp_rate=None), h(D1, resp_rate=18)],
        ),
        vec(
            "trend_rr_current_missing",
            "rising before, no value today: no trend",
            ADULT,
            "green",
            [],
            vitals={"resp_rate": None},
            history=[h(D2, resp_rate=16), h(D1, resp_rate=18)],
        ),
        vec(
            "trend_rr_newest_first",
            "history given newest first is sorted by time",
            ADULT,
            "amber",
            [rr],
            vitals={"resp_rate": 20},
            history=[h(D1, resp_rate=18), h(D2, resp_rate=16)],
        ),
        vec(
            "trend_rr_only_last_three",
            "12, 20, 16, 18 then 19: the last three rise",
            ADULT,
            "amber",
            [rr],
            vitals={"resp_rate": 19},
            history=[
                h(D4, resp_rate=12),
                h(D3, resp_rate=20),
                h(D2, resp_rate=16),
                h(D1, resp_rate=18),
            ],
        ),
        vec(
            "trend_rr_into_amber",
            "14, 18, then 22: rising and in the amber band",
            ADULT,
            "amber",
            [rr, "adult_rr_amber"],
            vitals={"resp_rate": 22},
            history=[h(D2, resp_rate=14), h(D1, resp_rate=18)],
        ),
        vec(
            "trend_rr_later_entry_ignored",
            "a check-in taken after this one (sent earlier) is not history for it",
            ADULT,
            "amber",
            [rr],
            vitals={"resp_rate": 20},
            taken_at="2026-11-23T11:00:00Z",
            history=[
                h(D2, resp_rate=16),
                h(D1, resp_rate=18),
                h("2026-11-23T11:30:00Z", resp_rate=25),
            ],
        ),
        vec(
            "trend_rr_child",
            "child 2 years, 30, 32, 34: rising",
            child(24),
            "amber",
            [rr],
            vitals={"resp_rate": 34},
            history=[h(D2, resp_rate=30), h(D1, resp_rate=32)],
        ),
        # SpO2 drop from the person's baseline
        vec(
            "baseline_spo2_drop_3",
            "baseline 99 (median of 99, 99, 100), now 96: drop of 3",
            ADULT,
            "amber",
            [bd],
            vitals={"spo2": 96},
            history=[h(D4, spo2=99), h(D3, spo2=99), h(D2, spo2=100)],
        ),
        vec(
            "baseline_spo2_drop_2",
            "baseline 99, now 97: drop of 2",
            ADULT,
            "green",
            [],
            vitals={"spo2": 97},
            history=[h(D4, spo2=99), h(D3, spo2=99), h(D2, spo2=100)],
        ),
        vec(
            "baseline_spo2_two_values",
            "only 2 values: no baseline yet",
            ADULT,
            "green",
            [],
            vitals={"spo2": 96},
            history=[h(D3, spo2=99), h(D2, spo2=99)],
        ),
        vec(
            "baseline_spo2_first_three_only",
            "99, 98, 100, then 90: baseline is 99",
            ADULT,
            "amber",
            [bd],
            vitals={"spo2": 96},
            history=[h(D4, spo2=99), h(D3, spo2=98), h(D2, spo2=100), h(D1, spo2=90)],
        ),
        vec(
            "baseline_spo2_unsorted_median",
            "first values 100, 96, 98: median 98, now 95",
            ADULT,
            "amber",
            ["adult_spo2_amber", bd],
            vitals={"spo2": 95},
            history=[h(D4, spo2=100), h(D3, spo2=96), h(D2, spo2=98)],
        ),
        vec(
            "baseline_spo2_gaps",
            "99, -, 99, 100: missing values skipped, baseline 99",
            ADULT,
            "amber",
            [bd],
            vitals={"spo2": 96},
            history=[
                h("2026-11-18T12:00:00Z", spo2=99),
                h(D4, spo2=None),
                h(D3, spo2=99),
                h(D2, spo2=100),
            ],
        ),
        vec(
            "baseline_spo2_given",
            "baseline 92 set by the team, now 89: also red band",
            ADULT,
            "red",
            ["adult_spo2_amber", "adult_spo2_red", bd],
            vitals={"spo2": 89},
            overrides={"baselines": {"spo2": 92}},
        ),
        vec(
            "baseline_spo2_current_missing",
            "no oximeter today",
            ADULT,
            "green",
            [],
            vitals={"spo2": None},
            history=[h(D4, spo2=99), h(D3, spo2=99), h(D2, spo2=100)],
        ),
        # amber days in a row (calendar days, UTC offset of the person)
        vec(
            "streak_three_days",
            "amber today, amber the 2 days before: escalate",
            ADULT,
            "amber",
            [ta, st],
            vitals={"temperature": 38.5},
            urgent=True,
            history=[h("2026-11-22T09:00:00Z", "amber"), h("2026-11-21T20:00:00Z", "amber")],
        ),
        vec(
            "streak_two_days",
            "amber today and yesterday only",
            ADULT,
            "amber",
            [ta],
            vitals={"temperature": 38.5},
            urgent=False,
            history=[h("2026-11-22T09:00:00Z", "amber")],
        ),
        vec(
            "streak_today_green",
            "green today after 2 amber days",
            ADULT,
            "green",
            [],
            vitals={"temperature": 37.0},
            history=[h("2026-11-22T09:00:00Z", "amber"), h("2026-11-21T20:00:00Z", "amber")],
        ),
        vec(
            "streak_yesterday_green",
            "yesterday green breaks the streak",
            ADULT,
            "amber",
            [ta],
            vitals={"temperature": 38.5},
            history=[h("2026-11-22T09:00:00Z", "green"), h("2026-11-21T20:00:00Z", "amber")],
        ),
        vec(
            "streak_day_with_amber_and_green",
            "a day with a green and an amber check-in counts",
            ADULT,
            "amber",
            [ta, st],
            vitals={"temperature": 38.5},
            history=[
                h("2026-11-22T08:00:00Z", "green"),
                h("2026-11-22T20:00:00Z", "amber"),
                h("2026-11-21T10:00:00Z", "amber"),
            ],
        ),
        vec(
            "streak_red_counts",
            "red today, amber and red the days before",
            ADULT,
            "red",
            ["adult_rr_amber", "adult_rr_high_red", st],
            vitals={"resp_rate": 25},
            history=[h("2026-11-22T09:00:00Z", "amber"), h("2026-11-21T09:00:00Z", "red")],
        ),
        vec(
            "streak_gap_day",
            "amber on the 22nd and the 20th, not the 21st",
            ADULT,
            "amber",
            [ta],
            vitals={"temperature": 38.5},
            history=[h("2026-11-22T09:00:00Z", "amber"), h("2026-11-20T09:00:00Z", "amber")],
        ),
        vec(
            "streak_utc_day",
            "22nd 23:30 UTC is the 22nd in UTC: streak",
            ADULT,
            "amber",
            [ta, st],
            vitals={"temperature": 38.5},
            history=[h("2026-11-22T23:30:00Z", "amber"), h("2026-11-21T12:00:00Z", "amber")],
        ),
        vec(
            "streak_local_day",
            "at UTC+2, 22nd 23:30 UTC is already the 23rd: no streak",
            adult(utc_offset_minutes=120),
            "amber",
            [ta],
            vitals={"temperature": 38.5},
            history=[h("2026-11-22T23:30:00Z", "amber"), h("2026-11-21T12:00:00Z", "amber")],
        ),
        # critical window, days 6 to 12 (day 1 = first day of symptoms)
        vec(
            "window_day8_worse",
            "day 8, feeling worse: amber and urgent",
            adult(day=8),
            "amber",
            ["adult_amber_worse", "critical_window_worse"],
            answers={"da_worse": 1},
            urgent=True,
        ),
        vec(
            "window_day5_worse",
            "day 5: before the window",
            adult(day=5),
            "amber",
            ["adult_amber_worse"],
            answers={"da_worse": 1},
            urgent=False,
        ),
        vec(
            "window_day6_breathless",
            "day 6, more breathless: first day of the window",
            adult(day=6),
            "amber",
            ["adult_amber_breathless", "critical_window_worse"],
            answers={"da_breathless_new": 1},
        ),
        vec(
            "window_day12_worse",
            "day 12: last day of the window",
            adult(day=12),
            "amber",
            ["adult_amber_worse", "critical_window_worse"],
            answers={"da_worse": 1},
        ),
        vec(
            "window_day13_worse",
            "day 13: after the window",
            adult(day=13),
            "amber",
            ["adult_amber_worse"],
            answers={"da_worse": 1},
        ),
        vec(
            "window_day_unknown",
            "day 1 unknown",
            ADULT,
            "amber",
            ["adult_amber_worse"],
            answers={"da_worse": 1},
        ),
        vec(
            "window_day8_fine",
            "day 8, nothing wrong",
            adult(day=8),
            "green",
            [],
            answers={"da_worse": 0, "da_breathless_new": 0},
        ),
        vec(
            "window_child_day7",
            "child, day 7, parent finds the child worse",
            child(40, day=7),
            "amber",
            ["child_amber_worse", "critical_window_worse"],
            answers={"dc_worse": 1},
        ),
        vec(
            "window_missed_not_on_checkin",
            "a check-in never fires the missed check-in rule",
            adult(day=8),
            "green",
            [],
            vitals={"temperature": 37.0},
            history=[h(D3)],
        ),
    ]
    # missed check-ins: evaluate_missed (the scheduled job), now = 2026-11-23T12:00Z
    missed = [
        (
            "missed_25h_day7",
            "day 7, last check-in 25 h ago",
            adult(day=7),
            [h("2026-11-22T11:00:00Z")],
            ["critical_window_missed"],
        ),
        (
            "missed_23h_day7",
            "day 7, last check-in 23 h ago",
            adult(day=7),
            [h("2026-11-22T13:00:00Z")],
            [],
        ),
        (
            "missed_24h_day7",
            "day 7, exactly 24 h: counts as a missed day",
            adult(day=7),
            [h(D1)],
            ["critical_window_missed"],
        ),
        (
            "missed_day13",
            "day 13, 3 days without news: outside the window",
            adult(day=13),
            [h(D3)],
            [],
        ),
        ("missed_day5", "day 5, 3 days without news: before the window", adult(day=5), [h(D3)], []),
        (
            "missed_day12",
            "day 12, 2 days without news",
            adult(day=12),
            [h(D2)],
            ["critical_window_missed"],
        ),
        ("missed_day_unknown", "day unknown", ADULT, [h(D3)], []),
        (
            "missed_no_history_followed",
            "day 6, no check-in yet, followed for 30 h",
            adult(day=6, followed_since="2026-11-22T06:00:00Z"),
            [],
            ["critical_window_missed"],
        ),
        (
            "missed_no_history_new",
            "day 6, no check-in yet, followed for 2 h",
            adult(day=6, followed_since="2026-11-23T10:00:00Z"),
            [],
            [],
        ),
        ("missed_no_history_no_start", "day 6, nothing known", adult(day=6), [], []),
        (
            "missed_recent_unsorted",
            "day 8, check-ins 2 days and 2 h ago (unsorted)",
            adult(day=8),
            [h("2026-11-23T10:00:00Z"), h(D2)],
            [],
        ),
        (
            "missed_child_day9",
            "child, day 9, last check-in 30 h ago",
            child(30, day=9),
            [h("2026-11-22T06:00:00Z", "amber")],
            ["critical_window_missed"],
        ),
    ]
    for vid, desc, person, hist, fired in missed:
        out.append(
            vec(
                vid,
                desc,
                person,
                "amber" if fired else "green",
                fired,
                history=hist,
                missed=True,
                now=NOW,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Per-patient overrides

COPD = {"thresholds": {"spo2": {"red_lte": 85, "amber_lte": 88}}}


def overrides() -> list[dict[str, Any]]:
    return [
        vec(
            "override_spo2_87",
            "chronic low target (red <= 85, amber <= 88): 87 is amber",
            ADULT,
            "amber",
            ["adult_spo2_amber"],
            vitals={"spo2": 87},
            overrides=COPD,
        ),
        vec(
            "override_spo2_88",
            "88 is at the personal amber threshold",
            ADULT,
            "amber",
            ["adult_spo2_amber"],
            vitals={"spo2": 88},
            overrides=COPD,
        ),
        vec(
            "override_spo2_85",
            "85 is at the personal red threshold",
            ADULT,
            "red",
            ["adult_spo2_amber", "adult_spo2_red"],
            vitals={"spo2": 85},
            overrides=COPD,
        ),
        vec(
            "override_spo2_86",
            "86: amber",
            ADULT,
            "amber",
            ["adult_spo2_amber"],
            vitals={"spo2": 86},
            overrides=COPD,
        ),
        vec(
            "override_spo2_89",
            "89: above the personal amber threshold",
            ADULT,
            "green",
            [],
            vitals={"spo2": 89},
            overrides=COPD,
        ),
        vec(
            "override_spo2_91",
            "91 would be red by default, green with the override",
            ADULT,
            "green",
            [],
            vitals={"spo2": 91},
            overrides=COPD,
        ),
        vec(
            "override_spo2_91_default",
            "91 without override: red",
            ADULT,
            "red",
            ["adult_spo2_amber", "adult_spo2_red"],
            vitals={"spo2": 91},
        ),
        vec(
            "override_spo2_child",
            "a child with a personal SpO2 target: 90 is green",
            child(30),
            "green",
            [],
            vitals={"spo2": 90},
            overrides=COPD,
        ),
        vec(
            "override_spo2_child_85",
            "a child with a personal SpO2 target: 85 is red",
            child(30),
            "red",
            ["child_spo2_amber", "child_spo2_red"],
            vitals={"spo2": 85},
            overrides=COPD,
        ),
        vec(
            "override_has_spo2",
            "70 years, 38.5 °C, SpO2 92 with target 88: 2 HAS points",
            OLD,
            "amber",
            ["adult_temp_high_amber"],
            vitals={"temperature": 38.5, "spo2": 92},
            overrides=COPD,
        ),
        vec(
            "override_pain_8",
            "personal pain threshold 9: 8 is green",
            ADULT,
            "green",
            [],
            answers={"da_pain": 8},
            overrides={"thresholds": {"da_pain": {"amber_gte": 9}}},
        ),
        vec(
            "override_pain_9",
            "personal pain threshold 9: 9 is amber",
            ADULT,
            "amber",
            ["adult_amber_pain"],
            answers={"da_pain": 9},
            overrides={"thresholds": {"da_pain": {"amber_gte": 9}}},
        ),
        vec(
            "override_child_hr",
            "6 months, personal pulse threshold 170: 165 is green",
            child(6),
            "green",
            [],
            vitals={"heart_rate": 165},
            overrides={"thresholds": {"heart_rate": {"amber_gt": 170}}},
        ),
        vec(
            "override_child_hr_171",
            "6 months, personal pulse threshold 170: 171 is amber",
            child(6),
            "amber",
            ["child_hr_amber_u1y"],
            vitals={"heart_rate": 171},
            overrides={"thresholds": {"heart_rate": {"amber_gt": 170}}},
        ),
        vec(
            "override_rr_red_30",
            "personal red breathing threshold 30: 27 stays amber",
            ADULT,
            "amber",
            ["adult_rr_amber"],
            vitals={"resp_rate": 27},
            overrides={"thresholds": {"resp_rate": {"red_gte": 30}}},
        ),
        vec(
            "override_unknown_key",
            "an unknown override key is ignored: 91 is red",
            ADULT,
            "red",
            ["adult_spo2_amber", "adult_spo2_red"],
            vitals={"spo2": 91},
            overrides={"thresholds": {"oxygen": {"red_lte": 80}}},
        ),
        vec(
            "override_untagged_tag",
            "a tag no rule uses changes nothing",
            ADULT,
            "red",
            ["adult_spo2_amber", "adult_spo2_red"],
            vitals={"spo2": 91},
            overrides={"thresholds": {"spo2": {"red_gte": 99}}},
        ),
        vec(
            "override_phq9",
            "personal PHQ-9 threshold 22: 21 is green",
            ADULT,
            "green",
            [],
            scores={"phq9": 21},
            overrides={"thresholds": {"phq9": {"amber_gte": 22}}},
        ),
        vec(
            "override_self_harm_untouched",
            "no override can silence item 9",
            ADULT,
            "red",
            ["phq9_item9_self_harm"],
            answers={"phq9_9": 1},
            flags=["self_harm"],
            overrides={"thresholds": {"phq9_9": {"red_gte": 4}}},
        ),
    ]


# ---------------------------------------------------------------------------------------------
# Symptom pick lists (symptoms_adult, symptoms_child): one rule per ticked item (ticked = 1).

# rule: (item, level, urgent), written by hand from content/rules/symptoms.yaml
PICK_ADULT: dict[str, tuple[str, str, bool]] = {
    "pick_chest_pain": ("sa_chest_pain", "red", True),
    "pick_breathless_sudden": ("sa_breathless_sudden", "red", True),
    "pick_cough_blood": ("sa_cough_blood", "red", True),
    "pick_face_arm_weakness": ("sa_face_arm_weakness", "red", True),
    "pick_headache_severe": ("sa_headache_severe", "red", True),
    "pick_seizure": ("sa_seizure", "red", True),
    "pick_fainted": ("sa_fainted", "red", True),
    "pick_neck_stiff": ("sa_neck_stiff", "red", True),
    "pick_vomit_blood": ("sa_vomit_blood", "red", True),
    "pick_black_stools": ("sa_black_stools", "red", True),
    "pick_belly_pain_severe": ("sa_belly_pain_severe", "red", True),
    "pick_rash_nonblanching": ("sa_rash_nonblanching", "red", True),
    "pick_swelling_face": ("sa_swelling_face", "red", True),
    "pick_self_harm": ("sa_self_harm", "red", True),
    "pick_palpitations": ("sa_palpitations", "amber", True),
    "pick_cough_fever": ("sa_cough_fever", "amber", False),
    "pick_urine_burning": ("sa_urine_burning", "amber", False),
    "pick_urine_less": ("sa_urine_less", "amber", True),
    "pick_diarrhoea": ("sa_diarrhoea", "amber", False),
    "pick_wound": ("sa_wound", "amber", False),
    "pick_rash_new": ("sa_rash_new", "amber", False),
    "pick_clammy": ("sa_clammy", "amber", True),
    "pick_calf_swelling": ("sa_calf_swelling", "amber", True),
    "pick_bleeding": ("sa_bleeding", "amber", True),
    "pick_fall": ("sa_fall", "amber", False),
    "pick_dizzy": ("sa_dizzy", "amber", False),
    "pick_breathless_effort": ("sa_breathless_effort", "amber", False),
    "pick_memory": ("sa_memory", "amber", False),
    "pick_appetite_weight": ("sa_appetite_weight", "amber", False),
    "pick_hair_loss": ("sa_hair_loss", "amber", False),
    "pick_limbs_swollen": ("sa_limbs_swollen", "amber", False),
    "pick_pain_new": ("sa_pain_new", "amber", False),
    "pick_low_mood": ("sa_low_mood", "amber", False),
    "pick_anxiety": ("sa_anxiety", "amber", False),
    "pick_flashbacks": ("sa_flashbacks", "amber", False),
    "pick_sleep": ("sa_sleep", "amber", False),
}
PICK_CHILD: dict[str, tuple[str, str, bool]] = {
    "pick_child_breathing_pauses": ("sc_breathing_pauses", "red", True),
    "pick_child_breathing_hard": ("sc_breathing_hard", "red", True),
    "pick_child_fit": ("sc_fit", "red", True),
    "pick_child_fontanelle": ("sc_fontanelle", "red", True),  # under 18 months only
    "pick_child_neck_stiff": ("sc_neck_stiff", "red", True),
    "pick_child_cry_high": ("sc_cry_high", "red", True),
    "pick_child_drowsy_confused": ("sc_drowsy_confused", "red", True),
    "pick_child_rash_nonblanching": ("sc_rash_nonblanching", "red", True),
    "pick_child_skin_colour": ("sc_skin_colour", "red", True),
    "pick_child_vomit_green_blood": ("sc_vomit_green_blood", "red", True),
    "pick_child_belly_pain_severe": ("sc_belly_pain_severe", "red", True),
    "pick_child_cold_hands": ("sc_cold_hands", "red", True),
    "pick_child_self_harm": ("sc_self_harm", "red", True),
    "pick_child_leg_pain": ("sc_leg_pain", "amber", True),
    "pick_child_vomit_all": ("sc_vomit_all", "amber", True),
    "pick_child_not_feeding": ("sc_not_feeding", "amber", True),
    "pick_child_dry_nappy": ("sc_dry_nappy", "amber", True),
    "pick_child_dehydration": ("sc_dehydration", "amber", True),
    "pick_child_cough_new": ("sc_cough_new", "amber", False),
    "pick_child_wound": ("sc_wound", "amber", False),
    "pick_child_diarrhoea": ("sc_diarrhoea", "amber", False),
    "pick_child_urine_pain": ("sc_urine_pain", "amber", False),
    "pick_child_limb_not_using": ("sc_limb_not_using", "amber", False),
    "pick_child_pain_new": ("sc_pain_new", "amber", False),
    "pick_child_weight_loss": ("sc_weight_loss", "amber", False),
    "pick_child_memory": ("sc_memory", "amber", False),
    "pick_child_low_mood": ("sc_low_mood", "amber", False),
    "pick_child_sleep_nightmares": ("sc_sleep_nightmares", "amber", False),
    "pick_child_behaviour_change": ("sc_behaviour_change", "amber", False),
}
SELF_HARM_PICKS = {"pick_self_harm", "pick_child_self_harm"}


def symptoms() -> list[dict[str, Any]]:
    out = []
    for table, person, who in (
        (PICK_ADULT, ADULT, "adult"),
        (PICK_CHILD, child(30), "child of 30 months"),
    ):
        for rule, (item, level, urgent) in table.items():
            p = child(10) if rule == "pick_child_fontanelle" else person
            out.append(
                vec(
                    f"{rule}_ticked",
                    f"{who}, {item} ticked: {level}" + (", urgent" if urgent else ""),
                    p,
                    level,
                    [rule],
                    answers={item: 1},
                    flags=["self_harm"] if rule in SELF_HARM_PICKS else [],
                    urgent=urgent,
                )
            )
            out.append(
                vec(
                    f"{rule}_unticked",
                    f"{who}, {item} not ticked (0): nothing",
                    p,
                    "green",
                    [],
                    answers={item: 0},
                    flags=[],
                    urgent=False,
                )
            )
    out += [
        vec(
            "pick_adult_nothing_ticked",
            "adult, the pick list skipped (no answer at all): green",
            ADULT,
            "green",
            [],
            flags=[],
            urgent=False,
        ),
        vec(
            "pick_adult_all_unticked",
            "adult, every item present and not ticked: green",
            ADULT,
            "green",
            [],
            answers={item: 0 for item, _, _ in PICK_ADULT.values()},
            flags=[],
            urgent=False,
        ),
        vec(
            "pick_adult_null",
            "adult, ticks sent as null do not fire",
            ADULT,
            "green",
            [],
            answers={"sa_chest_pain": None, "sa_self_harm": None},
            flags=[],
        ),
        vec(
            "pick_adult_true",
            "adult, a tick sent as true counts as 1",
            ADULT,
            "red",
            ["pick_chest_pain"],
            answers={"sa_chest_pain": True},
        ),
        vec(
            "pick_child_nothing_ticked",
            "child, the pick list skipped (no answer at all): green",
            child(30),
            "green",
            [],
            flags=[],
            urgent=False,
        ),
        vec(
            "pick_child_all_unticked",
            "child, every item present and not ticked: green",
            child(30),
            "green",
            [],
            answers={item: 0 for item, _, _ in PICK_CHILD.values()},
            flags=[],
            urgent=False,
        ),
        # two items at once
        vec(
            "pick_adult_red_and_amber",
            "adult, chest pain and hair loss: red wins",
            ADULT,
            "red",
            ["pick_chest_pain", "pick_hair_loss"],
            answers={"sa_chest_pain": 1, "sa_hair_loss": 1},
            urgent=True,
        ),
        vec(
            "pick_adult_two_red",
            "adult, face drooping and a fit: red",
            ADULT,
            "red",
            ["pick_face_arm_weakness", "pick_seizure"],
            answers={"sa_face_arm_weakness": 1, "sa_seizure": 1},
            urgent=True,
        ),
        vec(
            "pick_adult_two_after_effects",
            "adult, hair loss and poor sleep: amber, not urgent",
            ADULT,
            "amber",
            ["pick_hair_loss", "pick_sleep"],
            answers={"sa_hair_loss": 1, "sa_sleep": 1},
            flags=[],
            urgent=False,
        ),
        vec(
            "pick_adult_after_effect_and_clot",
            "adult, hair loss and a swollen calf: amber, urgent from the calf",
            ADULT,
            "amber",
            ["pick_calf_swelling", "pick_hair_loss"],
            answers={"sa_hair_loss": 1, "sa_calf_swelling": 1},
            urgent=True,
        ),
        vec(
            "pick_child_red_and_amber",
            "child, a fit and diarrhoea: red wins",
            child(30),
            "red",
            ["pick_child_diarrhoea", "pick_child_fit"],
            answers={"sc_fit": 1, "sc_diarrhoea": 1},
            urgent=True,
        ),
        vec(
            "pick_child_two_amber",
            "child, a new cough and a dry nappy: amber, urgent from the nappy",
            child(30),
            "amber",
            ["pick_child_cough_new", "pick_child_dry_nappy"],
            answers={"sc_cough_new": 1, "sc_dry_nappy": 1},
            urgent=True,
        ),
        # with the daily questionnaire
        vec(
            "pick_adult_with_daily_amber",
            "adult, wound ticked in the list and in the daily question: both amber rules",
            ADULT,
            "amber",
            ["adult_amber_wound", "pick_wound"],
            answers={"da_wound": 1, "sa_wound": 1},
        ),
        vec(
            "pick_adult_amber_with_daily_red",
            "adult, dizzy in the list and blotchy skin in the daily question: red",
            ADULT,
            "red",
            ["adult_red_skin", "pick_dizzy"],
            answers={"da_skin": 1, "sa_dizzy": 1},
            urgent=True,
        ),
        vec(
            "pick_child_with_daily",
            "child, dry nappy in the list and in the daily question: both amber, urgent",
            child(30),
            "amber",
            ["child_amber_no_urine", "pick_child_dry_nappy"],
            answers={"dc_no_urine": 1, "sc_dry_nappy": 1},
            urgent=True,
        ),
        # self-harm: the immediate help screen
        vec(
            "pick_adult_self_harm_with_amber",
            "adult, thoughts of self-harm and low mood: red, help screen, urgent",
            ADULT,
            "red",
            ["pick_low_mood", "pick_self_harm"],
            answers={"sa_self_harm": 1, "sa_low_mood": 1},
            flags=["self_harm"],
            urgent=True,
        ),
        vec(
            "pick_adult_self_harm_and_phq9",
            "adult, self-harm ticked and PHQ-9 item 9 positive: one help screen",
            ADULT,
            "red",
            ["phq9_item9_self_harm", "pick_self_harm"],
            answers={"sa_self_harm": 1, "phq9_9": 2},
            flags=["self_harm"],
            urgent=True,
        ),
        vec(
            "pick_child_self_harm_teen",
            "15 years, the parent says the child talks of dying: red, help screen",
            child(180),
            "red",
            ["pick_child_self_harm"],
            answers={"sc_self_harm": 1},
            flags=["self_harm"],
            urgent=True,
        ),
        vec(
            "pick_child_self_harm_unknown_age",
            "child of unknown age, talks of hurting themselves: red, help screen",
            child(None),
            "red",
            ["pick_child_self_harm"],
            answers={"sc_self_harm": 1},
            flags=["self_harm"],
            urgent=True,
        ),
        # groups: an adult item does not apply to a child, nor a child item to an adult
        vec(
            "pick_adult_items_for_child",
            "child: adult list items (chest pain, self-harm) do not fire",
            child(30),
            "green",
            [],
            answers={"sa_chest_pain": 1, "sa_self_harm": 1, "sa_hair_loss": 1},
            flags=[],
            urgent=False,
        ),
        vec(
            "pick_child_items_for_adult",
            "adult: child list items (fit, fontanelle, self-harm) do not fire",
            ADULT,
            "green",
            [],
            answers={"sc_fit": 1, "sc_fontanelle": 1, "sc_self_harm": 1},
            flags=[],
            urgent=False,
        ),
        vec(
            "pick_adult_items_for_teen",
            "17 years followed as a child: the adult list does not apply",
            child(215),
            "green",
            [],
            answers={"sa_face_arm_weakness": 1},
        ),
    ]
    # bulging fontanelle: under 18 months (completed months); unknown age: applies
    fontanelle = [
        (0, ["pick_child_fontanelle"], "newborn"),
        (12, ["pick_child_fontanelle"], "12 months"),
        (17, ["pick_child_fontanelle"], "17 months: last month of the band"),
        (18, [], "18 months: the band has ended"),
        (24, [], "2 years"),
        (None, ["pick_child_fontanelle"], "unknown age: the band applies"),
    ]
    for age, fired, why in fontanelle:
        out.append(
            vec(
                f"pick_child_fontanelle_{'unknown' if age is None else age}m",
                f"bulging soft spot, {why}",
                child(age),
                "red" if fired else "green",
                fired,
                answers={"sc_fontanelle": 1},
            )
        )
    out.append(
        vec(
            "pick_child_fontanelle_18m_with_neck",
            "18 months, bulging soft spot and stiff neck: red from the neck",
            child(18),
            "red",
            ["pick_child_neck_stiff"],
            answers={"sc_fontanelle": 1, "sc_neck_stiff": 1},
            urgent=True,
        )
    )
    return out


# ---------------------------------------------------------------------------------------------
# Scoring: the answers of a questionnaire are given, and each side computes the totals with its
# own scorer (relais.content.scoring, pwa/src/triage/scoring.ts) before the rules read them. The
# totals below were added up by hand.


def answers_of(prefix: str, values: list[int | None]) -> dict[str, Any]:
    """{prefix_1: v1, prefix_2: v2, ...}; None leaves the item unanswered."""
    return {f"{prefix}_{i}": v for i, v in enumerate(values, start=1) if v is not None}


def scored(
    vid: str,
    description: str,
    answers: dict[str, Any],
    questionnaires: list[str],
    totals: dict[str, float | None],
    fired: list[str],
    **extra: Any,
) -> dict[str, Any]:
    v = vec(vid, description, ADULT, level_of(fired, {"phq9_item9_self_harm"}), fired,
            answers=answers, **extra)  # fmt: skip
    v["score"] = questionnaires
    v["expect"]["scores"] = totals
    return v


def scoring() -> list[dict[str, Any]]:
    phq = "phq9_severe"
    return [
        scored("score_phq9_all_zero", "PHQ-9 all 'not at all': total 0",
               answers_of("phq9", [0] * 9), ["phq9"], {"phq9": 0}, []),
        scored("score_phq9_19", "PHQ-9 3+3+3+3+3+2+2+0+0 = 19: just below severe",
               answers_of("phq9", [3, 3, 3, 3, 3, 2, 2, 0, 0]), ["phq9"], {"phq9": 19}, []),
        scored("score_phq9_20", "PHQ-9 3+3+3+3+3+3+2+0+0 = 20: severe (>= 20)",
               answers_of("phq9", [3, 3, 3, 3, 3, 3, 2, 0, 0]), ["phq9"], {"phq9": 20}, [phq]),
        scored("score_phq9_27_item9", "PHQ-9 all 3 = 27 with item 9: severe and self-harm",
               answers_of("phq9", [3] * 9), ["phq9"], {"phq9": 27},
               [phq, "phq9_item9_self_harm"], flags=["self_harm"], urgent=True),
        scored("score_phq9_missing_item", "PHQ-9 eight items at 3, item 5 unanswered: no total",
               answers_of("phq9", [3, 3, 3, 3, None, 3, 3, 3, 0]), ["phq9"], {"phq9": None}, []),
        scored("score_phq9_missing_item9_answered",
               "PHQ-9 incomplete but item 9 at 1: no total, the self-harm rule still fires",
               answers_of("phq9", [None, None, None, None, None, None, None, None, 1]),
               ["phq9"], {"phq9": None}, ["phq9_item9_self_harm"], flags=["self_harm"]),
        scored("score_phq9_null_item", "PHQ-9 with item 2 null ('skip'): no total",
               {**answers_of("phq9", [3] * 8 + [0]), "phq9_2": None}, ["phq9"],
               {"phq9": None}, []),
        scored("score_gad7_14", "GAD-7 3+3+3+2+2+1+0 = 14: below severe",
               answers_of("gad7", [3, 3, 3, 2, 2, 1, 0]), ["gad7"], {"gad7": 14}, []),
        scored("score_gad7_15", "GAD-7 3+3+3+2+2+1+1 = 15: severe (>= 15)",
               answers_of("gad7", [3, 3, 3, 2, 2, 1, 1]), ["gad7"], {"gad7": 15},
               ["gad7_severe"]),
        scored("score_pcl5_32", "PCL-5 twelve items at 2, eight at 1 = 32: below the cut point",
               answers_of("pcl5", [2] * 12 + [1] * 8), ["pcl5"], {"pcl5": 32}, []),
        scored("score_pcl5_33", "PCL-5 thirteen items at 2, seven at 1 = 33: probable PTSD",
               answers_of("pcl5", [2] * 13 + [1] * 7), ["pcl5"], {"pcl5": 33},
               ["pcl5_probable_ptsd"]),
        scored("score_pcl5_80", "PCL-5 all 4 = 80: the highest total",
               answers_of("pcl5", [4] * 20), ["pcl5"], {"pcl5": 80}, ["pcl5_probable_ptsd"]),
        scored("score_two_at_once", "PHQ-9 = 20 and GAD-7 = 21 in one check-in: both rules",
               {**answers_of("phq9", [3, 3, 3, 3, 3, 3, 2, 0, 0]), **answers_of("gad7", [3] * 7)},
               ["phq9", "gad7"], {"phq9": 20, "gad7": 21}, [phq, "gad7_severe"]),
        scored("score_override_team_limit",
               "PHQ-9 = 21 with the team's amber limit at 22 for this person: not severe",
               answers_of("phq9", [3, 3, 3, 3, 3, 3, 3, 0, 0]), ["phq9"], {"phq9": 21}, [],
               overrides={"thresholds": {"phq9": {"amber_gte": 22}}}),
    ]  # fmt: skip


class _NoAliases(yaml.SafeDumper):
    """Every vector spelled out in full (no YAML anchors), easier to read alone."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write(name_: str, title: str, vectors: list[dict[str, Any]]) -> None:
    ids = [v["id"] for v in vectors]
    assert len(ids) == len(set(ids)), f"duplicate ids in {name_}"
    doc = {"description": title, "vectors": vectors}
    text = (
        "# Written by tests/triage/make_vectors.py from hand-checked tables: edit the tables.\n"
        + yaml.dump(doc, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100)
    )
    (OUT / f"{name_}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write(
        "adult_vitals",
        "Adult vital signs: bands, HAS and NEWS2 totals, missing values",
        adult_vitals(),
    )
    write("adult_symptoms", "Adult symptoms (daily_adult answers)", adult_symptoms())
    write("child", "Children: parent-reported signs and age-banded measurements", children())
    write("mental_health", "PHQ-9 item 9, PHQ-9, GAD-7, PCL-5", mental_health())
    write("history", "Trends, baseline, amber streak, critical window, missed check-ins", history())
    write("overrides", "Per-patient thresholds and baselines", overrides())
    write("symptoms", "Symptom pick lists (symptoms_adult, symptoms_child)", symptoms())
    write("scoring", "Questionnaire totals computed by each side from the answers", scoring())


if __name__ == "__main__":
    main()
