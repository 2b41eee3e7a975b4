from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the valid fixture tree with the files of some broken fixtures laid over it."""

    def make(*overlays: str) -> Path:
        root = tmp_path / "content"
        shutil.copytree(VALID, root)
        for name in overlays:
            shutil.copytree(BROKEN / name, root, dirs_exist_ok=True)
        return root

    return make
