"""The children's API through HTTP: development checks, growth, school checklist, wellbeing."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from relais.alerts.tables import Alert
from relais.audit.tables import AuditEvent
from relais.care.tables import ScheduleItem
from relais.content.loader import load_library
from tests.children.conftest import BIRTH_DAYS_AGO, child_patient
from tests.world import World, local_today

LIB = load_library()
CH = LIB.children


def _now(days_ago: float = 0) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)).isoformat()


def all_yes(check_id: str, **over: str) -> dict[str, str]:
    check = CH.check(check_id)
    assert check is not None
    return {**{m.id: "yes" for m in check.milestones}, **over}


async def post_check(
    client: Any, pid: str, check_id: str, answers: dict[str, str], days_ago: float = 0
) -> Any:
    body = {
        "id": str(uuid.uuid4()),
        "check_id": check_id,
        "answered_at": _now(days_ago),
        "answers": answers,
    }
    return await client.post(f"/api/patients/{pid}/development", json=body)


async def alerts_of(pid: str, kind: str) -> list[dict[str, Any]]:
    return list(
        await Alert.select().where((Alert.patient == uuid.UUID(pid)) & (Alert.kind == kind))
    )


# --- development ---------------------------------------------------------------------------------


async def test_development_due_by_age(family: World) -> None:
    pid = family.ids["child"]
    resp = await family["mother"].get(f"/api/patients/{pid}/development")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["age"]["corrected"] is False
    assert body["due"]["id"] == "m12"
    statuses = {c["id"]: c["status"] for c in body["checks"]}
    assert statuses["m12"] == "due" and statuses["m15"] == "upcoming"
    assert statuses["m09"] == "missed"
    assert "not a test" in body["disclaimer"] or "pas un test" in body["disclaimer"]
    assert set(body["domains"]) == {
        "social_emotional",
        "language_communication",
        "cognitive",
        "movement_physical",
    }
    assert body["review"] == []  # the family has no review list
    assert {m["domain"] for m in body["due"]["milestones"]} == set(body["domains"])


async def test_all_yes_no_alert_and_idempotent(family: World) -> None:
    pid = family.ids["child"]
    body = {
        "id": str(uuid.uuid4()),
        "check_id": "m12",
        "answered_at": _now(),
        "answers": all_yes("m12"),
    }
    first = await family["mother"].post(f"/api/patients/{pid}/development", json=body)
    assert first.status_code == 201, first.text
    assert first.json()["alert"] is None and first.json()["not_yet"] == []
    again = await family["mother"].post(f"/api/patients/{pid}/development", json=body)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    changed = await family["mother"].post(
        f"/api/patients/{pid}/development",
        json={**body, "answers": all_yes("m12", m12_waves="not_yet")},
    )
    assert changed.status_code == 409
    view = (await family["father"].get(f"/api/patients/{pid}/development")).json()
    assert view["due"] is None and len(view["history"]) == 1
    assert await alerts_of(pid, "child") == []


async def test_regression_opens_an_amber_alert(family: World) -> None:
    pid = family.ids["child"]
    earlier = await post_check(family["mother"], pid, "m09", all_yes("m09"), days_ago=20)
    assert earlier.status_code == 201, earlier.text
    view = (await family["mother"].get(f"/api/patients/{pid}/development")).json()
    recheck = {m["id"]: m["previous"] for m in view["due"]["recheck"]}
    assert recheck["m09_sits"] == "yes"
    resp = await post_check(family["mother"], pid, "m12", all_yes("m12", m09_sits="not_yet"))
    assert resp.status_code == 201, resp.text
    out = resp.json()
    assert out["regressions"] == ["m09_sits"]
    assert out["alert"] is not None and out["alert"]["state"] == "open"
    assert out["next_steps"] and "{team_phone}" in out["next_steps"][0]
    alerts = await alerts_of(pid, "child")
    assert len(alerts) == 1 and alerts[0]["level"] == "amber" and not alerts[0]["urgent"]


async def test_two_not_yet_in_one_domain_alert_one_goes_to_review(family: World) -> None:
    pid = family.ids["child"]
    one = await post_check(
        family["mother"], pid, "m12", all_yes("m12", m12_waves="not_yet"), days_ago=1
    )
    assert one.status_code == 201 and one.json()["alert"] is None
    assert one.json()["not_yet"] == ["m12_waves"]
    staff = (await family["paed"].get(f"/api/patients/{pid}/development")).json()
    assert [r["milestone_id"] for r in staff["review"]] == ["m12_waves"]
    review = await family["paed"].post(f"/api/patients/{pid}/development/{one.json()['id']}/review")
    assert review.status_code == 204, review.text
    staff = (await family["paed"].get(f"/api/patients/{pid}/development")).json()
    assert staff["review"] == []
    # a parent cannot mark the review
    no = await family["mother"].post(f"/api/patients/{pid}/development/{one.json()['id']}/review")
    assert no.status_code == 403

    two = await post_check(
        family["father"],
        pid,
        "m12",
        all_yes("m12", m12_pulls_stand="not_yet", m12_cruises="not_yet"),
    )
    assert two.status_code == 201, two.text
    assert two.json()["alert_domains"] == ["movement_physical"]
    assert two.json()["alert"] is not None
    assert len(await alerts_of(pid, "child")) == 1


async def test_invalid_checks_are_refused(family: World) -> None:
    pid = family.ids["child"]
    partial = await post_check(family["mother"], pid, "m12", {"m12_waves": "yes"})
    assert partial.status_code == 400 and "m12_games" in partial.text
    later = await post_check(family["mother"], pid, "m24", all_yes("m24"))
    assert later.status_code == 400 and later.json()["code"] == "check-too-early"
    wrong = await post_check(family["mother"], pid, "m12", all_yes("m12", m30_jumps="yes"))
    assert wrong.status_code == 400
    bad_value = await post_check(family["mother"], pid, "m12", all_yes("m12", m12_waves="maybe"))
    assert bad_value.status_code == 400
    future = await post_check(family["mother"], pid, "m12", all_yes("m12"), days_ago=-1)
    assert future.status_code == 400


async def test_corrected_age_for_a_child_born_early(family: World) -> None:
    today = local_today()
    p = await family["paed"].post(
        "/api/patients",
        json=child_patient(
            family.ids["team"],
            given_name="Noé",
            birth_date=(today - dt.timedelta(days=200)).isoformat(),
            gestational_weeks=30,
        ),
    )
    assert p.status_code == 201, p.text
    body = (await family["paed"].get(f"/api/patients/{p.json()['id']}/development")).json()
    assert body["age"]["corrected"] is True
    assert body["age"]["days"] == 200 - 70
    assert body["age"]["note"]
    assert body["due"]["id"] == "m04"  # 6.6 months old, 4.3 months corrected


async def test_reads_are_audited_and_outsiders_refused(family: World) -> None:
    pid = family.ids["child"]
    assert (await family["aunt"].get(f"/api/patients/{pid}/development")).status_code == 403
    assert (await family["other_clin"].get(f"/api/patients/{pid}/growth")).status_code == 404
    await family["paed"].get(f"/api/patients/{pid}/development")
    rows = await AuditEvent.select().where(
        (AuditEvent.action == "development.read") & (AuditEvent.outcome == "ok")
    )
    assert rows and str(rows[-1]["patient_id"]) == pid


# --- growth --------------------------------------------------------------------------------------


async def post_growth(client: Any, pid: str, days_ago: int, **values: float) -> Any:
    body = {
        "id": str(uuid.uuid4()),
        "measured_on": (local_today() - dt.timedelta(days=days_ago)).isoformat(),
        **values,
    }
    return await client.post(f"/api/patients/{pid}/growth", json=body)


async def test_measurement_with_z_scores_and_chart(family: World) -> None:
    pid = family.ids["child"]
    resp = await post_growth(family["mother"], pid, 0, weight_kg=9.2, length_cm=75.0, head_cm=45.0)
    assert resp.status_code == 201, resp.text
    out = resp.json()
    ids = {s["indicator"] for s in out["scores"]}
    assert ids == {
        "weight_for_age",
        "length_height_for_age",
        "weight_for_length_height",
        "bmi_for_age",
        "head_circumference_for_age",
    }
    wfa = next(s for s in out["scores"] if s["indicator"] == "weight_for_age")
    assert -1 < wfa["z"] < 1 and 15 < wfa["centile"] < 85 and wfa["reference"] == "who2006"
    assert out["alert"] is None and out["entered_as"] == "proxy"
    chart = (await family["paed"].get(f"/api/patients/{pid}/growth")).json()["chart"]
    assert chart["indicator"] == "weight_for_age" and chart["sex"] == "female"
    assert [c["centile"] for c in chart["curves"]] == CH.growth.centile_lines
    assert len(chart["points"]) == 1 and chart["points"][0]["value"] == 9.2
    median = next(c for c in chart["curves"] if c["centile"] == 50)
    xs = [p[0] for p in median["points"]]
    assert xs == sorted(xs) and xs[0] <= 13 <= xs[-1]
    wfl = (
        await family["mother"].get(f"/api/patients/{pid}/growth?indicator=weight_for_length_height")
    ).json()
    assert wfl["chart"]["x_kind"] == "length_cm" and wfl["chart"]["points"][0]["x"] == 75.0
    unknown = await family["mother"].get(f"/api/patients/{pid}/growth?indicator=nope")
    assert unknown.status_code == 400


async def test_implausible_or_future_measurements_refused(family: World) -> None:
    pid = family.ids["child"]
    assert (await post_growth(family["mother"], pid, 0, weight_kg=920.0)).status_code == 400
    assert (await post_growth(family["mother"], pid, -2, weight_kg=9.0)).status_code == 400
    assert (
        await post_growth(family["mother"], pid, BIRTH_DAYS_AGO + 3, weight_kg=3.0)
    ).status_code == 400
    assert (await post_growth(family["mother"], pid, 0)).status_code == 400


async def test_crossing_two_centile_lines_down_opens_an_alert(family: World) -> None:
    pid = family.ids["child"]
    first = await post_growth(family["paed"], pid, 60, weight_kg=9.6, length_cm=72.0)
    assert first.status_code == 201, first.text
    assert first.json()["entered_as"] == "staff"
    # Two months later, a little lighter: weight-for-age goes from z 0.74 to about -0.2, across
    # the 75th and 50th centile lines (6 % less weight: below the weight-loss threshold).
    second = await post_growth(family["mother"], pid, 0, weight_kg=9.0, length_cm=75.0)
    assert second.status_code == 201, second.text
    out = second.json()
    assert "growth_centiles_down:weight_for_age" in out["reasons"]
    assert "growth_weight_loss" not in out["reasons"]
    assert out["alert"] is not None
    assert len(out["messages"]) >= 2
    assert len(await alerts_of(pid, "child")) == 1


async def test_weight_loss_beyond_threshold_opens_an_alert(family: World) -> None:
    pid = family.ids["child"]
    await post_growth(family["mother"], pid, 7, weight_kg=9.5)
    small = await post_growth(family["mother"], pid, 3, weight_kg=9.2)
    assert "growth_weight_loss" not in small.json()["reasons"]
    big = await post_growth(family["mother"], pid, 0, weight_kg=8.1)
    assert "growth_weight_loss" in big.json()["reasons"]
    assert big.json()["alert"] is not None


async def test_growth_is_idempotent(family: World) -> None:
    pid = family.ids["child"]
    body = {"id": str(uuid.uuid4()), "measured_on": local_today().isoformat(), "weight_kg": 9.1}
    a = await family["mother"].post(f"/api/patients/{pid}/growth", json=body)
    b = await family["mother"].post(f"/api/patients/{pid}/growth", json=body)
    assert (a.status_code, b.status_code) == (201, 200)
    c = await family["mother"].post(f"/api/patients/{pid}/growth", json={**body, "weight_kg": 9})
    assert c.status_code == 409


# --- school --------------------------------------------------------------------------------------


async def test_school_checklist_is_shared(family: World) -> None:
    pid = family.ids["child"]
    start = (await family["mother"].get(f"/api/patients/{pid}/school")).json()
    assert start["done"] == 0 and start["total"] == len(CH.school.items)
    assert {i["state"] for i in start["items"]} == {"todo"}
    doctor = next(i for i in start["items"] if i["id"] == "school_doctor")
    assert doctor["responsible"] == "family"
    put = await family["mother"].put(
        f"/api/patients/{pid}/school",
        json={"items": [{"id": "school_doctor", "state": "done", "note": "RDV pris"}]},
    )
    assert put.status_code == 200, put.text
    seen = (await family["paed"].get(f"/api/patients/{pid}/school")).json()
    doc = next(i for i in seen["items"] if i["id"] == "school_doctor")
    assert doc["state"] == "done" and doc["done_on"] == local_today().isoformat()
    assert doc["updated_as"] == "proxy" and doc["note"] == "RDV pris"
    due = (local_today() + dt.timedelta(days=14)).isoformat()
    await family["paed"].put(
        f"/api/patients/{pid}/school",
        json={"items": [{"id": "fatigue_plan", "state": "in_progress", "due_on": due}]},
    )
    back = (await family["father"].get(f"/api/patients/{pid}/school")).json()
    plan = next(i for i in back["items"] if i["id"] == "fatigue_plan")
    assert plan["state"] == "in_progress" and plan["due_on"] == due
    assert plan["responsible"] == "team" and plan["updated_as"] == "staff"
    assert (await family["aunt"].get(f"/api/patients/{pid}/school")).status_code == 403
    bad = await family["mother"].put(
        f"/api/patients/{pid}/school", json={"items": [{"id": "nope", "state": "done"}]}
    )
    assert bad.status_code == 400


async def test_closing_every_item_marks_the_school_schedule_item_done(family: World) -> None:
    pid = family.ids["child"]
    items = [{"id": i.id, "state": "not_needed"} for i in CH.school.items]
    items[0]["state"] = "done"
    resp = await family["mother"].put(f"/api/patients/{pid}/school", json={"items": items})
    assert resp.json()["done"] == resp.json()["total"]
    row = (
        await ScheduleItem.select(ScheduleItem.status)
        .where((ScheduleItem.patient == uuid.UUID(pid)) & (ScheduleItem.kind == "school"))
        .first()
    )
    assert row is not None and row["status"] == "done"


# --- wellbeing -----------------------------------------------------------------------------------


async def post_screen(client: Any, pid: str, qid: str, answers: dict[str, Any]) -> Any:
    body = {
        "id": str(uuid.uuid4()),
        "questionnaire_id": qid,
        "taken_at": _now(),
        "answers": answers,
    }
    return await client.post(f"/api/patients/{pid}/wellbeing", json=body)


async def test_child_stress_screen_positive_opens_a_wellbeing_alert(family: World) -> None:
    pid = family.ids["child"]
    calm = await post_screen(
        family["mother"],
        pid,
        "child_stress",
        {"child_stress_nightmares": 1, "child_stress_mood": 0},
    )
    assert calm.status_code == 201, calm.text
    assert calm.json()["positive"] is False and calm.json()["alert"] is None
    hard = await post_screen(
        family["mother"],
        pid,
        "child_stress",
        {"child_stress_nightmares": 2, "child_stress_clingy": 3, "child_stress_startle": 2},
    )
    assert hard.json()["positive"] is True
    assert "{crisis_line}" in hard.json()["help"]
    alerts = await alerts_of(pid, "wellbeing")
    assert len(alerts) == 1 and alerts[0]["level"] == "amber" and not alerts[0]["urgent"]


async def test_parent_screens_are_private_to_that_parent_and_the_team(family: World) -> None:
    pid = family.ids["child"]
    pcl5 = {f"pcl5_{i}": 2 for i in range(1, 21)}  # total 40: at or above the cut-off of 33
    resp = await post_screen(family["mother"], pid, "pcl5", pcl5)
    assert resp.status_code == 201, resp.text
    assert resp.json()["score"] == 40 and resp.json()["positive"] is True
    assert resp.json()["respondent"] == "parent"
    low = await post_screen(family["father"], pid, "pcl5", {f"pcl5_{i}": 1 for i in range(1, 21)})
    assert low.json()["positive"] is False
    await post_screen(family["father"], pid, "child_stress", {"child_stress_mood": 0})
    mother = (await family["mother"].get(f"/api/patients/{pid}/wellbeing")).json()["screens"]
    father = (await family["father"].get(f"/api/patients/{pid}/wellbeing")).json()["screens"]
    team = (await family["paed"].get(f"/api/patients/{pid}/wellbeing")).json()["screens"]
    assert {s["id"] for s in mother} == {resp.json()["id"], father[0]["id"]} - {low.json()["id"]}
    assert resp.json()["id"] not in {s["id"] for s in father}
    assert len(team) == 3
    staff = await post_screen(family["paed"], pid, "pcl5", pcl5)
    assert staff.status_code == 403
    bad = await post_screen(family["mother"], pid, "child_stress", {"child_stress_mood": 9})
    assert bad.status_code == 400
    unknown = await post_screen(family["mother"], pid, "phq9", {"phq9_1": 0})
    assert unknown.status_code == 400
    assert len(await alerts_of(pid, "wellbeing")) == 1


async def test_a_screen_sent_again_is_answered_once_and_another_body_is_a_conflict(
    family: World,
) -> None:
    """A phone that retries (the answer was lost on the way) gets the first result back, and the
    team only one alert; the same id with other answers is refused without telling them."""
    pid = family.ids["child"]
    url = f"/api/patients/{pid}/wellbeing"
    body = {
        "id": str(uuid.uuid4()),
        "questionnaire_id": "child_stress",
        "taken_at": _now(),
        "answers": {
            "child_stress_nightmares": 2,
            "child_stress_clingy": 3,
            "child_stress_startle": 2,
        },
    }
    first = await family["mother"].post(url, json=body)
    again = await family["father"].post(url, json=body)
    assert (first.status_code, again.status_code) == (201, 200), again.text
    assert again.json() == first.json() and first.json()["alert"] is not None
    other = {**body, "answers": {"child_stress_nightmares": 0}}
    conflict = await family["mother"].post(url, json=other)
    assert conflict.status_code == 409 and conflict.json()["code"] == "id-conflict"
    assert "child_stress" not in conflict.text and "nightmares" not in conflict.text
    assert len(await alerts_of(pid, "wellbeing")) == 1


async def test_simultaneous_sendings_store_once_and_all_get_the_answer(family: World) -> None:
    """Six sendings of the same answers at once (a phone retrying while the first is on its way):
    one is stored and opens the team's one alert, the five others get the same answer back."""
    import asyncio

    pid = family.ids["child"]
    screen = {
        "id": str(uuid.uuid4()),
        "questionnaire_id": "child_stress",
        "taken_at": _now(),
        "answers": {
            "child_stress_nightmares": 2,
            "child_stress_clingy": 3,
            "child_stress_startle": 2,
        },
    }
    check = {
        "id": str(uuid.uuid4()),
        "check_id": "m12",
        "answered_at": _now(),
        "answers": all_yes("m12", m12_pulls_stand="not_yet", m12_cruises="not_yet"),
    }
    for url, body, kind in (
        (f"/api/patients/{pid}/wellbeing", screen, "wellbeing"),
        (f"/api/patients/{pid}/development", check, "child"),
    ):
        answers = await asyncio.gather(*(family["mother"].post(url, json=body) for _ in range(6)))
        codes = sorted(r.status_code for r in answers)
        assert codes == [200, 200, 200, 200, 200, 201], [r.text for r in answers]
        assert len({r.text for r in answers}) == 1  # the same answer, stored once
        assert answers[0].json()["alert"] is not None
        assert len(await alerts_of(pid, kind)) == 1


async def test_not_sure_answers_are_completed_later(family: World) -> None:
    """The app asks to watch and come back to the "not sure" answers: a week later the mother
    answers them. The check keeps every answer, says which came later, and a new pair of "not
    yet" in one domain opens the alert and goes back to the team's review."""
    pid = family.ids["child"]
    first = await post_check(
        family["mother"],
        pid,
        "m12",
        all_yes("m12", m12_mama="not_sure", m12_waves="not_sure"),
        days_ago=7,
    )
    assert first.status_code == 201, first.text
    check = first.json()
    assert sorted(check["not_sure"]) == ["m12_mama", "m12_waves"] and check["alert"] is None
    url = f"/api/patients/{pid}/development/{check['id']}/complete"

    wrong = await family["mother"].post(url, json={"answers": {"m12_no": "not_yet"}})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "answers.m12_no"
    assert (
        await family["aunt"].post(url, json={"answers": {"m12_mama": "yes"}})
    ).status_code == 403
    outsider = await family["other_clin"].post(url, json={"answers": {"m12_mama": "yes"}})
    assert outsider.status_code == 404

    later = {"answers": {"m12_mama": "not_yet", "m12_waves": "not_yet"}}
    done = await family["mother"].post(url, json=later)
    assert done.status_code == 200, done.text
    out = done.json()
    assert out["not_sure"] == [] and sorted(out["not_yet"]) == ["m12_mama", "m12_waves"]
    assert set(out["completed_later"]) == {"m12_mama", "m12_waves"}
    assert out["answers"]["m12_no"] == "yes"  # the other answers are kept
    assert out["alert"] is not None and out["alert"]["state"] == "open"
    again = await family["father"].post(url, json=later)  # sent again: the same, accepted
    assert again.status_code == 200 and again.json()["alert"]["id"] == out["alert"]["id"]
    assert len(await alerts_of(pid, "child")) == 1

    view = (await family["mother"].get(f"/api/patients/{pid}/development")).json()
    (kept,) = view["history"]
    assert kept["answers"]["m12_mama"] == "not_yet" and "m12_mama" in kept["completed_later"]
    staff = (await family["paed"].get(f"/api/patients/{pid}/development")).json()
    assert {r["milestone_id"] for r in staff["review"]} >= {"m12_mama", "m12_waves"}
    audited = await AuditEvent.select().where(AuditEvent.action == "development.complete")
    assert len(audited) >= 2
