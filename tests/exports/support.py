"""Check-ins and a hand-over for the world's patient, sent through the API."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from tests.world import World

GREEN_ANSWERS = {
    "da_confusion": 0, "da_shivering": 0, "da_no_urine": 0, "da_breathless_severe": 0,
    "da_might_die": 0, "da_skin": 0, "da_worse": 0, "da_fever": 0,
}  # fmt: skip
GREEN_VITALS = {
    "temperature": 36.8,
    "spo2": 97,
    "heart_rate": 72,
    "resp_rate": 14,
    "systolic_bp": 124,
}
NOTE = "Fatigué après la marche, sommeil agité"
MESSAGE = "Puis-je reprendre le vélo la semaine prochaine ?"


def checkin(minutes_ago: float = 1, **over: Any) -> dict[str, Any]:
    taken = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)
    body: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "taken_at": taken.isoformat(),
        "answers": dict(GREEN_ANSWERS),
        "vitals": dict(GREEN_VITALS),
        "note": "",
    }
    body.update(over)
    return body


async def fill_record(world: World) -> dict[str, Any]:
    """A hand-over, two green check-ins (one with a note), an amber one (an alert) and a message
    to the team."""
    pid = world.ids["patient"]
    ho = await world["clin_a"].put(
        f"/api/patients/{pid}/handover",
        json={
            "summary": "Sepsis à point de départ pulmonaire, séjour en réanimation",
            "referent_name": "Dr Émile Girard",
            "referent_phone": "01 40 00 00 00",
            "prescriptions": "Amoxicilline 7 jours",
        },
    )
    assert ho.status_code in (200, 201), ho.text
    url = f"/api/patients/{pid}/checkins"
    sent = []
    for body in (
        checkin(120),
        checkin(60, note=NOTE),
        checkin(5, vitals={**GREEN_VITALS, "temperature": 38.6}),
    ):
        resp = await world["patient"].post(url, json=body)
        assert resp.status_code == 201, resp.text
        sent.append(resp.json())
    msg = await world["patient"].post(
        f"/api/patients/{pid}/messages", json={"id": str(uuid.uuid4()), "body": MESSAGE}
    )
    assert msg.status_code == 201, msg.text
    return {"checkins": sent}
