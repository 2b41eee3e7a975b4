"""The authorization matrix: every route that takes a patient id, called by every kind of outsider.

A route joins the matrix with one line: ``patient_route("GET", "/api/patients/{pid}/x", "read")``.
``need`` is what the route requires; a family member whose link lacks that scope is an outsider for
it (for ``read`` they are not). The test in tests/care/test_access_matrix.py calls each route as
each outsider and expects 403 or 404 with nothing of the patient in the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PatientRoute:
    method: str
    path: str
    need: str
    body: Any = None

    def url(self, pid: str) -> str:
        return self.path.replace("{pid}", pid)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


ROUTES: list[PatientRoute] = []


def patient_route(method: str, path: str, need: str, body: Any = None) -> None:
    ROUTES.append(PatientRoute(method, path, need, body))


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
patient_route("GET", "/api/patients/{pid}/schedule", "read")
patient_route("GET", "/api/patients/{pid}/schedule/changes", "manage")

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
patient_route(
    "PUT",
    "/api/patients/{pid}/thresholds",
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
patient_route(
    "POST", "/api/patients/{pid}/development/00000000-0000-4000-8000-00000000abcf/review", "manage"
)
patient_route("GET", "/api/patients/{pid}/growth", "results")
patient_route(
    "POST",
    "/api/patients/{pid}/growth",
    "log",
    {"id": _D["id"], "measured_on": "2026-01-01", "weight_kg": 9.0},
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
