"""Structured logs: one JSON object per line, with the request id of the request being served.

What a log line may hold: the method, the route *template*
(``/api/patients/{patient_id}/checkins``, never the raw path with its identifiers, never a query
string), the status, the duration, the request id, and messages written by the code. Never a
request or response body, a name or a health value. Messages that happen to quote the raw path of
the current request (error lines) get the route template instead.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import logging.config
import os
import re
import traceback
from dataclasses import dataclass
from typing import Any

FORMATS = ("json", "text")

# Attributes every LogRecord has; anything else came with ``extra=`` and is written as a field.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {
    "message",
    "asctime",
    "taskName",
    "color_message",  # uvicorn's coloured copy of the message
}


@dataclass
class RequestContext:
    """What the logs may know about the request being served in this task."""

    request_id: str
    method: str
    path: str  # raw path: only used to hide it
    scope: Any = None  # the ASGI scope, where routing writes the matched template

    @property
    def route(self) -> str:
        return route_of(self.scope or {})


UNMATCHED = "(unmatched)"
_PARAM_TYPE = re.compile(r"\{(\w+):[^}]+\}")


def route_of(scope: Any) -> str:
    """The route template a request matched, with parameter types removed; never the raw path."""
    template = scope.get("path_template") or ""
    if not template:
        return UNMATCHED
    return _PARAM_TYPE.sub(r"{\1}", str(template))


current_request: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "relais_request", default=None
)


class JsonFormatter(logging.Formatter):
    """One compact JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        ctx = current_request.get()
        out: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": _hide_path(message, ctx),
        }
        if ctx is not None and "request_id" not in record.__dict__:
            out["request_id"] = ctx.request_id
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                out[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            out["error"] = record.exc_info[0].__name__
            out["trace"] = _hide_path("".join(traceback.format_exception(*record.exc_info)), ctx)
        return json.dumps(out, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """For people reading a terminal (``RELAIS_LOG_FORMAT=text``); same hiding rules."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        ctx = current_request.get()
        line = _hide_path(super().format(record), ctx)
        extras = {
            k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")
        }
        if ctx is not None:
            extras.setdefault("request_id", ctx.request_id)
        if extras:
            line += " " + " ".join(f"{k}={v}" for k, v in extras.items())
        return line


def _hide_path(text: str, ctx: RequestContext | None) -> str:
    if ctx is None or not ctx.path or ctx.path == "/" or ctx.path not in text:
        return text
    return text.replace(ctx.path, ctx.route)


def formatter_for(fmt: str) -> logging.Formatter:
    return JsonFormatter() if fmt == "json" else TextFormatter()


def log_config(fmt: str, level: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` mapping (also given to uvicorn as its ``log_config``):
    every logger, uvicorn's included, writes through one handler on standard error."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"relais": {"()": f"{__name__}.{formatter_for(fmt).__class__.__name__}"}},
        "handlers": {
            "relais": {
                "class": "logging.StreamHandler",
                "formatter": "relais",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["relais"], "level": level},
        "loggers": {
            name: {"handlers": [], "propagate": True, "level": level}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "litestar")
        },
    }


def setup(fmt: str | None = None, level: str | None = None) -> None:
    """Configure logging for this process. Unknown values fall back to the defaults here: the
    settings parser reports them properly."""
    fmt = fmt or os.environ.get("RELAIS_LOG_FORMAT") or "json"
    level = level or os.environ.get("RELAIS_LOG_LEVEL") or "INFO"
    if fmt not in FORMATS:
        fmt = "json"
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        level = "INFO"
    logging.config.dictConfig(log_config(fmt, level))
