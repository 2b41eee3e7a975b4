"""The per-language content bundle the PWA caches for offline use, and the language-resolved shapes
of every kind (also used by the content API so that its OpenAPI schema is accurate).

A bundle holds everything the phone needs with no network: booklet, escalation guidance,
questionnaires with scoring, plans, triage rules and vital-sign limits. Guidance placeholders
(`{emergency_number}`, `{team_phone}`, ...) are left in for the client to fill.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from relais.content.schemas import LANGS, Questionnaire

if TYPE_CHECKING:
    from relais.content.loader import ContentLibrary, Page


class _Out(msgspec.Struct, kw_only=True):
    pass


class PageSummary(_Out, kw_only=True):
    id: str
    title: str
    section: str
    audience: str
    order: int
    summary: str
    source: str
    reviewed_on: datetime.date


class PageOut(PageSummary, kw_only=True):
    #: Markdown.
    body: str


class SignsOut(_Out, kw_only=True):
    adult: list[str]
    child: list[str]


class LevelOut(_Out, kw_only=True):
    title: str
    action: str
    what_to_say: list[str]
    while_waiting: list[str]
    signs: SignsOut
    source: str
    reviewed_on: datetime.date | None = None


class SelfHarmOut(_Out, kw_only=True):
    title: str
    action: str
    steps: list[str]
    source: str
    reviewed_on: datetime.date | None = None


class LevelsOut(_Out, kw_only=True):
    red: LevelOut
    amber: LevelOut
    green: LevelOut


class GuidanceOut(_Out, kw_only=True):
    version: int
    source: str
    reviewed_on: datetime.date
    levels: LevelsOut
    self_harm: SelfHarmOut


class OptionOut(_Out, kw_only=True):
    value: int
    label: str


class ItemOut(_Out, kw_only=True):
    id: str
    type: Literal["choice", "yesno", "number", "text"]
    text: str
    help: str | None = None
    #: Resolved options (also for yes/no items: 1 = yes, 0 = no); null for number and text.
    options: list[OptionOut] | None = None
    reverse: bool = False
    min: int | float | None = None
    max: int | float | None = None
    unit: str | None = None
    optional: bool = False
    #: "relative": asked only when a relative fills the check-in in for the person.
    asked_of: Literal["anyone", "relative"] = "anyone"
    #: Picker items: their body area, and the words that find them (search, a free note).
    area: str | None = None
    phrases: list[str] | None = None


class PickerAreaOut(_Out, kw_only=True):
    id: str
    title: str


class BandOut(_Out, kw_only=True):
    id: str
    min: int | float
    max: int | float
    label: str


class SubscaleOut(_Out, kw_only=True):
    id: str
    title: str
    items: list[str]
    method: Literal["sum", "mean"]


class ScoringOut(_Out, kw_only=True):
    method: Literal["sum", "mean"]
    #: The scored items, always listed (the default has been resolved).
    items: list[str]
    subscales: list[SubscaleOut]
    bands: list[BandOut]


class QuestionnaireOut(_Out, kw_only=True):
    id: str
    title: str
    description: str
    audience: str
    source: str
    licence: str
    reviewed_on: datetime.date
    scored: bool
    recall: str | None = None
    items: list[ItemOut]
    scoring: ScoringOut | None = None
    picker: list[PickerAreaOut] | None = None


class CriticalWindowOut(_Out, kw_only=True):
    from_day: int
    to_day: int
    note: str | None = None


class PlanItemOut(_Out, kw_only=True):
    id: str
    kind: str
    title: str
    by: str
    questionnaires: list[str]
    at_day: int | None = None
    start_day: int | None = None
    end_day: int | None = None
    every_days: int | None = None
    times_per_day: int = 1
    window_days: int = 0
    note: str | None = None


class PlanOut(_Out, kw_only=True):
    id: str
    title: str
    description: str
    audience: str
    anchor: str
    duration_days: int
    source: str
    reviewed_on: datetime.date
    critical_window: CriticalWindowOut | None = None
    items: list[PlanItemOut]


class Bundle(_Out, kw_only=True):
    version: str
    lang: str
    booklet: list[PageOut]
    guidance: GuidanceOut
    questionnaires: list[QuestionnaireOut]
    plans: list[PlanOut]
    #: Triage rule files as `relais.triage.rules.RuleFile` encodes them ({fr, en} texts resolved).
    rules: list[dict[str, Any]]
    #: `relais.triage.rules.VitalsFile` as encoded, or null.
    vitals: dict[str, Any] | None = None
    #: Per-person additions, e.g. the care team's phone numbers when signed in.
    extras: dict[str, Any] | None = None


# ---------------------------------------------------------------------------------------------

_LANGSET = frozenset(LANGS)


def localize(value: Any, lang: str) -> Any:
    """Replace every {fr, en} map inside builtin data by its text in `lang`."""
    if isinstance(value, dict):
        if value and set(value) == _LANGSET and all(isinstance(v, str) for v in value.values()):
            return value[lang]
        return {k: localize(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [localize(v, lang) for v in value]
    return value


def _resolve(obj: Any, lang: str, out: type[Any]) -> Any:
    return msgspec.convert(localize(msgspec.to_builtins(obj), lang), out)


def page_summary(page: Page) -> PageSummary:
    return msgspec.convert(msgspec.to_builtins(page.meta), PageSummary)


def page_out(page: Page) -> PageOut:
    data = msgspec.to_builtins(page.meta)
    data["body"] = page.body
    return msgspec.convert(data, PageOut)


def questionnaire_out(q: Questionnaire, lang: str) -> QuestionnaireOut:
    data = msgspec.to_builtins(q)
    data.pop("option_sets", None)
    for raw, item in zip(data["items"], q.items, strict=True):
        opts = q.options_of(item)
        raw["options"] = msgspec.to_builtins(opts) if opts else None
        if item.phrases is not None:
            raw["phrases"] = list(item.phrases.get(lang, []))
    if q.scoring is not None:
        data["scoring"]["items"] = [it.id for it in q.scored_items()]
    return msgspec.convert(localize(data, lang), QuestionnaireOut)


def guidance_out(library: ContentLibrary, lang: str) -> GuidanceOut:
    out: GuidanceOut = _resolve(library.guidance, lang, GuidanceOut)
    return out


def build(library: ContentLibrary, lang: str) -> Bundle:
    return Bundle(
        version=library.version,
        lang=lang,
        booklet=[page_out(p) for p in library.pages(lang)],
        guidance=guidance_out(library, lang),
        questionnaires=[questionnaire_out(q, lang) for q in library.questionnaires.values()],
        plans=[_resolve(p, lang, PlanOut) for p in library.plans.values()],
        rules=[localize(msgspec.to_builtins(r), lang) for r in library.rules.values()],
        vitals=(
            localize(msgspec.to_builtins(library.vitals), lang)
            if library.vitals is not None
            else None
        ),
    )


class _Entry(msgspec.Struct, frozen=True):
    bundle: Bundle
    body: bytes
    etag: str


def etag_for(version: str, lang: str) -> str:
    """Strong ETag of a language's bundle."""
    return f'"{version}-{lang}"'


def build_all(library: ContentLibrary) -> None:
    """Precompute the bundle of every language (called once by `load_library`)."""
    for lang in LANGS:
        _entry(library, lang)


def _entry(library: ContentLibrary, lang: str) -> _Entry:
    if lang not in LANGS:
        raise KeyError(lang)
    cached = library._bundles.get(lang)
    if cached is None:
        bundle = build(library, lang)
        cached = _Entry(bundle, msgspec.json.encode(bundle), etag_for(library.version, lang))
        library._bundles[lang] = cached
    assert isinstance(cached, _Entry)
    return cached


def bundle_entry(library: ContentLibrary, lang: str) -> Bundle:
    return _entry(library, lang).bundle


def bundle_for(
    library: ContentLibrary, lang: str, extras: dict[str, Any] | None = None
) -> tuple[bytes, str]:
    """(JSON bytes, strong ETag) of the bundle for `lang`.

    Without `extras` this is the precomputed bundle. With extras (e.g. `{"team_phones": [...]}`
    for a signed-in person) they are added under `extras` and the ETag carries their hash, so a
    change of phone number is a new ETag too.
    """
    entry = _entry(library, lang)
    if not extras:
        return entry.body, entry.etag
    body = msgspec.json.encode(msgspec.structs.replace(entry.bundle, extras=extras))
    digest = hashlib.sha256(msgspec.json.encode(extras, order="sorted")).hexdigest()[:8]
    return body, f'"{library.version}-{lang}-{digest}"'
