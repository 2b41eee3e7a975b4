"""Property tests of the evaluator over the real rules (hypothesis).

- making one vital sign worse (further from normal, on the side it already is) never lowers the
  level; adding a positive red-flag answer never lowers it (and gives red);
- a vital sign in a red band gives red whatever else is missing or unknown;
- green exactly when nothing fired; the level is the highest fired level.
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from relais.triage.engine import RANK, Checkin, Person, TriageResult, evaluate
from relais.triage.rules import Overrides
from tests.triage.support import ruleset, vitals

NOW = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)
#: A value on no threshold of any rule, for every age: "worse" means further from it.
NORMAL = {
    "temperature": 37.0,
    "spo2": 100.0,
    "heart_rate": 75.0,
    "resp_rate": 18.0,
    "systolic_bp": 150.0,
    "diastolic_bp": 80.0,
    "weight": 20.0,
}
ADULT_RED_ITEMS = [
    "da_confusion",
    "da_shivering",
    "da_no_urine",
    "da_breathless_severe",
    "da_might_die",
    "da_skin",
]
CHILD_RED_ITEMS = [
    "dc_fast_breathing",
    "dc_grunting",
    "dc_fit",
    "dc_skin",
    "dc_rash",
    "dc_drowsy",
    "dc_cold",
    "dc_no_response",
    "dc_neck",
]
YESNO_ITEMS = [
    *ADULT_RED_ITEMS,
    "da_worse",
    "da_breathless_new",
    "da_fever",
    "da_wound",
    "da_fluids",
    *CHILD_RED_ITEMS,
    "dc_less_active",
    "dc_nostrils",
    "dc_not_feeding",
    "dc_no_urine",
    "dc_vomiting",
    "dc_fever",
    "dc_limb",
    "dc_worse",
]
RANGES = {v.name: (v.min, v.max) for v in vitals().vitals}


def vital_value(name: str) -> st.SearchStrategy[float | None]:
    lo, hi = RANGES[name]
    step = 0.1 if name in ("temperature", "weight") else 1.0
    n = round((hi - lo) / step)
    return st.one_of(st.none(), st.integers(0, n).map(lambda k: round(lo + k * step, 1)))


persons = st.one_of(
    st.builds(
        Person,
        is_child=st.just(False),
        age_months=st.one_of(st.none(), st.integers(192, 1200)),
        day=st.one_of(st.none(), st.integers(1, 30)),
    ),
    st.builds(
        Person,
        is_child=st.just(True),
        age_months=st.one_of(st.none(), st.integers(0, 215)),
        day=st.one_of(st.none(), st.integers(1, 30)),
    ),
)
answers = st.dictionaries(
    st.sampled_from(YESNO_ITEMS), st.one_of(st.none(), st.sampled_from([0, 1])), max_size=8
).flatmap(
    lambda a: st.fixed_dictionaries(
        {},
        optional={
            "da_pain": st.one_of(st.none(), st.integers(0, 10)),
            "da_consciousness": st.one_of(st.none(), st.integers(0, 4)),
            "dc_fever_days": st.one_of(st.none(), st.integers(0, 30)),
            "phq9_9": st.one_of(st.none(), st.integers(0, 3)),
        },
    ).map(lambda extra: {**a, **extra})
)
vital_maps = st.fixed_dictionaries({}, optional={name: vital_value(name) for name in RANGES})
scores = st.fixed_dictionaries(
    {},
    optional={
        "phq9": st.one_of(st.none(), st.integers(0, 27)),
        "gad7": st.one_of(st.none(), st.integers(0, 21)),
        "pcl5": st.one_of(st.none(), st.integers(0, 80)),
    },
)
overrides = st.one_of(
    st.none(),
    st.just(Overrides(thresholds={"spo2": {"red_lte": 85, "amber_lte": 88}})),
    st.just(Overrides(thresholds={"heart_rate": {"amber_gt": 170, "red_gte": 150}})),
)


def run(
    person: Person,
    vit: dict[str, Any],
    ans: dict[str, Any],
    sc: dict[str, Any] | None = None,
    ov: Overrides | None = None,
) -> TriageResult:
    checkin = Checkin(answers=ans, vitals=vit, scores=sc or {})
    return evaluate(ruleset(), person, checkin, [], NOW, ov)


@settings(max_examples=300, deadline=None)
@given(
    person=persons,
    vit=vital_maps,
    ans=answers,
    sc=scores,
    ov=overrides,
    name=st.sampled_from(sorted(RANGES)),
    data=st.data(),
)
def test_a_worse_vital_never_lowers_the_level(
    person: Person,
    vit: dict[str, Any],
    ans: dict[str, Any],
    sc: dict[str, Any],
    ov: Overrides | None,
    name: str,
    data: st.DataObject,
) -> None:
    value = data.draw(vital_value(name).filter(lambda x: x is not None))
    assert value is not None
    normal = NORMAL[name]
    lo, hi = RANGES[name]
    if value >= normal:
        worse = data.draw(st.floats(value, hi).map(lambda x: round(x, 1)))
    else:
        worse = data.draw(st.floats(lo, value).map(lambda x: round(x, 1)))
    worse = min(max(worse, lo), hi)
    if (value >= normal) != (worse >= normal) or abs(worse - normal) < abs(value - normal):
        return
    before = run(person, {**vit, name: value}, ans, sc, ov)
    after = run(person, {**vit, name: worse}, ans, sc, ov)
    assert RANK[after.level] >= RANK[before.level], (name, value, worse, before, after)


@settings(max_examples=200, deadline=None)
@given(person=persons, vit=vital_maps, ans=answers, sc=scores, data=st.data())
def test_a_red_flag_answer_never_lowers_the_level_and_gives_red(
    person: Person,
    vit: dict[str, Any],
    ans: dict[str, Any],
    sc: dict[str, Any],
    data: st.DataObject,
) -> None:
    items = CHILD_RED_ITEMS if person.is_child else ADULT_RED_ITEMS
    item = data.draw(st.sampled_from(items))
    before = run(person, vit, ans, sc)
    after = run(person, vit, {**ans, item: 1}, sc)
    assert RANK[after.level] >= RANK[before.level]
    assert after.level == "red"


ADULT_RED_VALUES = st.one_of(
    st.tuples(st.just("resp_rate"), st.integers(4, 8)),
    st.tuples(st.just("resp_rate"), st.integers(25, 80)),
    st.tuples(st.just("spo2"), st.integers(50, 91)),
    st.tuples(st.just("systolic_bp"), st.integers(50, 90)),
    st.tuples(st.just("systolic_bp"), st.integers(220, 260)),
    st.tuples(st.just("heart_rate"), st.integers(20, 40)),
    st.tuples(st.just("heart_rate"), st.integers(131, 250)),
    st.tuples(st.just("temperature"), st.integers(300, 350).map(lambda x: x / 10)),
)
CHILD_RED_VALUES = st.one_of(
    st.tuples(st.just("spo2"), st.integers(50, 91)),
    st.tuples(st.just("temperature"), st.integers(300, 350).map(lambda x: x / 10)),
)


@settings(max_examples=300, deadline=None)
@given(
    age=st.one_of(st.none(), st.integers(192, 1200)),
    vit=vital_maps,
    ans=answers,
    red=ADULT_RED_VALUES,
)
def test_an_adult_red_band_vital_is_red_whatever_else_is_missing(
    age: int | None, vit: dict[str, Any], ans: dict[str, Any], red: tuple[str, float]
) -> None:
    name, value = red
    result = run(Person(is_child=False, age_months=age), {**vit, name: value}, ans)
    assert result.level == "red"


@settings(max_examples=200, deadline=None)
@given(
    age=st.one_of(st.none(), st.integers(0, 215)),
    vit=vital_maps,
    ans=answers,
    red=CHILD_RED_VALUES,
)
def test_a_child_red_band_vital_is_red_whatever_else_is_missing(
    age: int | None, vit: dict[str, Any], ans: dict[str, Any], red: tuple[str, float]
) -> None:
    name, value = red
    result = run(Person(is_child=True, age_months=age), {**vit, name: value}, ans)
    assert result.level == "red"


@settings(max_examples=200, deadline=None)
@given(
    age=st.one_of(st.none(), st.integers(0, 215)),
    vit=vital_maps,
    ans=answers,
    rr=st.integers(61, 80),
)
def test_a_young_child_breathing_over_60_is_red(
    age: int | None, vit: dict[str, Any], ans: dict[str, Any], rr: int
) -> None:
    # Over 60 breaths a minute is red under 5 (NICE), and above every red band of older ages.
    result = run(Person(is_child=True, age_months=age), {**vit, "resp_rate": rr}, ans)
    assert result.level == "red"


@settings(max_examples=300, deadline=None)
@given(person=persons, vit=vital_maps, ans=answers, sc=scores, ov=overrides)
def test_green_only_when_nothing_fires_and_level_is_the_highest(
    person: Person,
    vit: dict[str, Any],
    ans: dict[str, Any],
    sc: dict[str, Any],
    ov: Overrides | None,
) -> None:
    result = run(person, vit, ans, sc, ov)
    assert (result.level == "green") == (result.fired == [])
    if result.fired:
        assert result.level == max((f.level for f in result.fired), key=RANK.__getitem__)
    assert result.urgent == any(f.urgent for f in result.fired)
    assert ("self_harm" in result.flags) == any(f.show == "self_harm" for f in result.fired)


@settings(max_examples=100, deadline=None)
@given(person=persons, vit=vital_maps, ans=answers)
def test_a_missing_value_never_fires_more_than_a_present_one(
    person: Person, vit: dict[str, Any], ans: dict[str, Any]
) -> None:
    # Removing a value (the person has no device) can only remove fired rules, never add one.
    full = run(person, vit, ans)
    for name in list(vit):
        fewer = run(person, {**vit, name: None}, ans)
        assert {f.id for f in fewer.fired} <= {f.id for f in full.fired}


def _picker_rules() -> list[tuple[str, str, str, Any]]:
    """(item, level, group, age band) of each rule on a symptom-picker item (content/rules)."""
    out = []
    for rule in ruleset().rules:
        items = [c.answer.item for c in rule.when.walk() if c.answer is not None]
        if len(items) == 1 and items[0].startswith(("sa_", "sc_")):
            out.append((items[0], rule.level, rule.applies_to.group, rule.applies_to.age_months))
    return out


PICKER_RULES = _picker_rules()


def _in_band(band: Any, months: int | None) -> bool:
    if band is None or months is None:
        return True
    checks = [
        (band.gte, lambda b: months >= b),
        (band.gt, lambda b: months > b),
        (band.lte, lambda b: months <= b),
        (band.lt, lambda b: months < b),
    ]
    return all(check(b) for b, check in checks if b is not None)


@settings(max_examples=300, deadline=None)
@given(person=persons, vit=vital_maps, ans=answers, sc=scores, data=st.data())
def test_a_ticked_symptom_never_lowers_the_level_and_gives_at_least_its_rule(
    person: Person,
    vit: dict[str, Any],
    ans: dict[str, Any],
    sc: dict[str, Any],
    data: st.DataObject,
) -> None:
    assert len(PICKER_RULES) >= 40
    group = "child" if person.is_child else "adult"
    mine = [
        (item, level)
        for item, level, who, band in PICKER_RULES
        if who in (group, "any") and _in_band(band, person.age_months)
    ]
    item, level = data.draw(st.sampled_from(mine))
    before = run(person, vit, ans, sc)
    after = run(person, vit, {**ans, item: 1}, sc)
    assert RANK[after.level] >= max(RANK[before.level], RANK[level]), (item, before, after)


@settings(max_examples=200, deadline=None)
@given(person=persons, vit=vital_maps, ans=answers, sc=scores, data=st.data())
def test_a_symptom_of_the_other_group_or_unticked_changes_nothing(
    person: Person,
    vit: dict[str, Any],
    ans: dict[str, Any],
    sc: dict[str, Any],
    data: st.DataObject,
) -> None:
    other = "adult" if person.is_child else "child"
    theirs = [item for item, _, who, _ in PICKER_RULES if who == other]
    item = data.draw(st.sampled_from(theirs))
    before = run(person, vit, ans, sc)
    for value in (1, 0, None):
        after = run(person, vit, {**ans, item: value}, sc)
        assert (after.level, sorted(f.id for f in after.fired)) == (
            before.level,
            sorted(f.id for f in before.fired),
        ), (item, value)
