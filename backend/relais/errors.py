"""Refusals: what a service says when it will not do what it was asked.

A service raises a ``Refusal`` with a stable ``code`` (kebab-case, sent to the client), a ``kind``
(what sort of refusal: the web layer turns it into an HTTP status) and the values its message
needs (``params``); invalid input names its fields (``FieldRefusal``). No text is written here:
``relais.web.problems`` says the refusal in the reader's language from one catalogue per language
(``relais.web.catalogue``), where each message is found by its key.

This module is the foundation: it imports no feature and nothing of the web framework.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Literal, TypeAlias

#: What sort of refusal it is (the web layer maps each to its HTTP status).
Kind: TypeAlias = Literal[
    "invalid",  # 400: the request cannot be done as it is
    "unauthenticated",  # 401: sign in first
    "forbidden",  # 403: this person may not do it
    "not-found",  # 404: there is no such thing (for this person)
    "conflict",  # 409: the state of things does not allow it (now)
    "gone",  # 410: it existed, it is no longer usable
    "unprocessable",  # 422: well formed, but the values do not go together
    "too-many",  # 429: paused, try again later
    "unavailable",  # 503: a part of the service is missing
]

#: A value for a message: a text, a number, or a text in each language (``{"fr": ..., "en": ...}``,
#: as the content holds them), said in the reader's language.
Param: TypeAlias = str | int | float | Mapping[str, str]
Params: TypeAlias = Mapping[str, Param]

#: The ``detail`` of a refusal whose detail is its field errors' messages, joined.
FIELDS = "<fields>"


@dataclasses.dataclass(frozen=True)
class FieldRefusal:
    """What is wrong with one field: ``code`` is the key of its message in the catalogues."""

    field: str
    code: str
    params: Params = dataclasses.field(default_factory=dict)


class Refusal(Exception):
    """A refusal with a stable ``code`` and the values of its message.

    ``detail``: the key of the message in the catalogues when it is not the code (a code said
    in more than one way), or ``FIELDS``. ``title``: the key of a title in the catalogues (a kind
    or a named title); without one the title is the code in words. ``headers``: sent with the
    answer (``Retry-After``).
    """

    def __init__(
        self,
        code: str,
        kind: Kind,
        *,
        detail: str | None = None,
        params: Params | None = None,
        fields: Sequence[FieldRefusal] = (),
        title: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.kind: Kind = kind
        self.detail = code if detail is None else detail
        self.params: Params = dict(params or {})
        self.fields = list(fields)
        self.title = title
        self.headers = dict(headers or {})

    def __repr__(self) -> str:
        return f"Refusal({self.code!r}, {self.kind!r}, params={dict(self.params)!r})"


def field_refusal(
    code: str,
    kind: Kind,
    field: str,
    message: str | None = None,
    params: Params | None = None,
) -> Refusal:
    """A refusal about one field, whose detail is the field's message (key ``message``, by default
    the code)."""
    key = code if message is None else message
    return Refusal(
        code, kind, detail=key, params=params, fields=[FieldRefusal(field, key, params or {})]
    )


__all__ = ["FIELDS", "FieldRefusal", "Kind", "Param", "Params", "Refusal", "field_refusal"]
