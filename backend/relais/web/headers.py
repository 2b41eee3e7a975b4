"""Reading a request's headers and cookies from the ASGI scope, for the middlewares that run
before Litestar has built a request (the session, CSRF)."""

from __future__ import annotations

from litestar.types import Scope


def header(scope: Scope, name: bytes) -> str:
    """The first value of header ``name`` (lower case), or ""."""
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def cookies(scope: Scope) -> dict[str, str]:
    """The request's cookies: for a name sent twice, the first one with a value."""
    found: dict[str, str] = {}
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k and v and k not in found:
                    found[k] = v
    return found
