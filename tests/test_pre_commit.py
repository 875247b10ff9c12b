"""The README's pre-commit recipe, run as written by real pre-commit on the migrated example
(issue 16.2): black, ruff and this project's hooks never fight, so a run settles in one pass and
the next one passes and changes nothing, even after the team changes its black style.

Local ``language: system`` hooks only (no network); the hooks find ``black``, ``ruff`` and
``conftest-codemods`` on ``PATH`` as in a project's activated environment."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codemods.api import migrate
from tests.treeutil import copy_tree

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "shop"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")


def readme_recipe() -> str:
    """The ``.pre-commit-config.yaml`` block of the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.DOTALL)
    return block


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not {".git", "__pycache__"} & set(path.relative_to(root).parts)
    }


def test_pre_commit_with_black_ruff_and_our_hooks_settles_in_one_pass(tmp_path: Path) -> None:
    root = copy_tree(EXAMPLE, tmp_path / "shop")
    migrate(root / "tests" / "conftest.py").write()
    (root / ".pre-commit-config.yaml").write_text(readme_recipe(), encoding="utf-8")
    scripts = str(Path(sys.executable).parent)
    environment = {
        **os.environ,
        "PATH": scripts + os.pathsep + os.environ.get("PATH", ""),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "RUFF_NO_CACHE": "true",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=root, env=environment, capture_output=True, text=True, check=False
        )

    def pre_commit() -> subprocess.CompletedProcess[str]:
        return run(sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never")

    assert run("git", "init", "-q", ".").returncode == 0
    assert run("git", "add", "-A").returncode == 0

    # Straight after migrate: nothing for any hook to change or report.
    migrated = _tree(root)
    first = pre_commit()
    assert first.returncode == 0, first.stdout + first.stderr
    assert _tree(root) == migrated

    # The team narrows its black style after migrating: black rewrites the generated files
    # too, and in the same run conftest-codemods' hooks accept what black wrote.
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("line-length = 100", "line-length = 79"))
    assert run("git", "add", "-A").returncode == 0
    restyled = pre_commit()
    assert restyled.returncode == 1, restyled.stdout
    statuses = dict(re.findall(r"^(\S[^.\n]*?)\.{2,}(Passed|Failed)$", restyled.stdout, re.M))
    assert statuses == {
        "ruff check": "Passed",
        "black": "Failed",  # "files were modified by this hook"
        "conftest-codemods fix": "Passed",
        "conftest-codemods check": "Passed",
    }, restyled.stdout
    settled = _tree(root)
    assert settled["tests/conftest.py"] != migrated["tests/conftest.py"]

    again = pre_commit()
    assert again.returncode == 0, again.stdout + again.stderr
    assert _tree(root) == settled
