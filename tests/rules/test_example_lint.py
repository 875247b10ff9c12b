"""The bundled example, once migrated, passes ``check`` after one ``fix``, and a second ``fix``
changes nothing: what the README's quick start produces is what CI then accepts."""

from __future__ import annotations

from pathlib import Path

from codemods.api import migrate
from codemods.lint import lint
from tests.treeutil import copy_tree, snapshot

EXAMPLE = Path(__file__).parents[2] / "examples" / "shop"


def test_migrated_example_is_clean_after_one_fix(tmp_path: Path) -> None:
    root = copy_tree(EXAMPLE, tmp_path / "shop")
    migrate(root / "tests" / "conftest.py").write()
    lint([root], fix=True).write()
    assert lint([root]).findings == ()
    after = snapshot(root)
    again = lint([root], fix=True)
    assert (again.fixes, again.findings) == ((), ())
    assert snapshot(root) == after
