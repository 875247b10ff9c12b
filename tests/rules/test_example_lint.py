"""The bundled example, once migrated, passes ``check`` as it is, and ``fix`` changes nothing:
what the README's quick start produces is what CI then accepts."""

from __future__ import annotations

from pathlib import Path

from codemods.api import migrate
from codemods.lint import lint
from tests.treeutil import copy_tree, snapshot

EXAMPLE = Path(__file__).parents[2] / "examples" / "shop"


def test_migrated_example_is_clean_and_fix_changes_nothing(tmp_path: Path) -> None:
    root = copy_tree(EXAMPLE, tmp_path / "shop")
    migrate(root / "tests" / "conftest.py").write()
    assert lint([root]).findings == ()
    after = snapshot(root)
    fixed = lint([root], fix=True)
    assert (fixed.fixes, fixed.findings) == ((), ())
    assert snapshot(root) == after
