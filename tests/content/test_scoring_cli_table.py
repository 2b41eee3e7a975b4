from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from relais.content import load_library
from relais.content.cli import content
from relais.content.loader import default_content_dir
from relais.content.scoring import score
from relais.content.table import current_table, render

from .conftest import VALID


def test_score_applies_reverse_bands_and_subscales() -> None:
    q = load_library(VALID).questionnaires["mood"]
    result = score(q, {"mood_1": 2, "mood_2": 0})  # mood_2 reversed: 0 -> 3
    assert result is not None
    assert result.total == 5 and result.band == "high"
    assert [(s.id, s.total) for s in result.subscales] == [("mood_low", 2)]
    missing = score(q, {"mood_1": 2})
    assert missing is not None and missing.band is None and missing.missing == ["mood_2"]


def test_phq9_bands_cover_0_to_27() -> None:
    q = load_library().questionnaires["phq9"]
    for answer, band in [(0, "minimal"), (1, "mild"), (2, "moderately_severe"), (3, "severe")]:
        result = score(q, {f"phq9_{i}": answer for i in range(1, 10)})
        assert result is not None and result.band == band


def test_check_command_lists_errors_with_path_and_line(make_tree: Callable[..., Path]) -> None:
    root = make_tree("unknown_questionnaire")
    result = CliRunner().invoke(content, ["check", str(root)])
    assert result.exit_code == 1
    assert f"{root.as_posix()}/plans/plan_d.yaml:13: plan item `once`" in result.output


def test_check_command_prints_version_on_success() -> None:
    result = CliRunner().invoke(content, ["check", str(VALID)])
    assert result.exit_code == 0, result.output
    assert f"version {load_library(VALID).version}" in result.output
    assert "1 questionnaires, 1 plans" in result.output


def test_new_page_creates_valid_stubs_in_both_languages(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    result = CliRunner().invoke(
        content,
        ["new-page", "--id", "going-out", "--section", "after-effects", "--root", str(root)],
    )
    assert result.exit_code == 0, result.output
    assert (root / "booklet/fr/11-going-out.md").exists()
    library = load_library(root)
    assert [p.meta.id for p in library.pages("en")] == ["hello", "going-out"]
    again = CliRunner().invoke(
        content, ["new-page", "--id", "going-out", "--section", "family", "--root", str(root)]
    )
    assert again.exit_code != 0


def test_readme_table_lists_every_item() -> None:
    library = load_library()
    readme = (default_content_dir() / "README.md").read_text(encoding="utf-8")
    assert current_table(readme) == render(library), (
        "content/README.md is out of date: run `python -m relais.content.table --write`"
    )
    for qid in library.questionnaires:
        assert f"| questionnaire | {qid} |" in readme
    for page in library.pages("en"):
        assert f"| booklet page | {page.meta.id} |" in readme


def test_coverage_page_is_up_to_date_and_counts_every_row() -> None:
    from relais.content.table import COVERAGE_PAGE, render_coverage

    library = load_library()
    assert library.coverage is not None, "content/coverage.yaml is missing"
    page = (default_content_dir() / COVERAGE_PAGE).read_text(encoding="utf-8")
    assert page == render_coverage(library), (
        "content/coverage.md is out of date: run `python -m relais.content.table --write`"
    )
    rows = library.coverage.rows
    assert f"| **all** | {len(rows)} |" in page
    for key in library.coverage.sources:
        assert f"| {key} | {sum(1 for r in rows if r.source == key)} |" in page
