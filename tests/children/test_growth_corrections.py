"""A growth measurement entered wrong, corrected or removed: by the family for 24 hours (its own
entries), by the team at any time with a reason. z-scores follow, the alert the wrong value had
opened is withdrawn with a note the team reads, every change is kept (values before, who, why)
and audited, and nobody else may do it."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from relais.alerts.tables import Alert
from relais.audit.tables import AuditEvent
from relais.children.tables import GrowthCorrection, GrowthMeasurement
from tests.children.test_api import alerts_of, post_growth
from tests.world import World


def growth_url(pid: str, mid: str = "") -> str:
    return f"/api/patients/{pid}/growth" + (f"/{mid}" if mid else "")


def corrected(values: dict[str, Any], **changes: Any) -> dict[str, Any]:
    body = {k: values[k] for k in ("measured_on", "weight_kg", "length_cm", "head_cm", "note")}
    return {**body, **changes}


async def typo(family: World) -> dict[str, Any]:
    """9.5 kg a week ago, then 8.1 kg typed for 9.1 kg today: a weight loss that opens an alert."""
    pid = family.ids["child"]
    assert (await post_growth(family["mother"], pid, 7, weight_kg=9.5)).status_code == 201
    wrong = await post_growth(family["mother"], pid, 0, weight_kg=8.1)
    assert wrong.status_code == 201, wrong.text
    out = wrong.json()
    assert "growth_weight_loss" in out["reasons"] and out["alert"]["state"] == "open"
    assert out["can_change"] is True and out["change_until"]
    return dict(out)


async def test_the_parent_corrects_a_typo_and_the_false_alert_is_withdrawn(family: World) -> None:
    pid = family.ids["child"]
    wrong = await typo(family)
    wrong_z = next(s["z"] for s in wrong["scores"] if s["indicator"] == "weight_for_age")

    fixed = await family["mother"].put(
        growth_url(pid, wrong["id"]), json=corrected(wrong, weight_kg=9.1, reason="faute de frappe")
    )
    assert fixed.status_code == 200, fixed.text
    out = fixed.json()
    assert out["weight_kg"] == 9.1 and out["reasons"] == []
    z = next(s["z"] for s in out["scores"] if s["indicator"] == "weight_for_age")
    assert z > wrong_z + 0.5  # recomputed from the corrected value
    assert out["alert"]["state"] == "resolved" and out["alert"]["withdrawn"] is True
    (change,) = out["changes"]
    assert change["kind"] == "corrected" and change["by_as"] == "proxy"
    assert change["before"]["weight_kg"] == 8.1 and change["withdrew_alert"] is True

    # The team reads why the alert closed, with the values; nobody in the team is said to have
    # seen it.
    (alert,) = await alerts_of(pid, "child")
    assert alert["outcome"] == "withdrawn" and "8.1 kg → 9.1 kg" in alert["note"]
    assert alert["acknowledged_at"] is None and alert["next_escalation_at"] is None
    listed = (await family["paed"].get(f"/api/patients/{pid}/alerts")).json()
    assert all(a["state"] == "resolved" for a in listed)

    # What the family and the team read: the corrected value, and the change.
    view = (await family["father"].get(growth_url(pid))).json()
    shown = next(m for m in view["measurements"] if m["id"] == wrong["id"])
    assert shown["weight_kg"] == 9.1 and shown["changes"][0]["before"]["weight_kg"] == 8.1
    assert [p["value"] for p in view["chart"]["points"]] == [9.5, 9.1]
    audited = await AuditEvent.select(AuditEvent.action).where(
        AuditEvent.action == "growth.correct"
    )
    assert len(audited) == 1


async def test_a_correction_that_still_worries_keeps_the_alert(family: World) -> None:
    pid = family.ids["child"]
    wrong = await typo(family)
    fixed = await family["mother"].put(
        growth_url(pid, wrong["id"]), json=corrected(wrong, weight_kg=8.2)
    )
    assert fixed.status_code == 200, fixed.text
    assert "growth_weight_loss" in fixed.json()["reasons"]
    assert fixed.json()["alert"]["state"] == "open"
    (alert,) = await alerts_of(pid, "child")
    assert alert["state"] == "open"


async def test_the_family_has_24_hours_the_team_always_with_a_reason(family: World) -> None:
    pid = family.ids["child"]
    wrong = await typo(family)
    url = growth_url(pid, wrong["id"])
    await GrowthMeasurement.update(
        {GrowthMeasurement.created_at: dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)}
    ).where(GrowthMeasurement.id == uuid.UUID(wrong["id"]))
    late = await family["mother"].put(url, json=corrected(wrong, weight_kg=9.1))
    assert late.status_code == 403 and late.json()["code"] == "growth-change-too-late"
    view = (await family["mother"].get(growth_url(pid))).json()
    assert not next(m for m in view["measurements"] if m["id"] == wrong["id"])["can_change"]

    silent = await family["paed"].put(url, json=corrected(wrong, weight_kg=9.1))
    assert silent.status_code == 400
    assert [e["field"] for e in silent.json()["errors"]] == ["reason"]
    done = await family["paed"].put(
        url, json=corrected(wrong, weight_kg=9.1, reason="Vérifié avec la maman au téléphone")
    )
    assert done.status_code == 200, done.text
    assert done.json()["changes"][0]["by_as"] == "staff"
    assert done.json()["alert"]["withdrawn"] is True


async def test_others_may_not_change_a_measurement(family: World) -> None:
    pid = family.ids["child"]
    wrong = await typo(family)
    url = growth_url(pid, wrong["id"])
    body = corrected(wrong, weight_kg=9.1, reason="x")
    assert (await family["aunt"].put(url, json=body)).status_code == 403
    assert (await family["other_clin"].put(url, json=body)).status_code == 404
    assert (
        await family["mother"].put(growth_url(pid, str(uuid.uuid4())), json=body)
    ).status_code == 404
    by_team = await post_growth(family["paed"], pid, 1, weight_kg=9.3)
    team_url = growth_url(pid, by_team.json()["id"])
    refused = await family["mother"].put(team_url, json=corrected(by_team.json(), weight_kg=9.4))
    assert refused.status_code == 403 and refused.json()["code"] == "growth-entered-by-team"
    implausible = await family["mother"].put(url, json=corrected(wrong, weight_kg=910.0))
    assert implausible.status_code == 400
    assert "kg" in implausible.json()["errors"][0]["message"]
    assert await GrowthCorrection.count() == 0
    assert (await alerts_of(pid, "child"))[0]["state"] == "open"


async def test_a_wrong_measurement_removed_leaves_the_chart_and_withdraws_its_alert(
    family: World,
) -> None:
    pid = family.ids["child"]
    wrong = await typo(family)
    url = growth_url(pid, wrong["id"])
    assert (await family["paed"].post(f"{url}/remove", json={})).status_code == 400
    gone = await family["paed"].post(f"{url}/remove", json={"reason": "Mesure d'un autre enfant"})
    assert gone.status_code == 204, gone.text
    view = (await family["mother"].get(growth_url(pid))).json()
    assert wrong["id"] not in {m["id"] for m in view["measurements"]}
    assert [p["value"] for p in view["chart"]["points"]] == [9.5]
    (alert,) = await Alert.select().where(Alert.id == uuid.UUID(wrong["alert"]["id"]))
    assert alert["outcome"] == "withdrawn" and "8.1 kg → –" in alert["note"]
    (change,) = await GrowthCorrection.select()
    assert change["kind"] == "removed" and change["by_as"] == "staff"
    assert (await family["paed"].post(f"{url}/remove", json={"reason": "x"})).status_code == 404
