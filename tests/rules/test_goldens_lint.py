"""Every golden ``after/`` tree (a real migrated project) passes ``check`` after one ``fix``,
and a second ``fix`` changes nothing.

Before the fix, CC004 may ask to regenerate only the hand-written orchestrator of the
already-migrated case: what ``migrate`` writes must never look stale to ``check``. CC007 may
report heavy imports a golden's tool run left eager on purpose. The only findings left are
report-only ones about the project itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods.lint import lint
from tests.treeutil import copy_tree, snapshot

GOLDEN = Path(__file__).parents[2] / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "after").is_dir())
REGENERATED = "CC004"
HAND_WRITTEN_ORCHESTRATOR = {"14_already_migrated"}
REPORTED = {
    # Heavy imports that `lazy` deliberately left eager (guarded by try/except ImportError,
    # read at import time, or refused) stay reported: CC007 is report-only.
    "22_lazy_optional_dependency": ["CC007"] * 2,
    "23_lazy_pep810_lazy_modules": ["CC007"],
    "25_lazy_refusals": ["CC007"] * 12,
    "27_migrate_lazy": ["CC007"],
    "28_migrate_no_lazy": ["CC007"],
    # A hand-written, unregistered `@pytest.mark.unit`: without --path-markers nothing
    # registers it (--strict-markers errors, as before the migration).
    "60_path_markers_off_keep_m_selection": ["CC012"],
    "61_path_markers_off_keep_strict_and_hooks": ["CC012"],
    "53_dataclass_keeps_eager": ["CC007"],  # a dataclass field annotation reads decimal
    "54_import_warns": ["CC007"],  # legacy_units warns when imported
}
FIXED = {
    # migrate --no-lazy leaves the heavy imports of base and mocks to CC007's fix.
    "28_migrate_no_lazy": ["CC007"] * 4,
}
UNPARSABLE = {"15_syntax_error"}


@pytest.mark.parametrize("case", CASES)
def test_fix_then_check_is_clean_and_fix_is_idempotent(case: str, tmp_path: Path) -> None:
    root = copy_tree(GOLDEN / case / "after", tmp_path / case)
    first = lint([root])
    assert bool(first.errors) == (case in UNPARSABLE)
    reported = REPORTED.get(case, [])
    codes = sorted(f.code for f in first.findings if f.code != REGENERATED)
    assert codes == sorted(reported + FIXED.get(case, []))
    assert sum(f.fixable for f in first.findings if f.code != REGENERATED) == len(
        FIXED.get(case, [])
    )
    stale = [f for f in first.findings if f.code == REGENERATED]
    assert all(f.fixable for f in stale)
    assert bool(stale) == (case in HAND_WRITTEN_ORCHESTRATOR)

    fixed = lint([root], fix=True)
    fixed.write()
    assert [f.code for f in fixed.findings] == reported
    after = snapshot(root)
    again = lint([root], fix=True)
    assert again.fixes == ()
    assert again.findings == fixed.findings
    assert snapshot(root) == after
