"""Serving the PWA build: SPA fallback for screens, never for /api; cache headers by kind of file;
a clear page when the app is not built."""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar import Litestar, get
from litestar.testing import TestClient

from relais.web.problems import EXCEPTION_HANDLERS
from relais.web.security import security_headers
from relais.web.spa import resolve, spa_route_handlers


@get("/api/ping", sync_to_thread=False)
def ping() -> dict[str, str]:
    return {"pong": "yes"}


def client_for(dist: Path) -> TestClient[Litestar]:
    app = Litestar(
        route_handlers=[ping, *spa_route_handlers(dist)],
        before_send=[security_headers(hsts=False)],
        exception_handlers=EXCEPTION_HANDLERS,
    )
    return TestClient(app)


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "icons").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Relais</title>")
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log(1)")
    (tmp_path / "sw.js").write_text("self.x = 1")
    (tmp_path / "manifest.webmanifest").write_text("{}")
    (tmp_path / "icons" / "icon-192.png").write_bytes(b"\x89PNG")
    (tmp_path.parent / "secret.txt").write_text("no")
    return tmp_path


def test_screens_answer_the_app(dist: Path) -> None:
    with client_for(dist) as client:
        for path in ("/", "/checkin", "/booklet/what-is-sepsis", "/join"):
            resp = client.get(path)
            assert resp.status_code == 200, path
            assert resp.text.startswith("<!doctype html>")
            assert resp.headers["cache-control"] == "no-cache"
            assert "script-src 'self'" in resp.headers["content-security-policy"]


def test_files_have_the_right_cache(dist: Path) -> None:
    with client_for(dist) as client:
        asset = client.get("/assets/index-abc123.js")
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert asset.headers["content-type"].startswith("text/javascript")
        worker = client.get("/sw.js")
        assert worker.headers["cache-control"] == "no-cache"
        manifest = client.get("/manifest.webmanifest")
        assert manifest.headers["cache-control"] == "no-cache"
        assert manifest.headers["content-type"].startswith("application/manifest+json")
        assert client.get("/icons/icon-192.png").headers["content-type"] == "image/png"


def test_api_and_missing_files_are_never_the_app(dist: Path) -> None:
    with client_for(dist) as client:
        assert client.get("/api/ping").json() == {"pong": "yes"}
        for path in ("/api/nothing", "/api", "/assets/gone-123.js", "/icons/nope.png"):
            resp = client.get(path)
            assert resp.status_code == 404, path
            assert resp.headers["content-type"].startswith("application/problem+json")

    # A path can never name a file outside the build.
    for raw in ("../secret.txt", "assets/../../secret.txt", ".hidden", "assets/./x"):
        assert resolve(dist, raw) is None, raw


def test_without_a_build_the_page_says_so(tmp_path: Path) -> None:
    with client_for(tmp_path / "missing") as client:
        resp = client.get("/checkin")
        assert resp.status_code == 200
        assert "make run" in resp.text
        assert client.get("/api/nothing").status_code == 404
