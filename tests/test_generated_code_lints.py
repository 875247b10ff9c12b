"""What ``migrate`` writes passes the linters a strict project runs: the migrated example's
orchestrator and the runtime beside it, under ruff with this project's own rule selection (and
ruff's defaults) and under ``mypy --strict``. Real ruff and mypy, from this interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.treeutil import copy_tree

ROOT = Path(__file__).parents[1]
PYPROJECT = ROOT / "pyproject.toml"
EXAMPLE = ROOT / "examples" / "shop"
RUFF_DEFAULTS = "E4,E7,E9,F"
GENERATED = ("tests/conftest.py", "conftest_codemods_runtime.py")
"""The orchestrator and the runtime, relative to the migrated project."""


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "RUFF_NO_CACHE": "true"}
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def _migrated(tmp_path: Path) -> Path:
    root = copy_tree(EXAMPLE, tmp_path / "shop")
    migration = _run(root, "codemods", "migrate", "--no-measure", "tests/conftest.py")
    assert migration.returncode == 0, migration.stderr
    assert all((root / name).is_file() for name in GENERATED)
    return root


def test_the_migrated_orchestrator_and_runtime_pass_ruff_and_mypy_strict(tmp_path: Path) -> None:
    root = _migrated(tmp_path)

    ruff = _run(
        root,
        *("ruff", "check", "--config", str(PYPROJECT), "--extend-select", RUFF_DEFAULTS),
        *("--output-format", "concise", *GENERATED),
    )
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr

    mypy = _run(
        root,
        *("mypy", "--strict", "--config-file", str(PYPROJECT), "--no-incremental"),
        *("--cache-dir", str(tmp_path / "mypy-cache"), *GENERATED),
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
