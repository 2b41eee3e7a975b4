"""Prometheus metrics at ``/metrics``, for a bearer token (``RELAIS_METRICS_TOKEN``) or an
administrator's session.

Two kinds of figures:

- **per process** (sum them over replicas; relais.ops.metrics): request latency by route
  template, check-ins accepted by level. They start at zero when the process starts, as
  Prometheus counters do.
- **from the database** (here; the same on every replica: take ``max`` over replicas, or scrape
  one): alerts opened by level, unresolved alerts, outbox depth, the age of the oldest unsent
  notification and how late the most overdue one is, escalations, push failures. They are read
  at each scrape, so a separate ``relais worker`` process needs no metrics endpoint of its own.
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from litestar import Request, Response, get
from prometheus_client import (
    CONTENT_TYPE_LATEST,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

from relais import db
from relais.accounts.sessions import COOKIE_NAME, cookie_name, load_user, scope_user
from relais.errors import Refusal
from relais.ops.metrics import CHECKINS, REGISTRY


@dataclass
class Snapshot:
    """Figures read from the database at the last scrape."""

    database_up: bool = False
    alerts_by_level: dict[str, int] = field(default_factory=dict)
    unresolved_by_level: dict[str, int] = field(default_factory=dict)
    outbox_by_state: dict[str, int] = field(default_factory=dict)
    oldest_unsent_age_s: float = 0.0
    overdue_s: float = 0.0
    escalations: int = 0
    push_failures: dict[str, int] = field(default_factory=dict)


@dataclass
class OutboxLag:
    """How far behind the notification worker is.

    ``oldest_age_s``: age of the oldest notification not yet sent (it grows during a push outage:
    the backlog). ``overdue_s``: how long the most overdue notification has been due without a
    worker taking it (a pending row past its next attempt time, or a claim whose lease ran out):
    it grows only when no worker is working, which is what readiness checks.
    """

    pending: int
    sending: int
    oldest_age_s: float
    overdue_s: float


async def outbox_lag(now: dt.datetime | None = None) -> OutboxLag:
    from relais.notify.tables import Outbox

    now = now or db.utcnow()
    counts = {"pending": 0, "sending": 0}
    for state in counts:
        counts[state] = int(await Outbox.count().where(Outbox.state == state))
    oldest = (
        await Outbox.select(Outbox.created_at)
        .where(Outbox.state.is_in(["pending", "sending"]))
        .order_by(Outbox.created_at)
        .first()
    )
    due = (
        await Outbox.select(Outbox.next_attempt_at)
        .where(Outbox.state == "pending")
        .order_by(Outbox.next_attempt_at)
        .first()
    )
    lease = (
        await Outbox.select(Outbox.claimed_until)
        .where((Outbox.state == "sending") & Outbox.claimed_until.is_not_null())
        .order_by(Outbox.claimed_until)
        .first()
    )
    overdue = 0.0
    if due is not None:
        overdue = max(overdue, (now - db.as_utc(due["next_attempt_at"])).total_seconds())
    if lease is not None:
        overdue = max(overdue, (now - db.as_utc(lease["claimed_until"])).total_seconds())
    age = (now - db.as_utc(oldest["created_at"])).total_seconds() if oldest else 0.0
    return OutboxLag(counts["pending"], counts["sending"], max(0.0, age), overdue)


async def _grouped(sql: str) -> dict[str, int]:
    return {str(r["k"]): int(r["n"]) for r in await db.fetch(sql)}


async def read_snapshot() -> Snapshot:
    from relais.alerts.tables import Alert, AlertEvent
    from relais.notify.tables import DeliveryAttempt

    alert = Alert._meta.tablename
    event = AlertEvent._meta.tablename
    attempt = DeliveryAttempt._meta.tablename
    snap = Snapshot()
    try:
        lag = await outbox_lag()
        snap.alerts_by_level = await _grouped(
            f"SELECT level AS k, COUNT(*) AS n FROM {alert} GROUP BY level"  # noqa: S608
        )
        snap.unresolved_by_level = await _grouped(
            f"SELECT level AS k, COUNT(*) AS n FROM {alert} "  # noqa: S608
            "WHERE state <> 'resolved' GROUP BY level"
        )
        rows = await db.fetch(
            f"SELECT COUNT(*) AS n FROM {event} WHERE kind = 'escalated'"  # noqa: S608
        )
        snap.escalations = int(rows[0]["n"]) if rows else 0
        snap.push_failures = await _grouped(
            f"SELECT status AS k, COUNT(*) AS n FROM {attempt} "  # noqa: S608
            "WHERE channel = 'push' AND status <> 'sent' GROUP BY status"
        )
    except Exception:  # the database is down: say so, keep serving the process figures
        return Snapshot(database_up=False)
    snap.database_up = True
    snap.outbox_by_state = {"pending": lag.pending, "sending": lag.sending}
    snap.oldest_unsent_age_s = lag.oldest_age_s
    snap.overdue_s = lag.overdue_s
    return snap


class DatabaseCollector(Collector):
    """Exposes the last snapshot; the ``/metrics`` handler refreshes it before each export."""

    def __init__(self) -> None:
        self.snapshot = Snapshot()

    def collect(self) -> Iterator[Any]:
        s = self.snapshot
        up = GaugeMetricFamily("relais_database_up", "1 when the database answered this scrape.")
        up.add_metric([], 1.0 if s.database_up else 0.0)
        yield up
        if not s.database_up:
            return
        opened = CounterMetricFamily(
            "relais_alerts_opened", "Alerts opened, by level (whole database).", labels=["level"]
        )
        unresolved = GaugeMetricFamily(
            "relais_alerts_unresolved", "Alerts not yet resolved, by level.", labels=["level"]
        )
        for level in ("red", "amber"):
            opened.add_metric([level], float(s.alerts_by_level.get(level, 0)))
            unresolved.add_metric([level], float(s.unresolved_by_level.get(level, 0)))
        yield opened
        yield unresolved
        depth = GaugeMetricFamily(
            "relais_outbox_depth", "Notifications not yet sent, by state.", labels=["state"]
        )
        for state, count in sorted(s.outbox_by_state.items()):
            depth.add_metric([state], float(count))
        yield depth
        yield GaugeMetricFamily(
            "relais_outbox_oldest_unsent_age_seconds",
            "Age of the oldest notification not yet sent (0 when none).",
            value=s.oldest_unsent_age_s,
        )
        yield GaugeMetricFamily(
            "relais_outbox_overdue_seconds",
            "How long the most overdue notification has waited for a worker (0 when none).",
            value=s.overdue_s,
        )
        yield CounterMetricFamily(
            "relais_escalations",
            "Escalation steps taken on unacknowledged alerts (whole database).",
            value=float(s.escalations),
        )
        failures = CounterMetricFamily(
            "relais_push_failures",
            "Failed Web Push attempts by outcome: transient (retried), permanent, gone (removed).",
            labels=["outcome"],
        )
        for outcome in ("transient", "permanent", "gone"):
            failures.add_metric([outcome], float(s.push_failures.get(outcome, 0)))
        yield failures


DATABASE = DatabaseCollector()
REGISTRY.register(DATABASE)


async def count_events(response: Response[Any]) -> Response[Any]:
    """``after_request`` hook: count accepted check-ins by level (replays answer 200, not 201)."""
    from relais.checkins.schemas import CheckinResult

    content = response.content
    if isinstance(content, CheckinResult) and response.status_code == 201:
        CHECKINS.labels(content.level).inc()
    return response


async def _authorised(request: Request[Any, Any, Any]) -> None:
    token: str = request.app.state.settings.metrics_token
    header = request.headers.get("authorization", "")
    if token and header.lower().startswith("bearer "):
        if hmac.compare_digest(header[7:].strip().encode(), token.encode()):
            return
        raise Refusal(
            "unauthenticated",
            "unauthenticated",
            detail="metrics-token-invalid",
            title="unauthenticated",
        )
    user = scope_user(request.scope)
    token_cookie = request.cookies.get(cookie_name(request.app.state.settings, COOKIE_NAME))
    if user is None and token_cookie:
        # Sessions are read for /api/ paths only; /metrics sits outside, at the usual place.
        user, _ = await load_user(token_cookie)
    if user is None:
        raise Refusal(
            "unauthenticated", "unauthenticated", detail="metrics-sign-in", title="unauthenticated"
        )
    if user.role != "admin":
        raise Refusal("forbidden", "forbidden", detail="metrics-admin-only", title="forbidden")


@get("/metrics", include_in_schema=False)
async def metrics(request: Request[Any, Any, Any]) -> Response[bytes]:
    await _authorised(request)
    DATABASE.snapshot = await read_snapshot()
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
