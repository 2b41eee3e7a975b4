"""Serving the built PWA (``pwa/dist``) from the same origin as the API.

- Hashed files under ``/assets/`` never change: cached for a year.
- ``/sw.js``, ``/manifest.webmanifest`` and ``index.html`` are revalidated on every use
  (``no-cache``): a new build must reach phones through a new service worker.
- Any other path that is not a file is an app screen: it answers ``index.html`` (SPA fallback),
  except under ``/api/``, which stays a problem+json 404.
- Without a build, every page says so (``make run`` builds it).

The build is looked up at each request, so building while the server runs is enough.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath
from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.response import File
from litestar.types import ControllerRouterHandler

YEAR = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
DAY = "public, max-age=86400"

_ALWAYS_FRESH = {"sw.js", "manifest.webmanifest", "index.html"}
_TYPES = {
    ".webmanifest": "application/manifest+json",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".html": "text/html",
    ".json": "application/json",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
}

NOT_BUILT = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Relais</title></head>
<body>
<h1>Relais</h1>
<p>L'application n'est pas encore construite : lancez <code>make run</code>
(ou <code>make pwa</code>).</p>
<p lang="en">The app is not built yet: run <code>make run</code> (or <code>make pwa</code>).</p>
<p>API: <a href="/api/schema/swagger">/api/schema/swagger</a></p>
</body>
</html>
"""


def cache_control(relative: str) -> str:
    if relative.startswith("assets/"):
        return YEAR
    if relative in _ALWAYS_FRESH:
        return REVALIDATE
    return DAY


def media_type(path: Path) -> str:
    known = _TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def resolve(dist: Path, raw: str) -> Path | None:
    """The file of `dist` a URL path names, or None (no such file, or outside `dist`)."""
    parts = PurePosixPath("/" + raw).parts[1:]
    if any(p in ("..", ".") or p.startswith(".") for p in parts) or not parts:
        return None
    candidate = dist.joinpath(*parts)
    try:
        candidate = candidate.resolve(strict=True)
    except (FileNotFoundError, OSError):
        return None
    if not candidate.is_file() or not candidate.is_relative_to(dist):
        return None
    return candidate


def _file(path: Path, relative: str) -> File:
    return File(
        path=path,
        filename=path.name,
        content_disposition_type="inline",
        media_type=media_type(path),
        headers={"Cache-Control": cache_control(relative)},
    )


def spa_route_handlers(dist: Path) -> list[ControllerRouterHandler]:
    """Handlers serving the build in `dist` at the root of the site, with the SPA fallback.

    Register them last: ``route_handlers=[..., *spa_route_handlers(settings.pwa_dist)]``.
    """
    root = dist.resolve()

    def serve(raw: str) -> Response[Any] | File:
        if raw == "api" or raw.startswith("api/"):
            raise NotFoundException()
        index = root / "index.html"
        if not index.is_file():
            return Response(
                NOT_BUILT,
                media_type="text/html",
                headers={"Cache-Control": "no-store"},
            )
        found = resolve(root, raw) if raw else None
        if found is not None:
            return _file(found, found.relative_to(root).as_posix())
        last = raw.rsplit("/", 1)[-1]
        if raw.startswith("assets/") or "." in last:
            # A missing script or icon must not be answered with a page.
            raise NotFoundException()
        return _file(index, "index.html")

    @get("/", include_in_schema=False, sync_to_thread=False, name="spa-root")
    def spa_root(request: Request[Any, Any, Any]) -> Response[Any] | File:
        return serve("")

    @get("/{path:path}", include_in_schema=False, sync_to_thread=False, name="spa-path")
    def spa_path(request: Request[Any, Any, Any], path: str) -> Response[Any] | File:
        return serve(path.lstrip("/"))

    return [spa_root, spa_path]
