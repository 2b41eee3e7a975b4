"""Security headers on every response, and no caching of API answers that carry personal data.

Applied as a ``before_send`` hook rather than a middleware: Litestar runs middleware only for
matched routes, and a 404 or 405 must carry the same headers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

STATIC_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# The interactive schema viewer loads its own scripts from its page; it carries no personal data.
_SCHEMA_VIEWER = "/api/schema/swagger"


def security_headers(hsts: bool) -> Callable[[Message, Scope], Awaitable[None]]:
    async def before_send(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        path = scope.get("path", "")
        headers = MutableScopeHeaders.from_message(message)
        for key, value in STATIC_HEADERS.items():
            if key == "Content-Security-Policy" and path.startswith(_SCHEMA_VIEWER):
                continue
            if key not in headers:
                headers[key] = value
        if hsts:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if path.startswith("/api/") and "cache-control" not in headers:
            headers["Cache-Control"] = "no-store"

    return before_send
