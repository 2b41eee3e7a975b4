"""SECURITY.md names the test of each requirement it claims: each must exist."""

from __future__ import annotations

import re
from pathlib import Path


def test_every_test_security_md_names_exists(repo_root: Path) -> None:
    text = (repo_root / "SECURITY.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", text)
    assert len(named) >= 40
    missing = []
    for path, name in named:
        source = repo_root / path
        if not source.exists() or not re.search(
            rf"^(async )?def {name}\(", source.read_text(encoding="utf-8"), re.M
        ):
            missing.append(f"{path}::{name}")
    assert missing == []


def test_every_security_test_is_listed(repo_root: Path) -> None:
    """A test of tests/security/ named after a requirement is in SECURITY.md's table."""
    text = (repo_root / "SECURITY.md").read_text(encoding="utf-8")
    unlisted = [
        f"{path.name}::{name}"
        for path in sorted((repo_root / "tests" / "security").glob("test_*.py"))
        for name in re.findall(r"^(?:async )?def (test_v\d\w*)\(", path.read_text(), re.M)
        if f"{path.name}::{name}" not in text
    ]
    assert unlisted == []
