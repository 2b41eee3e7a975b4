"""Growth measurements: WHO z-scores (relais.children.growth), the charts, the alerts they open."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import msgspec

from relais.access.policy import Access, today_in
from relais.alerts.service import withdraw
from relais.checkins.schemas import AlertRef
from relais.children import growth as g
from relais.children.common import (
    AGE_EXTEND,
    alert_refs,
    child_age,
    children_of,
    growth_hash,
    open_child_alert,
    refused,
    replay_from,
    text_in,
)
from relais.children.schemas import (
    ChartOut,
    ChartPoint,
    CurveOut,
    GrowthChangeOut,
    GrowthCorrectionIn,
    GrowthIn,
    GrowthOut,
    GrowthRemovalIn,
    GrowthResult,
    IndicatorOut,
    MeasurementOut,
    PositionRule,
    ZOut,
)
from relais.children.tables import GrowthCorrection, GrowthMeasurement
from relais.content.children_schemas import (
    ChildrenContent,
    GrowthConfig,
    Indicator,
    Segment,
)
from relais.content.loader import ContentLibrary
from relais.db import as_utc, as_uuid, json_value, transaction, utcnow
from relais.errors import FieldRefusal, Refusal
from relais.phone_writes import received_before, write_once

# --- growth ------------------------------------------------------------------------------------


def _segment(indicator: Indicator, age_months: float) -> Segment | None:
    segs = indicator.segments
    for seg in segs:
        if seg.age_from <= age_months < seg.age_to:
            return seg
    if segs and age_months == segs[-1].age_to:
        return segs[-1]
    return None


def bmi_of(weight: float | None, length: float | None) -> float | None:
    if weight is None or length is None:
        return None
    return round(weight / (length / 100) ** 2, 2)


def position_rule(config: GrowthConfig) -> tuple[float, float]:
    """(age in months from which WHO's tables are of standing height, lying-standing difference)."""
    pos = config.length_position
    if pos is None:
        return g.LENGTH_UNTIL_MONTHS, g.STANDING_DIFFERENCE_CM
    return pos.until_months, pos.difference_cm


def length_for_tables(
    config: GrowthConfig, length: float | None, age_months: float, position: str | None
) -> float | None:
    """The length/height compared with WHO's tables (0.7 cm adjustment by position and age)."""
    if length is None:
        return None
    until, diff = position_rule(config)
    return g.adjusted_length(length, age_months, position, until_months=until, difference_cm=diff)


def scores_for(
    config: GrowthConfig,
    tables: Any,
    sex: str,
    age_months: float,
    weight: float | None,
    length: float | None,
    head: float | None,
    position: str | None = None,
) -> list[ZOut]:
    """Every indicator that applies to this measurement, with its z-score and centile. A length
    measured standing under 24 months, or lying down from 24 months, is adjusted first."""
    if sex not in ("male", "female"):
        return []
    length = length_for_tables(config, length, age_months, position)
    values = {
        "weight_kg": weight,
        "length_cm": length,
        "head_cm": head,
        "bmi": bmi_of(weight, length),
    }
    out: list[ZOut] = []
    for ind in config.indicators:
        seg = _segment(ind, age_months)
        y = values.get(ind.measure)
        if seg is None or y is None:
            continue
        table = tables[getattr(seg, sex)]
        if seg.x == "age_months":
            lms = table.lms_at(age_months, extend=AGE_EXTEND)
        elif length is None:
            continue
        else:
            lms = table.lms_at(length)
        if lms is None:
            continue
        lv, mv, sv = lms
        z = g.zscore(y, lv, mv, sv, restricted=ind.weight_based)
        out.append(
            ZOut(
                indicator=ind.id,
                reference=seg.reference,
                value=y,
                z=round(z, 2),
                centile=round(g.percentile(z), 1),
                check=abs(z) > config.check_beyond_z,
            )
        )
    return out


#: The refusal of a value out of the plausible range, by field (it names the measure in words).
OUT_OF_RANGE = {
    "weight_kg": "measurement-out-of-range.weight_kg",
    "length_cm": "measurement-out-of-range.length_cm",
    "head_cm": "measurement-out-of-range.head_cm",
}


def _validate_growth(
    config: GrowthConfig,
    data: GrowthIn | GrowthCorrectionIn,
    patient: dict[str, Any],
    today: dt.date,
) -> None:
    errors: list[FieldRefusal] = []
    if data.measured_on > today:
        errors.append(FieldRefusal("measured_on", "measured-in-future"))
    if data.measured_on < patient["birth_date"]:
        errors.append(FieldRefusal("measured_on", "measured-before-birth"))
    if data.weight_kg is None and data.length_cm is None and data.head_cm is None:
        errors.append(FieldRefusal("weight_kg", "measurement-missing"))
    for field, rng in (
        ("weight_kg", config.plausible.weight_kg),
        ("length_cm", config.plausible.length_cm),
        ("head_cm", config.plausible.head_cm),
    ):
        value = getattr(data, field)
        if value is not None and not rng.min <= value <= rng.max:
            errors.append(
                FieldRefusal(field, OUT_OF_RANGE[field], {"min": rng.min, "max": rng.max})
            )
    if errors:
        raise refused("invalid-measurement", errors)


def _as_stored(
    children: ChildrenContent,
    patient: dict[str, Any],
    data: GrowthIn | GrowthCorrectionIn,
    lang: str,
) -> dict[str, Any]:
    """The values of a measurement as stored: as given, the position as given or as WHO expects
    for the age on the day measured."""
    config = children.growth
    assert config is not None
    age_then = child_age(patient, data.measured_on, children.milestone_guidance, lang)
    position = data.position or g.default_position(age_then.months, position_rule(config)[0])
    return {
        "measured_on": data.measured_on,
        "weight_kg": data.weight_kg,
        "length_cm": data.length_cm,
        "position": position,
        "head_cm": data.head_cm,
        "note": data.note,
    }


def _growth_config(library: ContentLibrary) -> tuple[ChildrenContent, GrowthConfig]:
    children = children_of(library)
    if children.growth is None:
        raise Refusal("no-growth", "not-found")
    return children, children.growth


def _measurement_out(
    row: dict[str, Any],
    patient: dict[str, Any],
    children: ChildrenContent,
    lang: str,
    alert: AlertRef | None,
) -> MeasurementOut:
    config = children.growth
    assert config is not None
    age = child_age(patient, row["measured_on"], children.milestone_guidance, lang)
    until, _ = position_rule(config)
    position = row.get("position") or g.default_position(age.months, until)
    adjusted = length_for_tables(config, row["length_cm"], age.months, position)
    scores = scores_for(
        config,
        children.tables,
        patient["sex_at_birth"],
        age.months,
        row["weight_kg"],
        row["length_cm"],
        row["head_cm"],
        position,
    )
    return MeasurementOut(
        id=as_uuid(row["id"]),
        measured_on=row["measured_on"],
        age=age,
        weight_kg=row["weight_kg"],
        length_cm=row["length_cm"],
        head_cm=row["head_cm"],
        bmi=bmi_of(row["weight_kg"], adjusted),
        note=row["note"],
        scores=scores,
        entered_as=row["entered_as"],
        reasons=list(json_value(row["reasons"]) or []),
        alert=alert,
        position=position if row["length_cm"] is not None else None,  # type: ignore[arg-type]
        length_adjusted_cm=adjusted,
    )


def growth_reasons(
    config: GrowthConfig,
    before: MeasurementOut | None,
    now_m: MeasurementOut,
    previous_weight: float | None,
) -> list[str]:
    """Why a new measurement needs the team: centile lines crossed down, or weight loss."""
    reasons: list[str] = []
    if before is not None:
        prev = {s.indicator: s.z for s in before.scores}
        for s in now_m.scores:
            if s.indicator not in config.alerts.crossing_indicators or s.indicator not in prev:
                continue
            crossed = g.lines_crossed_down(prev[s.indicator], s.z, config.centile_lines)
            if crossed >= config.alerts.centile_lines_crossed_down:
                reasons.append(f"growth_centiles_down:{s.indicator}")
    if previous_weight and now_m.weight_kg is not None:
        loss = (previous_weight - now_m.weight_kg) / previous_weight * 100
        if loss > config.alerts.weight_loss_percent:
            reasons.append("growth_weight_loss")
    return reasons


async def submit_growth(
    library: ContentLibrary, access: Access, data: GrowthIn, by: uuid.UUID, lang: str
) -> tuple[GrowthResult, bool]:
    children, config = _growth_config(library)
    patient = access.patient
    pid = as_uuid(patient["id"])
    digest = growth_hash(data)

    async def store() -> GrowthResult:
        _validate_growth(config, data, patient, today_in(patient["timezone"]))
        now = utcnow()
        values = _as_stored(children, patient, data, lang)
        position = values["position"]
        draft = {
            "id": data.id,
            **values,
            "entered_as": access.relation,
            "reasons": [],
            "alert_id": None,
        }
        current = _measurement_out(draft, patient, children, lang, None)
        reasons = await _reasons_against_earlier(children, patient, current, lang)
        async with transaction():
            alert_id = (
                await open_child_alert(library, pid, "child", reasons, now) if reasons else None
            )
            await GrowthMeasurement.insert(
                GrowthMeasurement(
                    id=data.id,
                    patient=pid,
                    measured_on=data.measured_on,
                    weight_kg=data.weight_kg,
                    length_cm=data.length_cm,
                    position=position,
                    head_cm=data.head_cm,
                    note=data.note,
                    alert_id=alert_id,
                    reasons=reasons,
                    entered_by=by,
                    entered_as=access.relation,
                    created_at=now,
                    content_version=library.version,
                    body_hash=digest,
                )
            )
        current.reasons = reasons
        current.alert = AlertRef(id=alert_id, state="open") if alert_id else None
        _set_change_rights(current, access, {"entered_as": access.relation, "created_at": now}, now)
        return _growth_result(current, config, lang)

    def answer(row: dict[str, Any], alert: AlertRef | None) -> GrowthResult:
        out = _measurement_out(row, patient, children, lang, alert)
        _set_change_rights(out, access, row, utcnow())
        return _growth_result(out, config, lang)

    conflict = Refusal("id-conflict", "conflict", detail="id-conflict.measurement")
    replay = replay_from(GrowthMeasurement, data.id, pid, digest, conflict, answer)

    return await write_once(store, replay)


async def _reasons_against_earlier(
    children: ChildrenContent,
    patient: dict[str, Any],
    current: MeasurementOut,
    lang: str,
    created_before: dt.datetime | None = None,
) -> list[str]:
    """Why ``current`` needs the team, compared with the measurements of the same day or earlier
    (removed ones and ``current`` itself aside; on the same day, only those recorded before
    ``created_before`` when it is given: a correction is compared as the original was)."""
    config = children.growth
    assert config is not None
    pid = as_uuid(patient["id"])
    where = (
        (GrowthMeasurement.patient == pid)
        & (GrowthMeasurement.measured_on <= current.measured_on)
        & GrowthMeasurement.removed_at.is_null()
        & (GrowthMeasurement.id != current.id)
    )
    earlier = [
        r
        for r in await GrowthMeasurement.select()
        .where(where)
        .order_by(GrowthMeasurement.measured_on, ascending=False)
        .order_by(GrowthMeasurement.created_at, ascending=False)
        .limit(50)
        if created_before is None
        or r["measured_on"] < current.measured_on
        or as_utc(r["created_at"]) < created_before
    ]
    previous_weight = next((r["weight_kg"] for r in earlier if r["weight_kg"] is not None), None)
    indicators = {s.indicator for s in current.scores}
    before = None
    for r in earlier:
        out = _measurement_out(r, patient, children, lang, None)
        if indicators & {s.indicator for s in out.scores}:
            before = out
            break
    return growth_reasons(config, before, current, previous_weight)


def _growth_result(m: MeasurementOut, config: GrowthConfig, lang: str) -> GrowthResult:
    messages = [text_in(config.messages.saved, lang)]
    if any(r.startswith("growth_centiles_down") for r in m.reasons):
        messages.append(text_in(config.messages.crossing, lang))
    if "growth_weight_loss" in m.reasons:
        messages.append(text_in(config.messages.weight_loss, lang))
    if any(s.check for s in m.scores):
        messages.append(text_in(config.messages.check_value, lang))
    return GrowthResult(**{f: getattr(m, f) for f in m.__struct_fields__}, messages=messages)


def chart_for(
    config: GrowthConfig,
    tables: Any,
    indicator: Indicator,
    sex: str,
    age_months: float,
    measurements: list[MeasurementOut],
    lang: str,
) -> ChartOut:
    """Centile curves (the content's major lines) over the indicator's range that matters for
    this child, and the child's points."""
    if indicator.segments[0].x == "age_months":
        lo = max(0.0, min([age_months - 24, *[m.age.months for m in measurements]]))
        hi = max([age_months + 6, *[m.age.months for m in measurements]])
        segs = [s for s in indicator.segments if s.age_from <= hi and s.age_to > lo]
        x_kind = "age_months"
    else:
        seg = _segment(indicator, age_months) or indicator.segments[0]
        segs = [seg]
        lo, hi = -1e9, 1e9
        x_kind = seg.x
    curves: list[CurveOut] = []
    for centile in config.centile_lines:
        z = g.z_of_centile(centile)
        pts: list[tuple[float, float]] = []
        for seg in segs:
            table = tables[getattr(seg, sex)]
            for x, lms in zip(table.x, table.lms, strict=True):
                if seg.x == "age_months" and not (
                    seg.age_from <= x < seg.age_to or x == indicator.segments[-1].age_to
                ):
                    continue
                if lo <= x <= hi or seg.x != "age_months":
                    lv, mv, sv = lms
                    val = g.value_at(z, lv, mv, sv, restricted=indicator.weight_based)
                    pts.append((x, round(val, 3)))
        curves.append(CurveOut(centile=centile, z=round(z, 3), points=pts))
    points: list[ChartPoint] = []
    for m in measurements:
        s = next((s for s in m.scores if s.indicator == indicator.id), None)
        if s is None:
            continue
        length = m.length_adjusted_cm if m.length_adjusted_cm is not None else m.length_cm
        x = m.age.months if x_kind == "age_months" else (length or 0.0)
        points.append(ChartPoint(measurement_id=m.id, x=x, value=s.value, z=s.z, centile=s.centile))
    return ChartOut(
        indicator=indicator.id,
        title=text_in(indicator.title, lang),
        sex=sex,
        x_kind=x_kind,
        measure=indicator.measure,
        references=sorted({s.reference for s in segs}),
        curves=curves,
        points=points,
    )


async def growth_view(
    library: ContentLibrary, access: Access, indicator_id: str, lang: str
) -> GrowthOut:
    children, config = _growth_config(library)
    indicator = config.indicator(indicator_id)
    if indicator is None:
        known = ", ".join(i.id for i in config.indicators)
        raise refused(
            "unknown-indicator", [FieldRefusal("indicator", "use-one-of", {"known": known})]
        )
    patient = access.patient
    pid = as_uuid(patient["id"])
    until = access.data_until
    rows = (
        await GrowthMeasurement.select()
        .where(
            received_before(
                until,
                GrowthMeasurement.created_at,
                (GrowthMeasurement.patient == pid) & GrowthMeasurement.removed_at.is_null(),
            )
        )
        .order_by(GrowthMeasurement.measured_on)
        .order_by(GrowthMeasurement.created_at)
    )
    measurements = await _with_changes(access, [dict(r) for r in rows], patient, children, lang)
    sex = patient["sex_at_birth"]
    available = sex in ("male", "female")
    chart = None
    if available:
        age = child_age(patient, today_in(patient["timezone"]), children.milestone_guidance, lang)
        chart = chart_for(config, children.tables, indicator, sex, age.months, measurements, lang)
    return GrowthOut(
        sex=sex,
        curves_available=available,
        indicators=[IndicatorOut(id=i.id, title=text_in(i.title, lang)) for i in config.indicators],
        measurements=measurements,
        chart=chart,
        source=text_in(config.source, lang),
        birth_date=patient["birth_date"],
        position_rule=_position_rule_out(config, lang),
    )


def _position_rule_out(config: GrowthConfig, lang: str) -> PositionRule:
    until, diff = position_rule(config)
    pos = config.length_position
    labels = {"recumbent": "recumbent", "standing": "standing"}
    if pos is not None:
        labels = {
            "recumbent": text_in(pos.recumbent, lang),
            "standing": text_in(pos.standing, lang),
        }
    return PositionRule(
        until_months=until,
        difference_cm=diff,
        labels=labels,
        note=text_in(pos.note, lang) if pos is not None else "",
        source=text_in(pos.source, lang) if pos is not None else "",
    )


# --- corrections -------------------------------------------------------------------------------

#: How long the family may correct or remove a measurement it recorded (the team: always).
FAMILY_CHANGE_HOURS = 24
VALUES = ("measured_on", "weight_kg", "length_cm", "position", "head_cm", "note")
UNITS = {"weight_kg": "kg", "length_cm": "cm", "head_cm": "cm"}


def change_until(access: Access, row: dict[str, Any]) -> dt.datetime | None:
    """Until when the reader may change this measurement: None for the team (always, with a
    reason) and for what the family may not change (check ``may_change``)."""
    if access.relation == "staff" or row["entered_as"] == "staff":
        return None
    return as_utc(row["created_at"]) + dt.timedelta(hours=FAMILY_CHANGE_HOURS)


def may_change(access: Access, row: dict[str, Any], now: dt.datetime) -> bool:
    if access.relation == "staff":
        return True
    until = change_until(access, row)
    return until is not None and now <= until


def _set_change_rights(
    m: MeasurementOut, access: Access, row: dict[str, Any], now: dt.datetime
) -> None:
    """Whether the reader may change ``m`` now, and until when (the family's deadline)."""
    m.can_change = may_change(access, row, now)
    m.change_until = change_until(access, row) if m.can_change else None


def _check_change(access: Access, row: dict[str, Any], reason: str, now: dt.datetime) -> None:
    if access.relation == "staff":
        if not reason.strip():
            raise refused("reason-required", [FieldRefusal("reason", "reason-required")])
        return
    if row["entered_as"] == "staff":
        raise Refusal("growth-entered-by-team", "forbidden")
    if not may_change(access, row, now):
        raise Refusal("growth-change-too-late", "forbidden", params={"hours": FAMILY_CHANGE_HOURS})


async def _kept_measurement(pid: uuid.UUID, measurement_id: uuid.UUID) -> dict[str, Any]:
    row = (
        await GrowthMeasurement.select()
        .where(
            (GrowthMeasurement.id == measurement_id)
            & (GrowthMeasurement.patient == pid)
            & GrowthMeasurement.removed_at.is_null()
        )
        .first()
    )
    if row is None:
        raise Refusal("no-measurement", "not-found")
    return dict(row)


def _values(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in VALUES}


def _change_note(before: dict[str, Any], after: dict[str, Any] | None, reason: str) -> str:
    """The note of a withdrawn alert: the values changed (numbers and units, no words to
    translate), then the reason given."""
    parts = []
    for field, unit in UNITS.items():
        old = before.get(field)
        new = None if after is None else after.get(field)
        if old != new and (old is not None or new is not None):
            shown = ["–" if v is None else f"{v} {unit}" for v in (old, new)]
            parts.append(" → ".join(shown))
    text = "; ".join(parts)
    return (f"{text}. {reason.strip()}" if text else reason.strip())[:300]


async def _withdraw_if_open(
    alert_id: Any, reasons: list[str], by: uuid.UUID, note: str, now: dt.datetime
) -> uuid.UUID | None:
    if alert_id is None or reasons:
        return None
    return as_uuid(alert_id) if await withdraw(as_uuid(alert_id), by, note, now) else None


async def _log_change(
    pid: uuid.UUID,
    row: dict[str, Any],
    kind: str,
    after: dict[str, Any],
    access: Access,
    by: uuid.UUID,
    reason: str,
    now: dt.datetime,
    withdrew: uuid.UUID | None,
) -> None:
    await GrowthCorrection.insert(
        GrowthCorrection(
            id=uuid.uuid4(),
            patient=pid,
            measurement=as_uuid(row["id"]),
            kind=kind,
            before=msgspec.to_builtins(_values(row)),
            after=msgspec.to_builtins(after),
            reason=reason.strip(),
            by=by,
            by_as=access.relation,
            at=now,
            withdrew_alert=withdrew,
        )
    )


async def correct_growth(
    library: ContentLibrary,
    access: Access,
    measurement_id: uuid.UUID,
    data: GrowthCorrectionIn,
    by: uuid.UUID,
    lang: str,
) -> GrowthResult:
    """Replace the values of a measurement (a typo): z-scores follow (computed on read), the
    reasons are computed again against the earlier measurements, and an alert the wrong value had
    opened is withdrawn when the corrected one gives no reason (a new one opens if it now does).
    The values before are kept in the record of changes."""
    children, config = _growth_config(library)
    patient = access.patient
    pid = as_uuid(patient["id"])
    row = await _kept_measurement(pid, measurement_id)
    now = utcnow()
    _check_change(access, row, data.reason, now)
    _validate_growth(config, data, patient, today_in(patient["timezone"]))
    after = _as_stored(children, patient, data, lang)
    draft = {**row, **after, "reasons": [], "alert_id": None}
    current = _measurement_out(draft, patient, children, lang, None)
    reasons = await _reasons_against_earlier(
        children, patient, current, lang, created_before=as_utc(row["created_at"])
    )
    if _values(row) != after:
        async with transaction():
            note = _change_note(row, after, data.reason)
            withdrew = await _withdraw_if_open(row["alert_id"], reasons, by, note, now)
            alert_id = row["alert_id"]
            if reasons and alert_id is None:
                alert_id = await open_child_alert(library, pid, "child", reasons, now)
            values = {getattr(GrowthMeasurement, k): v for k, v in after.items()}
            await GrowthMeasurement.update(
                {**values, GrowthMeasurement.reasons: reasons, GrowthMeasurement.alert_id: alert_id}
            ).where(GrowthMeasurement.id == measurement_id)
            await _log_change(pid, row, "corrected", after, access, by, data.reason, now, withdrew)
    stored = await _kept_measurement(pid, measurement_id)
    out = (await _with_changes(access, [stored], patient, children, lang))[0]
    return _growth_result(out, config, lang)


async def remove_growth(
    library: ContentLibrary,
    access: Access,
    measurement_id: uuid.UUID,
    data: GrowthRemovalIn,
    by: uuid.UUID,
) -> None:
    """Take a wrong measurement off the record (kept, marked removed, in the record of changes),
    and withdraw the alert it had opened."""
    _growth_config(library)
    pid = as_uuid(access.patient["id"])
    row = await _kept_measurement(pid, measurement_id)
    now = utcnow()
    _check_change(access, row, data.reason, now)
    async with transaction():
        note = _change_note(row, None, data.reason)
        withdrew = await _withdraw_if_open(row["alert_id"], [], by, note, now)
        await GrowthMeasurement.update(
            {GrowthMeasurement.removed_at: now, GrowthMeasurement.removed_by: by}
        ).where(GrowthMeasurement.id == measurement_id)
        await _log_change(pid, row, "removed", {}, access, by, data.reason, now, withdrew)


async def _with_changes(
    access: Access,
    rows: list[dict[str, Any]],
    patient: dict[str, Any],
    children: ChildrenContent,
    lang: str,
) -> list[MeasurementOut]:
    """The measurements as the reader sees them: with their alert, their record of changes, and
    whether the reader may change them."""
    refs = await alert_refs([r["alert_id"] for r in rows])
    ids = [as_uuid(r["id"]) for r in rows]
    changes: dict[uuid.UUID, list[GrowthChangeOut]] = {}
    if ids:
        for c in (
            await GrowthCorrection.select()
            .where(GrowthCorrection.measurement.is_in(ids))
            .order_by(GrowthCorrection.at)
        ):
            before = json_value(c["before"]) or {}
            changes.setdefault(as_uuid(c["measurement"]), []).append(
                GrowthChangeOut(
                    kind=c["kind"],
                    at=as_utc(c["at"]),
                    by_as=c["by_as"],
                    reason=c["reason"],
                    before={k: before.get(k) for k in UNITS},
                    withdrew_alert=c["withdrew_alert"] is not None,
                )
            )
    now = utcnow()
    out = []
    for r in rows:
        m = _measurement_out(
            r, patient, children, lang, refs.get(as_uuid(r["alert_id"])) if r["alert_id"] else None
        )
        m.changes = changes.get(m.id, [])
        _set_change_rights(m, access, r, now)
        out.append(m)
    return out
