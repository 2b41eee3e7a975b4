"""The patient and family app in a real browser: sign-in, check-ins with the result computed on
the phone, the emergency page without network, the outbox sent exactly once, a parent logging
for the right child, joining from an invitation, accessibility and screenshots."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import (
    NURSE,
    PARENT,
    PASSWORD,
    PATIENT,
    Api,
)

# Normal adult values for the vital-sign screens.
NORMAL: dict[str, float | None] = {
    "temperature": 37.0,
    "spo2": 98,
    "heart_rate": 72,
    "resp_rate": 14,
    "systolic_bp": 122,
    "diastolic_bp": 76,
}
TIMEOUT = 15_000


def open_page(
    browser: Any, base: str, lang: str = "fr", **options: Any
) -> tuple[Any, Any, list[str]]:
    options.setdefault("viewport", {"width": 390, "height": 844})
    context = browser.new_context(
        base_url=base, locale="fr-FR" if lang == "fr" else "en-GB", **options
    )
    if lang == "en":
        context.add_init_script("localStorage.setItem('relais.lang', 'en')")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    return context, page, problems


def sign_in(page: Any, email: str) -> None:
    page.goto("/signin")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.locator("[data-action=worse], .switcher").first.wait_for(timeout=TIMEOUT)


def wait_js(page: Any, expression: str, arg: Any = None, timeout: float = TIMEOUT) -> Any:
    """Until ``expression`` (or a function of ``arg``) is truthy in the page. Polled from here:
    Playwright's own wait_for_function evaluates its string with eval, which the app's CSP
    forbids as soon as the first check is false."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        value = page.evaluate(expression, arg)
        if value:
            return value
        assert time.monotonic() < deadline, f"still false after {timeout} ms: {expression}"
        page.wait_for_timeout(50)


def wait_for_worker(page: Any) -> None:
    wait_js(page, "navigator.serviceWorker.controller !== null")


def do_checkin(
    page: Any,
    answers: dict[str, int] | None = None,
    vitals: dict[str, float | None] | None = None,
    *,
    skip_vitals: bool = False,
    picks: tuple[str, ...] = (),
    note: str = "",
    until: str | None = None,
) -> None:
    """From home: start the daily check-in and answer every screen (or stop on the question
    ``until``, left unanswered). Yes/no questions not in
    `answers` are "no", choices the first option, optional ones skipped; the symptom picker gets
    `picks` ticked (else "nothing new"), the note `note`. Returns on the result page: at the end,
    or as soon as an answer makes the check-in red (the phone sends it then)."""
    answers = answers or {}
    values = NORMAL if vitals is None else vitals
    page.locator("[data-action=checkin]").first.click()
    previous = None
    for _ in range(80):
        page.locator(".step, .result-meta").first.wait_for(timeout=TIMEOUT)
        if page.locator(".step").count() == 0:
            return  # the result: red at once
        step = page.locator(".step").first
        marker = (
            step.get_attribute("data-item")
            or step.get_attribute("data-vital")
            or step.get_attribute("data-step")
        )
        if marker == previous:
            page.wait_for_timeout(50)
            continue
        previous = marker
        if until is not None and marker == until:
            return
        if marker == "note":
            if note:
                step.locator("#note").fill(note)
            step.locator("[data-action=finish]").click()
            return
        if marker == "picker":
            if not picks:
                step.locator("[data-action=picker-nothing]").click()
                continue
            step.locator("[data-action=picker-open]").click()
            for item in picks:
                # Its body area is folded until opened. A red symptom leaves the page at once
                # for the emergency screen.
                area = step.locator(f"details:has(label[data-item='{item}'])")
                if area.get_attribute("open") is None:
                    area.locator("summary").click()
                step.locator(f"label[data-item='{item}'] input").click()
                page.wait_for_timeout(100)
                if page.locator(".step").count() == 0:
                    return
            step.locator("[data-action=picker-done]").click()
            continue
        vital = step.get_attribute("data-vital")
        if vital is not None:
            if skip_vitals:
                step.locator("[data-action=skip-vitals]").click()
                continue
            value = values.get(vital)
            if value is None:
                step.locator("[data-action=no-device]").click()
            else:
                step.locator("input").fill(str(value))
                step.locator("[data-action=next]").click()
            continue
        item = step.get_attribute("data-item") or ""
        kind = step.get_attribute("data-type")
        skip = step.locator("[data-action=skip]")
        if item in answers:
            step.locator(f"[data-value='{answers[item]}']").click()
        elif skip.count() > 0:
            skip.click()
        elif kind in ("yesno", "choice", "number") and step.locator("[data-value]").count() > 0:
            chosen = "0" if step.locator("[data-value='0']").count() > 0 else None
            target = (
                step.locator(f"[data-value='{chosen}']") if chosen else step.locator("[data-value]")
            )
            target.first.click()
        else:
            step.locator("[data-action=next]").click()
    raise AssertionError("the check-in did not end")


def titles(base: str, lang: str = "fr") -> dict[str, re.Pattern[str]]:
    """The title of each level's guidance, as a pattern: placeholders such as
    {emergency_number} are filled on the phone."""
    bundle = httpx.get(f"{base}/api/content/bundle?lang={lang}", timeout=10).json()
    out = {}
    for level in ("red", "amber", "green"):
        title = re.escape(bundle["guidance"]["levels"][level]["title"])
        out[level] = re.compile(re.sub(r"\\\{[a-z_]+\\\}", ".+", title))
    return out


def wait_until(check: Callable[[], bool], timeout: float = 15.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def test_green_amber_red_checkins(browser: Any, server: str, api_as: Callable[[str], Api]) -> None:
    api = api_as(PATIENT)
    patient_id = api.circle()[0]["patient_id"]
    before = len(api.checkins(patient_id))
    heading = titles(server)
    context, page, problems = open_page(browser, server)
    sign_in(page, PATIENT)

    do_checkin(page)
    page.locator(".badge-green").first.wait_for(timeout=TIMEOUT)
    assert heading["green"].fullmatch(page.locator("h1").inner_text())
    page.locator(".status-sent").wait_for(timeout=TIMEOUT)
    page.click("a[href='/'] >> text=Retour à l’accueil")

    do_checkin(page, {"da_fever": 1})
    assert heading["amber"].fullmatch(page.locator("h1").inner_text())
    assert page.locator("a.call-team[href^='tel:']").count() == 1
    page.locator(".status-sent").wait_for(timeout=TIMEOUT)
    page.goto("/")

    do_checkin(page, {"da_confusion": 1})
    assert heading["red"].fullmatch(page.locator("h1").inner_text())
    assert "{" not in page.locator("main").inner_text()
    call = page.locator(".emergency a.call-emergency")
    assert re.fullmatch(r"tel:\+?\d+", call.get_attribute("href") or "")
    page.locator(".status-sent").wait_for(timeout=TIMEOUT)

    wait_until(lambda: len(api.checkins(patient_id)) == before + 3)
    levels = [c["level"] for c in api.checkins(patient_id)[:3]]
    assert levels == ["red", "amber", "green"]

    # The team acknowledges: the person sees that their care team has seen it.
    assert page.locator(".status-seen").count() == 0
    nurse = api_as(NURSE)
    for alert in api.get(f"/api/patients/{patient_id}/alerts"):
        if alert["state"] == "open":
            resp = nurse.post(f"/api/alerts/{alert['id']}/acknowledge", {})
            assert resp.status_code == 200, resp.text
    page.reload()
    page.locator(".status-seen").wait_for(timeout=TIMEOUT)
    assert problems == []
    context.close()


def test_worse_tapped_while_sign_in_still_loads_stays_on_the_checkin(
    browser: Any, server: str
) -> None:
    """Home shows as soon as the person is known; the rest of their day loads after. Someone who
    taps "I feel worse" in that moment stays on the check-in when the loading ends (it took them
    back home)."""
    context, page, problems = open_page(browser, server)
    held: list[Any] = []
    page.route("**/api/patients/*/schedule", lambda route: held.append(route))
    page.goto("/signin")
    page.fill("#email", PATIENT)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.locator("[data-action=worse]").click(timeout=TIMEOUT)
    page.locator(".step").first.wait_for(timeout=TIMEOUT)
    assert held, "the day's schedule was not asked for while signing in"

    with page.expect_response("**/api/patients/*/schedule", timeout=TIMEOUT):
        for route in held:
            route.continue_()
    # The sign-in ends a few milliseconds after its last answer: once the page has nothing more
    # to ask the server, it is still on the check-in.
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/checkin")
    assert page.locator(".step").first.is_visible()
    assert problems == []
    context.close()


def test_the_agenda_tells_what_is_to_do_now_from_what_comes_later(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    """The server keeps every planned item "due" until it is done, a visit in three months too;
    the agenda lists under "to do now" only what has come (it listed the whole year there)."""
    api = api_as(PATIENT)
    patient_id = api.circle()[0]["patient_id"]
    schedule = {i["id"]: i for i in api.get(f"/api/patients/{patient_id}/schedule")}
    context, page, problems = open_page(browser, server)
    sign_in(page, PATIENT)
    page.goto("/schedule")
    upcoming = page.locator("section[aria-labelledby='g-schedule.upcoming'] li[data-item]")
    upcoming.first.wait_for(timeout=TIMEOUT)
    # The page's own clock and zone decide where today ends.
    tomorrow = page.evaluate(
        "(() => { const d = new Date();"
        " return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).toISOString(); })()"
    )
    end_of_today = dt.datetime.fromisoformat(tomorrow.replace("Z", "+00:00"))

    def due_at(item_id: str | None) -> dt.datetime:
        return dt.datetime.fromisoformat(schedule[item_id or ""]["due_at"])

    now_items = page.locator("section[aria-labelledby='g-schedule.due'] li[data-item]")
    for i in range(now_items.count()):
        assert due_at(now_items.nth(i).get_attribute("data-item")) < end_of_today
    for i in range(upcoming.count()):
        assert due_at(upcoming.nth(i).get_attribute("data-item")) >= end_of_today
    assert page.locator("#g-schedule\\.upcoming").inner_text() == "À venir"
    assert problems == []
    context.close()


def test_the_phone_answers_with_the_limits_the_team_set_for_the_person(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    """A person whose usual oxygen is low (the team set their emergency limit at 85 %): 89 % is
    "contact your care team today" on the phone, as on the server, not "call 15 now" (the phone
    used the content's limit of 91 % whatever the team had set)."""
    api = api_as(PATIENT)
    patient_id = api.circle()[0]["patient_id"]
    nurse = api_as(NURSE)
    resp = nurse.http.put(
        f"/api/patients/{patient_id}/thresholds",
        json={
            "key": "spo2",
            "params": {"red_lte": 85, "amber_lte": 92},
            "reason": "BPCO, SpO2 habituelle 88-90 %",
        },
        headers={"x-csrftoken": nurse.http.cookies.get("relais_csrf") or ""},
    )
    assert resp.status_code == 200, resp.text
    heading = titles(server)
    context, page, problems = open_page(browser, server)
    with page.expect_response("**/today", timeout=TIMEOUT):
        sign_in(page, PATIENT)
    do_checkin(page, vitals={**NORMAL, "spo2": 89})
    assert heading["amber"].fullmatch(page.locator("h1").inner_text())
    page.locator(".status-sent").wait_for(timeout=TIMEOUT)
    assert api.checkins(patient_id)[0]["level"] == "amber"
    assert problems == []
    context.close()
    for alert in api.get(f"/api/patients/{patient_id}/alerts"):
        if alert["state"] != "resolved":
            nurse.post(f"/api/alerts/{alert['id']}/resolve", {"outcome": "no_action_needed"})


def test_offline_reload_and_red_checkin_sent_once(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    api = api_as(PATIENT)
    patient_id = api.circle()[0]["patient_id"]
    context, page, problems = open_page(browser, server)
    sign_in(page, PATIENT)
    wait_for_worker(page)
    before = len(api.checkins(patient_id))

    context.set_offline(True)
    page.reload()
    page.locator("[data-action=worse]").wait_for(timeout=TIMEOUT)
    page.locator(".notice.offline").wait_for(timeout=TIMEOUT)

    do_checkin(page, {"da_confusion": 1})
    # The emergency page comes from the phone alone.
    page.locator(".emergency a.call-emergency").wait_for(timeout=TIMEOUT)
    assert page.locator(".emergency-lead").inner_text()
    page.locator(".status-waiting").wait_for(timeout=TIMEOUT)
    assert len(api.checkins(patient_id)) == before

    # The tab is reloaded while still offline: the check-in is still waiting.
    page.reload()
    page.locator(".notice.waiting").wait_for(timeout=TIMEOUT)

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_until(lambda: len(api.checkins(patient_id)) == before + 1)
    page.goto("/")
    page.locator("[data-action=worse]").wait_for(timeout=TIMEOUT)
    # Once the phone has sent all it had (nothing more on the network), nothing went twice.
    page.wait_for_load_state("networkidle")
    checkins = api.checkins(patient_id)
    assert len(checkins) == before + 1
    assert checkins[0]["level"] == "red"
    assert page.locator(".notice.waiting").count() == 0
    assert problems == []
    context.close()


def test_parent_switches_child_and_logs_for_the_right_one(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    api = api_as(PARENT)
    people = api.circle()
    assert len(people) >= 2
    first, second = people[0], people[1]
    counts = {p["patient_id"]: len(api.checkins(p["patient_id"])) for p in people}
    context, page, problems = open_page(browser, server)
    sign_in(page, PARENT)
    page.locator(".switcher").wait_for(timeout=TIMEOUT)
    page.locator(".switcher button", has_text=second["given_name"]).click()
    page.locator("h1", has_text=second["given_name"]).wait_for(timeout=TIMEOUT)

    do_checkin(page, skip_vitals=True)
    page.locator(".for-whom, .result-meta").first.wait_for(timeout=TIMEOUT)
    page.locator(".status-sent").wait_for(timeout=TIMEOUT)
    wait_until(lambda: len(api.checkins(second["patient_id"])) == counts[second["patient_id"]] + 1)
    assert len(api.checkins(first["patient_id"])) == counts[first["patient_id"]]
    assert problems == []
    context.close()


def test_a_parent_sees_what_the_team_does_and_opens_the_school_return_from_home(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    """Who does an item is content, not in the API's answer: the MRI says "with the team" and
    offers nothing to fill in; the school return opens its checklist."""
    api = api_as(PARENT)
    child = next(p for p in api.circle() if p["given_name"] == "Léa")
    due = api.get(f"/api/patients/{child['patient_id']}/today")["due"]
    kinds = {i["plan_item_id"]: i["kind"] for i in due if i["status"] in ("due", "late")}
    assert "brain_mri" in kinds and "school_return" in kinds, kinds
    context, page, problems = open_page(browser, server)
    sign_in(page, PARENT)
    page.locator(".switcher button", has_text="Léa").click()
    page.locator("h1", has_text="Léa").wait_for(timeout=TIMEOUT)
    mri = page.locator("li.due-item", has_text="IRM du cerveau")
    mri.wait_for(timeout=TIMEOUT)
    assert "avec l’équipe" in mri.inner_text()
    assert mri.locator("a, button").count() == 0
    school = page.locator("li.due-item", has_text="retour à l")
    assert "avec l’équipe" not in school.inner_text()
    school.get_by_role("link", name="Ouvrir").click()
    page.wait_for_url("**/child/school", timeout=TIMEOUT)
    assert problems == []
    context.close()


def test_join_from_an_invitation_link(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    patient_id = api_as(PATIENT).circle()[0]["patient_id"]
    nurse = api_as(NURSE)
    resp = nurse.post(
        f"/api/patients/{patient_id}/invitations", {"kind": "proxy", "relationship": "partner"}
    )
    assert resp.status_code == 201, resp.text
    link = resp.json()["link"]
    context, page, problems = open_page(browser, server)
    page.goto(link)
    page.locator("#name").wait_for(timeout=TIMEOUT)
    assert "token" not in page.url
    page.fill("#name", "Marie Dupont")
    page.fill("#email", "marie.dupont@example.org")
    page.fill("#password", "une phrase assez longue")
    page.check("#consent-terms")
    page.check("#consent-privacy")
    page.click("button[type=submit]")
    page.locator("h1", has_text="Jean").wait_for(timeout=TIMEOUT)
    assert problems == []
    context.close()


SCREENS = [
    "/",
    "/checkin",
    "/emergency",
    "/booklet",
    "/guidance",
    "/schedule",
    "/trends",
    "/settings",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_accessibility_and_screenshots(
    browser: Any, server: str, artifacts: Path, lang: str
) -> None:
    # The audit script is injected by the test: CSP is bypassed in this context only.
    context, page, _ = open_page(browser, server, lang, bypass_csp=True)
    found: dict[str, list[str]] = {}

    def audit(name: str) -> None:
        bad = serious_violations(page)
        if bad:
            found[name] = bad
        page.screenshot(path=str(artifacts / f"{lang}-{name}.png"), full_page=True)

    page.goto("/signin")
    page.locator("#email").wait_for(timeout=TIMEOUT)
    audit("signin")
    page.goto("/join")
    audit("join")
    sign_in(page, PATIENT)
    for path in SCREENS:
        page.goto(path)
        page.locator("h1").wait_for(timeout=TIMEOUT)
        audit(path.strip("/") or "home")
    page.goto("/booklet")
    page.locator(".page-link").first.click()
    page.locator("article.prose").wait_for(timeout=TIMEOUT)
    audit("booklet-page")
    page.goto("/")
    page.locator("[data-action=checkin]").first.click()
    page.locator(".step").first.wait_for(timeout=TIMEOUT)
    audit("checkin-question")
    page.goto("/")
    do_checkin(page, {"da_fever": 1})
    page.locator(".result-meta").wait_for(timeout=TIMEOUT)
    audit("result-amber")
    page.goto("/")
    do_checkin(page, {"da_confusion": 1})
    page.locator(".emergency").wait_for(timeout=TIMEOUT)
    audit("result-red")
    context.close()
    assert found == {}, found


# Debian's Chromium has no push service: the browser's PushManager is replaced by a stand-in that
# hands out a well-formed subscription, so that the button, the permission and the server side
# are what is tested (real delivery is tested with web-push-testing by the notification tests).
FAKE_PUSH = """
(() => {
  const b64 = (bytes) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const key = new Uint8Array(65); key[0] = 4; for (let i = 1; i < 65; i++) key[i] = i;
  const auth = new Uint8Array(16); for (let i = 0; i < 16; i++) auth[i] = 200 - i;
  let current = null;
  const subscription = {
    endpoint: 'http://127.0.0.1:9/push/browser-test-device',
    toJSON() {
      const keys = { p256dh: b64(key), auth: b64(auth) };
      return { endpoint: this.endpoint, expirationTime: null, keys };
    },
    async unsubscribe() { current = null; return true; },
  };
  Object.defineProperty(ServiceWorkerRegistration.prototype, 'pushManager', {
    get() {
      return {
        async getSubscription() { return current; },
        async subscribe(options) {
          window.__pushKeyLength = options.applicationServerKey.byteLength;
          current = subscription;
          return current;
        },
      };
    },
  });
  window.PushManager = window.PushManager || function PushManager() {};
})();
"""


def test_notifications_opt_in_from_a_button(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    api = api_as(PATIENT)
    context, page, problems = open_page(browser, server)
    context.grant_permissions(["notifications"])
    context.add_init_script(FAKE_PUSH)
    sign_in(page, PATIENT)
    wait_for_worker(page)
    page.goto("/settings")
    # Never asked on load: nothing is registered until the button is pressed.
    enable = page.locator("#push-title ~ button.primary")
    enable.wait_for(timeout=TIMEOUT)
    endpoints = [s["endpoint"] for s in api.get("/api/push/subscriptions")]
    assert "http://127.0.0.1:9/push/browser-test-device" not in endpoints
    enable.click()
    page.locator("#push-title ~ .status-sent").wait_for(timeout=TIMEOUT)
    assert page.evaluate("window.__pushKeyLength") == 65
    endpoints = [s["endpoint"] for s in api.get("/api/push/subscriptions")]
    assert "http://127.0.0.1:9/push/browser-test-device" in endpoints
    page.locator("#push-title ~ button").click()
    page.locator("#push-title ~ button.primary").wait_for(timeout=TIMEOUT)
    endpoints = [s["endpoint"] for s in api.get("/api/push/subscriptions")]
    assert "http://127.0.0.1:9/push/browser-test-device" not in endpoints
    assert problems == []
    context.close()


# A device subscribed before the server's VAPID key was rotated: its subscription was made with the
# old key (PushSubscription.options.applicationServerKey); a new one is made with the key asked for.
ROTATED_PUSH = """
(() => {
  const b64 = (bytes) =>
    btoa(String.fromCharCode(...new Uint8Array(bytes)))
      .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const p256dh = new Uint8Array(65); p256dh[0] = 4; for (let i = 1; i < 65; i++) p256dh[i] = i;
  const auth = new Uint8Array(16); for (let i = 0; i < 16; i++) auth[i] = 200 - i;
  const oldKey = new Uint8Array(65).fill(7); oldKey[0] = 4;
  const make = (name, serverKey) => ({
    endpoint: 'http://127.0.0.1:9/push/' + name,
    options: { userVisibleOnly: true, applicationServerKey: serverKey },
    toJSON() {
      return { endpoint: this.endpoint, expirationTime: null,
               keys: { p256dh: b64(p256dh), auth: b64(auth) } };
    },
    async unsubscribe() { if (current === this) current = null; return true; },
  });
  let current = make('rotated-old-key', oldKey.buffer);
  Object.defineProperty(ServiceWorkerRegistration.prototype, 'pushManager', {
    get() {
      return {
        async getSubscription() { return current; },
        async subscribe(options) {
          const key = new Uint8Array(options.applicationServerKey).slice().buffer;
          window.__pushKey = b64(key);
          current = make('rotated-new-key', key);
          return current;
        },
      };
    },
  });
  window.PushManager = window.PushManager || function PushManager() {};
})();
"""


def test_after_a_vapid_key_rotation_the_app_subscribes_again_on_opening(
    browser: Any, server: str, api_as: Callable[[str], Api]
) -> None:
    api = api_as(PATIENT)
    old, new = "http://127.0.0.1:9/push/rotated-old-key", "http://127.0.0.1:9/push/rotated-new-key"
    # The same keys as the stand-in's (65 bytes 4, 1, 2…; 16 bytes 200, 199…).
    keys = {"p256dh": "BAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1"
            "Njc4OTo7PD0-P0A", "auth": "yMfGxcTDwsHAv769vLu6uQ"}  # fmt: skip
    registered = api.post("/api/push/subscriptions", {"endpoint": old, "keys": keys})
    assert registered.status_code == 201, registered.text
    context, page, problems = open_page(browser, server)
    context.grant_permissions(["notifications"])
    context.add_init_script(ROTATED_PUSH)
    sign_in(page, PATIENT)
    wait_for_worker(page)
    page.reload()  # the app opens again: it checks the device's subscription
    endpoints: list[str] = []
    for _ in range(100):  # (wait_for_function would evaluate a string: the CSP forbids it)
        endpoints = [s["endpoint"] for s in api.get("/api/push/subscriptions")]
        if new in endpoints and old not in endpoints:
            break
        page.wait_for_timeout(100)
    assert new in endpoints and old not in endpoints, endpoints
    assert page.evaluate("window.__pushKey") == api.get("/api/push/key")["application_server_key"]
    assert problems == []
    context.close()
    token = api.http.cookies.get("relais_csrf") or ""
    api.http.request("DELETE", "/api/push/subscriptions", json={"endpoint": new},
                     headers={"x-csrftoken": token})  # fmt: skip


def test_a_wrong_password_is_said_in_the_apps_language(browser: Any, server: str) -> None:
    """The refusal comes back in the language chosen in the app, whatever the browser's: English
    here on a French browser, then French once the app is switched to French."""
    context = browser.new_context(base_url=server, locale="fr-FR")
    context.add_init_script("localStorage.setItem('relais.lang', 'en')")
    page = context.new_page()
    page.goto("/signin")
    page.fill("#email", PATIENT)
    page.fill("#password", "not the right one at all")
    page.click("button[type=submit]")
    page.get_by_text("The email or the password is not right.", exact=False).wait_for(
        timeout=TIMEOUT
    )
    page.get_by_role("button", name="Français").click()  # the app's own language switch
    page.get_by_role("button", name="Se connecter").wait_for(timeout=TIMEOUT)
    page.fill("#email", PATIENT)
    page.fill("#password", "toujours pas le bon")
    page.click("button[type=submit]")
    page.get_by_text("L'adresse e-mail ou le mot de passe n'est pas le bon.", exact=False).wait_for(
        timeout=TIMEOUT
    )
    context.close()
