"""The audit trail says who saw whom, including in lists, and what was refused (ASVS 4.0.3
V7.1.3, V7.1.4). Each test names its requirement."""

from __future__ import annotations

from relais.audit.tables import AuditEvent
from tests.world import World


async def test_v7_1_3_list_views_are_recorded_for_each_patient_shown(world: World) -> None:
    clin = world["clin_a"]
    team, pid = world.ids["team_a"], world.ids["patient"]
    for url in (f"/api/teams/{team}/console", f"/api/teams/{team}/patients", "/api/alerts"):
        assert (await clin.get(url)).status_code == 200, url
    rows = await AuditEvent.select(AuditEvent.action).where(
        (AuditEvent.patient_id == pid)
        & AuditEvent.action.is_in(["team.console", "team.patient_list"])
    )
    assert {r["action"] for r in rows} == {"team.console", "team.patient_list"}
    # Jean sees the console view in his own access history.
    history = (await world["patient"].get(f"/api/patients/{pid}/access-log")).json()
    assert any(e["action"] == "team.console" for e in history["items"])
    # Team B's patient was in none of team A's lists.
    other = world.ids["other_patient"]
    assert not await AuditEvent.exists().where(
        (AuditEvent.patient_id == other) & (AuditEvent.action == "team.console")
    )


async def test_v7_1_4_team_refusals_and_refused_reads_are_recorded_as_refused(
    world: World,
) -> None:
    outsider = world["clin_b"]
    team, pid = world.ids["team_a"], world.ids["patient"]
    assert (await outsider.get(f"/api/teams/{team}/console")).status_code == 404
    denied = await AuditEvent.select().where(AuditEvent.action == "team.denied")
    assert len(denied) == 1 and denied[0]["outcome"] == "denied"
    assert (
        denied[0]["record_id"] == team and str(denied[0]["actor_id"]) == world.ids["clin.b@w.test"]
    )

    # A clinician may not read a patient's own access history: the row says refused, not ok.
    refused = await world["clin_a"].get(f"/api/patients/{pid}/access-log")
    assert refused.status_code == 403
    rows = await AuditEvent.select(AuditEvent.outcome).where(
        (AuditEvent.action == "access_log.read") & (AuditEvent.patient_id == pid)
    )
    assert [r["outcome"] for r in rows] == ["denied"]


async def test_v7_1_4_a_route_s_own_refusal_is_never_logged_as_a_read(world: World) -> None:
    """Routes that refuse some of those the patient policy lets in (a family member listing the
    other family members, the team deciding the person's sharing) write the refusal, not a read."""
    pid = world.ids["patient"]
    calls = (
        (world["proxy"], "GET", f"/api/patients/{pid}/proxies", None, "proxy.list"),
        (
            world["clin_a"],
            "POST",
            f"/api/patients/{pid}/consent/teams",
            {"team_id": world.ids["team_a"], "decision": "withdrawn"},
            "consent.teams_write",
        ),
    )
    for client, method, url, body, action in calls:
        kw = {"json": body} if body is not None else {}
        assert (await client.request(method, url, **kw)).status_code == 403, url
        rows = await AuditEvent.select(AuditEvent.outcome).where(
            (AuditEvent.action == action) & (AuditEvent.patient_id == pid)
        )
        assert [r["outcome"] for r in rows] == ["denied"], action
