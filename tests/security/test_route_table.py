"""Every route's audience is written down, and holds (ASVS 4.0.3 V4.1.1, V4.1.3): anonymous
callers get 401 from every route that is not public, a patient 403 or 404 from staff and admin
routes, a clinician 403 from admin routes. The routes come from the application's route table."""

from __future__ import annotations

import re
from typing import Any

from tests.helpers import ApiClient, make_user
from tests.security.route_table import ROUTES

_FILL = {"uuid": "00000000-0000-4000-8000-00000000beef", "int": "987654", "str": "x"}


def _url(path: str) -> str:
    return re.sub(r"\{[a-z_]+:(int|uuid|str|path)\}", lambda m: _FILL.get(m[1], "x"), path)


def app_routes(app: Any) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in app.routes
        if "{patient_id:uuid}" not in route.path
        for method in getattr(route, "methods", set()) - {"OPTIONS", "HEAD"}
    }


async def test_v4_1_1_every_route_has_a_written_audience(client: ApiClient) -> None:
    routes = app_routes(client.app)
    missing = sorted(routes - ROUTES.keys())
    gone = sorted(ROUTES.keys() - routes)
    assert missing == [], f"routes with no line in tests/security/route_table.py: {missing}"
    assert gone == [], f"lines for routes that no longer exist: {gone}"


async def _call(client: ApiClient, method: str, path: str) -> int:
    kw: dict[str, Any] = {} if method in ("GET", "DELETE") else {"json": {}}
    return (await client.request(method, _url(path), **kw)).status_code


async def test_v4_1_3_each_route_refuses_whoever_it_is_not_for(
    client: ApiClient, make_client: Any
) -> None:
    await make_user(client.app, "patient", "p@example.org")
    await make_user(client.app, "clinician", "c@example.org")
    wrong: list[str] = []
    async with make_client() as patient, make_client() as clinician:
        await patient.login_ok("p@example.org")
        await clinician.login_ok("c@example.org")
        for (method, path), kind in sorted(ROUTES.items()):
            if kind == "public" or (method, path) == ("POST", "/api/auth/logout"):
                continue
            if (status := await _call(client, method, path)) != 401:
                wrong.append(f"anonymous {method} {path}: {status}")
            if kind == "client":
                for who, caller in (("patient", patient), ("clinician", clinician)):
                    if (status := await _call(caller, method, path)) != 401:
                        wrong.append(f"{who} {method} {path}: {status}")
            if kind in ("staff", "admin", "system"):
                status = await _call(patient, method, path)
                if status not in (403, 404):
                    wrong.append(f"patient {method} {path}: {status}")
            if kind in ("admin", "system"):
                status = await _call(clinician, method, path)
                if status != 403:
                    wrong.append(f"clinician {method} {path}: {status}")
    assert wrong == []
