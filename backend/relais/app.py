"""The application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin

from relais import __version__, db
from relais.accounts.passwords import Passwords
from relais.accounts.routes import AdminUsersController, AuthController
from relais.accounts.service import LoginThrottle, LogResetDelivery
from relais.accounts.sessions import SessionMiddleware
from relais.care.routes import ROUTES as CARE_ROUTES
from relais.checkins.routes import ROUTES as CHECKIN_ROUTES
from relais.content.loader import load_library
from relais.content.routes import ContentController
from relais.settings import Settings, get_settings
from relais.system.routes import health, ready
from relais.web.openapi import rewrite_error_responses
from relais.web.problems import EXCEPTION_HANDLERS
from relais.web.security import security_headers

log = logging.getLogger("relais")


def create_app(settings: Settings | None = None, *, manage_db: bool = True) -> Litestar:
    """Build the Litestar app. ``manage_db=False`` leaves connecting the database to the caller
    (the tests open it once for a whole run)."""
    settings = settings or get_settings()
    if manage_db:
        db.configure(settings)

    @asynccontextmanager
    async def database(app: Litestar) -> AsyncIterator[None]:
        if manage_db:
            await db.connect(settings)
        rewrite_error_responses(app)
        try:
            yield
        finally:
            if manage_db:
                await db.disconnect()

    state = State(
        {
            "settings": settings,
            "content": load_library(settings.content_dir),
            "passwords": Passwords(settings),
            "throttle": LoginThrottle(settings),
            "reset_delivery": LogResetDelivery(),
        }
    )
    csrf = CSRFConfig(
        secret=settings.secret_key,
        cookie_name="relais_csrf",
        header_name="x-csrftoken",
        cookie_secure=settings.secure_cookies,
        cookie_samesite="lax",
        # The liveness probe is hit by machines that hold no cookie.
        exclude=["/api/health"],
    )
    return Litestar(
        route_handlers=[
            health,
            ready,
            AuthController,
            AdminUsersController,
            ContentController,
            *CARE_ROUTES,
            *CHECKIN_ROUTES,
        ],
        middleware=[SessionMiddleware()],
        before_send=[security_headers(hsts=settings.secure_cookies)],
        csrf_config=csrf,
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=OpenAPIConfig(
            title="Relais API",
            version=__version__,
            path="/api/schema",
            render_plugins=[SwaggerRenderPlugin()],
        ),
        request_max_body_size=settings.max_body_bytes,
        lifespan=[database],
        state=state,
        debug=False,
    )
