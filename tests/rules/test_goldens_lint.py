"""Every golden ``after/`` tree (a real migrated project) passes ``check`` after one ``fix``,
and a second ``fix`` changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods.lint import lint
from tests.treeutil import copy_tree, snapshot

GOLDEN = Path(__file__).parents[2] / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "after").is_dir())
EXPECTED_BEFORE_FIX = {
    # A hand-written orchestrator in the generated shape: regenerated from its layer modules.
    "14_already_migrated": ["CC004"],
}
UNPARSABLE = {"15_syntax_error"}


@pytest.mark.parametrize("case", CASES)
def test_fix_then_check_is_clean_and_fix_is_idempotent(case: str, tmp_path: Path) -> None:
    root = copy_tree(GOLDEN / case / "after", tmp_path / case)
    first = lint([root])
    assert [f.code for f in first.findings] == EXPECTED_BEFORE_FIX.get(case, [])
    assert bool(first.errors) == (case in UNPARSABLE)

    fixed = lint([root], fix=True)
    fixed.write()
    assert fixed.findings == ()  # what check reports after the fix
    after = snapshot(root)
    again = lint([root], fix=True)
    assert (again.fixes, again.findings) == ((), ())
    assert snapshot(root) == after
