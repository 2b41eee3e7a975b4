"""The team's side of a child's follow-up, and what the family sees change with it: the review list
of development checks across the team, length lying down or standing, the wellbeing screens on
the follow-up's schedule, and who takes care of each school step."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from relais.audit.tables import AuditEvent
from relais.children import growth as g
from relais.content.loader import load_library
from tests.children.conftest import child_patient
from tests.children.test_api import all_yes, post_check, post_growth, post_screen
from tests.world import World, local_today

LIB = load_library()
CH = LIB.children
REVIEW = "/api/children/development-review"


# --- the team's review list ----------------------------------------------------------------------


async def test_review_list_holds_not_yet_not_sure_and_regressions_of_the_team(
    family: World,
) -> None:
    pid = family.ids["child"]
    empty = (await family["paed"].get(REVIEW)).json()
    assert empty["checks"] == [] and empty["count"] == 0
    earlier = await post_check(family["mother"], pid, "m09", all_yes("m09"), days_ago=20)
    assert earlier.status_code == 201, earlier.text
    unsure = await post_check(
        family["mother"], pid, "m12", all_yes("m12", m12_waves="not_sure"), days_ago=2
    )
    assert unsure.status_code == 201, unsure.text
    all_fine = await post_check(family["father"], pid, "m09", all_yes("m09"), days_ago=1)
    assert all_fine.status_code == 201, all_fine.text
    lost = await post_check(
        family["father"], pid, "m12", all_yes("m12", m09_sits="not_yet", m12_waves="not_yet")
    )
    assert lost.status_code == 201, lost.text

    body = (await family["paed"].get(REVIEW)).json()
    # The check with a regression first; checks answered "yes" throughout are not listed.
    assert [c["check_uuid"] for c in body["checks"]] == [lost.json()["id"], unsure.json()["id"]]
    assert body["count"] == 2
    first = body["checks"][0]
    assert first["patient_id"] == pid and first["given_name"] == "Lina"
    assert first["title"] and first["check_id"] == "m12" and first["regressions"] == 1
    assert [(i["milestone_id"], i["answer"], i["regression"]) for i in first["items"]] == [
        ("m09_sits", "not_yet", True),
        ("m12_waves", "not_yet", False),
    ]
    assert first["alert"] is not None  # a regression alerts the team
    second = body["checks"][1]
    assert [(i["milestone_id"], i["answer"]) for i in second["items"]] == [
        ("m12_waves", "not_sure")
    ]
    assert second["items"][0]["text"] and second["alert"] is None
    assert set(body["answer_labels"]) == {"yes", "not_yet", "not_sure"}
    assert "movement_physical" in body["domains"]

    # The patient's own page lists the same answers for review, with the milestones' texts.
    page = (await family["paed"].get(f"/api/patients/{pid}/development")).json()
    assert {(r["milestone_id"], r["answer"]) for r in page["review"]} == {
        ("m09_sits", "not_yet"),
        ("m12_waves", "not_yet"),
        ("m12_waves", "not_sure"),
    }
    assert page["milestone_text"]["m09_sits"] and page["milestone_text"]["m12_games"]

    # Reviewed: off the list, for every member of the team.
    done = await family["paed"].post(f"/api/patients/{pid}/development/{lost.json()['id']}/review")
    assert done.status_code == 204, done.text
    left = (await family["paed"].get(f"{REVIEW}?team={family.ids['team']}")).json()
    assert [c["check_uuid"] for c in left["checks"]] == [unsure.json()["id"]]
    history = (await family["mother"].get(f"/api/patients/{pid}/development")).json()["history"]
    assert next(h for h in history if h["id"] == lost.json()["id"])["reviewed_at"] is not None

    # Each child's record read for the list is audited, like any read of a record.
    rows = await AuditEvent.select().where(
        (AuditEvent.action == "development.review_list") & (AuditEvent.outcome == "ok")
    )
    assert rows and {str(r["patient_id"]) for r in rows} == {pid}
    assert {str(r["actor_id"]) for r in rows} == {family.ids["paed@c.test"]}


async def test_review_list_is_only_for_the_clinicians_own_teams(family: World) -> None:
    pid = family.ids["child"]
    check = await post_check(family["mother"], pid, "m12", all_yes("m12", m12_waves="not_yet"))
    assert check.status_code == 201, check.text
    # Another team's clinician: nothing of this child, whatever they ask.
    other = await family["other_clin"].get(REVIEW)
    assert other.status_code == 200 and other.json()["checks"] == []
    theirs = await family["other_clin"].get(f"{REVIEW}?team={family.ids['team']}")
    assert theirs.status_code == 404
    mark = await family["other_clin"].post(
        f"/api/patients/{pid}/development/{check.json()['id']}/review"
    )
    assert mark.status_code == 404
    assert (await family["other_clin"].get(f"/api/patients/{pid}/wellbeing")).status_code == 404
    # Families have no team list.
    assert (await family["mother"].get(REVIEW)).status_code == 403
    assert (await family["paed"].get(f"{REVIEW}?team=nope")).status_code == 400
    still = (await family["paed"].get(REVIEW)).json()
    assert [c["check_uuid"] for c in still["checks"]] == [check.json()["id"]]


# --- length lying down or height standing --------------------------------------------------------


def _score(body: dict[str, Any], indicator: str) -> dict[str, Any]:
    return next(s for s in body["scores"] if s["indicator"] == indicator)


async def test_standing_under_two_years_gets_0_7_cm(family: World) -> None:
    pid = family.ids["child"]  # about 13 months
    lying = await post_growth(family["mother"], pid, 1, weight_kg=9.2, length_cm=75.0)
    assert lying.status_code == 201, lying.text
    assert lying.json()["position"] == "recumbent"  # not given: as WHO expects at 13 months
    assert lying.json()["length_adjusted_cm"] == 75.0
    standing = await post_growth(
        family["paed"], pid, 0, weight_kg=9.2, length_cm=75.0, position="standing"
    )
    assert standing.status_code == 201, standing.text
    out = standing.json()
    assert out["position"] == "standing" and out["length_cm"] == 75.0
    assert out["length_adjusted_cm"] == 75.7
    lh_lying, lh_standing = (
        _score(lying.json(), "length_height_for_age"),
        _score(out, "length_height_for_age"),
    )
    assert lh_standing["value"] == 75.7
    assert lh_standing["z"] > lh_lying["z"] + 0.2
    assert out["bmi"] == round(9.2 / 0.757**2, 2)
    view = (await family["mother"].get(f"/api/patients/{pid}/growth")).json()
    assert [m["position"] for m in view["measurements"]] == ["recumbent", "standing"]
    assert view["birth_date"] == child_patient(family.ids["team"])["birth_date"]
    rule = view["position_rule"]
    assert rule["until_months"] == 24 and rule["difference_cm"] == 0.7
    assert set(rule["labels"]) == {"recumbent", "standing"} and rule["note"]
    assert "WHO" in rule["source"]
    wfl = (
        await family["paed"].get(f"/api/patients/{pid}/growth?indicator=weight_for_length_height")
    ).json()
    assert [p["x"] for p in wfl["chart"]["points"]] == [75.0, 75.7]
    bad = await post_growth(family["mother"], pid, 0, length_cm=75.0, position="sitting")
    assert bad.status_code == 400


async def test_lying_down_from_two_years_loses_0_7_cm(family: World) -> None:
    today = local_today()
    p = await family["paed"].post(
        "/api/patients",
        json=child_patient(
            family.ids["team"],
            given_name="Tom",
            sex_at_birth="male",
            birth_date=(today - dt.timedelta(days=round(36 * g.DAYS_PER_MONTH))).isoformat(),
        ),
    )
    assert p.status_code == 201, p.text
    pid = p.json()["id"]
    # The median height of a boy of 36 months is 96.1 cm standing (WHO lhfa_boys_2_5).
    lying = await post_growth(family["paed"], pid, 0, length_cm=96.8, position="recumbent")
    assert lying.status_code == 201, lying.text
    assert lying.json()["length_adjusted_cm"] == 96.1
    assert abs(_score(lying.json(), "length_height_for_age")["z"]) < 0.03
    default = await post_growth(family["paed"], pid, 0, length_cm=96.1)
    assert default.json()["position"] == "standing"
    assert default.json()["length_adjusted_cm"] == 96.1


async def test_a_measurement_without_position_replays_as_before(family: World) -> None:
    pid = family.ids["child"]
    body = {"id": str(uuid.uuid4()), "measured_on": local_today().isoformat(), "length_cm": 74.0}
    a = await family["mother"].post(f"/api/patients/{pid}/growth", json=body)
    b = await family["mother"].post(f"/api/patients/{pid}/growth", json=body)
    assert (a.status_code, b.status_code) == (201, 200)
    c = await family["mother"].post(
        f"/api/patients/{pid}/growth", json={**body, "position": "standing"}
    )
    assert c.status_code == 409


# --- wellbeing screens on the schedule -----------------------------------------------------------


async def test_wellbeing_screens_offered_with_their_schedule(family: World) -> None:
    today = local_today()
    p = await family["paed"].post(
        "/api/patients",
        json=child_patient(
            family.ids["team"],
            given_name="Zoé",
            discharge_date=(today - dt.timedelta(days=30)).isoformat(),
        ),
    )
    assert p.status_code == 201, p.text
    pid = p.json()["id"]
    invite = await family["paed"].post(
        f"/api/patients/{pid}/invitations",
        json={"kind": "proxy", "relationship": "parent"},
    )
    token = invite.json()["link"].split("#token=", 1)[1]
    joined = await family["mother"].post("/api/invitations/accept", json={"token": token})
    assert joined.status_code in (200, 201), joined.text

    mine = (await family["mother"].get(f"/api/patients/{pid}/wellbeing")).json()
    offered = {s["questionnaire_id"]: s for s in mine["available"]}
    assert set(offered) == {s.questionnaire for s in CH.wellbeing.screens}
    child = offered["child_stress"]
    assert child["respondent"] == "child" and child["can_answer"] and child["title"]
    # Asked at day 28 with 14 days to answer: due now; asked again at 3 months.
    assert child["due_at"] is not None and child["overdue"] is False
    assert child["next_at"] is not None and child["last_taken_at"] is None
    assert offered["pcl5"]["respondent"] == "parent" and offered["pcl5"]["can_answer"]

    seen = (await family["paed"].get(f"/api/patients/{pid}/wellbeing")).json()["available"]
    team = {s["questionnaire_id"]: s for s in seen}
    assert team["child_stress"]["can_answer"] and not team["pcl5"]["can_answer"]

    answered = await post_screen(family["mother"], pid, "child_stress", {"child_stress_mood": 0})
    assert answered.status_code == 201, answered.text
    after = (await family["mother"].get(f"/api/patients/{pid}/wellbeing")).json()
    child = next(s for s in after["available"] if s["questionnaire_id"] == "child_stress")
    assert child["due_at"] is None and child["last_taken_at"] is not None
    assert [s["id"] for s in after["screens"]] == [answered.json()["id"]]


# --- school: who takes care of each step ---------------------------------------------------------


async def test_team_sets_who_takes_care_and_the_family_keeps_it(family: World) -> None:
    pid = family.ids["child"]
    due = (local_today() + dt.timedelta(days=7)).isoformat()
    team = await family["paed"].put(
        f"/api/patients/{pid}/school",
        json={
            "items": [
                {"id": "school_doctor", "state": "todo", "responsible": "team", "due_on": due}
            ]
        },
    )
    assert team.status_code == 200, team.text
    # A parent ticks the step without saying who takes care of it: it stays with the team.
    ticked = await family["mother"].put(
        f"/api/patients/{pid}/school",
        json={"items": [{"id": "school_doctor", "state": "done", "due_on": due}]},
    )
    item = next(i for i in ticked.json()["items"] if i["id"] == "school_doctor")
    assert item["state"] == "done" and item["responsible"] == "team" and item["due_on"] == due
    assert item["updated_as"] == "proxy"


# --- sharing stopped -----------------------------------------------------------------------------


async def test_after_sharing_stops_the_team_sees_nothing_new(family: World) -> None:
    pid, team = family.ids["child"], family.ids["team"]
    before = await post_check(family["mother"], pid, "m12", all_yes("m12", m12_waves="not_yet"), 1)
    assert before.status_code == 201, before.text
    assert (await post_growth(family["mother"], pid, 1, weight_kg=9.2)).status_code == 201
    stop = await family["mother"].post(
        f"/api/patients/{pid}/consent/teams",
        json={"team_id": team, "decision": "withdrawn", "confirm": True},
    )
    assert stop.status_code == 200, stop.text
    after = await post_check(family["mother"], pid, "m12", all_yes("m12", m12_games="not_sure"))
    assert after.status_code == 201, after.text
    assert (await post_growth(family["mother"], pid, 0, weight_kg=9.3)).status_code == 201
    screen = await post_screen(family["mother"], pid, "child_stress", {"child_stress_mood": 0})
    assert screen.status_code == 201, screen.text

    listed = (await family["paed"].get(REVIEW)).json()["checks"]
    assert [c["check_uuid"] for c in listed] == [before.json()["id"]]
    dev = (await family["paed"].get(f"/api/patients/{pid}/development")).json()
    assert [h["id"] for h in dev["history"]] == [before.json()["id"]]
    growth = (await family["paed"].get(f"/api/patients/{pid}/growth")).json()
    assert [m["weight_kg"] for m in growth["measurements"]] == [9.2]
    assert (await family["paed"].get(f"/api/patients/{pid}/wellbeing")).json()["screens"] == []
    # The family still sees everything.
    mine = (await family["mother"].get(f"/api/patients/{pid}/growth")).json()
    assert [m["weight_kg"] for m in mine["measurements"]] == [9.2, 9.3]
