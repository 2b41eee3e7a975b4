"""What the console's browser tests share: a desktop-sized page, signing a clinician in, a
check-in body, closing a patient's open alerts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from tests.browser.conftest import PASSWORD

TIMEOUT = 15_000
GREEN = {
    "da_confusion": 0, "da_shivering": 0, "da_no_urine": 0, "da_breathless_severe": 0,
    "da_might_die": 0, "da_skin": 0, "da_worse": 0, "da_fever": 0,
}  # fmt: skip
VITALS = {"temperature": 36.8, "spo2": 97, "heart_rate": 72, "resp_rate": 14, "systolic_bp": 124}


def checkin(**over: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "taken_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat(),
        "answers": dict(GREEN),
        "vitals": dict(VITALS),
        **over,
    }


def desktop(browser: Any, base: str, lang: str = "fr", **options: Any) -> tuple[Any, Any]:
    context = browser.new_context(
        base_url=base,
        viewport={"width": 1280, "height": 900},
        locale="fr-FR" if lang == "fr" else "en-GB",
        **options,
    )
    if lang == "en":
        context.add_init_script("localStorage.setItem('relais.lang', 'en')")
    return context, context.new_page()


def sign_in_console(page: Any, email: str) -> None:
    page.goto("/signin")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.locator(".live-on").wait_for(timeout=TIMEOUT)


def close_alerts_of(clinician: Any, patient_id: str) -> None:
    """Close the patient's open alerts: a red check-in then opens a new alert (while one is
    open, it would join it)."""
    for a in clinician.get("/api/alerts"):
        if a["patient_id"] == patient_id:
            closed = clinician.post(
                f"/api/alerts/{a['id']}/resolve", {"outcome": "no_action_needed"}
            )
            assert closed.status_code == 200, closed.text
