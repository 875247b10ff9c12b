"""``conftest-codemods lazy``: dry run, write, second run, and refusing a foreign support file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods.cli import app

CONFTEST = """\
import fractions

import pytest

MODULES = [fractions]


@pytest.fixture
def half():
    return fractions.Fraction(1, 2)
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.conftest-codemods]\nheavy-imports = ["fractions"]\n', encoding="utf-8"
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*argv: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["lazy", "tests/conftest.py", "--no-measure", *argv])
    return result.exit_code, result.stdout, result.stderr


def test_dry_run_prints_the_diff_and_writes_nothing(project: Path) -> None:
    code, out, err = invoke("--dry-run")
    assert code == 1
    assert '+fractions = _lazy_module("fractions")' in out
    assert "+++ b/conftest_codemods_runtime.py" in out  # at the project root
    assert "+_lazy_module = _conftest_codemods_runtime().lazy_module" in out
    assert "would fix tests/conftest.py (CC007 x1)" in err
    assert (project / "tests" / "conftest.py").read_text(encoding="utf-8") == CONFTEST
    assert not (project / "conftest_codemods_runtime.py").exists()


def test_write_then_nothing_to_change(project: Path) -> None:
    assert invoke()[0] == 0
    assert (project / "conftest_codemods_runtime.py").is_file()
    code, out, err = invoke("--dry-run")
    assert (code, out) == (0, "")
    assert "nothing to change" in err


def test_a_foreign_support_file_is_never_overwritten(project: Path) -> None:
    foreign = project / "conftest_codemods_runtime.py"
    foreign.write_text("MINE = 1\n", encoding="utf-8")
    code, _, err = invoke()
    assert code == 2
    assert err.strip().splitlines() == [
        f"error: {foreign.resolve()}: exists and was not written by "
        "conftest-codemods (move it away first)"
    ]
    assert foreign.read_text(encoding="utf-8") == "MINE = 1\n"
    assert (project / "tests" / "conftest.py").read_text(encoding="utf-8") == CONFTEST
