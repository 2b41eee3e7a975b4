"""Errors as RFC 9457 problem details, never a stack trace.

Every error answer is ``application/problem+json`` with a stable ``type``
(``urn:relais:problem:<code>``),
a ``title``, the ``status``, a ``detail`` that tells the person what to fix and, for invalid input,
``errors``: one entry per field.
"""

from __future__ import annotations

import logging
import sqlite3
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

from relais.web.french import in_french
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


class ProblemError(HTTPException):
    """Raise this from services for a 4xx with a stable code and a helpful message."""

    def __init__(
        self,
        status_code: int,
        code: str,
        detail: str,
        *,
        title: str | None = None,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        fr: str | None = None,
    ) -> None:
        super().__init__(detail=detail, status_code=status_code, headers=headers)
        self.code = code
        self.title = title or code.replace("-", " ").capitalize()
        self.errors = errors or []
        #: The detail in French when it is not one of relais.web.french's texts.
        self.fr = fr


_TITLES = {
    400: "Invalid request",
    401: "Sign-in required",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid data",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
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


_TITLES_FR = {
    "Invalid request": "Demande non valable",
    "Sign-in required": "Connexion nécessaire",
    "Not allowed": "Non autorisé",
    "Not found": "Introuvable",
    "Method not allowed": "Méthode non autorisée",
    "Conflict": "Conflit",
    "Request too large": "Demande trop volumineuse",
    "Unsupported media type": "Type de contenu non pris en charge",
    "Invalid data": "Données non valables",
    "Too many requests": "Trop de demandes",
    "Internal error": "Erreur interne",
    "Service unavailable": "Service indisponible",
    "Invalid input": "Saisie non valable",
    "Malformed request": "Demande illisible",
    "Check the values": "Vérifiez les valeurs",
    "Password refused": "Mot de passe refusé",
    "Second factor required": "Code de double authentification nécessaire",
    "Sign-in failed": "Connexion refusée",
    "Sign-in paused": "Connexion suspendue",
    "Unsupported language": "Langue non disponible",
}


def problem_response(
    status: int,
    code: str,
    detail: str,
    *,
    title: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    lang: str = "en",
    fr: str | None = None,
) -> Response[Problem]:
    """A problem+json response; ``lang="fr"``: its English texts said in French where known
    (``fr``: the detail's own French, also used for a field error that repeats the detail)."""
    title = title or _TITLES.get(status, "Error")
    errors = errors or []
    if lang == "fr":

        def french(text: str) -> str:
            return fr if fr is not None and text == detail else in_french(text)

        title = _TITLES_FR.get(title, title)
        errors = [FieldError(e.field, french(e.message)) for e in errors]
        detail = french(detail)
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


def _clean_validation_detail(exc: ValidationException, errors: list[FieldError]) -> str:
    if errors:
        return "; ".join(
            f"{e.field}: {e.message}" if e.field != "body" else e.message for e in errors
        )
    detail = str(exc.detail or "")
    return detail or "The request is not valid."


def http_exception_handler(
    request: Request[Any, Any, Any], exc: HTTPException
) -> Response[Problem]:
    status = exc.status_code
    headers = dict(exc.headers or {})
    lang = request_lang(request)
    if isinstance(exc, ProblemError):
        return problem_response(
            status,
            exc.code,
            exc.detail,
            title=exc.title,
            errors=exc.errors,
            headers=headers,
            lang=lang,
            fr=exc.fr,
        )
    if isinstance(exc, ValidationException):
        errors = _field_errors(exc.extra, lang)
        return problem_response(
            400,
            "validation",
            _clean_validation_detail(exc, errors),
            title="Invalid input",
            errors=errors,
            headers=headers,
            lang=lang,
        )
    if isinstance(exc, NotAuthorizedException):
        return problem_response(
            401,
            "unauthenticated",
            exc.detail if exc.detail != "Unauthorized" else "Please sign in to continue.",
            headers=headers,
            lang=lang,
        )
    if isinstance(exc, PermissionDeniedException):
        detail = exc.detail
        if "CSRF" in detail:
            return problem_response(
                403,
                "csrf",
                "The security token is missing or out of date. Reload the page and try again.",
                headers=headers,
                lang=lang,
            )
        return problem_response(
            403,
            "forbidden",
            detail if detail != "Forbidden" else "You are not allowed to do this.",
            headers=headers,
            lang=lang,
        )
    if isinstance(exc, NotFoundException):
        return problem_response(
            404, "not-found", "Nothing was found at this address.", headers=headers, lang=lang
        )
    if status >= 500:
        log.error(
            "server error %s on %s %s: %s", status, request.method, request.url.path, exc.detail
        )
        return problem_response(
            status,
            _CODES.get(status, "server-error"),
            "Something went wrong on our side. Your data was not changed; please try again.",
            headers=headers,
            lang=lang,
        )
    detail = str(exc.detail or _TITLES.get(status, "Error"))
    if status == 413:
        detail = "The request body is too large."
    elif status == 400:
        # Raised while decoding the body, before any field could be checked.
        return problem_response(
            400,
            "malformed-body",
            f"The request body could not be read ({detail}). Send a valid JSON object.",
            title="Malformed request",
            headers=headers,
            lang=lang,
        )
    return problem_response(status, _CODES.get(status, "error"), detail, headers=headers, lang=lang)


def _is_db_unavailable(exc: BaseException) -> bool:
    try:
        import asyncpg

        pg_errors: tuple[type[BaseException], ...] = (
            asyncpg.PostgresConnectionError,
            asyncpg.CannotConnectNowError,
            asyncpg.InterfaceError,
            asyncpg.exceptions.AdminShutdownError,
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
            "The text contains a character that cannot be stored (such as a NUL byte). "
            "Remove it and try again.",
            title="Invalid input",
            lang=lang,
        )
    if _is_db_unavailable(exc):
        log.warning(
            "database unavailable on %s %s: %s",
            request.method,
            request.url.path,
            type(exc).__name__,
        )
        return problem_response(
            503,
            "unavailable",
            "The service is briefly unavailable. Nothing was saved; please try again in a moment.",
            headers={"Retry-After": "5"},
            lang=lang,
        )
    # The trace goes to the server log with the request id, never to the client.
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        HTTP_500_INTERNAL_SERVER_ERROR,
        "server-error",
        "Something went wrong on our side. Please try again; "
        "if it keeps happening, contact support.",
        lang=lang,
    )


EXCEPTION_HANDLERS: dict[Any, Any] = {
    HTTPException: http_exception_handler,
    Exception: internal_error_handler,
}

__all__ = [
    "EXCEPTION_HANDLERS",
    "FieldError",
    "MediaType",
    "Problem",
    "ProblemError",
    "problem_response",
]
