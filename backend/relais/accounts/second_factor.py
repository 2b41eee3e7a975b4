"""Staff turn on their second factor before anything else, where the deployment requires it.

A staff or administrator account without one may sign in (to set it up), and then reach only
what setting it up needs: its own account under /api/auth (who am I, the set-up, sign-out,
sessions, password) and the content. Every other call gets 403 ``second-factor-needed``; the
console shows the set-up screen instead of its pages. A session opened at the hospital's OpenID
provider passed the provider's second factor instead (relais.sso).
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from relais.accounts.sessions import opened_at_provider, scope_user
from relais.errors import Refusal

OPEN_PATHS = ("/api/auth/", "/api/content", "/api/health", "/api/ready")


async def second_factor_gate(request: Request[Any, Any, Any]) -> None:
    user = scope_user(request.scope)
    if user is None or not user.is_staff or user.totp_enabled:
        return
    if request.app.state.settings.staff_second_factor != "required":
        return
    if request.scope.get("path", "").startswith(OPEN_PATHS):
        return
    if await opened_at_provider(user.session_id):
        # Signed in at the hospital's OpenID provider, whose second factor the deployment
        # requires instead (RELAIS_OIDC_ACR_VALUES, checked at start-up and at each sign-in).
        return
    raise Refusal("second-factor-needed", "forbidden")
