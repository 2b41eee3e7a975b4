"""Every JSON request body is read strictly before its handler runs (``check_body``, the app's
``before_request``).

The framework converts a body into its struct leniently, as it must for query strings: a vital
sign sent as the string ``"38.6"`` became 38.6, and a Unix number became a time. A body is data a
person entered: here it must have the types it declares. So, before the framework's own decoding:

- an empty body, invalid UTF-8, or JSON nested deeper than ``MAX_DEPTH`` is refused with 400 and
  a readable reason (deep nesting never reaches the decoder, whose recursion it would exhaust);
- the body is decoded strictly into the handler's ``data`` type: a string where a number is
  expected, or a number where a time is expected, is refused at its field;
- a NUL character in any text is refused: PostgreSQL cannot store it and SQLite would, so both
  engines now refuse it the same way, before anything is written.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import ValidationException
from litestar.serialization import default_deserializer

from relais.errors import Refusal

#: Deepest nesting of arrays and objects a body may have; the API's deepest is 4.
MAX_DEPTH = 32
_METHODS = frozenset({"POST", "PUT", "PATCH"})
_AT = re.compile(r"`\$\.?(.*)`$")
_NUL_ESCAPE = re.compile(rb"\\u0000", re.IGNORECASE)
_cache: dict[int, Any] = {}
_TITLE = "malformed-request"  # the title of a body that cannot be read


def _body_type(request: Request[Any, Any, Any]) -> Any:
    """The type the route's ``data`` parameter decodes into (None: the route takes no body)."""
    handler = request.route_handler
    key = id(handler)
    if key not in _cache:
        data = handler.parsed_fn_signature.parameters.get("data")
        _cache[key] = None if data is None else (data.annotation, handler.resolve_type_decoders())
    return _cache[key]


def too_deep(body: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than ``limit`` (brackets inside strings aside)."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


async def check_body(request: Request[Any, Any, Any]) -> None:
    """Refuse a JSON body that is empty, not UTF-8, too deep, of the wrong types, or holding a NUL;
    let the handler run otherwise."""
    if request.method not in _METHODS:
        return
    found = _body_type(request)
    if found is None:
        return
    target, decoders = found
    body = await request.body()
    if not body.strip():
        raise Refusal("body-missing", "invalid", title=_TITLE)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal("body-not-utf8", "invalid", title=_TITLE) from None
    if too_deep(body):
        raise Refusal("body-too-deep", "invalid", params={"limit": MAX_DEPTH}, title=_TITLE)
    try:
        msgspec.json.decode(
            body,
            type=target,
            strict=True,
            dec_hook=partial(default_deserializer, type_decoders=decoders),
        )
    except msgspec.ValidationError as exc:
        message = str(exc)
        at = _AT.search(message)
        key = at.group(1) if at and at.group(1) else "body"
        raise ValidationException(
            detail="The request body does not have the expected types",
            extra=[{"message": message.split(" - ", 1)[0], "key": key, "source": "body"}],
        ) from None
    except msgspec.DecodeError:
        return  # not JSON: the framework says so, with its reason
    if _NUL_ESCAPE.search(body) and _has_nul(msgspec.json.decode(body)):
        raise Refusal("unstorable-text", "invalid", title="invalid-input")
