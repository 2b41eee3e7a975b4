"""The PWA in Debian's Chromium, against the real server (``relais serve``) on a test database
loaded with the demo data.

Needs /usr/bin/chromium (``apt-get install chromium``) and a PWA build (built here when missing).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server import migrate_and_seed, own_database, running_server, seeded_copy

REPO = Path(__file__).resolve().parents[2]
PWA = REPO / "pwa"
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "relais-demo-2026"  # the demo accounts' password (README)
PATIENT = "patient@demo.relais"
PARENT = "parent@demo.relais"
NURSE = "nurse@demo.relais"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Playwright's sync API keeps an event loop running for the whole session: every test here
    # runs in a pytest process of its own (`-m browser`), apart from the asyncio tests.
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.db)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """When a browser test fails, keep what its pages showed: a screenshot of each in
    tests/artifacts/failed-*.png, and their address and visible text in the report."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    browser = getattr(item, "funcargs", {}).get("browser")
    if report.when != "call" or not report.failed or browser is None:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for c, context in enumerate(browser.contexts):
        for n, page in enumerate(context.pages):
            name = f"failed-{item.name}-{c}-{n}"
            try:
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, timeout=5000)
                text = page.locator("body").inner_text(timeout=5000)
            except Exception as exc:  # a closed or hung page: say so, keep the test's own error
                text = f"(could not read the page: {exc})"
            report.sections.append((f"page {name} at {page.url}", text[:4000]))


def _build_is_current() -> bool:
    """pwa/dist was built after the last change to what it is built from."""
    built = PWA / "dist" / "index.html"
    if not built.is_file():
        return False
    sources = [PWA / "index.html", PWA / "package-lock.json", PWA / "vite.config.ts"]
    sources += [p for d in ("src", "public") for p in (PWA / d).rglob("*") if p.is_file()]
    newest = max((p.stat().st_mtime for p in sources if p.exists()), default=0.0)
    return built.stat().st_mtime >= newest


def _ensure_build() -> None:
    # A build older than its sources would test yesterday's app.
    if _build_is_current() and os.environ.get("RELAIS_PWA_REBUILD") != "1":
        return
    subprocess.run(["npm", "run", "--silent", "build"], cwd=PWA, check=True, timeout=300)


@pytest.fixture(scope="session")
def built() -> None:
    """Chromium is there and the PWA's build is current."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian Chromium is not installed: run make browser (apt-get install chromium)")
    _ensure_build()


@pytest.fixture(scope="session")
def seeded_template(
    built: None, tmp_path_factory: pytest.TempPathFactory, test_env: dict[str, str]
) -> Iterator[dict[str, str]]:
    """The demo data, migrated and seeded once; each module's server runs on a copy."""
    with own_database(test_env, tmp_path_factory.mktemp("browser-template")) as template:
        migrate_and_seed(template)
        yield template


@pytest.fixture(scope="module")
def server(
    seeded_template: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Each test module gets a server of its own on a fresh copy of the seeded demo data: no
    module sees what another changed."""
    data_dir = tmp_path_factory.mktemp("browser")
    log = data_dir / "server.log"
    with (
        seeded_copy(seeded_template, data_dir) as own,
        running_server(own, migrate=False, log_path=log) as base,
    ):
        SERVER_ENVS[base] = own
        yield base
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


@pytest.fixture(scope="session")
def browser(seeded_template: dict[str, str]) -> Iterator[Any]:
    # After the template (and the database checks it needs): Playwright's sync API runs an event
    # loop in this thread, so the modules' databases are copied in a thread of their own
    # (tests.server.seeded_copy).
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


#: Each running server's environment (its database), for the operator's commands.
SERVER_ENVS: dict[str, dict[str, str]] = {}


def setup_link(server: str, email: str) -> str:
    """The account's one-time set-up link, as the operator prints it (``relais setup-link``)."""
    return subprocess.run(
        [sys.executable, "-m", "relais.cli", "setup-link", email],
        env={**os.environ, **SERVER_ENVS[server]},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()


def new_account(server: str, admin: Api, email: str, name: str, role: str, password: str) -> Any:
    """An account made as a deployment without email makes it: the administrator creates it, the
    operator prints its one-time set-up link (``relais setup-link``), the person sets a password."""
    made = admin.post("/api/admin/users", {"email": email, "display_name": name, "role": role})
    assert made.status_code == 201, made.text
    assert made.json()["setup_link_sent"] is False
    token = setup_link(server, email).split("#token=", 1)[1].split("&", 1)[0]
    with httpx.Client(base_url=server, timeout=10) as person:
        person.get("/api/auth/csrf")
        done = person.post(
            "/api/auth/password-reset/confirm",
            json={"token": token, "new_password": password},
            headers={"x-csrftoken": person.cookies.get("relais_csrf") or ""},
        )
        assert done.status_code == 200, done.text
    return made.json()["user"]


def age_password_confirmations(server: str) -> None:
    """As if every session of ``server`` had typed its password long ago (sensitive actions then
    ask for it again), written in the server's own database by the application's code."""
    code = (
        "import datetime as dt\n"
        "from relais.cli import run_with_db\n"
        "from relais.accounts.tables import Session\n"
        "async def go(settings):\n"
        "    old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)\n"
        "    await Session.update({Session.auth_at: old}, force=True)\n"
        "run_with_db(go)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **SERVER_ENVS[server]},
        check=True,
        capture_output=True,
        timeout=60,
    )


class Api:
    """A signed-in HTTP client, to check from outside what the browser did."""

    def __init__(self, base: str, email: str, password: str = PASSWORD) -> None:
        self.http = httpx.Client(base_url=base, timeout=10)
        self.http.get("/api/auth/csrf")
        resp = self.post("/api/auth/login", {"email": email, "password": password})
        assert resp.status_code == 200, resp.text

    def post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        token = self.http.cookies.get("relais_csrf") or ""
        return self.http.post(path, json=body, headers={"x-csrftoken": token})

    def get(self, path: str) -> Any:
        resp = self.http.get(path)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def circle(self) -> list[dict[str, Any]]:
        return list(self.get("/api/me/circle")["people"])

    def checkins(self, patient_id: str) -> list[dict[str, Any]]:
        data = self.get(f"/api/patients/{patient_id}/checkins?days=30")
        return list(data if isinstance(data, list) else data["items"])

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def api_as(server: str) -> Iterator[Any]:
    opened: list[Api] = []

    def make(email: str) -> Api:
        client = Api(server, email)
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.close()
