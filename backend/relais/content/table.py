"""The table of every content item for content/README.md.

    python -m relais.content.table            # print the table
    python -m relais.content.table --write    # replace the table in content/README.md

A test compares the README with this output, so the table cannot go stale.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from relais.content.loader import ContentLibrary, load_library

START = "<!-- content-table:start -->"
END = "<!-- content-table:end -->"
HEADER = ("kind", "id", "title (en)", "source", "licence", "reviewed on")


def _en(text: Any) -> str:
    if isinstance(text, dict):
        return str(text.get("en", ""))
    return str(text or "")


def rows(library: ContentLibrary) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for q in sorted(library.questionnaires.values(), key=lambda q: q.id):
        out.append(("questionnaire", q.id, _en(q.title), q.source, q.licence, str(q.reviewed_on)))
    for p in sorted(library.plans.values(), key=lambda p: p.id):
        out.append(("plan", p.id, _en(p.title), p.source, "-", str(p.reviewed_on)))
    for page in library.pages("en"):
        m = page.meta
        out.append(("booklet page", m.id, m.title, m.source, "-", str(m.reviewed_on)))
    g = library.guidance
    out.append(
        ("guidance", "escalation", "Escalation guidance", _en(g.source), "-", str(g.reviewed_on))
    )
    for stem, rf in sorted(library.rules.items()):
        out.append(
            (
                "rules",
                str(getattr(rf, "id", stem)),
                _en(getattr(rf, "title", "")),
                str(getattr(rf, "source", "")),
                "-",
                str(getattr(rf, "reviewed_on", "")),
            )
        )
    if library.vitals is not None:
        v = library.vitals
        out.append(
            (
                "vitals",
                "vitals",
                "Vital signs",
                str(getattr(v, "source", "")),
                "-",
                str(getattr(v, "reviewed_on", "")),
            )
        )
    for doc in library.consent.values():
        title = f"{doc.title['en']} (v{doc.version})"
        out.append(("consent", doc.id, title, doc.source, "-", str(doc.reviewed_on)))
    if library.children is not None:  # children's content kinds (children_schemas.py)
        from relais.content.children_schemas import table_rows

        out += table_rows(library.children)
    return out


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def render(library: ContentLibrary) -> str:
    lines = [
        "| " + " | ".join(HEADER) + " |",
        "|" + "|".join("---" for _ in HEADER) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows(library)]
    return "\n".join(lines) + "\n"


def replace_table(readme: str, table: str) -> str:
    head, sep, rest = readme.partition(START)
    if not sep or END not in rest:
        raise ValueError(f"README has no {START} ... {END} block")
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table}{END}{tail}"


def current_table(readme: str) -> str:
    _, _, rest = readme.partition(START)
    return rest.partition(END)[0].lstrip("\n")


COVERAGE_PAGE = "coverage.md"
COVERAGE_INTRO = """# Coverage of the danger signs

Every danger sign of the guidelines Relais follows, with the question (or vital sign) that lets a
person say it and the rule that decides what to do, or the reason it is left out. Made from
`coverage.yaml` by `python -m relais.content.table --write`; `relais content check` fails when a
row has no item or no rule and gives no reason, and a test fails when this page is out of date.
"""


def render_coverage(library: ContentLibrary) -> str:
    """The coverage page: counts per source, then one table per source."""
    cov = library.coverage
    if cov is None:
        return ""
    levels = {r.id: r.level for rf in library.rules.values() for r in rf.rules}
    lines = [COVERAGE_INTRO, "| source | signs | captured | red | amber | left out |"]
    lines.append("|---|---|---|---|---|---|")
    for key in cov.sources:
        rows_of = [r for r in cov.rows if r.source == key]
        got = [r for r in rows_of if r.rule is not None]
        red = sum(1 for r in got if levels.get(r.rule or "") == "red")
        lines.append(
            f"| {key} | {len(rows_of)} | {len(got)} | {red} | {len(got) - red} "
            f"| {len(rows_of) - len(got)} |"
        )
    got_all = sum(1 for r in cov.rows if r.rule is not None)
    lines.append(f"| **all** | {len(cov.rows)} | {got_all} | | | {len(cov.rows) - got_all} |")
    for key, citation in cov.sources.items():
        lines += ["", f"## {key}: {_cell(citation)}", ""]
        lines.append("| sign | group | list or column | captured by | rule | level or reason |")
        lines.append("|---|---|---|---|---|---|")
        for r in (r for r in cov.rows if r.source == key):
            if r.rule is None:
                what = "left out: " + _cell((r.left_out or {}).get("en", ""))
                lines.append(
                    f"| {_cell(r.sign['en'])} | {r.group} | {_cell(r.column)} | - | - | {what} |"
                )
            else:
                lines.append(
                    f"| {_cell(r.sign['en'])} | {r.group} | {_cell(r.column)} | `{r.item}` "
                    f"| `{r.rule}` | {levels.get(r.rule, '?')} |"
                )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    library = load_library()
    table = render(library)
    coverage = render_coverage(library)
    if "--write" in args:
        readme = library.root / "README.md"
        readme.write_text(replace_table(readme.read_text(encoding="utf-8"), table), "utf-8")
        print(f"updated {Path(readme)}")
        if coverage:
            page = library.root / COVERAGE_PAGE
            page.write_text(coverage, "utf-8")
            print(f"updated {page}")
    else:
        sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
