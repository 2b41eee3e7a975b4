"""Guards: functions that Litestar calls before a handler, testable alone.

They are coroutines: Litestar would run a plain function in a worker thread, a thread hand-over on
every request for a check that reads one attribute."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from relais.accounts.sessions import CurrentUser, scope_user
from relais.errors import Refusal

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None]]


def current_user(connection: ASGIConnection[Any, Any, Any, Any]) -> CurrentUser:
    user = scope_user(connection.scope)
    if user is None:
        if connection.scope.get("state", {}).get("session_expired"):
            raise Refusal(
                "unauthenticated",
                "unauthenticated",
                detail="session-ended",
                title="unauthenticated",
            )
        raise Refusal(
            "unauthenticated", "unauthenticated", detail="sign-in-needed", title="unauthenticated"
        )
    return user


async def require_user(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    current_user(connection)


def require_roles(*roles: str) -> Guard:
    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        user = current_user(connection)
        if user.role not in roles:
            raise Refusal("forbidden", "forbidden", detail="role-not-allowed", title="forbidden")

    guard.__name__ = f"require_roles_{'_'.join(roles)}"
    return guard


require_staff = require_roles("clinician", "admin")
require_admin = require_roles("admin")
