"""Test helpers: an API client that behaves like the PWA (CSRF header on writes) and users."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
from litestar import Litestar
from litestar.testing import AsyncTestClient

from relais.accounts.passwords import Passwords
from relais.accounts.service import create_user
from relais.accounts.tables import User

PASSWORD = "correct horse battery staple"


class ApiClient:
    def __init__(self, client: AsyncTestClient[Litestar]) -> None:
        self.http = client

    @classmethod
    @contextlib.asynccontextmanager
    async def open(cls, app: Litestar, ip: str = "203.0.113.7") -> AsyncIterator[ApiClient]:
        # The lifespan is not run per client: the tests hold the database connection themselves.
        transport = httpx.ASGITransport(app=app, client=(ip, 50000))
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver.local"
        ) as http:
            yield cls(http)  # type: ignore[arg-type]

    @property
    def app(self) -> Litestar:
        return self.http._transport.app  # type: ignore[attr-defined,no-any-return]

    async def csrf(self) -> str:
        token = self.http.cookies.get("relais_csrf")
        if not token:
            await self.http.get("/api/auth/csrf")
            token = self.http.cookies.get("relais_csrf")
        assert token
        return token

    async def get(self, url: str, **kw: Any) -> httpx.Response:
        return await self.http.get(url, **kw)

    async def request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        headers = dict(kw.pop("headers", {}) or {})
        headers.setdefault("x-csrftoken", await self.csrf())
        return await self.http.request(method, url, headers=headers, **kw)

    async def post(self, url: str, **kw: Any) -> httpx.Response:
        return await self.request("POST", url, **kw)

    async def put(self, url: str, **kw: Any) -> httpx.Response:
        return await self.request("PUT", url, **kw)

    async def patch(self, url: str, **kw: Any) -> httpx.Response:
        return await self.request("PATCH", url, **kw)

    async def delete(self, url: str, **kw: Any) -> httpx.Response:
        return await self.request("DELETE", url, **kw)

    async def login(self, email: str, password: str = PASSWORD, **extra: Any) -> httpx.Response:
        resp = await self.post(
            "/api/auth/login", json={"email": email, "password": password, **extra}
        )
        return resp

    async def login_ok(self, email: str, password: str = PASSWORD) -> dict[str, Any]:
        resp = await self.login(email, password)
        assert resp.status_code == 200, resp.text
        return resp.json()  # type: ignore[no-any-return]


async def make_user(
    app: Litestar,
    role: str,
    email: str | None = None,
    password: str = PASSWORD,
    name: str = "Test Person",
    **kw: Any,
) -> User:
    email = email or f"{role}-{id(object())}@example.org"
    passwords: Passwords = app.state.passwords
    return await create_user(
        passwords, email=email, display_name=name, role=role, password=password, **kw
    )


async def signup_consents(client: ApiClient) -> list[dict[str, Any]]:
    """What the sign-up form sends: every current document, accepted at the version shown."""
    resp = await client.get("/api/consent/documents")
    assert resp.status_code == 200, resp.text
    return [{"document": d["document"], "version": d["version"]} for d in resp.json()["documents"]]
