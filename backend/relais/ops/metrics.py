"""The process's Prometheus registry and its per-process figures (request latency by route
template, check-ins accepted by level). The figures read from the database and the ``/metrics``
route are in relais.system.metrics, above the features they read.

Two kinds of figures:

- **per process** (sum them over replicas): request latency by route template, check-ins accepted
  by level. They start at zero when the process starts, as Prometheus counters do.
- **from the database** (the same on every replica: take ``max`` over replicas, or scrape one):
  alerts opened by level, unresolved alerts, outbox depth, the age of the oldest unsent notification
  and how late the most overdue one is, escalations, push failures. They are read at each scrape,
  so a separate ``relais worker`` process needs no metrics endpoint of its own.
"""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
)

disable_created_metrics()  # no *_created series: they double the output and say little here
REGISTRY = CollectorRegistry(auto_describe=True)

REQUEST_SECONDS = Histogram(
    "relais_http_request_duration_seconds",
    "Time to answer a request, by route template (this process).",
    ["method", "route", "status"],
    registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
CHECKINS = Counter(
    "relais_checkins",
    "Check-ins accepted (first submission, not replays) by triage level (this process).",
    ["level"],
    registry=REGISTRY,
)
for _level in ("red", "amber", "green"):
    CHECKINS.labels(_level)


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    REQUEST_SECONDS.labels(method, route, str(status)).observe(seconds)
