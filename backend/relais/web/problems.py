"""Errors as RFC 9457 problem details, never a stack trace.

Every error answer is ``application/problem+json`` with a stable ``type``
(``urn:relais:problem:<code>``),
a ``title``, the ``status``, a ``detail`` that tells the person what to fix and, for invalid input,
``errors``: one entry per field.

Services raise ``relais.errors.Refusal`` (a code, a kind, values); this module maps its kind to
the status and says its texts in the reader's language from the catalogues
(``relais.web.catalogue``). The framework's own refusals are said from the same catalogues.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from relais.errors import Kind, Refusal
from relais.web.catalogue import field_messages, refusal_detail, refusal_title, say, title
from relais.web.lang import decoding_message, request_lang
from relais.web.schemas import field_error

log = logging.getLogger("relais.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(msgspec.Struct):
    field: str
    message: str


class Problem(msgspec.Struct, omit_defaults=True):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []
    code: str = ""


#: The HTTP status of each kind of refusal.
STATUS: dict[Kind, int] = {
    "invalid": 400,
    "unauthenticated": 401,
    "forbidden": 403,
    "not-found": 404,
    "conflict": 409,
    "gone": 410,
    "unprocessable": 422,
    "too-many": 429,
    "unavailable": 503,
}

# The title (its key in the catalogues) of an HTTP status.
_TITLES = {
    400: "invalid",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "unprocessable",
    429: "too-many",
    500: "internal",
    503: "unavailable",
}
_CODES = {
    400: "invalid-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    429: "rate-limited",
    503: "unavailable",
}


def problem_response(
    status: int,
    code: str,
    detail: str,
    *,
    title: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[Problem]:
    """A problem+json response, its texts already said in the reader's language."""
    errors = errors or []
    body = Problem(
        type=f"urn:relais:problem:{code}",
        title=title,
        status=status,
        detail=detail,
        errors=errors,
        code=code,
    )
    hdrs = {"Cache-Control": "no-store"}
    hdrs.update(headers or {})
    return Response(content=body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=hdrs)


def _field_errors(extra: Any, lang: str) -> list[FieldError]:
    out: list[FieldError] = []
    if isinstance(extra, list):
        for item in extra:
            if isinstance(item, dict):
                key = str(item.get("key") or item.get("source") or "body")
                field, message = field_error(key, str(item.get("message", "invalid value")))
                out.append(FieldError(field=field, message=decoding_message(message, lang)))
    return out


def _clean_validation_detail(exc: ValidationException, errors: list[FieldError], lang: str) -> str:
    if errors:
        return "; ".join(
            f"{e.field}: {e.message}" if e.field != "body" else e.message for e in errors
        )
    detail = str(exc.detail or "")
    return detail or say(lang, "request-not-valid")


def refusal_handler(request: Request[Any, Any, Any], exc: Refusal) -> Response[Problem]:
    """A service's refusal, said in the reader's language."""
    lang = request_lang(request)
    return problem_response(
        STATUS[exc.kind],
        exc.code,
        refusal_detail(exc, lang),
        title=refusal_title(exc, lang),
        errors=[FieldError(field, message) for field, message in field_messages(exc, lang)],
        headers=exc.headers,
    )


def http_exception_handler(
    request: Request[Any, Any, Any], exc: HTTPException
) -> Response[Problem]:
    """The framework's own refusals (its texts, when they are not ours, are passed on as they
    are: the decoding messages are said in French by relais.web.lang)."""
    status = exc.status_code
    headers = dict(exc.headers or {})
    lang = request_lang(request)

    def framework(code: str, detail: str, title_key: str | None = None) -> Response[Problem]:
        key = title_key or _TITLES.get(status, "error")
        return problem_response(status, code, detail, title=title(lang, key), headers=headers)

    if isinstance(exc, ValidationException):
        errors = _field_errors(exc.extra, lang)
        return problem_response(
            400,
            "validation",
            _clean_validation_detail(exc, errors, lang),
            title=title(lang, "invalid-input"),
            errors=errors,
            headers=headers,
        )
    if isinstance(exc, NotAuthorizedException):
        if exc.detail == "Unauthorized":
            return framework("unauthenticated", say(lang, "sign-in-needed"))
        return framework("unauthenticated", exc.detail)
    if isinstance(exc, PermissionDeniedException):
        detail = exc.detail
        if "CSRF" in detail:
            return framework("csrf", say(lang, "csrf"))
        if detail == "Forbidden":
            return framework("forbidden", say(lang, "not-allowed"))
        return framework("forbidden", detail)
    if isinstance(exc, NotFoundException):
        return framework("not-found", say(lang, "nothing-here"))
    if status >= 500:
        log.error(
            "server error %s on %s %s: %s", status, request.method, request.url.path, exc.detail
        )
        return framework(_CODES.get(status, "server-error"), say(lang, "server-error.unchanged"))
    if status == 413:
        return framework(_CODES.get(status, "error"), say(lang, "body-too-large"))
    if status == 400:
        # Raised while decoding the body, before any field could be checked.
        reason = str(exc.detail or title("en", "invalid"))
        return framework(
            "malformed-body",
            say(lang, "malformed-body", {"reason": reason}),
            "malformed-request",
        )
    detail = str(exc.detail or title("en", _TITLES.get(status, "error")))
    return framework(_CODES.get(status, "error"), detail)


# The last time a request found the database refusing it (disk full, read-only, gone), with why:
# readiness reports it for a while, even when its own small write happened to go through.
_refused: tuple[float, str] | None = None
#: How long a refused request keeps this process not ready.
REFUSED_READY_S = 10.0


def note_refused(reason: str) -> None:
    global _refused
    _refused = (time.monotonic(), reason[:120])


def refused_recently() -> str:
    """Why the database refused a request in the last ``REFUSED_READY_S`` (empty: it did not)."""
    if _refused is None or time.monotonic() - _refused[0] > REFUSED_READY_S:
        return ""
    return _refused[1]


def _is_db_unavailable(exc: BaseException) -> bool:
    try:
        import asyncpg

        pg_errors: tuple[type[BaseException], ...] = (
            asyncpg.PostgresConnectionError,
            asyncpg.CannotConnectNowError,
            asyncpg.InterfaceError,
            asyncpg.exceptions.AdminShutdownError,
            # "cannot switch to state ..." on a connection the server has just closed (restart).
            asyncpg.InternalClientError,
        )
    except ImportError:  # pragma: no cover
        pg_errors = ()
    if isinstance(exc, (*pg_errors, ConnectionError)):
        return True
    return isinstance(exc, sqlite3.OperationalError) and (
        "locked" in str(exc) or "readonly" in str(exc) or "disk" in str(exc)
    )


def _is_unstorable_text(exc: BaseException) -> bool:
    """PostgreSQL refuses NUL bytes and untranslatable characters in text."""
    try:
        import asyncpg
    except ImportError:  # pragma: no cover
        return False
    return isinstance(
        exc, asyncpg.CharacterNotInRepertoireError | asyncpg.UntranslatableCharacterError
    )


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    lang = request_lang(request)
    if _is_unstorable_text(exc):
        return problem_response(
            400,
            "unstorable-text",
            say(lang, "unstorable-text"),
            title=title(lang, "invalid-input"),
        )
    if _is_db_unavailable(exc):
        note_refused(f"{type(exc).__name__}: {exc}".splitlines()[0])
        log.warning(
            "database unavailable on %s %s: %s",
            request.method,
            request.url.path,
            type(exc).__name__,
        )
        return problem_response(
            503,
            "unavailable",
            say(lang, "unavailable"),
            title=title(lang, "unavailable"),
            headers={"Retry-After": "5"},
        )
    # The trace goes to the server log with the request id, never to the client.
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        HTTP_500_INTERNAL_SERVER_ERROR,
        "server-error",
        say(lang, "server-error"),
        title=title(lang, "internal"),
    )


EXCEPTION_HANDLERS: dict[Any, Any] = {
    Refusal: refusal_handler,
    HTTPException: http_exception_handler,
    Exception: internal_error_handler,
}

__all__ = [
    "EXCEPTION_HANDLERS",
    "STATUS",
    "FieldError",
    "MediaType",
    "Problem",
    "problem_response",
]
