"""`relais content ...`: check a content tree, start a booklet page."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from relais.content.loader import default_content_dir, validate
from relais.content.schemas import LANGS, SECTIONS


@click.group("content")
def content() -> None:
    """Check and edit the content library (booklet, guidance, questionnaires, plans, rules)."""


@content.command("check")
@click.argument(
    "path", required=False, type=click.Path(file_okay=False, path_type=Path), default=None
)
def check(path: Path | None) -> None:
    """Validate a content tree (default: the built-in one); list every error as path:line."""
    root = path if path is not None else default_content_dir()
    library, errors = validate(root)
    if errors or library is None:
        for err in errors:
            click.echo(f"{(root / err.path).as_posix()}:{err.line}: {err.message}")
        click.echo(f"{len(errors)} error(s) in {root}", err=True)
        sys.exit(1)
    pages = {lang: len(library.pages(lang)) for lang in LANGS}
    rules = sum(len(getattr(f, "rules", [])) for f in library.rules.values())
    click.echo(f"content {root}: OK, version {library.version}")
    click.echo(
        f"  {len(library.questionnaires)} questionnaires, {len(library.plans)} plans, "
        + ", ".join(f"{n} booklet pages ({lang})" for lang, n in pages.items())
        + f", {rules} rules in {len(library.rules)} files"
        + (", vitals" if library.vitals is not None else "")
    )


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_STUB = """---
id: {id}
title: {title}
section: {section}
audience: {audience}
order: {order}
source: "{source}"
reviewed_on: {today}
summary: {summary}
---
{body}
"""

_STUB_TEXT = {
    "fr": (
        "Titre à écrire",
        "Une phrase qui résume la page.",
        "Le texte de la page, en phrases courtes.",
    ),
    "en": (
        "Title to write",
        "One sentence that sums up the page.",
        "The page text, in short sentences.",
    ),
}


@content.command("new-page")
@click.option("--id", "page_id", required=True, help="Page id, e.g. going-back-to-school.")
@click.option("--section", required=True, type=click.Choice(list(SECTIONS)))
@click.option(
    "--audience", default="all", show_default=True, type=click.Choice(["all", "adult", "child"])
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Content tree (default: the built-in one).",
)
def new_page(page_id: str, section: str, audience: str, root: Path | None) -> None:
    """Create the French and English stubs of a booklet page, numbered after the last one."""
    import datetime

    if not _SLUG.match(page_id):
        raise click.BadParameter("lowercase letters, digits and single dashes", param_hint="--id")
    root = root if root is not None else default_content_dir()
    numbers = [0]
    for lang in LANGS:
        folder = root / "booklet" / lang
        for p in folder.glob("*.md") if folder.is_dir() else []:
            if p.name[:2].isdigit():
                numbers.append(int(p.name[:2]))
            if p.stem[3:] == page_id:
                raise click.ClickException(f"{p} already exists")
    number = max(numbers) + 1
    if number > 99:
        raise click.ClickException("no page number left (pages are numbered 01 to 99)")
    name = f"{number:02d}-{page_id}.md"
    for lang in LANGS:
        title, summary, body = _STUB_TEXT.get(lang, _STUB_TEXT["en"])
        folder = root / "booklet" / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(
            _STUB.format(
                id=page_id,
                title=title,
                section=section,
                audience=audience,
                order=number * 10,
                source="to fill: seed file or public guideline with year",
                today=datetime.date.today().isoformat(),
                summary=summary,
                body=body,
            ),
            encoding="utf-8",
        )
        click.echo((folder / name).as_posix())
