"""Every HTTP request: a request id (``X-Request-ID``, kept from the proxy or made here), one log
line when it ends, and its duration in the latency histogram.

This wraps the whole ASGI handler of the app (not a route middleware) so that requests no route
matched (404, 405) are counted and logged too.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from relais.db.postgres import begin_request, end_request
from relais.ops import metrics
from relais.ops.logging import RequestContext, current_request, route_of

log = logging.getLogger("relais.access")

HEADER = b"x-request-id"
_VALID_ID = re.compile(rb"[A-Za-z0-9._:-]{1,128}")


def request_id_from(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == HEADER and _VALID_ID.fullmatch(value):
            return str(value.decode())
    return uuid.uuid4().hex


class RequestMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        method = str(scope.get("method", ""))
        rid = request_id_from(scope)
        ctx = RequestContext(request_id=rid, method=method, path=scope["path"], scope=scope)
        token = current_request.set(ctx)
        # The request's database connection (PostgreSQL): borrowed at its first statement, given
        # back when the response starts (relais.db.postgres).
        connection_token = begin_request()
        status = 500
        start = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                await end_request()
                status = int(message["status"])
                headers = [*message.get("headers", ()), (HEADER, rid.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            await end_request(connection_token)
            seconds = time.perf_counter() - start
            route = route_of(scope)
            metrics.observe_request(method, route, status, seconds)
            log.info(
                "request",
                extra={
                    "request_id": rid,
                    "method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 2),
                },
            )
            current_request.reset(token)
