"""Print the API's OpenAPI schema as stable JSON (``python -m relais.openapi_dump [FILE]``).

The PWA's API types (pwa/src/api/schema.d.ts) are generated from it: ``make api-types``. The app is
built in a throw-away data directory with fixed settings and no database, and the schema is the one
the server serves (error responses rewritten by ``relais.web.openapi``), written with sorted keys so
that the same code always gives the same bytes.
"""

from __future__ import annotations

import json
import sys
import tempfile
from typing import Any


def openapi_schema() -> dict[str, Any]:
    from litestar._openapi.plugin import OpenAPIPlugin

    from relais.app import create_app
    from relais.settings import parse_settings
    from relais.web.openapi import rewrite_error_responses

    with tempfile.TemporaryDirectory(prefix="relais-openapi-") as data_dir:
        settings = parse_settings(
            {
                "RELAIS_DATA_DIR": data_dir,
                "RELAIS_ENV": "test",
                # Fixed, so that no key is generated: nothing random goes near the schema.
                "RELAIS_SECRET_KEY": "openapi-dump-secret-key-not-used-for-anything-0123",
                "RELAIS_RUN_WORKER": "false",
            }
        )
        app = create_app(settings, manage_db=False)
        rewrite_error_responses(app)  # what start-up does to the served schema
        schema: dict[str, Any] = app.plugins.get(OpenAPIPlugin).provide_openapi_schema()
        return schema


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = dumps(openapi_schema())
    if args and args[0] != "-":
        with open(args[0], "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
