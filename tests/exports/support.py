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
PRESCRIPTIONS = "Amoxicilline 1 g 3 fois par jour, 7 jours\nParacétamol 1 g si douleur"
NEXT_VISIT = (dt.datetime.now(dt.UTC) + dt.timedelta(days=20)).replace(microsecond=0)
#: PHQ-9 and GAD-7 answered at a check-in: totals 8 and 7, item 9 "not at all".
MOOD = {
    **{f"phq9_{i}": 1 for i in range(1, 9)},
    "phq9_9": 0,
    **{f"gad7_{i}": 1 for i in range(1, 8)},
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
    """A hand-over (two prescriptions, the next appointment), two green check-ins (one with a
    note, one with PHQ-9 and GAD-7 and a diastolic pressure), an amber one (an alert) and a
    message to the team."""
    pid = world.ids["patient"]
    ho = await world["clin_a"].put(
        f"/api/patients/{pid}/handover",
        json={
            "summary": "Sepsis à point de départ pulmonaire, séjour en réanimation",
            "referent_name": "Dr Émile Girard",
            "referent_phone": "01 40 00 00 00",
            "prescriptions": PRESCRIPTIONS,
            "next_appointment_at": NEXT_VISIT.isoformat(),
            "next_appointment_place": "Hôpital de jour, bâtiment B",
            "next_appointment_reason": "Bilan à 1 mois",
            "documents_given": ["Compte rendu d'hospitalisation", "Ordonnance"],
        },
    )
    assert ho.status_code in (200, 201), ho.text
    url = f"/api/patients/{pid}/checkins"
    sent = []
    for body in (
        checkin(120),
        checkin(
            60,
            note=NOTE,
            answers={**GREEN_ANSWERS, **MOOD},
            vitals={**GREEN_VITALS, "diastolic_bp": 78},
        ),
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
