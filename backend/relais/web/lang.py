"""The language a request is answered in, and the decoding layer's messages in that language.

The language the app asks for wins (the PWA sends the language chosen in the app with every call,
in ``X-Relais-Lang``): a screen and what the server says on it are in one language, even when the
app's language is not the account's. Then the signed-in person's language; without one, the
browser's (Accept-Language); a program that sends none of them is answered in English, the API's
reference language.
Messages about a body that could not be decoded come from msgspec, in English: they are said
again in French from their known shapes (an unknown shape stays as it is).
"""

from __future__ import annotations

import re
from typing import Any

#: The languages of the product, French first (the content holds every text in each of them).
LANGS: tuple[str, ...] = ("fr", "en")
DEFAULT_LANG = "fr"
#: The header in which the PWA names the language chosen in the app.
APP_LANG_HEADER = "x-relais-lang"


def accept_language(header: str | None) -> str:
    """The best supported language of an Accept-Language header (highest q; at equal q the first
    listed), or the default."""
    best: tuple[float, int, str] | None = None
    for pos, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        tag = fields[0].lower()
        if not tag:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        primary = tag.split("-")[0]
        lang = DEFAULT_LANG if primary == "*" else primary
        if q <= 0 or lang not in LANGS:
            continue
        if best is None or (q, -pos) > (best[0], -best[1]):
            best = (q, pos, lang)
    return best[2] if best is not None else DEFAULT_LANG


def request_lang(request: Any) -> str:
    """The language to answer this request in: the one the app asks for; else the signed-in
    person's (a browser's Accept-Language says the device's language, not the person's choice);
    else the browser's (which browsers always send); a program that says nothing gets the API's
    reference language, English."""
    asked = (request.headers.get(APP_LANG_HEADER) or "").strip().lower()
    if asked in LANGS:
        return asked
    user = request.scope.get("user")
    if user is not None:
        locale = getattr(user, "locale", None)
        return locale if locale in LANGS else DEFAULT_LANG
    header = request.headers.get("accept-language")
    return accept_language(header) if header else "en"


_KINDS_FR = {
    "int": "un nombre entier",
    "float": "un nombre",
    "str": "un texte",
    "bool": "vrai ou faux",
    "array": "une liste",
    "object": "un objet",
    "null": "rien",
    "uuid": "un identifiant",
    "datetime": "une date et une heure",
    "date": "une date",
}
_OPS_FR = {
    ">=": "supérieure ou égale à",
    "<=": "inférieure ou égale à",
    ">": "supérieure à",
    "<": "inférieure à",
}


def _kind(names: str) -> str:
    return " ou ".join(_KINDS_FR.get(n.strip(), n.strip()) for n in names.split("|"))


def _length(kind: str, op: str, n: str) -> str:
    what = "caractère" if kind == "str" else "élément"
    bound = "au moins" if op.startswith(">") else "au plus"
    plural = "s" if n not in ("0", "1") else ""
    return f"{bound} {n} {what}{plural} attendu{plural}"


# (shape of msgspec's English message, its French wording)
_FRENCH: list[tuple[re.Pattern[str], Any]] = [
    (
        re.compile(r"^Expected `([^`]+)`, got `([^`]+)`$"),
        lambda m: f"Attendu ici : {_kind(m[1])}, pas {_kind(m[2])}.",
    ),
    (
        re.compile(r"^Expected `(str|array|object)` of length (>=|<=) (\d+)$"),
        lambda m: _length(m[1], m[2], m[3]).capitalize() + ".",
    ),
    (
        re.compile(r"^Expected `(?:int|float)` (>=|<=|>|<) (\S+)$"),
        lambda m: f"La valeur doit être {_OPS_FR[m[1]]} {m[2]}.",
    ),
    (re.compile(r"^Expected `str` matching regex .*$"), lambda m: "Le format n'est pas valide."),
    (
        re.compile(r"^Object missing required field `([^`]+)`$"),
        lambda m: f"Champ obligatoire manquant : {m[1]}.",
    ),
    (
        re.compile(r"^Object contains unknown field `([^`]+)`$"),
        lambda m: f"Champ inconnu : {m[1]}.",
    ),
    (re.compile(r"^Invalid enum value (.+)$"), lambda m: f"Valeur non reconnue : {m[1]}."),
    (
        re.compile(r"^Invalid (?:RFC3339 encoded )?datetime$"),
        lambda m: "Date et heure mal écrites.",
    ),
    (re.compile(r"^Invalid (?:RFC3339 encoded )?date$"), lambda m: "Date mal écrite."),
    (re.compile(r"^Invalid UUID$"), lambda m: "Identifiant mal écrit."),
    (
        re.compile(r"^expected a date between (\d+) and (\d+), not (.+)$"),
        lambda m: f"Une date entre {m[1]} et {m[2]} est attendue, pas {m[3]}.",
    ),
]


def decoding_message(message: str, lang: str) -> str:
    """A decoding error's message in ``lang`` (English messages are msgspec's own)."""
    if lang != "fr":
        return message
    for shape, french in _FRENCH:
        found = shape.match(message)
        if found is not None:
            return str(french(found))
    return message
