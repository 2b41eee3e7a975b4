"""What the API says when it refuses something: one catalogue per language.

``en`` and ``fr`` hold the same keys: a refusal's detail or a field error's message by its key
(``MESSAGES``), a problem's title by kind or by name (``TITLES``). A message is a ``str.format``
template filled from the refusal's values; a value given in every language (a label of the
content) is said in the reader's.
"""

from __future__ import annotations

from collections.abc import Mapping

from relais.errors import FIELDS, Params, Refusal
from relais.web.catalogue import en, fr

#: The languages the refusals are said in; English is the API's reference language.
LANGS: tuple[str, ...] = ("fr", "en")
MESSAGES: dict[str, dict[str, str]] = {"en": en.MESSAGES, "fr": fr.MESSAGES}
TITLES: dict[str, dict[str, str]] = {"en": en.TITLES, "fr": fr.TITLES}


def _catalogue(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    return table.get(lang) or table["en"]


def say(lang: str, key: str, params: Params | None = None) -> str:
    """The message ``key`` in ``lang``, filled with ``params`` (English, then the key itself, when
    the catalogue lacks it: a test keeps both catalogues whole)."""
    template = _catalogue(MESSAGES, lang).get(key) or MESSAGES["en"].get(key) or key
    values = {
        name: (value.get(lang) or value.get("en", "")) if isinstance(value, Mapping) else value
        for name, value in (params or {}).items()
    }
    return template.format(**values)


def title(lang: str, key: str) -> str:
    """The title ``key`` (a kind, or a named title) in ``lang``."""
    return _catalogue(TITLES, lang).get(key) or TITLES["en"].get(key) or key


def field_messages(refusal: Refusal, lang: str) -> list[tuple[str, str]]:
    """(field, message) of each of the refusal's field errors, in ``lang``."""
    return [(f.field, say(lang, f.code, f.params)) for f in refusal.fields]


def refusal_detail(refusal: Refusal, lang: str) -> str:
    """The refusal's detail in ``lang``."""
    if refusal.detail == FIELDS:
        return "; ".join(message for _, message in field_messages(refusal, lang))
    return say(lang, refusal.detail, refusal.params)


def refusal_title(refusal: Refusal, lang: str) -> str:
    """The refusal's title in ``lang``; without a named title, its code in words (as the API has
    always said it, in every language)."""
    if refusal.title is not None:
        return title(lang, refusal.title)
    return refusal.code.replace("-", " ").capitalize()


__all__ = [
    "LANGS",
    "MESSAGES",
    "TITLES",
    "field_messages",
    "refusal_detail",
    "refusal_title",
    "say",
    "title",
]
