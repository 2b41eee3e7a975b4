"""The on-call doctor's alerts on her phone, in a real browser against a real push service
(web-push-testing): she turns alerts on in the console and sends herself a test, which arrives;
a red check-in of a patient of her team rings in the open console, counts in the tab's title and
reaches the push service as a notification with a "Seen" action; that action's token, sent with
no session, marks the alert seen in the console. On a laptop and on a 360 px phone, in French and
in English, each screen audited (axe) and kept as a screenshot.

Debian's Chromium has no push service of its own: the browser's PushManager hands out a
subscription made at web-push-testing with the server's key, so the server really encrypts and
sends to it, and the test reads back what a phone would have shown."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import PATIENT, SERVER_ENVS, Api
from tests.browser.console_kit import GREEN, TIMEOUT, checkin, close_alerts_of, sign_in_console
from tests.browser.test_pwa import open_page, wait_for_worker, wait_js
from tests.pushsvc import PushService, running_push_service
from tests.server import running_server, seeded_copy

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.pushsvc]

DOCTOR = "doctor@demo.relais"
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 900}
WORDS = {
    "fr": {
        "on": "Activer les alertes ici",
        "test": "M’envoyer un test",
        "sound": "Son des alertes",
    },
    "en": {"on": "Turn on alerts here", "test": "Send me a test", "sound": "Alert sound"},
}


@pytest.fixture(scope="module")
def push() -> Iterator[PushService]:
    with running_push_service() as service:
        yield service


@pytest.fixture(scope="module")
def server(
    seeded_template: dict[str, str], tmp_path_factory: pytest.TempPathFactory, push: PushService
) -> Iterator[str]:
    """The demo on a database of its own, with the worker running in the server, as `make run`
    does: alerts are pushed."""
    data_dir = tmp_path_factory.mktemp("browser-staff-push")
    log = data_dir / "server.log"
    with (
        seeded_copy(seeded_template, data_dir) as own,
        running_server({**own, "RELAIS_RUN_WORKER": "true"}, migrate=False, log_path=log) as base,
    ):
        SERVER_ENVS[base] = own
        yield base
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def _subscribe_at(push: PushService, server: str) -> dict[str, Any]:
    key = httpx.get(f"{server}/api/push/key", timeout=10).json()["application_server_key"]
    resp = httpx.post(
        f"{push.base}/subscribe",
        json={"applicationServerKey": key, "userVisibleOnly": "true"},
        timeout=10,
    )
    resp.raise_for_status()
    return dict(resp.json()["data"])


def _messages(push: PushService, client_hash: str) -> list[dict[str, Any]]:
    resp = httpx.post(
        f"{push.base}/get-notifications", json={"clientHash": client_hash}, timeout=10
    )
    resp.raise_for_status()
    return [json.loads(m) for m in resp.json()["data"]["messages"]]


def _wait_message(
    push: PushService, client_hash: str, match: Any, within_s: float = 15
) -> dict[str, Any]:
    deadline = time.monotonic() + within_s
    while True:
        found = [m for m in _messages(push, client_hash) if match(m)]
        if found:
            return found[-1]
        assert time.monotonic() < deadline, _messages(push, client_hash)
        time.sleep(0.1)


def _device_script(subscription: dict[str, Any]) -> str:
    """The browser's PushManager, handing out the subscription made at web-push-testing."""
    sub = {
        "endpoint": subscription["endpoint"],
        "keys": subscription["keys"],
    }
    return f"""
(() => {{
  const made = {json.dumps(sub)};
  let current = null;
  const subscription = {{
    endpoint: made.endpoint,
    toJSON() {{ return {{ endpoint: made.endpoint, expirationTime: null, keys: made.keys }}; }},
    async unsubscribe() {{ current = null; return true; }},
  }};
  Object.defineProperty(ServiceWorkerRegistration.prototype, 'pushManager', {{
    get() {{
      return {{
        async getSubscription() {{ return current; }},
        async subscribe() {{ current = subscription; return current; }},
      }};
    }},
  }});
  window.PushManager = window.PushManager || function PushManager() {{}};
  // Counts the tones the console plays (Web Audio), to hear the alert sound from here.
  window.__tones = 0;
  const Audio = window.AudioContext;
  if (Audio) {{
    const make = Audio.prototype.createOscillator;
    Audio.prototype.createOscillator = function () {{
      window.__tones += 1;
      return make.call(this);
    }};
  }}
}})();
"""


def _check(page: Any, artifacts: Path, name: str, width: int) -> None:
    found = serious_violations(page)
    assert found == [], (name, found)
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    wide = page.evaluate(
        "(w) => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
        ".right > w + 1).slice(0, 12).map(e => e.tagName + '.' + e.className + ' '"
        " + Math.round(e.getBoundingClientRect().right))",
        width,
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, wide)


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


@pytest.mark.parametrize(
    ("lang", "where"), [("fr", "laptop"), ("en", "laptop"), ("fr", "phone"), ("en", "phone")]
)
def test_the_doctor_gets_a_test_then_a_red_alert_and_marks_it_seen_from_the_notification(
    browser: Any, server: str, push: PushService, artifacts: Path, lang: str, where: str
) -> None:
    viewport = LAPTOP if where == "laptop" else PHONE
    words = WORDS[lang]
    name = f"{lang}-{where}-staff-push"
    device = _subscribe_at(push, server)
    context, page, problems = open_page(
        browser, server, lang, viewport=viewport, bypass_csp=True, timezone_id="Europe/Paris"
    )
    context.grant_permissions(["notifications"])
    context.add_init_script(_device_script(device))
    sign_in_console(page, DOCTOR)
    wait_for_worker(page)
    doctor = Api(server, DOCTOR)
    patient = Api(server, PATIENT)
    try:
        # 1. Alerts on this device: none registered yet, then on, then a test that arrives.
        page.goto("/console/team")
        card = page.locator("section.device-alerts")
        card.locator("[data-devices=none]").wait_for(timeout=TIMEOUT)
        assert "e-mail" in card.inner_text() or "email" in card.inner_text()
        _check(page, artifacts, f"{name}-none", viewport["width"])
        card.get_by_role("button", name=words["on"]).click()
        card.locator(".status-sent").wait_for(timeout=TIMEOUT)
        mine = [s for s in doctor.get("/api/push/subscriptions")]
        assert device["endpoint"] in [s["endpoint"] for s in mine]
        card.get_by_role("button", name=words["test"]).click()
        test = _wait_message(push, device["clientHash"], lambda m: m["type"] == "test")
        assert test["title"] == "Relais" and "Test" in test["body"]
        card.locator("[role=status]", has_text="1").wait_for(timeout=TIMEOUT)
        card.locator("[data-status=working]").first.wait_for(timeout=TIMEOUT)
        _check(page, artifacts, f"{name}-device", viewport["width"])

        # 2. A red check-in of a patient of her team: it rings, counts in the title, is pushed.
        page.goto("/console")
        page.locator(".live-on").wait_for(timeout=TIMEOUT)
        tones = page.evaluate("window.__tones")
        pid = next(p["patient_id"] for p in patient.circle() if p["relation"] == "self")
        close_alerts_of(doctor, pid)  # a red check-in joins an open alert: start from none
        sent = patient.post(
            f"/api/patients/{pid}/checkins", checkin(answers={**GREEN, "da_confusion": 1})
        )
        assert sent.status_code == 201 and sent.json()["level"] == "red", sent.text
        alert_id = sent.json()["alert"]["id"]
        row = page.locator(f"[data-alert='{alert_id}']")
        row.wait_for(timeout=TIMEOUT)
        wait_js(page, "window.__tones", None)
        assert page.evaluate("window.__tones") > tones
        unread = len(doctor.get("/api/alerts?state=open"))
        wait_js(page, "(n) => document.title.startsWith(`(${n}) `)", unread)
        alert = _wait_message(
            push, device["clientHash"], lambda m: m["type"] == "alert" and m["id"] == alert_id
        )
        assert [a["action"] for a in alert["actions"]] == ["seen"]
        assert "Dupont" not in json.dumps(alert) and "Jean" not in json.dumps(alert)
        _check(page, artifacts, f"{name}-inbox-red", viewport["width"])

        # The service worker shows that very push with its "Seen" action and its token.
        cdp = context.new_cdp_session(page)
        registration = _registration(cdp, page)
        # CDP drops a push delivered while the worker is starting or being replaced: deliver
        # again (same tag, so the second replaces the first) instead of waiting once.
        shown = None
        for _attempt in range(3):
            cdp.send(
                "ServiceWorker.deliverPushMessage",
                {"origin": server, "registrationId": registration, "data": json.dumps(alert)},
            )
            try:
                shown = wait_js(
                    page,
                    "(tag) => navigator.serviceWorker.ready.then(r => r.getNotifications())"
                    ".then(ns => ns.filter(n => n.tag === tag).map(n => ({actions: n.actions"
                    ".map(a => a.action), seen: n.data.seen})))"
                    ".then(found => found.length ? found : null)",
                    f"relais-alert-{alert_id}",
                    timeout=TIMEOUT / 3,
                )
                break
            except AssertionError:
                continue
        assert shown == [{"actions": ["seen"], "seen": alert["seen"]}]

        # 3. "Seen" from the notification: the token alone, no session, no CSRF header, as the
        # service worker sends it. The console shows the alert seen, live.
        with httpx.Client(base_url=server, timeout=10) as worker:
            done = worker.post(
                f"/api/alerts/{alert_id}/seen-from-notification",
                json={"token": alert["seen"]},
                headers={"origin": server},
            )
        assert done.status_code == 200, done.text
        page.locator(f"[data-alert='{alert_id}'][data-state='acknowledged']").wait_for(
            timeout=TIMEOUT
        )
        detail = doctor.get(f"/api/alerts/{alert_id}")
        me = doctor.get("/api/auth/me")
        assert detail["acknowledged_by"] == me["id"]
        assert [e["detail"] for e in detail["timeline"] if e["kind"] == "acknowledged"] == [
            "notification"
        ]
        wait_js(page, "(n) => document.title.startsWith(`(${n}) `) || n === 0", unread - 1)
        _check(page, artifacts, f"{name}-inbox-seen", viewport["width"])

        # 4. The sound can be turned off, and stays off.
        switch = page.get_by_role("button", name=words["sound"])
        assert switch.get_attribute("aria-pressed") == "true"
        switch.click()
        assert switch.get_attribute("aria-pressed") == "false"
        page.reload()
        page.locator(".live-on").wait_for(timeout=TIMEOUT)
        assert page.get_by_role("button", name=words["sound"]).get_attribute("aria-pressed") == (
            "false"
        )
        quiet = page.evaluate("window.__tones")
        # A new red alert (the first one closed), which would ring with the sound on.
        close_alerts_of(doctor, pid)
        again = patient.post(
            f"/api/patients/{pid}/checkins", checkin(answers={**GREEN, "da_confusion": 1})
        )
        assert again.status_code == 201, again.text
        second = again.json()["alert"]["id"]
        page.locator(f"[data-alert='{second}']").wait_for(timeout=TIMEOUT)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__tones") == quiet
        assert problems == []
    finally:
        # Calm again for the next run: alerts closed, the doctor's devices forgotten.
        for a in doctor.get("/api/alerts"):
            doctor.post(
                f"/api/alerts/{a['id']}/resolve", {"outcome": "called_patient", "note": "fin"}
            )
        token = doctor.http.cookies.get("relais_csrf") or ""
        for s in doctor.get("/api/push/subscriptions"):
            doctor.http.request(
                "DELETE",
                "/api/push/subscriptions",
                json={"endpoint": s["endpoint"]},
                headers={"x-csrftoken": token},
            )
        doctor.close()
        patient.close()
        context.close()
