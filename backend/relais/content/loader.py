"""Load and validate the whole content tree into a frozen `ContentLibrary`.

Validation never stops at the first problem: every error found in every file is collected as a
`ContentError` (file, line, message) so that a service adapting the content sees all it has to fix
in one run. `load_library()` raises `ContentInvalid` with the full list.

Layout of a content tree (see content/README.md):

    questionnaires/<id>.yaml     plans/<id>.yaml     guidance/escalation.yaml
    booklet/<lang>/<NN>-<slug>.md                    rules/*.yaml   vitals.yaml
"""

from __future__ import annotations

import hashlib
import importlib
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import msgspec
import yaml

from relais.content import scoring
from relais.content.consent_documents import load_consent_documents
from relais.content.schemas import (
    KINDS_WITH_QUESTIONNAIRES,
    LANGS,
    PLACEHOLDERS,
    SHARING_PLACEHOLDERS,
    BookletPage,
    Coverage,
    FollowUpPlan,
    Guidance,
    Item,
    Questionnaire,
    iter_texts,
)
from relais.content.yamlsrc import YamlDoc, YamlSyntaxError, parse_yaml, split_front_matter

T = TypeVar("T")

PAGE_NAME = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
TRIAGE_MODULE = "relais.triage.rules"


def default_content_dir() -> Path:
    """`content/` at the root of the repository."""
    return Path(__file__).resolve().parents[3] / "content"


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in a content file. `path` is relative to the content root; `line` is 1-based."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentInvalid(Exception):
    """The content tree has errors; `errors` lists all of them, sorted by file and line."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(errors)
        head = "\n".join(str(e) for e in self.errors[:20])
        more = f"\n... and {len(self.errors) - 20} more" if len(self.errors) > 20 else ""
        super().__init__(f"{len(self.errors)} content error(s):\n{head}{more}")


@dataclass(frozen=True)
class Page:
    """A booklet page in one language: its front matter and Markdown body."""

    meta: BookletPage
    body: str
    file: str


@dataclass(frozen=True, eq=False)
class ContentLibrary:
    """The validated content, read-only. Built by `load_library()`; one per content version."""

    root: Path
    version: str
    questionnaires: Mapping[str, Questionnaire]
    plans: Mapping[str, FollowUpPlan]
    #: Booklet pages per language, sorted by (order, id).
    booklet: Mapping[str, tuple[Page, ...]]
    guidance: Guidance
    #: Rule files by file stem (`relais.triage.rules.RuleFile`); empty when triage is absent.
    rules: Mapping[str, Any]
    #: `relais.triage.rules.VitalsFile`, or None when there is no vitals.yaml.
    vitals: Any
    _items: Mapping[str, tuple[Questionnaire, Item]] = field(repr=False)
    _bundles: dict[str, Any] = field(default_factory=dict, repr=False)
    #: Children's content (`relais.content.children_schemas.ChildrenContent`): milestones, growth
    #: references, school checklist, wellbeing screens.
    children: Any = None
    #: Terms of use and privacy notice by id (`relais.content.consent_documents.ConsentDocument`).
    consent: Mapping[str, Any] = field(default_factory=dict)
    #: The danger signs of the guidelines and what captures each (content/coverage.yaml).
    coverage: Coverage | None = None
    #: What an adult's family members do not see unless the adult allows it: the item ids and the
    #: questionnaire ids (score keys) of private questionnaires, and the ids of private rules.
    private: frozenset[str] = frozenset()

    def questionnaire(self, qid: str) -> Questionnaire | None:
        return self.questionnaires.get(qid)

    def plan(self, plan_id: str) -> FollowUpPlan | None:
        return self.plans.get(plan_id)

    def pages(self, lang: str) -> tuple[Page, ...]:
        return self.booklet.get(lang, ())

    def page(self, lang: str, page_id: str) -> Page | None:
        return next((p for p in self.pages(lang) if p.meta.id == page_id), None)

    def item(self, item_id: str) -> tuple[Questionnaire, Item] | None:
        """A questionnaire item by its id (unique across questionnaires), with its questionnaire."""
        return self._items.get(item_id)

    def bundle(self, lang: str) -> Any:
        """The precomputed offline bundle for a language (`relais.content.bundle.Bundle`)."""
        from relais.content.bundle import bundle_entry

        return bundle_entry(self, lang)

    def bundle_for(self, lang: str, extras: dict[str, Any] | None = None) -> tuple[bytes, str]:
        """(JSON bytes, strong ETag) of the bundle, with per-person `extras` (e.g. team phones)."""
        from relais.content.bundle import bundle_for

        return bundle_for(self, lang, extras)


# ---------------------------------------------------------------------------------------------


class _Collector:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.errors: list[ContentError] = []

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path | str, line: int, message: str) -> None:
        rel = path if isinstance(path, str) else self.rel(path)
        self.errors.append(ContentError(rel, max(line, 1), message))


_AT = re.compile(r"^(?P<msg>.*?)(?: - at `(?P<path>\$[^`]*)`)?$", re.S)
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<key>[^`]+)`$")
_MISSING = re.compile(r"^Object missing required field `(?P<key>[^`]+)`$")


def _pretty_path(path: str) -> str:
    p = path.removeprefix("$").removeprefix(".")
    return p or "the top level"


def _where(doc: YamlDoc, path: str) -> str:
    """The path, and the id of the list entry it is in (a rule, an item), when it has one:
    ``rules[3].clinician (`adult_red_skin`)``."""
    where = _pretty_path(path)
    cut = path.rfind("]")
    if cut < 0:
        return where
    node, _ = doc.find(path[: cut + 1])
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            named = isinstance(k, yaml.ScalarNode) and k.value == "id"
            if named and isinstance(v, yaml.ScalarNode):
                return f"{where} (`{v.value}`)"
    return where


def _decode(col: _Collector, file: Path, doc: YamlDoc, kind: type[T]) -> T | None:
    """Convert parsed YAML to a schema struct, reporting the error at its line."""
    for line, key in doc.duplicate_keys():
        col.add(file, line, f"duplicate key `{key}`")
    if doc.data is None:
        col.add(file, 1, "the file is empty")
        return None
    try:
        obj = msgspec.convert(doc.data, kind)
    except msgspec.ValidationError as exc:
        m = _AT.match(str(exc))
        msg, path = (m.group("msg"), m.group("path") or "$") if m else (str(exc), "$")
        if u := _UNKNOWN.match(msg):
            key = u.group("key")
            col.add(file, doc.line_at(path, key), f"unknown key `{key}` in {_pretty_path(path)}")
        elif u := _MISSING.match(msg):
            key = u.group("key")
            col.add(file, doc.line_at(path), f"missing key `{key}` in {_where(doc, path)}")
        else:
            col.add(file, doc.line_at(path), f"{_pretty_path(path)}: {msg}")
        return None
    _check_texts(col, file, doc, obj)
    return obj


def _check_texts(col: _Collector, file: Path, doc: YamlDoc, obj: Any) -> None:
    for path, text in iter_texts(obj):
        where = _where(doc, path)
        for lang in LANGS:
            if lang not in text:
                col.add(file, doc.line_at(path), f"missing translation `{lang}` in {where}")
            elif not text[lang].strip():
                col.add(file, doc.line_at(path, lang), f"empty `{lang}` text in {where}")
        for lang in text:
            if lang not in LANGS:
                col.add(
                    file,
                    doc.line_at(path, lang),
                    f"unknown language `{lang}` in {where} (expected {', '.join(LANGS)})",
                )


def _read(col: _Collector, file: Path) -> str | None:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        col.add(file, 1, f"cannot read the file: {exc}")
        return None


def _parse(col: _Collector, file: Path) -> YamlDoc | None:
    text = _read(col, file)
    if text is None:
        return None
    try:
        return parse_yaml(text)
    except YamlSyntaxError as exc:
        col.add(file, exc.line, exc.message)
        return None


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))


def _check_id(col: _Collector, file: Path, doc: YamlDoc, ident: str) -> None:
    if ident != file.stem:
        col.add(
            file,
            doc.key_line("$.id"),
            f"id `{ident}` does not match the file name `{file.name}` (expected `{file.stem}`)",
        )
    if not ID_RE.match(ident):
        col.add(
            file, doc.key_line("$.id"), f"id `{ident}` must be lowercase letters, digits, _ or -"
        )


# ---------------------------------------------------------------------------------------------
# Questionnaires


def _check_questionnaire(col: _Collector, file: Path, doc: YamlDoc, q: Questionnaire) -> None:
    _check_id(col, file, doc, q.id)
    seen: set[str] = set()
    for i, item in enumerate(q.items):
        at = f"$.items[{i}]"
        if item.id in seen:
            col.add(file, doc.key_line(f"{at}.id"), f"duplicate item id `{item.id}`")
        seen.add(item.id)
        if item.type == "choice":
            if item.options is None:
                col.add(file, doc.line_at(at), f"choice item `{item.id}` has no options")
            elif isinstance(item.options, str):
                if item.options not in q.option_sets:
                    col.add(
                        file,
                        doc.key_line(f"{at}.options"),
                        f"item `{item.id}` names unknown option set `{item.options}`",
                    )
            elif not item.options:
                col.add(file, doc.key_line(f"{at}.options"), f"item `{item.id}` has no options")
            else:
                _check_option_values(col, file, doc, f"{at}.options", item.options)
        elif item.options is not None:
            col.add(
                file,
                doc.key_line(f"{at}.options"),
                f"item `{item.id}` of type {item.type} cannot have options",
            )
        if item.type == "number":
            if item.min is None or item.max is None:
                col.add(file, doc.line_at(at), f"number item `{item.id}` needs `min` and `max`")
            elif item.min > item.max:
                col.add(file, doc.key_line(f"{at}.min"), f"item `{item.id}`: min > max")
        else:
            for key in ("min", "max", "unit"):
                if getattr(item, key) is not None:
                    col.add(
                        file,
                        doc.key_line(f"{at}.{key}"),
                        f"`{key}` is only for number items (item `{item.id}` is {item.type})",
                    )
        if item.reverse and item.type != "choice":
            col.add(file, doc.key_line(f"{at}.reverse"), "`reverse` is only for choice items")
    for name, options in q.option_sets.items():
        if not options:
            col.add(file, doc.line_at(f"$.option_sets.{name}"), f"option set `{name}` is empty")
        _check_option_values(col, file, doc, f"$.option_sets.{name}", options)

    _check_picker(col, file, doc, q)
    if q.scored and q.scoring is None:
        col.add(file, doc.key_line("$.scored"), "`scored: true` needs a `scoring` block")
    if not q.scored and q.scoring is not None:
        col.add(file, doc.key_line("$.scoring"), "`scoring` given but `scored` is false")
    if q.scoring is not None:
        _check_scoring(col, file, doc, q)


def _check_picker(col: _Collector, file: Path, doc: YamlDoc, q: Questionnaire) -> None:
    """A picker lists yes/no items under its body areas, each with its phrases in every language;
    `area` and `phrases` belong to picker items only."""
    areas = [a.id for a in q.picker or []]
    if q.picker is not None and not areas:
        col.add(file, doc.key_line("$.picker"), "a picker needs at least one body area")
    if len(set(areas)) != len(areas):
        col.add(file, doc.key_line("$.picker"), "duplicate body area id in `picker`")
    used: set[str] = set()
    for i, item in enumerate(q.items):
        at = f"$.items[{i}]"
        if q.picker is None:
            for key in ("area", "phrases"):
                if getattr(item, key) is not None:
                    col.add(
                        file,
                        doc.key_line(f"{at}.{key}"),
                        f"`{key}` is only for the items of a picker (item `{item.id}`)",
                    )
            continue
        if item.type != "yesno":
            col.add(file, doc.key_line(f"{at}.type"), f"picker item `{item.id}` must be yesno")
        if item.area is None or item.area not in areas:
            col.add(
                file,
                doc.line_at(at),
                f"picker item `{item.id}` needs an `area` among: {', '.join(areas)}",
            )
        else:
            used.add(item.area)
        phrases = item.phrases or {}
        for lang in LANGS:
            words = [w for w in phrases.get(lang, []) if w.strip()]
            if not words:
                col.add(
                    file, doc.line_at(at), f"picker item `{item.id}` needs `phrases` in `{lang}`"
                )
        for lang, words in phrases.items():
            if lang not in LANGS:
                col.add(file, doc.line_at(f"{at}.phrases", lang), f"unknown language `{lang}`")
            for w in words:
                if w != w.lower().strip():
                    col.add(
                        file,
                        doc.line_at(f"{at}.phrases", lang),
                        f"phrase `{w}` of `{item.id}`: write phrases in lower case, no spaces "
                        "around",
                    )
    for area in areas:
        if q.picker is not None and area not in used:
            col.add(file, doc.key_line("$.picker"), f"body area `{area}` lists no item")


def _check_option_values(
    col: _Collector, file: Path, doc: YamlDoc, at: str, options: list[Any]
) -> None:
    values: set[int] = set()
    for j, opt in enumerate(options):
        if opt.value in values:
            col.add(file, doc.line_at(f"{at}[{j}]"), f"duplicate option value {opt.value}")
        values.add(opt.value)


def _fmt(x: Fraction | float) -> str:
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{float(x):.4g}"
    return f"{x:g}"


def _check_scoring(col: _Collector, file: Path, doc: YamlDoc, q: Questionnaire) -> None:
    assert q.scoring is not None
    by_id = {it.id: it for it in q.items}

    def ranges(item_ids: list[str], at: str) -> list[scoring.ItemRange] | None:
        out: list[scoring.ItemRange] = []
        ok = True
        for j, iid in enumerate(item_ids):
            item = by_id.get(iid)
            if item is None:
                col.add(
                    file,
                    doc.line_at(f"{at}[{j}]"),
                    f"{_pretty_path(at)} names unknown item `{iid}`",
                )
                ok = False
                continue
            rng = scoring.item_range(q, item)
            if rng is None:
                col.add(
                    file,
                    doc.line_at(f"{at}[{j}]"),
                    f"scoring item `{iid}` is not numeric (type {item.type})",
                )
                ok = False
                continue
            out.append(rng)
        return out if ok else None

    if q.scoring.items is not None:
        main = ranges(q.scoring.items, "$.scoring.items")
    else:
        main = [r for it in q.scored_items() if (r := scoring.item_range(q, it)) is not None]
    if main is not None and not main:
        col.add(file, doc.key_line("$.scoring"), "scoring has no numeric item to score")
        main = None

    sub_ids: set[str] = set()
    for k, sub in enumerate(q.scoring.subscales):
        at = f"$.scoring.subscales[{k}]"
        if sub.id in sub_ids:
            col.add(file, doc.line_at(at), f"duplicate subscale id `{sub.id}`")
        sub_ids.add(sub.id)
        ranges(sub.items, f"{at}.items")

    if main is None or not q.scoring.bands:
        return
    reach = scoring.reachable(main, q.scoring.method)
    _check_bands(col, file, doc, q, reach)


def _check_bands(
    col: _Collector, file: Path, doc: YamlDoc, q: Questionnaire, reach: scoring.Reachable
) -> None:
    assert q.scoring is not None
    bands = q.scoring.bands
    lines = {id(b): doc.line_at(f"$.scoring.bands[{i}]") for i, b in enumerate(bands)}
    ids: set[str] = set()
    for b in bands:
        if b.id in ids:
            col.add(file, lines[id(b)], f"duplicate band id `{b.id}`")
        ids.add(b.id)
        if b.min > b.max:
            col.add(file, lines[id(b)], f"band `{b.id}` has min {b.min} > max {b.max}")
    ordered = sorted(bands, key=lambda b: (b.min, b.max))
    integer = reach.values is not None and all(v.denominator == 1 for v in reach.values)
    integer = integer and all(isinstance(b.min, int) and isinstance(b.max, int) for b in bands)
    span = f"possible totals run from {_fmt(reach.low)} to {_fmt(reach.high)}"

    first, last = ordered[0], ordered[-1]
    if Fraction(first.min) > reach.low:
        col.add(
            file,
            lines[id(first)],
            f"bands leave a gap: totals from {_fmt(reach.low)} up to {_fmt(first.min)} "
            f"are in no band ({span})",
        )
    if Fraction(last.max) < reach.high:
        col.add(
            file,
            lines[id(last)],
            f"bands leave a gap: totals above {_fmt(last.max)} up to {_fmt(reach.high)} "
            f"are in no band ({span})",
        )
    if Fraction(first.min) < reach.low and Fraction(first.max) >= reach.low:
        col.add(
            file,
            lines[id(first)],
            f"band `{first.id}` starts at {_fmt(first.min)}, below the lowest possible total "
            f"({span})",
        )
    if Fraction(last.max) > reach.high and Fraction(last.min) <= reach.high:
        col.add(
            file,
            lines[id(last)],
            f"band `{last.id}` ends at {_fmt(last.max)}, above the highest possible total ({span})",
        )
    for prev, nxt in itertools.pairwise(ordered):
        if nxt.min <= prev.max:
            col.add(
                file,
                lines[id(nxt)],
                f"bands overlap: `{prev.id}` ({_fmt(prev.min)}-{_fmt(prev.max)}) and "
                f"`{nxt.id}` ({_fmt(nxt.min)}-{_fmt(nxt.max)})",
            )
        elif integer and nxt.min != prev.max + 1:
            col.add(
                file,
                lines[id(nxt)],
                f"bands leave a gap between `{prev.id}` (up to {_fmt(prev.max)}) and "
                f"`{nxt.id}` (from {_fmt(nxt.min)})",
            )
        elif not integer and reach.values is not None:
            inside = [v for v in reach.values if Fraction(prev.max) < v < Fraction(nxt.min)]
            if inside:
                col.add(
                    file,
                    lines[id(nxt)],
                    f"bands leave a gap between `{prev.id}` and `{nxt.id}`: "
                    f"total {_fmt(min(inside))} is in no band",
                )
    for b in bands:
        lo, hi = Fraction(b.min), Fraction(b.max)
        if reach.values is not None:
            unreachable = not any(lo <= v <= hi for v in reach.values)
        else:
            unreachable = hi < reach.low or lo > reach.high
        if unreachable and b.min <= b.max:
            col.add(
                file,
                lines[id(b)],
                f"band `{b.id}` ({_fmt(b.min)}-{_fmt(b.max)}) can never be reached: {span}",
            )


# ---------------------------------------------------------------------------------------------
# Plans


def _check_plan(
    col: _Collector, file: Path, doc: YamlDoc, plan: FollowUpPlan, known_q: set[str]
) -> None:
    _check_id(col, file, doc, plan.id)
    if plan.duration_days < 1:
        col.add(file, doc.key_line("$.duration_days"), "`duration_days` must be at least 1")
    cw = plan.critical_window
    if cw is not None and not (0 <= cw.from_day <= cw.to_day <= plan.duration_days):
        col.add(
            file,
            doc.line_at("$.critical_window"),
            "critical window must satisfy 0 <= from_day <= to_day <= duration_days",
        )
    seen: set[str] = set()
    for i, it in enumerate(plan.items):
        at = f"$.items[{i}]"
        line = doc.line_at(at)
        if it.id in seen:
            col.add(file, doc.key_line(f"{at}.id"), f"duplicate plan item id `{it.id}`")
        seen.add(it.id)
        if it.at_day is not None:
            if it.start_day is not None or it.end_day is not None or it.every_days is not None:
                col.add(
                    file,
                    line,
                    f"item `{it.id}`: give either `at_day` or `start_day`/`every_days`, not both",
                )
            if not 0 <= it.at_day <= plan.duration_days:
                col.add(
                    file,
                    doc.key_line(f"{at}.at_day"),
                    f"item `{it.id}`: at_day {it.at_day} is outside the plan "
                    f"(0-{plan.duration_days})",
                )
            if it.times_per_day != 1:
                col.add(file, line, f"item `{it.id}`: `times_per_day` is only for recurring items")
        else:
            if it.start_day is None or it.every_days is None:
                col.add(
                    file, line, f"item `{it.id}` needs `at_day`, or `start_day` and `every_days`"
                )
            else:
                end = it.end_day if it.end_day is not None else plan.duration_days
                if it.every_days < 1:
                    col.add(file, doc.key_line(f"{at}.every_days"), "`every_days` must be >= 1")
                if not 0 <= it.start_day <= end <= plan.duration_days:
                    col.add(
                        file,
                        line,
                        f"item `{it.id}`: days must satisfy 0 <= start_day <= end_day <= "
                        f"duration_days ({plan.duration_days})",
                    )
            if not 1 <= it.times_per_day <= 6:
                col.add(file, doc.key_line(f"{at}.times_per_day"), "`times_per_day` must be 1-6")
        if it.window_days < 0:
            col.add(file, doc.key_line(f"{at}.window_days"), "`window_days` must be >= 0")
        if it.kind in KINDS_WITH_QUESTIONNAIRES and not it.questionnaires:
            col.add(file, line, f"item `{it.id}` of kind {it.kind} must name a questionnaire")
        for j, qid in enumerate(it.questionnaires):
            if qid not in known_q:
                col.add(
                    file,
                    doc.line_at(f"{at}.questionnaires[{j}]"),
                    f"plan item `{it.id}` names unknown questionnaire `{qid}`",
                )


# ---------------------------------------------------------------------------------------------
# Booklet


def _load_booklet(col: _Collector, root: Path) -> dict[str, tuple[Page, ...]]:
    base = root / "booklet"
    pages: dict[str, dict[str, tuple[Page, YamlDoc]]] = {}
    present: dict[str, set[str]] = {}
    for lang in LANGS:
        folder = base / lang
        pages[lang] = {}
        present[lang] = set()
        if not folder.is_dir():
            if base.is_dir():
                col.add(folder, 1, f"missing booklet folder for `{lang}`")
            continue
        ids: dict[str, str] = {}
        for file in sorted(folder.iterdir()):
            if not file.is_file() or file.name.startswith("."):
                continue
            if not PAGE_NAME.match(file.name):
                col.add(
                    file, 1, "a booklet page is named `NN-slug.md` (e.g. `10-what-is-sepsis.md`)"
                )
                continue
            present[lang].add(file.name)
            loaded = _load_page(col, file)
            if loaded is None:
                continue
            page, doc = loaded
            if page.meta.id in ids:
                col.add(
                    file,
                    doc.key_line("$.id"),
                    f"duplicate page id `{page.meta.id}` (also in {ids[page.meta.id]})",
                )
                continue
            ids[page.meta.id] = file.name
            pages[lang][file.name] = (page, doc)
        for extra in sorted(p for p in base.iterdir() if p.is_dir() and p.name not in LANGS):
            col.add(extra, 1, f"unknown booklet language folder `{extra.name}`")
    _compare_langs(col, base, pages, present)
    return {
        lang: tuple(
            sorted((p for p, _ in by_name.values()), key=lambda p: (p.meta.order, p.meta.id))
        )
        for lang, by_name in pages.items()
    }


def _load_page(col: _Collector, file: Path) -> tuple[Page, YamlDoc] | None:
    text = _read(col, file)
    if text is None:
        return None
    try:
        fm, offset, body, body_line = split_front_matter(text)
        doc = parse_yaml(fm, offset=offset)
    except YamlSyntaxError as exc:
        col.add(file, exc.line, exc.message)
        return None
    meta = _decode(col, file, doc, BookletPage)
    if meta is None:
        return None
    ok = True
    for key in ("title", "summary", "source"):
        if not getattr(meta, key).strip():
            col.add(file, doc.key_line(f"$.{key}"), f"`{key}` is empty")
            ok = False
    if not body.strip():
        col.add(file, body_line, "the page has no body text")
        ok = False
    if not ID_RE.match(meta.id):
        col.add(file, doc.key_line("$.id"), f"id `{meta.id}` must be lowercase letters, digits, -")
        ok = False
    if not ok:
        return None
    return Page(meta=meta, body=body.strip() + "\n", file=col.rel(file)), doc


def _compare_langs(
    col: _Collector,
    base: Path,
    pages: dict[str, dict[str, tuple[Page, YamlDoc]]],
    present: dict[str, set[str]],
) -> None:
    """Same file names in every language, and the same id, section, audience and order."""
    first, *others = LANGS
    for lang in others:
        a, b = pages[first], pages[lang]
        for name in sorted(present[first] - present[lang]):
            col.add(
                base / first / name,
                1,
                f"page has no `{lang}` translation: booklet/{lang}/{name} is missing",
            )
        for name in sorted(present[lang] - present[first]):
            col.add(
                base / lang / name,
                1,
                f"page has no `{first}` translation: booklet/{first}/{name} is missing",
            )
        for name in sorted(set(a) & set(b)):
            (pa, _), (pb, doc) = a[name], b[name]
            for key in ("id", "section", "audience", "order"):
                va, vb = getattr(pa.meta, key), getattr(pb.meta, key)
                if va != vb:
                    col.add(
                        base / lang / name,
                        doc.key_line(f"$.{key}"),
                        f"`{key}` is `{vb}` here but `{va}` in booklet/{first}/{name}",
                    )


# ---------------------------------------------------------------------------------------------
# Guidance


def _check_guidance(col: _Collector, file: Path, doc: YamlDoc, g: Guidance) -> None:
    for path, text in iter_texts(g):
        names: dict[str, set[str]] = {}
        known = PLACEHOLDERS | (SHARING_PLACEHOLDERS if path.startswith("$.sharing") else set())
        for lang, value in text.items():
            names[lang] = set(PLACEHOLDER_RE.findall(value))
            for name in sorted(names[lang] - known):
                col.add(
                    file,
                    doc.line_at(path, lang),
                    f"unknown placeholder `{{{name}}}` (known: "
                    + ", ".join(f"{{{p}}}" for p in sorted(known))
                    + ")",
                )
        if len({frozenset(v) for v in names.values()}) > 1:
            col.add(
                file,
                doc.line_at(path),
                f"{_pretty_path(path)}: the languages do not use the same placeholders",
            )
    for level in ("red", "amber"):
        signs = getattr(g.levels, level).signs
        for who in ("adult", "child"):
            if not getattr(signs, who):
                col.add(
                    file,
                    doc.line_at(f"$.levels.{level}"),
                    f"`{level}` needs at least one `{who}` sign",
                )
    if "emergency_number" not in PLACEHOLDER_RE.findall(g.levels.red.action.get("en", "")):
        col.add(file, doc.key_line("$.levels.red.action"), "red action must use {emergency_number}")
    if "emergency_number" not in PLACEHOLDER_RE.findall(g.sharing.alerts_nobody.get("en", "")):
        col.add(
            file,
            doc.key_line("$.sharing.alerts_nobody"),
            "sharing.alerts_nobody must give {emergency_number}",
        )
    if "crisis_line" not in " ".join(str(t.get("en", "")) for _, t in iter_texts(g.self_harm)):
        col.add(file, doc.line_at("$.self_harm"), "self_harm must give {crisis_line}")


# ---------------------------------------------------------------------------------------------
# Rules and vital signs (schemas owned by relais.triage.rules)


def _triage() -> Any:
    try:
        return importlib.import_module(TRIAGE_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name is not None and TRIAGE_MODULE.startswith(exc.name):
            return None
        raise


def _load_triage(
    col: _Collector,
    root: Path,
    questionnaires: Mapping[str, Questionnaire],
    page_ids: set[str],
) -> tuple[dict[str, Any], Any]:
    mod = _triage()
    if mod is None:
        return {}, None
    rules: dict[str, Any] = {}
    docs: dict[str, tuple[Path, YamlDoc]] = {}
    for file in _yaml_files(root / "rules"):
        doc = _parse(col, file)
        if doc is None:
            continue
        if _without_clinician(col, file, doc):
            continue
        rf = _decode(col, file, doc, mod.RuleFile)
        if rf is not None and isinstance(getattr(rf, "id", None), str):
            _check_id(col, file, doc, rf.id)
        if rf is not None:
            rules[file.stem] = rf
            docs[file.stem] = (file, doc)
    vitals = None
    vfile = root / "vitals.yaml"
    vdoc = _parse(col, vfile) if vfile.is_file() else None
    if vdoc is not None:
        vitals = _decode(col, vfile, vdoc, mod.VitalsFile)
    check = getattr(mod, "check_references", None)
    if check is not None and (rules or vitals is not None):
        for rule_id, message in check(list(rules.values()), dict(questionnaires), vitals):
            rfile, line = _find_rule(docs, rule_id)
            col.add(rfile if rfile is not None else "rules", line, f"rule `{rule_id}`: {message}")
    for stem, rf in rules.items():
        file, doc = docs[stem]
        for i, rule in enumerate(rf.rules):
            at = f"$.rules[{i}]"
            for lang in LANGS:
                said = _plain(rule.clinician.get(lang, ""))
                if said and said == _plain(rule.reason.get(lang, "")):
                    col.add(
                        file,
                        doc.line_at(f"{at}.clinician", lang),
                        f"rule `{rule.id}`: the `clinician` wording repeats the person's `reason` "
                        f"in `{lang}`; write what the care team reads (the criterion, the source)",
                    )
            if rule.booklet is None:
                col.add(file, doc.line_at(at), f"rule `{rule.id}` names no `booklet` page")
            elif rule.booklet not in page_ids:
                col.add(
                    file,
                    doc.key_line(f"{at}.booklet"),
                    f"rule `{rule.id}`: unknown booklet page `{rule.booklet}`",
                )
    return rules, vitals


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(".")


def _without_clinician(col: _Collector, file: Path, doc: YamlDoc) -> bool:
    """Report every rule of a rule file that has no `clinician` wording (the care team reads it
    on the alert), each with its id and line; True when one has none (the file is not decoded,
    which would only say it again for the first)."""
    rules = doc.data.get("rules") if isinstance(doc.data, dict) else None
    found = False
    for i, rule in enumerate(rules if isinstance(rules, list) else []):
        if isinstance(rule, dict) and "clinician" not in rule:
            found = True
            col.add(
                file,
                doc.line_at(f"$.rules[{i}]"),
                f"rule `{rule.get('id', i)}` has no `clinician` wording: give the care team's "
                '{fr, en} text (the criterion in clinical terms, e.g. "SpO2 ≤ 91 % (NEWS2 scale '
                '1, scores 3)")',
            )
    return found


def _subjects(rule: Any) -> set[str]:
    """The items, vital signs and questionnaires a rule's condition reads."""
    out: set[str] = set()
    for c in rule.when.walk():
        if c.answer is not None:
            out.add(c.answer.item)
        elif c.vital is not None:
            out.add(c.vital.name)
        elif c.score is not None:
            out.add(c.score.questionnaire)
        elif c.trend is not None:
            out.add(c.trend.vital)
        elif c.baseline_drop is not None:
            out.add(c.baseline_drop.vital)
    return out


def _load_coverage(
    col: _Collector,
    root: Path,
    items: Mapping[str, tuple[Questionnaire, Item]],
    rules: Mapping[str, Any],
    vitals: Any,
) -> Coverage | None:
    """content/coverage.yaml: every row has an item and a rule that reads it, or a reason."""
    file = root / "coverage.yaml"
    if not file.is_file():
        return None
    doc = _parse(col, file)
    cov = _decode(col, file, doc, Coverage) if doc is not None else None
    if cov is None or doc is None:
        return None
    _check_id(col, file, doc, cov.id)
    by_id = {r.id: r for rf in rules.values() for r in rf.rules}
    vital_names = {v.name for v in vitals.vitals} if vitals is not None else set()
    for i, row in enumerate(cov.rows):
        at = f"$.rows[{i}]"
        sign = row.sign.get("en", "")
        if row.source not in cov.sources:
            col.add(file, doc.key_line(f"{at}.source"), f"`{sign}`: unknown source `{row.source}`")
        if row.left_out is not None:
            if row.item is not None or row.rule is not None:
                col.add(file, doc.line_at(at), f"`{sign}`: `left_out` and an item or rule together")
            continue
        if row.item is None or row.rule is None:
            col.add(
                file,
                doc.line_at(at),
                f"`{sign}`: no {'item' if row.item is None else 'rule'} captures this sign "
                "(give both `item` and `rule`, or `left_out` with the reason)",
            )
            continue
        if row.item not in items and row.item not in vital_names:
            col.add(file, doc.key_line(f"{at}.item"), f"`{sign}`: unknown item `{row.item}`")
        rule = by_id.get(row.rule)
        if rule is None:
            col.add(file, doc.key_line(f"{at}.rule"), f"`{sign}`: unknown rule `{row.rule}`")
            continue
        if row.item not in _subjects(rule):
            col.add(
                file,
                doc.key_line(f"{at}.rule"),
                f"`{sign}`: rule `{row.rule}` does not read `{row.item}`",
            )
        group = rule.applies_to.group
        if row.group != "any" and group not in ("any", row.group):
            col.add(
                file,
                doc.key_line(f"{at}.rule"),
                f"`{sign}`: rule `{row.rule}` is for the {group} group, the sign for {row.group}",
            )
    return cov


def _find_rule(docs: Mapping[str, tuple[Path, YamlDoc]], rule_id: str) -> tuple[Path | None, int]:
    for file, doc in docs.values():
        stack = [doc.node] if doc.node is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == "id" and isinstance(v, yaml.ScalarNode) and v.value == rule_id:
                        return file, doc.line_of(node)
                    stack.append(v)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
    return None, 1


# ---------------------------------------------------------------------------------------------


def content_version(root: Path) -> str:
    """Short sha256 over every file of the tree (sorted relative paths and bytes)."""
    h = hashlib.sha256()
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    for p in files:
        rel = p.relative_to(root).as_posix().encode()
        data = p.read_bytes()
        h.update(len(rel).to_bytes(4, "big") + rel + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()[:16]


def validate(root: Path | str | None = None) -> tuple[ContentLibrary | None, list[ContentError]]:
    """Load a tree and return (library or None, every error). Never raises for content errors."""
    root = Path(root) if root is not None else default_content_dir()
    col = _Collector(root)
    if not root.is_dir():
        col.add(root.as_posix(), 1, "content folder not found")
        return None, col.errors

    questionnaires: dict[str, Questionnaire] = {}
    items: dict[str, tuple[Questionnaire, Item]] = {}
    item_where: dict[str, str] = {}
    q_files = _yaml_files(root / "questionnaires")
    for file in q_files:
        doc = _parse(col, file)
        q = _decode(col, file, doc, Questionnaire) if doc is not None else None
        if q is None or doc is None:
            continue
        _check_questionnaire(col, file, doc, q)
        if q.id in questionnaires:
            col.add(file, doc.key_line("$.id"), f"duplicate questionnaire id `{q.id}`")
            continue
        questionnaires[q.id] = q
        for i, item in enumerate(q.items):
            if item.id in item_where and item_where[item.id] != file.name:
                col.add(
                    file,
                    doc.key_line(f"$.items[{i}].id"),
                    f"duplicate item id `{item.id}` (also in questionnaires/{item_where[item.id]})",
                )
            else:
                item_where[item.id] = file.name
                items[item.id] = (q, item)
    known_q = {f.stem for f in q_files}

    plans: dict[str, FollowUpPlan] = {}
    for file in _yaml_files(root / "plans"):
        doc = _parse(col, file)
        plan = _decode(col, file, doc, FollowUpPlan) if doc is not None else None
        if plan is None or doc is None:
            continue
        _check_plan(col, file, doc, plan, known_q)
        if plan.id in plans:
            col.add(file, doc.key_line("$.id"), f"duplicate plan id `{plan.id}`")
            continue
        plans[plan.id] = plan

    booklet = _load_booklet(col, root)

    guidance: Guidance | None = None
    gfile = root / "guidance" / "escalation.yaml"
    if not gfile.is_file():
        col.add("guidance/escalation.yaml", 1, "the escalation guidance file is missing")
    else:
        gdoc = _parse(col, gfile)
        guidance = _decode(col, gfile, gdoc, Guidance) if gdoc is not None else None
        if guidance is not None and gdoc is not None:
            _check_guidance(col, gfile, gdoc, guidance)

    page_ids = {p.meta.id for pages in booklet.values() for p in pages}
    rules, vitals = _load_triage(col, root, questionnaires, page_ids)
    coverage = _load_coverage(col, root, items, rules, vitals)

    # Consent documents (content/consent/<lang>/<id>.md): relais.content.consent_documents.
    consent = load_consent_documents(root, col.add)

    # Children's content (milestones, growth, school, wellbeing): relais.content.children_schemas.
    from relais.content.children_schemas import load_children

    children = load_children(
        root,
        questionnaires,
        lambda f: _parse(col, f),
        lambda f, d, kind: _decode(col, f, d, kind),
        col.add,
        lambda f, d, ident: _check_id(col, f, d, ident),
    )

    if col.errors or guidance is None:
        return None, sorted(col.errors)
    library = ContentLibrary(
        root=root,
        version=content_version(root),
        questionnaires=MappingProxyType(questionnaires),
        plans=MappingProxyType(plans),
        booklet=MappingProxyType(booklet),
        guidance=guidance,
        rules=MappingProxyType(rules),
        vitals=vitals,
        _items=MappingProxyType(items),
        consent=MappingProxyType(consent),
        children=children,
        coverage=coverage,
        private=frozenset(
            [
                *(q.id for q in questionnaires.values() if q.private),
                *(it.id for q in questionnaires.values() if q.private for it in q.items),
                *(r.id for f in rules.values() if getattr(f, "private", False) for r in f.rules),
            ]
        ),
    )
    return library, []


def load_library(root: Path | str | None = None) -> ContentLibrary:
    """Load and validate a content tree (default: `content/` at the repository root).

    Raises `ContentInvalid` listing every error. The offline bundles of every language are built
    here, once, so that serving them costs nothing.
    """
    library, errors = validate(root)
    if errors or library is None:
        raise ContentInvalid(errors)
    from relais.content.bundle import build_all

    build_all(library)
    return library
