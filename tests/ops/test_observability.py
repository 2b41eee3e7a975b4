"""Structured logs with request ids and no personal data; protected Prometheus metrics; a
readiness probe that notices a stuck notification worker."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar

from relais import db
from relais.app import create_app
from relais.notify.tables import Outbox
from relais.ops.logging import JsonFormatter, RequestContext, current_request
from relais.settings import Settings
from tests.checkins.test_checkins import GREEN_ANSWERS, checkin
from tests.helpers import ApiClient, make_user
from tests.world import World, world_fixture

TOKEN = "metrics-token-0123456789abcdef0123456789"


@pytest.fixture
async def world(app: Litestar, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


def metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample in a Prometheus text exposition."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = re.fullmatch(r"([a-zA-Z_:]+)(?:\{(.*)\})? (\S+)", line)
        if not m or m.group(1) != name:
            continue
        got = ",".join(sorted((m.group(2) or "").split(","))) if m.group(2) else ""
        if got == want:
            return float(m.group(3))
    raise AssertionError(f"no sample {name}{labels} in:\n{text}")


def access_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    fmt = JsonFormatter()
    return [json.loads(fmt.format(r)) for r in caplog.records if r.name == "relais.access"]


async def test_one_json_line_per_request_with_template_and_request_id(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    pid = world.ids["patient"]
    body = checkin(note="Jean a de la fièvre", answers={**GREEN_ANSWERS, "da_fever": 1})
    caplog.set_level(logging.INFO, logger="relais")
    resp = await world["patient"].post(
        f"/api/patients/{pid}/checkins?source=secret-query",
        json=body,
        headers={"X-Request-ID": "req-from-proxy-42"},
    )
    assert resp.status_code == 201, resp.text
    assert resp.headers["x-request-id"] == "req-from-proxy-42"
    other = await world["patient"].get("/api/nothing/here")
    generated = other.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    lines = access_lines(caplog)
    post = next(line for line in lines if line["request_id"] == "req-from-proxy-42")
    assert post["method"] == "POST"
    assert post["route"] == "/api/patients/{patient_id}/checkins"
    assert post["status"] == 201 and post["duration_ms"] > 0
    missing = next(line for line in lines if line["request_id"] == generated)
    assert missing["route"] == "(unmatched)" and missing["status"] == 404
    server_side = [r for r in caplog.records if r.name.startswith("relais")]
    everything = "\n".join(JsonFormatter().format(r) for r in server_side)
    for secret in (pid, "secret-query", "fièvre", "Jean", "Dupont", body["id"], "da_fever"):
        assert secret not in everything, f"{secret!r} leaked into the logs"


async def test_a_hostile_request_id_is_replaced(client: ApiClient) -> None:
    resp = await client.get("/api/health", headers={"X-Request-ID": "x" * 300})
    assert re.fullmatch(r"[0-9a-f]{32}", resp.headers["x-request-id"])
    resp = await client.get("/api/health", headers={"X-Request-ID": "a b\nInjected: 1"})
    assert re.fullmatch(r"[0-9a-f]{32}", resp.headers["x-request-id"])


def test_error_lines_carry_the_template_not_the_raw_path() -> None:
    record = logging.makeLogRecord(
        {"name": "relais.errors", "levelno": 40, "levelname": "ERROR",
         "msg": "unhandled error on %s %s", "args": ("GET", "/api/patients/1234/checkins")}
    )  # fmt: skip
    scope = {"path_template": "/api/patients/{patient_id:uuid}/checkins"}
    token = current_request.set(
        RequestContext("rid-1", "GET", "/api/patients/1234/checkins", scope)
    )
    try:
        line = json.loads(JsonFormatter().format(record))
    finally:
        current_request.reset(token)
    assert line["msg"] == "unhandled error on GET /api/patients/{patient_id}/checkins"
    assert line["request_id"] == "rid-1" and line["level"] == "error"


async def test_metrics_need_a_token_or_an_administrator(
    app: Litestar, database: Settings, make_client: Any
) -> None:
    async with make_client() as anon:
        assert (await anon.get("/metrics")).status_code == 401
    await make_user(app, "clinician", "clin@m.test")
    await make_user(app, "admin", "admin@m.test")
    async with make_client() as clin:
        await clin.login_ok("clin@m.test")
        assert (await clin.get("/metrics")).status_code == 403
    async with make_client() as admin:
        await admin.login_ok("admin@m.test")
        resp = await admin.get("/metrics")
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/plain")
        assert metric(resp.text, "relais_database_up") == 1.0
    with_token = create_app(dataclasses.replace(database, metrics_token=TOKEN), manage_db=False)
    async with ApiClient.open(with_token) as bot:
        assert (
            await bot.get("/metrics", headers={"Authorization": "Bearer nope"})
        ).status_code == (401)
        resp = await bot.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert resp.status_code == 200
        assert "relais_http_request_duration_seconds_bucket" in resp.text


async def test_metrics_count_checkins_alerts_and_the_outbox(
    app: Litestar, world: World, make_client: Any
) -> None:
    await make_user(app, "admin", "admin2@m.test")
    async with make_client() as admin:
        await admin.login_ok("admin2@m.test")
        before = (await admin.get("/metrics")).text
        pid = world.ids["patient"]
        url = f"/api/patients/{pid}/checkins"
        red = checkin(answers={**GREEN_ANSWERS, "da_confusion": 1})
        assert (await world["patient"].post(url, json=red)).status_code == 201
        assert (await world["patient"].post(url, json=red)).status_code == 200  # a replay
        assert (await world["patient"].post(url, json=checkin())).status_code == 201
        after = (await admin.get("/metrics")).text
    for level, added in (("red", 1), ("green", 1), ("amber", 0)):
        assert (
            metric(after, "relais_checkins_total", level=level)
            - metric(before, "relais_checkins_total", level=level)
            == added
        )
    assert metric(after, "relais_alerts_opened_total", level="red") == 1
    assert metric(after, "relais_alerts_unresolved", level="red") == 1
    # No worker runs in these tests: the team's notifications wait in the outbox.
    assert metric(after, "relais_outbox_depth", state="pending") >= 1
    assert metric(after, "relais_outbox_oldest_unsent_age_seconds") >= 0
    assert metric(after, "relais_escalations_total") == 0
    assert metric(after, "relais_push_failures_total", outcome="transient") == 0
    route = "/api/patients/{patient_id}/checkins"
    assert metric(
        after, "relais_http_request_duration_seconds_count", method="POST", route=route,
        status="201",
    ) >= 2  # fmt: skip


async def _outbox_row(user_id: uuid.UUID, *, created: dt.datetime, due: dt.datetime) -> None:
    await Outbox.insert(
        Outbox(user=user_id, kind="reminder", channel="push", created_at=created, state="pending",
               next_attempt_at=due)
    )  # fmt: skip


async def test_ready_fails_when_no_worker_takes_due_notifications(
    app: Litestar, client: ApiClient
) -> None:
    user = await make_user(app, "patient", "p@ready.test")
    now = db.utcnow()
    # A push outage: an old notification waiting for its next try (backoff) is not a stuck worker.
    await _outbox_row(
        user.id, created=now - dt.timedelta(hours=1), due=now + dt.timedelta(minutes=5)
    )
    ready = await client.get("/api/ready")
    assert ready.status_code == 200 and ready.json()["outbox"] == "ok"
    # Due for ten minutes and nobody took it: the worker is stuck or gone.
    await _outbox_row(
        user.id, created=now - dt.timedelta(minutes=10), due=now - dt.timedelta(minutes=10)
    )
    ready = await client.get("/api/ready")
    assert ready.status_code == 503, ready.text
    assert ready.headers["retry-after"] == "5"
    assert ready.json()["outbox"].startswith("stuck: ")
    assert ready.json()["database"] == "ok"
