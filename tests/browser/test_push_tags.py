"""On the phone, a notification per alert: the service worker shows each push with its alert as
the tag, so the same alert pushed again (after a worker died mid-send, or at a later escalation
step) replaces its notification instead of adding one, and another alert adds its own."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import pytest

from tests.browser.test_pwa import TIMEOUT, open_page, wait_for_worker

pytestmark = [pytest.mark.once]


def _registration(cdp: Any, page: Any) -> str:
    found: list[str] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: found.extend(r["registrationId"] for r in e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + TIMEOUT / 1000
    while not found:
        assert time.monotonic() < deadline, "no service worker registration"
        page.wait_for_timeout(50)
    return found[0]


def test_a_repeated_alert_replaces_its_notification(browser: Any, server: str) -> None:
    context, page, problems = open_page(browser, server)
    context.grant_permissions(["notifications"])
    page.goto("/")
    wait_for_worker(page)
    cdp = context.new_cdp_session(page)
    registration = _registration(cdp, page)
    first, second = str(uuid.uuid4()), str(uuid.uuid4())

    def push(alert: str) -> None:
        body = {"type": "alert", "id": alert, "title": "Relais", "body": "Nouvelle alerte"}
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": server, "registrationId": registration, "data": json.dumps(body)},
        )

    def tags(count: int) -> list[str]:
        deadline = time.monotonic() + TIMEOUT / 1000
        while True:
            shown = page.evaluate(
                "navigator.serviceWorker.ready"
                ".then(r => r.getNotifications()).then(ns => ns.map(n => n.tag).sort())"
            )
            if len(shown) >= count or time.monotonic() > deadline:
                return list(shown)
            page.wait_for_timeout(50)

    push(first)
    assert tags(1) == [f"relais-alert-{first}"]
    push(first)  # the same alert again: still one notification
    page.wait_for_timeout(300)
    assert tags(1) == [f"relais-alert-{first}"]
    push(second)
    assert tags(2) == sorted([f"relais-alert-{first}", f"relais-alert-{second}"])
    assert problems == []
    context.close()
