"""WHO z-scores against WHO's published values, and their properties.

Where the reference values come from:

- WHO Child Growth Standards (2006), the "z-score" tables (weight-for-age, length/height-for-age,
  BMI-for-age, head circumference-for-age by month; weight-for-length and weight-for-height by
  0.5 cm) publish, next to L, M and S, the measurement at -3, -2, -1, 0, 1, 2 and 3 SD rounded
  to 0.1. The points in PUBLISHED below are copied from those columns (boys and girls tables).
  A computed z-score at a published value must equal its SD up to the rounding of the value: the
  z-scores of value - 0.05 and value + 0.05 must bracket it.
- WHO Reference 2007 (5-19 years): de Onis et al., Bull WHO 2007;85:660-7 give the BMI at
  19 years: +1 SD is 25.4 (boys) and 25.0 (girls); +2 SD is 29.7 for both.
- Beyond +-3 SD (weight-based indicators only) WHO's restricted rule: from the published SD2 and
  SD3 values, y = SD3 + d * (SD3 - SD2) has z = 3 + d, and y = SD3neg - d * (SD2neg - SD3neg)
  has z = -3 - d (technical report 2006, chapter 7).
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relais.children import growth as g
from relais.content import lms
from relais.content.loader import load_library

LIB = load_library()
CHILDREN = LIB.children
TABLES = CHILDREN.tables
CONFIG = CHILDREN.growth
WEIGHT_BASED = ("wfa", "wfl", "wfh", "bmi")


LMS = tuple[float, float, float]


def zs(y: float, lms: LMS, restricted: bool) -> float:
    return g.zscore(y, lms[0], lms[1], lms[2], restricted=restricted)


def va(z: float, lms: LMS, restricted: bool) -> float:
    return g.value_at(z, lms[0], lms[1], lms[2], restricted=restricted)


def sdv(lms: LMS, k: float) -> float:
    return g.sd_value(lms[0], lms[1], lms[2], k)


def lz(y: float, lms: LMS) -> float:
    return g.lms_z(y, lms[0], lms[1], lms[2])


# (table, x (month or cm), k (SD), published value at k SD)
PUBLISHED = [
    ("who2006_wfa_male", 0, -3, 2.1),
    ("who2006_wfa_male", 0, 3, 5.0),
    ("who2006_wfa_male", 6, 0, 7.9),
    ("who2006_wfa_male", 12, -3, 6.9),
    ("who2006_wfa_male", 12, 3, 13.3),
    ("who2006_wfa_male", 24, 0, 12.2),
    ("who2006_wfa_male", 36, 3, 20.7),
    ("who2006_wfa_male", 60, -3, 12.4),
    ("who2006_wfa_male", 60, 3, 27.9),
    ("who2006_wfa_female", 0, 0, 3.2),
    ("who2006_wfa_female", 9, -3, 5.8),
    ("who2006_wfa_female", 18, 3, 15.1),
    ("who2006_wfa_female", 48, -3, 10.9),
    ("who2006_wfa_female", 48, 3, 25.2),
    ("who2006_lfa_male", 0, 0, 49.9),
    ("who2006_lfa_male", 12, -3, 68.6),
    ("who2006_lfa_male", 12, 3, 82.9),
    ("who2006_lfa_female", 6, 0, 65.7),
    ("who2006_lfa_female", 23, -3, 76.0),
    ("who2006_hfa_male", 24, 0, 87.1),
    ("who2006_hfa_male", 48, 3, 115.9),
    ("who2006_hfa_female", 36, -3, 83.6),
    ("who2006_hfa_female", 60, 0, 109.4),
    ("who2006_bmi02_male", 3, -3, 13.1),
    ("who2006_bmi02_male", 3, 3, 21.8),
    ("who2006_bmi25_female", 30, 0, 15.5),
    ("who2006_bmi25_female", 30, 3, 20.4),
    ("who2006_hcfa_male", 0, -3, 30.7),
    ("who2006_hcfa_male", 12, 0, 46.1),
    ("who2006_hcfa_female", 6, 3, 46.1),
    ("who2006_hcfa_female", 36, -3, 44.3),
    ("who2006_wfl_male", 50, 0, 3.3),
    ("who2006_wfl_male", 75.5, -3, 7.6),
    ("who2006_wfl_male", 75.5, 3, 12.5),
    ("who2006_wfl_female", 65, 0, 7.1),
    ("who2006_wfh_male", 90, -3, 10.2),
    ("who2006_wfh_male", 90, 3, 16.6),
    ("who2006_wfh_female", 100, 0, 15.2),
    ("who2006_wfh_female", 110, 3, 25.1),
    ("who2006_wfh_female", 110, -3, 14.2),
]

# WHO 2007, BMI-for-age at 19 years (228 months): (table, k, published value).
PUBLISHED_2007 = [
    ("who2007_bmi_male", 1, 25.4),
    ("who2007_bmi_female", 1, 25.0),
    ("who2007_bmi_male", 2, 29.7),
    ("who2007_bmi_female", 2, 29.7),
]

# Published SD3neg, SD2neg, SD2, SD3 of weight-based tables, for the restricted tails.
TAILS = [
    ("who2006_wfa_male", 12, 6.9, 7.7, 12.0, 13.3),
    ("who2006_wfa_female", 36, 9.6, 10.8, 18.1, 20.9),
    ("who2006_wfl_male", 80, 8.2, 8.9, 12.4, 13.6),
    ("who2006_wfh_female", 95, 10.8, 11.7, 16.7, 18.5),
    ("who2006_bmi25_male", 48, 12.1, 13.1, 18.2, 19.9),
    ("who2006_bmi02_female", 6, 13.0, 14.1, 20.3, 22.3),
]


def _restricted(name: str) -> bool:
    return name.split("_")[1].startswith(WEIGHT_BASED)


def _z(name: str, x: float, y: float) -> float:
    lms = TABLES[f"{name}.csv"].lms_at(x)
    assert lms is not None
    return zs(y, lms, _restricted(name))


def test_at_least_thirty_published_points_across_sexes_and_indicators() -> None:
    points = PUBLISHED + [(n, 228, k, v) for n, k, v in PUBLISHED_2007]
    assert len(points) + 4 * len(TAILS) >= 30
    assert {p[0].split("_")[2] for p in points} == {"male", "female"}
    assert {p[0].split("_")[1] for p in points} >= {
        "wfa",
        "lfa",
        "hfa",
        "bmi02",
        "bmi25",
        "hcfa",
        "wfl",
        "wfh",
        "bmi",
    }


@pytest.mark.parametrize(("name", "x", "k", "value"), PUBLISHED)
def test_z_at_published_sd_value(name: str, x: float, k: int, value: float) -> None:
    low, high = _z(name, x, value - 0.05), _z(name, x, value + 0.05)
    assert low <= k <= high, (low, high)
    assert abs(_z(name, x, value) - k) < 0.2


@pytest.mark.parametrize(("name", "k", "value"), PUBLISHED_2007)
def test_who2007_bmi_at_19_years(name: str, k: int, value: float) -> None:
    assert _z(name, 228, value - 0.05) <= k <= _z(name, 228, value + 0.05)


@pytest.mark.parametrize(("name", "x", "sd3n", "sd2n", "sd2", "sd3"), TAILS)
@pytest.mark.parametrize("d", [0.5, 1.0, 2.0])
def test_restricted_tails_beyond_3_sd(
    name: str, x: float, sd3n: float, sd2n: float, sd2: float, sd3: float, d: float
) -> None:
    # Published values are rounded to 0.1: allow for it (the gap SD3-SD2 is ~1 kg or unit).
    tol = 0.1 * (1 + d) / min(sd3 - sd2, sd2n - sd3n) + 0.02
    assert _z(name, x, sd3 + d * (sd3 - sd2)) == pytest.approx(3 + d, abs=tol)
    assert _z(name, x, sd3n - d * (sd2n - sd3n)) == pytest.approx(-3 - d, abs=tol)


def test_restricted_differs_from_plain_lms_only_beyond_3() -> None:
    lms = TABLES["who2006_wfa_male.csv"].lms_at(12)
    assert lms is not None
    for y in (8.0, 9.6, 12.0):
        assert zs(y, lms, True) == pytest.approx(lz(y, lms))
    sd2, sd3 = sdv(lms, 2), sdv(lms, 3)
    far = sd3 * 1.3
    assert zs(far, lms, True) == pytest.approx(3 + (far - sd3) / (sd3 - sd2))
    assert abs(zs(far, lms, True) - lz(far, lms)) > 0.1
    sd2n, sd3n = sdv(lms, -2), sdv(lms, -3)
    low = sd3n * 0.8
    assert zs(low, lms, True) == pytest.approx(-3 + (low - sd3n) / (sd2n - sd3n))
    # Length and head circumference are not weight-based: plain LMS beyond 3 SD.
    hc = TABLES["who2006_hcfa_male.csv"].lms_at(12)
    assert hc is not None
    assert zs(60.0, hc, False) == pytest.approx(lz(60.0, hc))


def test_every_published_sd_column_is_reproduced() -> None:
    """All rows, all seven SD columns of every WHO 2006 table shipped."""
    checked = 0
    for name, table in TABLES.items():
        if not table.sd:
            continue
        for i, x in enumerate(table.x):
            for k, column in table.sd.items():
                v = column[i]
                low = lz(v - 0.051, table.lms[i])
                high = lz(v + 0.051, table.lms[i])
                assert low <= k <= high, (name, x, k, v)
                checked += 1
    assert checked > 5000


def test_centiles_and_lines() -> None:
    assert g.percentile(0) == pytest.approx(50)
    assert g.percentile(-2) == pytest.approx(2.275, abs=0.01)
    assert g.z_of_centile(0.4) == pytest.approx(-2.652, abs=0.01)
    assert g.z_of_centile(99.6) == pytest.approx(2.652, abs=0.01)
    lines = CONFIG.centile_lines
    assert g.lines_crossed_down(0.1, -0.1, lines) == 1  # 50th
    assert g.lines_crossed_down(0.1, -0.8, lines) == 2  # 50th and 25th
    assert g.lines_crossed_down(-0.8, 0.1, lines) == 0  # going up
    assert g.lines_crossed_down(1.0, 0.8, lines) == 0  # between 75th and 91st


# --- properties ---------------------------------------------------------------------------------


@st.composite
def table_point(draw: st.DrawFn) -> tuple[str, float]:
    name = draw(st.sampled_from(sorted(TABLES)))
    t = TABLES[name]
    x = draw(st.floats(min_value=t.x[0], max_value=t.x[-1], allow_nan=False))
    return name, x


@settings(max_examples=300, deadline=None)
@given(table_point(), st.floats(0.2, 80), st.floats(0.2, 80))
def test_z_is_monotone_in_the_measurement(point: tuple[str, float], a: float, b: float) -> None:
    name, x = point
    lms = TABLES[name].lms_at(x)
    assert lms is not None
    m = lms[1]
    y1, y2 = sorted((m * a / 20, m * b / 20))
    for restricted in (False, True):
        z1 = zs(y1, lms, restricted)
        z2 = zs(y2, lms, restricted)
        assert z1 <= z2
        if y2 > y1 * (1 + 1e-9):
            assert z1 < z2


@settings(max_examples=200, deadline=None)
@given(table_point(), st.floats(-4.5, 4.5), st.booleans())
def test_value_at_inverts_zscore(point: tuple[str, float], z: float, restricted: bool) -> None:
    name, x = point
    lms = TABLES[name].lms_at(x)
    assert lms is not None
    try:
        y = va(z, lms, restricted)
    except ValueError:
        return  # beyond the plain LMS curve's domain (very negative z with a large L*S)
    assert y > 0
    assert zs(y, lms, restricted) == pytest.approx(z, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(st.floats(-3.5, 3.5), st.floats(-3.5, 3.5))
def test_crossing_counts_are_consistent(z1: float, z2: float) -> None:
    lines = CONFIG.centile_lines
    down = g.lines_crossed_down(z1, z2, lines)
    assert 0 <= down <= len(lines)
    if z2 >= z1:
        assert down == 0
    else:
        assert down == g.lines_crossed_down(z1, z2, lines)
        assert down >= g.lines_crossed_down((z1 + z2) / 2, z2, lines)


def test_lms_with_l_zero_is_log() -> None:
    assert g.lms_z(math.e, 0.0, 1.0, 1.0) == pytest.approx(1.0)
    assert g.sd_value(0.0, 1.0, 1.0, 1.0) == pytest.approx(math.e)


def test_table_interpolates_between_months() -> None:
    t = TABLES["who2006_wfa_male.csv"]
    a, b = t.lms_at(12), t.lms_at(13)
    mid = t.lms_at(12.5)
    assert a and b and mid
    assert mid[1] == pytest.approx((a[1] + b[1]) / 2)
    assert t.lms_at(-0.1) is None and t.lms_at(60.5) is None
    assert t.lms_at(60.5, extend=1) == t.lms[-1]


def test_table_parser_reports_lines() -> None:
    with pytest.raises(lms.TableError) as err:
        lms.parse_lms_csv("# c\nx,L,M,S\n1,1,2,0.1\n1,1,2,0.1\n")
    assert err.value.line == 4
    with pytest.raises(lms.TableError):
        lms.parse_lms_csv("x,L,M,S\n1,1,-2,0.1\n2,1,2,0.1\n")


# --- corrected age ------------------------------------------------------------------------------


def test_corrected_age_for_a_child_born_early() -> None:
    birth = dt.date(2026, 1, 1)
    on = birth + dt.timedelta(days=180)
    assert g.corrected_age_days(birth, on, 32) == (180 - 8 * 7, True)
    assert g.corrected_age_days(birth, on, 36) == (180 - 4 * 7, True)


def test_no_correction_at_term_or_unknown() -> None:
    birth = dt.date(2026, 1, 1)
    on = birth + dt.timedelta(days=100)
    assert g.corrected_age_days(birth, on, 37) == (100, False)
    assert g.corrected_age_days(birth, on, 40) == (100, False)
    assert g.corrected_age_days(birth, on, None) == (100, False)


def test_correction_stops_at_24_months_and_never_goes_below_zero() -> None:
    birth = dt.date(2024, 1, 1)
    assert g.corrected_age_days(birth, dt.date(2026, 1, 2), 28) == (732, False)
    assert g.corrected_age_days(birth, dt.date(2025, 12, 30), 28)[1] is True
    assert g.corrected_age_days(birth, birth + dt.timedelta(days=10), 26) == (0, True)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 1000), st.one_of(st.none(), st.integers(22, 42)))
def test_corrected_age_never_exceeds_the_real_age(days: int, weeks: int | None) -> None:
    birth = dt.date(2024, 1, 1)
    used, corrected = g.corrected_age_days(birth, birth + dt.timedelta(days=days), weeks)
    assert 0 <= used <= days
    assert corrected == (weeks is not None and weeks < 37 and days < 24 * g.DAYS_PER_MONTH)


# --- length lying down or height standing (0.7 cm) ------------------------------------------------
#
# WHO's length/height-for-age tables are of the length lying down (recumbent) under 24 months and
# of the height standing from 24 months; standing height is on average 0.7 cm less than lying
# length. A child under 2 measured standing gets 0.7 cm added, a child of 2 or more measured lying
# down gets 0.7 cm taken off (WHO Training Course on Child Growth Assessment 2008, module B; WHO
# Anthro). The expected values below are the published SD columns of lhfa_boys_0_2,
# lhfa_girls_0_2 and lhfa_boys_2_5.


def _bracket(name: str, x: float, y: float, k: int) -> None:
    """z of the published value y at k SD, up to the table's 0.1 cm rounding."""
    assert _z(name, x, y - 0.05) <= k <= _z(name, x, y + 0.05)


def test_who_tables_themselves_differ_by_0_7_cm_at_24_months() -> None:
    lying = TABLES["who2006_lfa_male.csv"].lms_at(24)
    standing = TABLES["who2006_hfa_male.csv"].lms_at(24)
    assert lying is not None and standing is not None
    assert lying[1] - standing[1] == pytest.approx(g.STANDING_DIFFERENCE_CM, abs=0.02)


@pytest.mark.parametrize(
    ("table", "k", "published"),
    [
        ("who2006_lfa_male", 0, 82.3),  # boy, 18 months: median length
        ("who2006_lfa_male", 2, 87.7),
        ("who2006_lfa_male", -2, 76.9),
        ("who2006_lfa_female", 0, 80.7),  # girl, 18 months
    ],
)
def test_child_of_18_months_measured_standing(table: str, k: int, published: float) -> None:
    standing = round(published - 0.7, 1)
    adjusted = g.adjusted_length(standing, 18.0, "standing")
    assert adjusted == pytest.approx(published)
    _bracket(table, 18, adjusted, k)
    # Without the adjustment the child would look about a quarter of an SD shorter.
    lms = TABLES[f"{table}.csv"].lms_at(18)
    assert lms is not None
    assert zs(adjusted, lms, False) - zs(standing, lms, False) == pytest.approx(
        0.7 / (lms[1] * lms[2]), rel=1e-6
    )


@pytest.mark.parametrize(("k", "published"), [(0, 96.1), (3, 107.2), (-3, 85.0)])
def test_boy_of_36_months_measured_lying_down(k: int, published: float) -> None:
    lying = round(published + 0.7, 1)
    adjusted = g.adjusted_length(lying, 36.0, "recumbent")
    assert adjusted == pytest.approx(published)
    _bracket("who2006_hfa_male", 36, adjusted, k)


def test_measured_as_expected_or_unknown_is_not_adjusted() -> None:
    assert g.adjusted_length(80.0, 18, "recumbent") == 80.0
    assert g.adjusted_length(95.0, 36, "standing") == 95.0
    assert g.adjusted_length(80.0, 18, None) == 80.0
    assert g.adjusted_length(95.0, 36, "") == 95.0
    with pytest.raises(ValueError):
        g.adjusted_length(80.0, 18, "sitting")


def test_the_switch_is_at_24_months_as_in_who_anthro() -> None:
    # WHO Anthro: length under 731 days of age, height from 731 days.
    assert g.default_position(g.months(730)) == "recumbent"
    assert g.default_position(g.months(731)) == "standing"
    assert g.adjusted_length(85.0, g.months(730), "standing") == 85.7
    assert g.adjusted_length(85.0, g.months(731), "standing") == 85.0
    assert g.adjusted_length(85.0, g.months(731), "recumbent") == 84.3
    assert g.adjusted_length(85.0, 30, "recumbent", difference_cm=0.5) == 84.5


def test_scores_use_the_adjusted_length_for_every_length_based_indicator() -> None:
    from relais.children.measurements import scores_for

    assert CONFIG is not None and CONFIG.length_position is not None
    assert CONFIG.length_position.difference_cm == g.STANDING_DIFFERENCE_CM
    source = CONFIG.length_position.source
    assert "Training Course" in source["en"] and "formation de l’OMS" in source["fr"].replace(
        "'", "’"
    )

    def by_indicator(position: str | None) -> dict[str, float]:
        out = scores_for(CONFIG, TABLES, "male", 18.0, 11.0, 81.6, None, position)
        return {s.indicator: s.z for s in out}

    standing, unknown = by_indicator("standing"), by_indicator(None)
    assert abs(standing["length_height_for_age"]) < 0.03  # 82.3 cm: the median at 18 months
    assert standing["length_height_for_age"] - unknown["length_height_for_age"] > 0.25
    # Longer for the same weight: lower weight-for-length and BMI; weight-for-age unchanged.
    assert standing["weight_for_length_height"] < unknown["weight_for_length_height"]
    assert standing["bmi_for_age"] < unknown["bmi_for_age"]
    assert standing["weight_for_age"] == unknown["weight_for_age"]
    value = next(
        s.value
        for s in scores_for(CONFIG, TABLES, "male", 18.0, None, 81.6, None, "standing")
        if s.indicator == "length_height_for_age"
    )
    assert value == pytest.approx(82.3)
