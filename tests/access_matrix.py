"""The authorization matrix: every route that takes a patient id, called by every kind of outsider.

The routes come from the application's own route table (``app_patient_routes``): a new route with
a patient id and no line here fails tests/care/test_access_matrix.py. A route joins the matrix with
one line: ``patient_route("GET", "/api/patients/{pid}/x", "read")`` (other path values are filled
with a UUID or a number). ``need`` is what the route requires; a family member whose link lacks
that scope is an outsider for it (for ``read`` they are not). The test calls each route as each
outsider and expects 403 or 404 with nothing of the patient in the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: What fills a path value other than the patient's id (no such record exists).
_FILL = {"int": "987654", "uuid": "00000000-0000-4000-8000-00000000beef"}


@dataclass(frozen=True)
class PatientRoute:
    method: str
    path: str
    need: str
    body: Any = None

    def url(self, pid: str) -> str:
        path = self.path.replace("{pid}", pid)
        return re.sub(r"\{[a-z_]+:(int|uuid)\}", lambda m: _FILL[m[1]], path)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


ROUTES: list[PatientRoute] = []


def patient_route(method: str, path: str, need: str, body: Any = None) -> None:
    ROUTES.append(PatientRoute(method, path, need, body))


def app_patient_routes(app: Any) -> set[tuple[str, str]]:
    """(method, path) of every route of the application that takes a patient id, written as the
    matrix writes them: ``{patient_id:uuid}`` as ``{pid}``, other values with their type."""
    out = set()
    for route in app.routes:
        if "{patient_id:uuid}" not in route.path:
            continue
        for method in getattr(route, "methods", set()) - {"OPTIONS", "HEAD"}:
            out.add((method, route.path.replace("{patient_id:uuid}", "{pid}")))
    return out


# care circle
patient_route("GET", "/api/patients/{pid}", "read")
patient_route("PATCH", "/api/patients/{pid}", "manage", {"phone": "0600000000"})
patient_route("GET", "/api/patients/{pid}/handover", "results")
patient_route("PUT", "/api/patients/{pid}/handover", "manage", {"summary": "x"})
patient_route(
    "POST", "/api/patients/{pid}/invitations", "manage", {"kind": "proxy", "relationship": "other"}
)
patient_route("GET", "/api/patients/{pid}/invitations", "manage")
patient_route("GET", "/api/patients/{pid}/proxies", "manage")
patient_route("POST", "/api/patients/{pid}/proxies/{link_id:int}/end", "read", {})
patient_route("POST", "/api/patients/{pid}/proxies/{link_id:int}/alerts", "read", {"allow": False})
patient_route("POST", "/api/patients/{pid}/alert-followers/me", "results", {"want": True})
patient_route("POST", "/api/patients/{pid}/proxies/{link_id:int}/renew", "manage", {})
patient_route("POST", "/api/patients/{pid}/proxies/{link_id:int}/private", "read", {"allow": True})
patient_route("POST", "/api/patients/{pid}/invitations/{invitation_id:uuid}/revoke", "manage", {})
patient_route("GET", "/api/patients/{pid}/schedule", "read")
patient_route("GET", "/api/patients/{pid}/schedule/changes", "manage")
patient_route("PATCH", "/api/patients/{pid}/schedule/{item_id:uuid}", "manage", {"status": "done"})

# check-ins
patient_route(
    "POST",
    "/api/patients/{pid}/checkins",
    "log",
    {"id": "00000000-0000-4000-8000-00000000abcd", "taken_at": "2026-01-01T00:00:00Z"},
)
patient_route("GET", "/api/patients/{pid}/checkins", "results")
patient_route("GET", "/api/patients/{pid}/today", "read")
patient_route("GET", "/api/patients/{pid}/thresholds", "manage")
patient_route("GET", "/api/patients/{pid}/thresholds/effective", "manage")
patient_route("POST", "/api/patients/{pid}/checkins/{checkin_id:uuid}/note/open", "manage", {})

# alerts
patient_route("GET", "/api/patients/{pid}/alerts", "results")
patient_route(
    "PUT",
    "/api/patients/{pid}/thresholds",
    "manage",
    {"key": "spo2", "params": {"red_lte": 85}, "reason": "chronic"},
)
patient_route(
    "POST",
    "/api/patients/{pid}/thresholds/preview",
    "manage",
    {"key": "spo2", "params": {"red_lte": 85}, "reason": "chronic"},
)

# the person's own data
patient_route("GET", "/api/patients/{pid}/export/fhir", "results")
patient_route("GET", "/api/patients/{pid}/export/csv", "results")
patient_route("GET", "/api/patients/{pid}/export/pdf", "results")
patient_route("GET", "/api/patients/{pid}/access-log", "results")
patient_route("GET", "/api/patients/{pid}/consent/teams", "read")
patient_route(
    "POST",
    "/api/patients/{pid}/consent/teams",
    "results",
    {"team_id": "00000000-0000-4000-8000-000000000001", "decision": "withdrawn"},
)

# children
_D = {"id": "00000000-0000-4000-8000-00000000abce", "answered_at": "2026-01-01T00:00:00Z"}
patient_route("GET", "/api/patients/{pid}/development", "results")
patient_route(
    "POST",
    "/api/patients/{pid}/development",
    "log",
    {**_D, "check_id": "m12", "answers": {"m12_waves": "yes"}},
)
patient_route("POST", "/api/patients/{pid}/development/{check_uuid:uuid}/review", "manage")
patient_route("GET", "/api/patients/{pid}/growth", "results")
patient_route(
    "POST",
    "/api/patients/{pid}/growth",
    "log",
    {"id": _D["id"], "measured_on": "2026-01-01", "weight_kg": 9.0},
)
patient_route(
    "PUT",
    "/api/patients/{pid}/growth/{measurement_id:uuid}",
    "log",
    {"measured_on": "2026-01-01", "weight_kg": 9.0, "reason": "x"},
)
patient_route(
    "POST", "/api/patients/{pid}/growth/{measurement_id:uuid}/remove", "log", {"reason": "x"}
)
patient_route(
    "POST",
    "/api/patients/{pid}/development/{check_uuid:uuid}/complete",
    "log",
    {"answers": {"m12_waves": "yes"}},
)
patient_route("GET", "/api/patients/{pid}/school", "log")
patient_route(
    "PUT",
    "/api/patients/{pid}/school",
    "log",
    {"items": [{"id": "school_doctor", "state": "done"}]},
)
patient_route("GET", "/api/patients/{pid}/wellbeing", "results")
patient_route(
    "POST",
    "/api/patients/{pid}/wellbeing",
    "log",
    {
        "id": _D["id"],
        "questionnaire_id": "child_stress",
        "taken_at": _D["answered_at"],
        "answers": {"child_stress_mood": 0},
    },
)

# messages
patient_route("GET", "/api/patients/{pid}/messages", "messages")
patient_route("POST", "/api/patients/{pid}/messages", "messages", {"body": "Bonjour"})
patient_route("POST", "/api/patients/{pid}/messages/read", "messages", {})
