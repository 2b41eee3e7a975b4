"""Keep the served OpenAPI schema true to what the API answers.

Litestar documents error responses as ``application/json`` with its own body; Relais answers every
error with ``application/problem+json`` and the ``Problem`` body. The cached schema is rewritten
once at start-up so clients (and the schema tests) see what really comes back; unions are
written ``anyOf``.
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar._openapi.plugin import OpenAPIPlugin

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
PROBLEM_CONTENT = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def _one_of_to_any_of(node: Any) -> None:
    """Litestar writes unions such as ``int | float`` as ``oneOf``, which a value like 10 breaks
    (it matches both). The API's unions are "any of", so say so."""
    if isinstance(node, dict):
        if "oneOf" in node:
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _one_of_to_any_of(value)
    elif isinstance(node, list):
        for value in node:
            _one_of_to_any_of(value)


def rewrite_error_responses(app: Litestar) -> None:
    schema = app.plugins.get(OpenAPIPlugin).provide_openapi_schema()
    _one_of_to_any_of(schema)
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                if str(status)[0] in "45" and isinstance(response, dict):
                    if "application/fhir+json" in response.get("content", {}):
                        continue  # the FHIR routes answer OperationOutcomes, as documented
                    response["content"] = PROBLEM_CONTENT
