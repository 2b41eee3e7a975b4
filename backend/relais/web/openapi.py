"""Keep the served OpenAPI schema true to what the API answers.

Litestar documents error responses as ``application/json`` with its own body; Relais answers every
error with ``application/problem+json`` and the ``Problem`` body. The cached schema is rewritten
once at start-up so clients (and the schema tests) see what really comes back.
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


def rewrite_error_responses(app: Litestar) -> None:
    schema = app.plugins.get(OpenAPIPlugin).provide_openapi_schema()
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                if str(status)[0] in "45" and isinstance(response, dict):
                    response["content"] = PROBLEM_CONTENT
