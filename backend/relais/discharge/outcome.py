"""Problems with a discharge, said as one FHIR R4 OperationOutcome in English and French.

Each problem is an ``Issue``: a Relais code (the key of its text in ``relais.web.catalogue``, all
starting ``fhir-``), the FHIR issue type (``IssueType``: required, value, structure, ...), the
severity, where it is (a FHIRPath expression such as ``Bundle.entry[2].resource.period.end``)
and the values its text needs. The outcome carries every issue at once.

How the two languages are carried (docs/integration.md, "Discharge import"): ``details.text`` is
in the request's language (``Accept-Language``; English when it names neither), and the other
language rides on ``details.text`` as FHIR's standard translation extension
(``http://hl7.org/fhir/StructureDefinition/translation``, with ``lang`` and ``content``).
``details.coding`` holds the Relais code (system ``urn:relais:fhir:issue``), which does not
change between versions, so that a program can act on it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from relais.errors import Params
from relais.web.catalogue import say

ISSUE_SYSTEM = "urn:relais:fhir:issue"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
FHIR_JSON = "application/fhir+json"

Severity = Literal["fatal", "error", "warning", "information"]


@dataclasses.dataclass(frozen=True)
class Issue:
    code: str  # the Relais code: the key of its text in the catalogues
    type: str  # FHIR IssueType
    expression: str  # FHIRPath of where it is
    params: Params = dataclasses.field(default_factory=dict)
    severity: Severity = "error"
    #: A technical note in English (the FHIR library's own message), for the integrator.
    diagnostics: str = ""


def _text(lang: str, issue: Issue) -> str:
    return say(lang, issue.code, issue.params)


def issue_json(issue: Issue, lang: str) -> dict[str, Any]:
    other = "fr" if lang == "en" else "en"
    details: dict[str, Any] = {
        "coding": [{"system": ISSUE_SYSTEM, "code": issue.code}],
        "text": _text(lang, issue),
        "_text": {
            "extension": [
                {
                    "url": TRANSLATION,
                    "extension": [
                        {"url": "lang", "valueCode": other},
                        {"url": "content", "valueString": _text(other, issue)},
                    ],
                }
            ]
        },
    }
    out: dict[str, Any] = {
        "severity": issue.severity,
        "code": issue.type,
        "details": details,
        "expression": [issue.expression],
    }
    if issue.diagnostics:
        out["diagnostics"] = issue.diagnostics[:500]
    return out


def outcome_json(issues: Iterable[Issue], lang: str) -> dict[str, Any]:
    """The OperationOutcome of ``issues``, said in ``lang`` (and the other language beside)."""
    return {
        "resourceType": "OperationOutcome",
        "language": lang,
        "issue": [issue_json(i, lang) for i in issues],
    }


def text_of(outcome: Mapping[str, Any], lang: str) -> list[str]:
    """Every issue's text in ``lang`` (tests and the documentation read them)."""
    out = []
    for issue in outcome.get("issue", []):
        details = issue["details"]
        if outcome.get("language") == lang:
            out.append(details["text"])
        else:
            ext = details["_text"]["extension"][0]["extension"]
            out.append(next(e["valueString"] for e in ext if e["url"] == "content"))
    return out


class Rejected(Exception):
    """The bundle (or the call) is refused: ``status`` and every issue found."""

    def __init__(
        self, status: int, issues: list[Issue], headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(", ".join(i.code for i in issues))
        self.status = status
        self.issues = issues
        self.headers = dict(headers or {})
