"""The application factory."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar, Request
from litestar.datastructures import State
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin

from relais import __version__, db
from relais.accounts.passwords import Passwords
from relais.accounts.routes import AdminUsersController, AuthController
from relais.accounts.second_factor import second_factor_gate
from relais.accounts.sessions import COOKIE_NAME, SessionMiddleware, cookie_name
from relais.accounts.throttle import LoginThrottle
from relais.alerts.routes import (
    AlertController,
    NotificationSeenController,
    PatientAlertController,
)
from relais.care.routes import ROUTES as CARE_ROUTES
from relais.checkins.routes import ROUTES as CHECKIN_ROUTES
from relais.children.routes import ROUTES as CHILDREN_ROUTES
from relais.consent.routes import ROUTES as CONSENT_ROUTES
from relais.console.routes import ROUTES as CONSOLE_ROUTES
from relais.content.loader import load_library
from relais.content.routes import ContentController
from relais.discharge.oauth import TokenVerifier
from relais.discharge.routes import ROUTES as DISCHARGE_ROUTES
from relais.exports.routes import ROUTES as MY_DATA_ROUTES
from relais.live.routes import ROUTES as LIVE_ROUTES
from relais.messages.routes import ROUTES as MESSAGE_ROUTES
from relais.notify.reset_mail import EmailResetDelivery
from relais.notify.routes import PushController
from relais.notify.transports.email import EmailTransport
from relais.notify.vapid import load_vapid
from relais.ops.requests import RequestMiddleware
from relais.settings import Settings, get_settings
from relais.sso.provider import Provider as OidcProvider
from relais.sso.routes import ROUTES as OIDC_ROUTES
from relais.sso.service import check_settings as check_oidc_settings
from relais.system import metrics as ops_metrics
from relais.system.routes import health, ready
from relais.web.bodies import check_body
from relais.web.csrf import CsrfMiddleware
from relais.web.openapi import rewrite_error_responses
from relais.web.problems import EXCEPTION_HANDLERS
from relais.web.security import security_headers
from relais.web.spa import spa_route_handlers

log = logging.getLogger("relais")

NOTIFY_ROUTES = [
    AlertController,
    NotificationSeenController,
    PatientAlertController,
    PushController,
]


async def _before_request(request: Request[Any, Any, Any]) -> None:
    # Bodies are read strictly (types, depth, UTF-8, NUL) before any handler runs; staff without
    # the second factor the deployment requires reach only its set-up.
    await check_body(request)
    await second_factor_gate(request)


def create_app(settings: Settings | None = None, *, manage_db: bool = True) -> Litestar:
    """Build the Litestar app. ``manage_db=False`` leaves connecting the database to the caller
    (the tests open it once for a whole run)."""
    settings = settings or get_settings()
    check_oidc_settings(settings)
    if manage_db:
        db.configure(settings)

    @asynccontextmanager
    async def database(app: Litestar) -> AsyncIterator[None]:
        if manage_db:
            await db.connect(settings)
        rewrite_error_responses(app)
        # What start-up made (content library, routes, schemas) lives as long as the process: out
        # of the cyclic collector's full passes, which otherwise walk it all (~80 ms on a small
        # machine) every few large requests, e.g. a team's list of 2,000 patients.
        gc.freeze()
        try:
            yield
        finally:
            if manage_db:
                await db.disconnect()

    @asynccontextmanager
    async def worker(app: Litestar) -> AsyncIterator[None]:
        # The outbox worker in-process (``make run``); production may run ``relais worker`` instead.
        if not settings.run_worker:
            yield
            return
        from relais.worker.loop import Worker

        running = Worker(settings, vapid=app.state.vapid)
        running.start_background()
        try:
            yield
        finally:
            await running.stop()

    state = State(
        {
            "settings": settings,
            "content": load_library(settings.content_dir),
            "passwords": Passwords(settings),
            "throttle": LoginThrottle(settings),
            # Reset links go by email, or not at all (never to a log): without SMTP the sign-in
            # screen tells people to ask their care team, and `relais check` warns.
            "reset_delivery": EmailResetDelivery(
                EmailTransport(settings), settings.password_reset_minutes
            )
            if settings.smtp_host
            else None,
            "vapid": load_vapid(settings),
            # Access tokens of the hospitals' system clients (the FHIR discharge import).
            "fhir_tokens": TokenVerifier(settings),
            # The hospital's OpenID provider (staff sign-in), when configured: its discovery and
            # keys are cached here.
            "oidc": OidcProvider(settings) if settings.oidc_enabled else None,
            # The deployment's numbers go in every bundle, signed in or not: the emergency page
            # must show them offline, before anyone has signed in.
            "content_extras": lambda request: {
                "emergency_number": settings.emergency_number,
                "crisis_line": settings.crisis_line,
            },
        }
    )
    app = Litestar(
        route_handlers=[
            health,
            ready,
            ops_metrics.metrics,
            AuthController,
            *OIDC_ROUTES,
            AdminUsersController,
            ContentController,
            *CARE_ROUTES,
            *CHECKIN_ROUTES,
            *CHILDREN_ROUTES,
            *NOTIFY_ROUTES,
            *CONSENT_ROUTES,
            *MY_DATA_ROUTES,
            *LIVE_ROUTES,
            *MESSAGE_ROUTES,
            *CONSOLE_ROUTES,
            *DISCHARGE_ROUTES,
            *spa_route_handlers(settings.pwa_dist),  # last: the app's screens and files
        ],
        middleware=[
            SessionMiddleware(cookie_name(settings, COOKIE_NAME)),
            # The token is bound to the session and rotated with it; Origin is checked.
            CsrfMiddleware(
                secret=settings.secret_key,
                cookie="relais_csrf",
                session_cookie=cookie_name(settings, COOKIE_NAME),
                public_url=settings.public_url,
                secure=settings.secure_cookies,
                # A system client's bearer token, which no browser sends by itself, stands in
                # for the CSRF token on the FHIR routes; they read no cookie.
                exclude=("/api/health", "/api/fhir/"),
            ),
        ],
        before_send=[security_headers(hsts=settings.secure_cookies)],
        exception_handlers=EXCEPTION_HANDLERS,
        before_request=_before_request,
        openapi_config=OpenAPIConfig(
            title="Relais API",
            version=__version__,
            path="/api/schema",
            # In production only the schema itself: the browsable UI loads scripts from a CDN.
            render_plugins=[
                JsonRenderPlugin()
                if settings.environment == "production"
                else SwaggerRenderPlugin()
            ],
        ),
        request_max_body_size=settings.max_body_bytes,
        lifespan=[database, worker],
        state=state,
        debug=False,
        # Operations: JSON logs are set up by the process (relais.ops.logging), check-ins counted.
        logging_config=None,
        after_request=ops_metrics.count_events,
    )
    # Outermost: request id, one log line and the latency of every request, matched or not.
    app.asgi_handler = RequestMiddleware(app.asgi_handler)
    return app
