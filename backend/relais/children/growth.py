"""WHO growth z-scores: pure functions, no database, no content loading.

The LMS method (Cole 1990), as WHO uses it for the Child Growth Standards (2006) and the
Growth Reference (2007):

    z = ((y / M) ** L - 1) / (L * S)              (L != 0)
    z = ln(y / M) / S                             (L == 0)

For the weight-based indicators (weight-for-age, weight-for-length/height, BMI-for-age) WHO
restricts the LMS curve beyond +-3 SD, so that the far tails follow the distance between the
2 SD and 3 SD curves instead of the Box-Cox shape (WHO technical report 2006, chapter 7):

    SDk = M * (1 + L * S * k) ** (1 / L)
    z > 3:  z* = 3 + (y - SD3pos) / (SD3pos - SD2pos)
    z < -3: z* = -3 + (y - SD3neg) / (SD2neg - SD3neg)

Tables give L, M, S at whole months (or every 0.5 cm for weight-for-length/height); between two
rows L, M and S are interpolated linearly.

Length or height: WHO's tables under 24 months are of the length measured lying down (recumbent),
from 24 months of the height measured standing; a standing height is on average 0.7 cm less than
the length of the same child. A measurement taken the other way is converted before it is
compared with the tables (`adjusted_length`): +0.7 cm for a child under 24 months measured
standing, -0.7 cm for a child of 24 months or more measured lying down (WHO Child Growth
Standards, Methods and development 2006, length/height-for-age; WHO Training Course on Child
Growth Assessment 2008, module B; the same rule in WHO Anthro and its igrowup macros).
"""

from __future__ import annotations

import datetime as dt
import math
from statistics import NormalDist

DAYS_PER_MONTH = 30.4375  # WHO: 365.25 / 12
#: Below this age (months) WHO's tables are of length lying down, from it of height standing.
LENGTH_UNTIL_MONTHS = 24.0
#: Standing height is on average this much less than recumbent length (cm).
STANDING_DIFFERENCE_CM = 0.7
POSITIONS = ("recumbent", "standing")
_NORMAL = NormalDist()


# --------------------------------------------------------------------------------------------
# z-scores


def lms_z(y: float, L: float, M: float, S: float) -> float:
    """The plain LMS z-score of a measurement y > 0."""
    if y <= 0:
        raise ValueError("a measurement must be positive")
    if abs(L) < 1e-12:
        return math.log(y / M) / S
    return float(((y / M) ** L - 1) / (L * S))


def sd_value(L: float, M: float, S: float, k: float) -> float:
    """The measurement at z = k on the plain LMS curve (SDk)."""
    if abs(L) < 1e-12:
        return M * math.exp(S * k)
    base = 1 + L * S * k
    if base <= 0:
        raise ValueError("z beyond the LMS curve's domain")
    return float(M * base ** (1 / L))


def zscore(y: float, L: float, M: float, S: float, restricted: bool) -> float:
    """z-score of y; with `restricted` (weight-based indicators) WHO's rule beyond +-3 SD."""
    z = lms_z(y, L, M, S)
    if restricted and z > 3:
        sd3, sd2 = sd_value(L, M, S, 3), sd_value(L, M, S, 2)
        return 3 + (y - sd3) / (sd3 - sd2)
    if restricted and z < -3:
        sd3n, sd2n = sd_value(L, M, S, -3), sd_value(L, M, S, -2)
        return -3 + (y - sd3n) / (sd2n - sd3n)
    return z


def value_at(z: float, L: float, M: float, S: float, restricted: bool) -> float:
    """The measurement whose z-score is z (inverse of `zscore`), e.g. to draw centile curves."""
    if restricted and z > 3:
        sd3, sd2 = sd_value(L, M, S, 3), sd_value(L, M, S, 2)
        return sd3 + (z - 3) * (sd3 - sd2)
    if restricted and z < -3:
        sd3n, sd2n = sd_value(L, M, S, -3), sd_value(L, M, S, -2)
        return sd3n + (z + 3) * (sd2n - sd3n)
    return sd_value(L, M, S, z)


def percentile(z: float) -> float:
    """The centile (0-100) of a z-score on the normal distribution."""
    return 100 * _NORMAL.cdf(z)


def z_of_centile(centile: float) -> float:
    return _NORMAL.inv_cdf(centile / 100)


def lines_crossed_down(z_before: float, z_now: float, centiles: list[float]) -> int:
    """How many centile lines a child went down across between two z-scores (0 if going up)."""
    if z_now >= z_before:
        return 0
    return sum(1 for c in centiles if z_now < z_of_centile(c) <= z_before)


# --------------------------------------------------------------------------------------------
# Age


def age_days(birth: dt.date, on: dt.date) -> int:
    return (on - birth).days


def corrected_age_days(
    birth: dt.date,
    on: dt.date,
    gestational_weeks: int | None,
    *,
    preterm_below_weeks: int = 37,
    term_weeks: int = 40,
    until_months: int = 24,
) -> tuple[int, bool]:
    """(age in days to use, whether it is corrected).

    A child born before `preterm_below_weeks` weeks is measured against their corrected age
    (chronological age minus the weeks born before `term_weeks`) until `until_months` of
    chronological age. The corrected age is never below 0.
    """
    days = age_days(birth, on)
    if (
        gestational_weeks is None
        or gestational_weeks >= preterm_below_weeks
        or days >= until_months * DAYS_PER_MONTH
    ):
        return days, False
    return max(0, days - (term_weeks - gestational_weeks) * 7), True


def months(days: float) -> float:
    return days / DAYS_PER_MONTH


# --------------------------------------------------------------------------------------------
# Length lying down or height standing


def default_position(age_months: float, until_months: float = LENGTH_UNTIL_MONTHS) -> str:
    """How WHO expects a child of this age to be measured: "recumbent" (lying down) under
    `until_months`, "standing" from it."""
    return "recumbent" if age_months < until_months else "standing"


def adjusted_length(
    length_cm: float,
    age_months: float,
    position: str | None,
    *,
    until_months: float = LENGTH_UNTIL_MONTHS,
    difference_cm: float = STANDING_DIFFERENCE_CM,
) -> float:
    """The length/height to compare with WHO's table for this age.

    Under `until_months` the table is of recumbent length: a child measured standing gets
    `difference_cm` added. From `until_months` the table is of standing height: a child measured
    lying down gets it taken off. A measurement taken the expected way, or with no position
    recorded (None or ""), is returned as it is.
    """
    if position not in (None, "") and position not in POSITIONS:
        raise ValueError(f"position must be one of {', '.join(POSITIONS)}")
    expected = default_position(age_months, until_months)
    if not position or position == expected:
        return length_cm
    if position == "standing":  # under 24 months
        return round(length_cm + difference_cm, 2)
    return round(length_cm - difference_cm, 2)  # lying down from 24 months
