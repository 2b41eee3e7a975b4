"""The check-in's safety content: every danger sign of the guidelines is captured by an item and a
rule (or left out with a reason), every rule links to the booklet page that explains it, and the
symptom picker's items can be found by the words people use."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from relais.content.loader import ContentLibrary, default_content_dir, load_library, validate

SOURCES = {"NG51", "NG143", "NHS", "UKST", "HAS2025"}


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library()


@pytest.fixture
def tree(tmp_path: Path) -> Callable[[], Path]:
    def make() -> Path:
        root = tmp_path / "content"
        shutil.copytree(default_content_dir(), root)
        return root

    return make


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_source_has_rows_and_every_row_is_captured_or_explained(
    library: ContentLibrary,
) -> None:
    cov = library.coverage
    assert cov is not None
    assert set(cov.sources) == SOURCES
    for key in SOURCES:
        assert sum(1 for r in cov.rows if r.source == key) >= 5, key
    rules = {r.id: r for rf in library.rules.values() for r in rf.rules}
    for row in cov.rows:
        if row.left_out is None:
            assert row.rule in rules and row.item is not None, row.sign
        else:
            assert row.left_out["fr"].strip() and row.left_out["en"].strip()
    # Both groups are covered by captured red signs.
    for group in ("adult", "child"):
        assert any(
            r.group == group and r.rule is not None and rules[r.rule].level == "red"
            for r in cov.rows
        ), group


def test_every_rule_names_a_booklet_page_that_exists(library: ContentLibrary) -> None:
    pages = {p.meta.id for p in library.pages("fr")}
    for rf in library.rules.values():
        for rule in rf.rules:
            assert rule.booklet in pages, rule.id


def test_the_pickers_say_self_harm_on_any_day(library: ContentLibrary) -> None:
    rules = [r for rf in library.rules.values() for r in rf.rules]
    for qid in ("symptoms_adult", "symptoms_child"):
        q = library.questionnaires[qid]
        assert q.picker, qid
        ids = {item.id for item in q.items}
        harm = [
            r
            for r in rules
            if r.show == "self_harm"
            and any(c.answer is not None and c.answer.item in ids for c in r.when.walk())
        ]
        assert harm, f"{qid}: no self-harm item leading to the crisis line"
        assert all(r.level == "red" and r.is_urgent for r in harm)


def test_every_picker_item_has_a_rule_with_source_rationale_and_vectors(
    library: ContentLibrary,
) -> None:
    rules = [r for rf in library.rules.values() for r in rf.rules]
    vectors = "".join(
        p.read_text("utf-8") for p in (default_content_dir() / "rules" / "vectors").glob("*.yaml")
    )
    for qid in ("symptoms_adult", "symptoms_child"):
        for item in library.questionnaires[qid].items:
            mine = [
                r
                for r in rules
                if any(c.answer is not None and c.answer.item == item.id for c in r.when.walk())
            ]
            assert mine, f"picker item {item.id} has no rule"
            for rule in mine:
                assert rule.source.strip() and rule.rationale is not None, rule.id
                assert re.search(rf"\b{rule.id}\b", vectors), f"no vector fires {rule.id}"


def test_a_coverage_row_with_no_rule_and_no_reason_fails_the_check(
    tree: Callable[[], Path],
) -> None:
    root = tree()
    text = (root / "coverage.yaml").read_text(encoding="utf-8")
    rule_line = re.search(r"\n(\s+)rule: (\S+)\n", text)
    assert rule_line is not None
    (root / "coverage.yaml").write_text(text.replace(rule_line.group(0), "\n", 1), "utf-8")
    _, errors = validate(root)
    assert any(
        e.path == "coverage.yaml" and "no rule captures this sign" in e.message for e in errors
    ), errors


def test_a_coverage_row_whose_rule_reads_another_item_fails(tree: Callable[[], Path]) -> None:
    root = tree()
    text = (root / "coverage.yaml").read_text(encoding="utf-8")
    m = re.search(r"item: (da_confusion|dc_fit|sa_\w+)\n(\s+)rule: (\S+)", text)
    assert m is not None
    (root / "coverage.yaml").write_text(
        text.replace(m.group(0), f"item: temperature\n{m.group(2)}rule: {m.group(3)}", 1), "utf-8"
    )
    _, errors = validate(root)
    assert any("does not read `temperature`" in e.message for e in errors), errors


def test_a_rule_without_a_booklet_page_or_with_an_unknown_one_fails(
    tree: Callable[[], Path],
) -> None:
    root = tree()
    path = root / "rules" / "adult_symptoms.yaml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"\n\s+booklet: (\S+)", text)
    assert first is not None
    text = text.replace(first.group(0), "", 1)
    second = re.search(r"booklet: (\S+)", text)
    assert second is not None
    path.write_text(text.replace(second.group(0), "booklet: no-such-page", 1), "utf-8")
    _, errors = validate(root)
    messages = [e.message for e in errors if e.path == "rules/adult_symptoms.yaml"]
    assert any("names no `booklet` page" in m for m in messages), errors
    assert any("unknown booklet page `no-such-page`" in m for m in messages), errors


def test_a_picker_item_needs_an_area_and_phrases_in_both_languages(
    tree: Callable[[], Path],
) -> None:
    root = tree()
    path = root / "questionnaires" / "symptoms_adult.yaml"
    text = path.read_text(encoding="utf-8")
    area = re.search(r"\n\s+area: \S+", text)
    assert area is not None
    text = text.replace(area.group(0), "\n    area: nowhere", 1)
    en = re.search(r"\n(\s+)en: \[[^\]]*\]", text[text.index("phrases") :])
    assert en is not None
    text = text.replace(en.group(0), "", 1)
    path.write_text(text, "utf-8")
    _, errors = validate(root)
    messages = [e.message for e in errors if e.path == "questionnaires/symptoms_adult.yaml"]
    assert any("needs an `area` among" in m for m in messages), errors
    assert any("needs `phrases` in `en`" in m for m in messages), errors


def test_a_plan_for_adults_refuses_a_child_and_any_fits_all(library: ContentLibrary) -> None:
    import datetime as dt

    from relais.care.service import plan_misfit

    today = dt.date(2026, 12, 7)
    two = dt.date(2024, 12, 1)
    forty = dt.date(1986, 1, 1)
    assert plan_misfit(library, "adult_post_sepsis", two, today).startswith(
        "This follow-up plan is for adults"
    )
    assert plan_misfit(library, "child_post_sepsis", forty, today).startswith(
        "This follow-up plan is for children"
    )
    assert plan_misfit(library, "acute_infection_home", two, today) == ""
    assert plan_misfit(library, "acute_infection_home", forty, today) == ""
    # The 18th birthday is the day a person becomes an adult.
    assert plan_misfit(library, "adult_post_sepsis", dt.date(2008, 12, 7), today) == ""
    assert plan_misfit(library, "adult_post_sepsis", dt.date(2008, 12, 8), today) != ""
