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
patient_route(
    "PUT",
    "/api/patients/{pid}/thresholds",
    "manage",
    {"key": "spo2", "params": {"red_lte": 85}, "reason": "chronic"},
)
