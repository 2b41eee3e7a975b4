"""The terms of use and the privacy notice as versioned content: ``content/consent/<lang>/<id>.md``.

Each document is a Markdown page with a front matter block, one file per language, the same
``id``, ``version`` and ``effective_on`` in every language. Raising ``version`` asks every person to
accept the document again. The content loader calls ``load_consent_documents`` and keeps the result
in ``ContentLibrary.consent``; a tree without a ``consent/`` folder simply has no documents.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from relais.content.schemas import LANGS, PLACEHOLDERS
from relais.content.yamlsrc import YamlSyntaxError, parse_yaml, split_front_matter

DOCUMENT_IDS: tuple[str, ...] = ("terms", "privacy")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

AddError = Callable[[Path | str, int, str], None]


class ConsentMeta(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Front matter of one consent document in one language."""

    id: Literal["terms", "privacy"]
    title: str
    version: Annotated[int, msgspec.Meta(ge=1)]
    effective_on: datetime.date
    summary: str
    source: str
    reviewed_on: datetime.date


@dataclass(frozen=True)
class ConsentDocument:
    """One document in every language."""

    id: str
    version: int
    effective_on: datetime.date
    source: str
    reviewed_on: datetime.date
    title: dict[str, str]
    summary: dict[str, str]
    body: dict[str, str]

    def text(self, lang: str) -> tuple[str, str, str]:
        """(title, summary, body) in ``lang``, French when the language is unknown."""
        lang = lang if lang in self.title else LANGS[0]
        return self.title[lang], self.summary[lang], self.body[lang]


def _load_one(file: Path, rel: str, add: AddError) -> tuple[ConsentMeta, str] | None:
    try:
        text = file.read_text(encoding="utf-8")
        fm, offset, body, body_line = split_front_matter(text)
        doc = parse_yaml(fm, offset=offset)
    except (OSError, UnicodeDecodeError) as exc:
        add(rel, 1, f"cannot read the file: {exc}")
        return None
    except YamlSyntaxError as exc:
        add(rel, exc.line, exc.message)
        return None
    try:
        meta = msgspec.convert(doc.data, ConsentMeta)
    except msgspec.ValidationError as exc:
        add(rel, 1, f"front matter: {exc}")
        return None
    ok = True
    if meta.id != file.stem:
        add(rel, doc.key_line("$.id"), f"id `{meta.id}` does not match the file name")
        ok = False
    for key in ("title", "summary", "source"):
        if not getattr(meta, key).strip():
            add(rel, doc.key_line(f"$.{key}"), f"`{key}` is empty")
            ok = False
    if not body.strip():
        add(rel, body_line, "the document has no body text")
        ok = False
    for name in sorted(set(_PLACEHOLDER.findall(body)) - PLACEHOLDERS):
        add(rel, body_line, f"unknown placeholder `{{{name}}}`")
        ok = False
    return (meta, body.strip() + "\n") if ok else None


def load_consent_documents(root: Path, add: AddError) -> dict[str, ConsentDocument]:
    """Read ``root/consent``; report every problem through ``add(path, line, message)``."""
    base = root / "consent"
    if not base.is_dir():
        return {}
    found: dict[str, dict[str, tuple[ConsentMeta, str]]] = {}
    for lang in LANGS:
        folder = base / lang
        if not folder.is_dir():
            add(f"consent/{lang}", 1, f"missing consent folder for `{lang}`")
            continue
        for file in sorted(folder.glob("*.md")):
            rel = f"consent/{lang}/{file.name}"
            if file.stem not in DOCUMENT_IDS:
                add(rel, 1, f"unknown consent document (expected one of {', '.join(DOCUMENT_IDS)})")
                continue
            loaded = _load_one(file, rel, add)
            if loaded is not None:
                found.setdefault(file.stem, {})[lang] = loaded
    out: dict[str, ConsentDocument] = {}
    for doc_id in DOCUMENT_IDS:
        by_lang = found.get(doc_id, {})
        missing = [lang for lang in LANGS if lang not in by_lang]
        if missing:
            for lang in missing:
                add(f"consent/{lang}/{doc_id}.md", 1, f"`{doc_id}` has no valid `{lang}` version")
            continue
        first = by_lang[LANGS[0]][0]
        agree = True
        for lang in LANGS[1:]:
            meta, body = by_lang[lang]
            for key in ("version", "effective_on"):
                if getattr(meta, key) != getattr(first, key):
                    add(
                        f"consent/{lang}/{doc_id}.md",
                        1,
                        f"`{key}` is {getattr(meta, key)} here but {getattr(first, key)} in "
                        f"consent/{LANGS[0]}/{doc_id}.md",
                    )
                    agree = False
            if set(_PLACEHOLDER.findall(body)) != set(_PLACEHOLDER.findall(by_lang[LANGS[0]][1])):
                add(
                    f"consent/{lang}/{doc_id}.md",
                    1,
                    "the languages do not use the same placeholders",
                )
                agree = False
        if not agree:
            continue
        out[doc_id] = ConsentDocument(
            id=doc_id,
            version=first.version,
            effective_on=first.effective_on,
            source=first.source,
            reviewed_on=first.reviewed_on,
            title={lang: by_lang[lang][0].title for lang in LANGS},
            summary={lang: by_lang[lang][0].summary for lang in LANGS},
            body={lang: by_lang[lang][1] for lang in LANGS},
        )
    return out
