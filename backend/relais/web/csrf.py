"""Cross-site request forgery: a token bound to the session, and the ``Origin`` checked.

Every state-changing request (not GET, HEAD, OPTIONS) must

* come from this site: its ``Origin`` (or, without one, its ``Referer``) is the public address or
  the address the request was sent to, and ``Sec-Fetch-Site`` does not say ``cross-site``. A
  request with neither header (not a browser) goes on to the token check;
* carry in its ``x-csrftoken`` header the value of the ``relais_csrf`` cookie (the page's script
  reads it), and that token must be signed for *this* session: it is a random value with an HMAC
  of it and of the session cookie's hash, under the deployment's secret. A token read before
  signing in is no good after, and one of another session never is.

One route is let through without the header: ``POST /api/alerts/{id}/seen-from-notification``,
the "Seen" action of an alert's notification. A service worker sends it, and a service worker
cannot read the cookie; the body carries a token of its own instead (an HMAC, under the same
secret, of that alert, that person and an expiry), which the route checks. The ``Origin`` check
still applies to it.

The token is rotated whenever the session changes: when a response sets or clears the session
cookie (sign-in, accepting an invitation, sign-out, closing the account), a new token for the new
session goes with it; any response to a request whose token does not fit its session carries a
fitting one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from urllib.parse import urlsplit

from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import PermissionDeniedException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from relais.web.headers import cookies, header

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
HEADER = "x-csrftoken"
#: The only route whose own token stands in for the CSRF header (see above): POST, exactly this
#: path, nothing below or beside it.
TOKEN_PROOF = re.compile(
    r"/api/alerts/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"/seen-from-notification"
)


def proves_itself(method: str, path: str) -> bool:
    return method == "POST" and TOKEN_PROOF.fullmatch(path) is not None


def _sid(session_token: str | None) -> str:
    return hashlib.sha256(session_token.encode()).hexdigest() if session_token else ""


def _sign(secret: str, sid: str, nonce: str) -> str:
    return hmac.new(secret.encode(), f"{sid}|{nonce}".encode(), hashlib.sha256).hexdigest()


def new_token(secret: str, session_token: str | None) -> str:
    nonce = secrets.token_hex(16)
    return nonce + _sign(secret, _sid(session_token), nonce)


def token_fits(secret: str, token: str | None, session_token: str | None) -> bool:
    if not token or len(token) != 96:
        return False
    nonce, mac = token[:32], token[32:]
    return hmac.compare_digest(mac, _sign(secret, _sid(session_token), nonce))


def _origin(value: str) -> str:
    parts = urlsplit(value)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def _set_cookie_session(message: Message, session_cookie: str) -> str | None:
    """The session token a response sets ("" when it clears it), or None when it leaves it."""
    headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))  # type: ignore[call-overload]
    for key, value in headers:
        if key.lower() == b"set-cookie":
            text = value.decode("latin-1")
            name, _, rest = text.partition("=")
            if name.strip() == session_cookie:
                token = rest.split(";", 1)[0]
                cleared = "max-age=0" in text.lower().replace(" ", "")
                return "" if cleared or not token else token
    return None


class CsrfMiddleware(ASGIMiddleware):
    def __init__(
        self,
        *,
        secret: str,
        cookie: str,
        session_cookie: str,
        public_url: str,
        secure: bool,
        exclude: tuple[str, ...] = ("/api/health",),
    ) -> None:
        self.secret = secret
        self.cookie = cookie
        self.session_cookie = session_cookie
        self.public_origin = _origin(public_url)
        self.secure = secure
        self.exclude = exclude

    def _same_site(self, scope: Scope) -> bool:
        if header(scope, b"sec-fetch-site") == "cross-site":
            return False
        claimed = header(scope, b"origin") or header(scope, b"referer")
        if not claimed:
            return True  # not a browser: the token decides
        origin = _origin(claimed)
        host = header(scope, b"host").lower()
        own = f"{scope.get('scheme', 'http')}://{host}" if host else ""
        return origin in {self.public_origin, own}

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != ScopeType.HTTP or path.startswith(self.exclude):
            await next_app(scope, receive, send)
            return
        jar = cookies(scope)
        session = jar.get(self.session_cookie)
        token = jar.get(self.cookie)
        method = scope.get("method", "GET")
        if proves_itself(method, path):
            if not self._same_site(scope):
                raise PermissionDeniedException("CSRF token verification failed")
        elif method not in SAFE_METHODS:
            sent = header(scope, HEADER.encode())
            if (
                not self._same_site(scope)
                or not sent
                or not hmac.compare_digest(sent, token or "")
                or not token_fits(self.secret, token, session)
            ):
                raise PermissionDeniedException("CSRF token verification failed")
        fits = token_fits(self.secret, token, session)

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                changed = _set_cookie_session(message, self.session_cookie)
                if changed is not None or not fits:
                    new_session = session if changed is None else (changed or None)
                    cookie = Cookie(
                        key=self.cookie,
                        value=new_token(self.secret, new_session),
                        path="/",
                        secure=self.secure,
                        httponly=False,  # the page's script sends it back in a header
                        samesite="strict",
                    )
                    headers = MutableScopeHeaders.from_message(message)
                    headers.add("set-cookie", cookie.to_header(header=""))
            await send(message)

        await next_app(scope, receive, send_wrapper)
