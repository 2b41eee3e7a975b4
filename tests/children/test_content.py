"""The children's content: milestones, growth references, school checklist, wellbeing screens."""

from __future__ import annotations

import shutil
from pathlib import Path

from relais.content.children_schemas import DOMAINS
from relais.content.loader import default_content_dir, load_library, validate

LIB = load_library()
CH = LIB.children


def test_twelve_checks_from_2_months_to_5_years() -> None:
    assert [c.age_months for c in CH.checks] == [2, 4, 6, 9, 12, 15, 18, 24, 30, 36, 48, 60]
    for check in CH.checks:
        assert {m.domain for m in check.milestones} == set(DOMAINS), check.id
        assert "CDC" in check.source and "Public domain" in check.licence
        assert "not a screening tool" in check.licence
        for m in check.milestones:
            assert m.example["fr"] and m.example["en"]


def test_guidance_thresholds_and_disclaimer() -> None:
    g = CH.milestone_guidance
    assert g.corrected_age.preterm_below_weeks == 37 and g.corrected_age.until_months == 24
    assert g.alerts.not_yet_per_domain == 2 and g.alerts.regression is True
    assert "not a test" in g.disclaimer["en"]


def test_growth_covers_both_references_and_sexes() -> None:
    growth = CH.growth
    refs = {s.reference for i in growth.indicators for s in i.segments}
    assert refs == {"who2006", "who2007"}
    assert len(CH.tables) == 22
    wfa = growth.indicator("weight_for_age")
    assert wfa is not None and wfa.segments[-1].age_to == 120  # WHO 2007 weight to 10 years
    assert growth.alerts.weight_loss_percent == 10
    for name in CH.tables:
        first = (default_content_dir() / "growth" / "tables" / name).read_text().splitlines()[0]
        assert first.startswith("# WHO"), name


def test_school_and_wellbeing() -> None:
    ids = {i.id for i in CH.school.items}
    assert {"school_doctor", "schooling_plan", "mdph_file", "part_time_return"} <= ids
    assert {"sport_leisure", "fatigue_plan"} <= ids
    assert {s.questionnaire for s in CH.wellbeing.screens} == {
        "child_stress",
        "parent_wellbeing",
        "pcl5",
    }
    assert "Public domain" in LIB.questionnaires["pcl5"].licence


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(default_content_dir(), root)
    return root


def test_errors_are_reported_with_file_and_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    m12 = root / "milestones" / "m12.yaml"
    m12.write_text(m12.read_text().replace("domain: cognitive", "domain: cognitve", 1))
    table = root / "growth" / "tables" / "who2006_wfa_male.csv"
    lines = table.read_text().splitlines()
    lines[5] = lines[4]
    table.write_text("\n".join(lines) + "\n")
    screens = root / "wellbeing" / "screens.yaml"
    screens.write_text(screens.read_text().replace("child_stress_regression", "child_stress_x"))
    _, errors = validate(root)
    where = {(e.path, e.message.split(":")[0]) for e in errors}
    assert any(p == "milestones/m12.yaml" for p, _ in where), errors
    assert any(e.path.endswith("who2006_wfa_male.csv") and e.line == 6 for e in errors), errors
    assert any(e.path == "wellbeing/screens.yaml" for e in errors), errors


def test_a_tree_without_children_folders_still_loads(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    for folder in ("milestones", "growth", "school", "wellbeing"):
        shutil.rmtree(root / folder)
    library, errors = validate(root)
    assert errors == [] and library is not None
    assert library.children.checks == () and library.children.growth is None
