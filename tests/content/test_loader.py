from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from relais.content import ContentInvalid, load_library
from relais.content.loader import ContentError, default_content_dir, validate

from .conftest import BROKEN, VALID


def test_the_shipped_content_loads_with_no_error() -> None:
    library, errors = validate(default_content_dir())
    assert errors == [], "\n".join(map(str, errors))
    assert library is not None
    expected = {
        "phq9", "gad7", "pcl5", "pcfs", "pain_nrs", "mmrc", "fatigue", "sleep",
        "function_daily", "experience", "parent_wellbeing", "child_stress",
        "daily_adult", "daily_child",
    }  # fmt: skip
    assert expected <= set(library.questionnaires)
    assert {
        "adult_post_sepsis",
        "child_post_sepsis",
        "acute_infection_home",
        "mild_head_injury",
    } <= set(library.plans)
    assert len(library.pages("fr")) == len(library.pages("en")) > 0
    assert library.rules, "the triage rules are loaded"
    assert library.vitals is not None


def test_the_shipped_phq9_has_its_self_harm_item() -> None:
    library = load_library()
    found = library.item("phq9_9")
    assert found is not None and found[0].id == "phq9"


def test_valid_fixture_tree_loads() -> None:
    library = load_library(VALID)
    assert set(library.questionnaires) == {"mood"}
    assert [p.meta.id for p in library.pages("en")] == ["hello"]
    assert library.pages("fr")[0].meta.title == "Bonjour"
    assert len(library.version) == 16


# (broken fixture, file, line, part of the message)
CASES = [
    ("unknown_key", "questionnaires/extra.yaml", 15, "unknown key `colour` in items[1]"),
    ("missing_translation", "plans/plan_b.yaml", 2, "missing translation `en` in title"),
    (
        "missing_guidance_translation",
        "guidance/escalation.yaml",
        18,
        "empty `en` text in levels.amber.signs.adult[0]",
    ),
    ("bad_yaml", "questionnaires/badq.yaml", 12, "YAML syntax error"),
    (
        "duplicate_id",
        "questionnaires/other.yaml",
        10,
        "duplicate item id `mood_1` (also in questionnaires/mood.yaml)",
    ),
    (
        "id_mismatch",
        "plans/plan_c.yaml",
        1,
        "id `another_name` does not match the file name `plan_c.yaml`",
    ),
    (
        "unknown_questionnaire",
        "plans/plan_d.yaml",
        13,
        "plan item `once` names unknown questionnaire `mood_typo`",
    ),
    (
        "band_gap",
        "questionnaires/gap.yaml",
        24,
        "bands leave a gap between `low` (up to 1) and `high` (from 3)",
    ),
    (
        "band_unreachable",
        "questionnaires/unreach.yaml",
        25,
        "band `extreme` (4-6) can never be reached: possible totals run from 0 to 3",
    ),
    (
        "booklet_mismatch",
        "booklet/en/20-only-english.md",
        1,
        "page has no `fr` translation: booklet/fr/20-only-english.md is missing",
    ),
    ("not_numeric", "questionnaires/notnum.yaml", 21, "scoring item `notnum_a` is not numeric"),
]


@pytest.mark.parametrize(("fixture", "path", "line", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_error_kind_is_reported_with_file_and_line(
    make_tree: Callable[..., Path], fixture: str, path: str, line: int, message: str
) -> None:
    root = make_tree(fixture)
    with pytest.raises(ContentInvalid) as info:
        load_library(root)
    errors = info.value.errors
    assert any(e.path == path and e.line == line and message in e.message for e in errors), errors


def test_every_broken_fixture_is_covered() -> None:
    assert {p.name for p in BROKEN.iterdir() if p.is_dir()} == {c[0] for c in CASES}


def test_all_errors_are_collected_not_just_the_first(make_tree: Callable[..., Path]) -> None:
    root = make_tree("unknown_key", "missing_translation", "booklet_mismatch", "band_gap")
    _, errors = validate(root)
    files = {e.path for e in errors}
    assert files == {
        "questionnaires/extra.yaml",
        "plans/plan_b.yaml",
        "booklet/en/20-only-english.md",
        "questionnaires/gap.yaml",
    }


def test_front_matter_errors_point_at_the_file_line(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    page = root / "booklet" / "en" / "10-hello.md"
    page.write_text(page.read_text().replace("section: understand", "section: elsewhere"))
    _, errors = validate(root)
    [err] = errors
    assert (err.path, err.line) == ("booklet/en/10-hello.md", 4)
    assert "section" in err.message


def test_booklet_metadata_must_agree_across_languages(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    page = root / "booklet" / "en" / "10-hello.md"
    page.write_text(page.read_text().replace("order: 10", "order: 11"))
    _, errors = validate(root)
    assert errors == [
        ContentError(
            "booklet/en/10-hello.md", 6, "`order` is `11` here but `10` in booklet/fr/10-hello.md"
        )
    ]


def test_yes_and_no_stay_text(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    q = root / "questionnaires" / "mood.yaml"
    q.write_text(q.read_text().replace("{fr: Jamais, en: Never}", "{fr: Non, en: No}"))
    library = load_library(root)
    assert library.questionnaires["mood"].option_sets["freq4"][0].label == {"fr": "Non", "en": "No"}


def test_guidance_placeholders_are_checked(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    g = root / "guidance" / "escalation.yaml"
    g.write_text(
        g.read_text().replace('en: "Call {emergency_number} now."', 'en: "Call {emergency} now."')
    )
    _, errors = validate(root)
    messages = [e.message for e in errors]
    assert any("unknown placeholder `{emergency}`" in m for m in messages)
    assert any("do not use the same placeholders" in m for m in messages)


def test_sharing_texts_must_name_the_emergency_number(make_tree: Callable[..., Path]) -> None:
    """With no team left, nobody is alerted: the text must give the emergency number. The
    sharing placeholders are only known to the sharing texts."""
    root = make_tree()
    g = root / "guidance" / "escalation.yaml"
    text = g.read_text()
    text = text.replace('en: "Nobody: call {emergency_number}."', 'en: "Nobody is alerted."')
    text = text.replace('fr: "Personne : appelez le {emergency_number}."', 'fr: "Personne."')
    text = text.replace('en: "Call {emergency_number} now."', 'en: "Call {alerted_team} now."')
    g.write_text(text)
    _, errors = validate(root)
    messages = [e.message for e in errors]
    assert "sharing.alerts_nobody must give {emergency_number}" in messages
    assert any("unknown placeholder `{alerted_team}`" in m for m in messages)


def test_version_changes_when_a_file_changes(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    before = load_library(root).version
    assert load_library(root).version == before
    page = root / "booklet" / "fr" / "10-hello.md"
    page.write_text(page.read_text() + "Une phrase de plus.\n")
    after = load_library(root).version
    assert after != before and len(after) == 16


def test_library_is_read_only() -> None:
    library = load_library(VALID)
    with pytest.raises(AttributeError):
        library.version = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        library.questionnaires["x"] = library.questionnaires["mood"]  # type: ignore[index]


def test_rule_references_are_checked_with_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(default_content_dir(), root)
    rules = root / "rules" / "adult_symptoms.yaml"
    text = rules.read_text(encoding="utf-8")
    assert "item: da_confusion," in text
    rules.write_text(text.replace("item: da_confusion,", "item: da_no_such_item,"), "utf-8")
    line = next(
        i + 1 for i, s in enumerate(text.splitlines()) if s.strip() == "- id: adult_red_confusion"
    )
    _, errors = validate(root)
    assert errors, "an unknown item in a rule is an error"
    # The rule's file, and the coverage rows whose sign that rule no longer reads.
    assert {e.path for e in errors} == {"rules/adult_symptoms.yaml", "coverage.yaml"}, errors
    assert all(
        "does not read `da_confusion`" in e.message for e in errors if e.path == "coverage.yaml"
    ), errors
    assert any(
        e.line == line and "adult_red_confusion" in e.message and "da_no_such_item" in e.message
        for e in errors
    ), errors


def _shipped_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(default_content_dir(), root)
    return root


def _line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, s in enumerate(text.splitlines()) if s.strip() == needle)


def test_every_shipped_rule_has_a_clinician_wording_unlike_its_reason() -> None:
    library = load_library()
    rules = [r for f in library.rules.values() for r in f.rules]
    assert len(rules) == 154
    for rule in rules:
        for lang in ("fr", "en"):
            assert rule.clinician[lang].strip(), (rule.id, lang)
            assert rule.clinician[lang] != rule.reason[lang], (rule.id, lang)


def test_a_rule_without_clinician_wording_is_refused_naming_file_and_rule(
    tmp_path: Path,
) -> None:
    """Each rule with no wording for the care team is listed, with its file, line and id."""
    root = _shipped_copy(tmp_path)
    rules = root / "rules" / "adult_vitals.yaml"
    text = rules.read_text(encoding="utf-8")
    cut = text.replace(
        '    clinician:\n      fr: "SpO2 ≤ 91 % (NEWS2 échelle 1, 3 points)"\n'
        '      en: "SpO2 ≤ 91 % (NEWS2 scale 1, scores 3)"\n',
        "",
    )
    cut = cut.replace(
        '    clinician:\n      fr: "FC ≥ 131/min (NEWS2, 3 points)"\n'
        '      en: "HR ≥ 131/min (NEWS2, scores 3)"\n',
        "",
    )
    assert cut.count("clinician:") == text.count("clinician:") - 2
    rules.write_text(cut, "utf-8")
    with pytest.raises(ContentInvalid) as info:
        load_library(root)
    mine = [e for e in info.value.errors if e.path == "rules/adult_vitals.yaml"]
    assert [(e.line, e.message.split(":")[0]) for e in mine] == [
        (_line_of(cut, f"- id: {rule}"), f"rule `{rule}` has no `clinician` wording")
        for rule in ("adult_spo2_red", "adult_hr_high_red")
    ], mine
    assert "SpO2 ≤ 91 %" in mine[0].message  # says what to write


def test_a_clinician_wording_must_differ_from_the_reason_and_be_in_both_languages(
    tmp_path: Path,
) -> None:
    root = _shipped_copy(tmp_path)
    rules = root / "rules" / "adult_symptoms.yaml"
    text = rules.read_text(encoding="utf-8")
    text = text.replace(
        'en: "New confusion or slurred speech (sepsis red flag)"',
        'en: "Confusion or a change in speech can be a sign of a serious infection."',
    )
    shivering = 'en: "Extreme shivering or severe muscle pain (sepsis red flag)"'
    text = text.replace(shivering, 'en: " "')
    rules.write_text(text, "utf-8")
    _, errors = validate(root)
    lines = text.splitlines()
    # The reason's line first, then the wording's.
    same = [i + 1 for i, s in enumerate(lines) if "Confusion or a change in speech" in s][-1]
    empty = next(i + 1 for i, s in enumerate(lines) if s.strip() == 'en: " "')
    assert sorted((e.path, e.line, e.message) for e in errors) == [
        (
            "rules/adult_symptoms.yaml",
            same,
            "rule `adult_red_confusion`: the `clinician` wording repeats the person's `reason` "
            "in `en`; write what the care team reads (the criterion, the source)",
        ),
        (
            "rules/adult_symptoms.yaml",
            empty,
            "empty `en` text in rules[2].clinician (`adult_red_shivering`)",
        ),
    ], errors
