"""The migrated example under the project's real formatter and linter (issue 16.1, 16.2): black
and ruff find nothing to change or report in what ``migrate`` wrote, in the project's own style,
and what a formatter does to the generated files never makes ``check`` fail or ``fix`` undo it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from codemods.api import migrate
from codemods.formatting import Style, format_added_lines, format_generated, project_style
from codemods.lint import lint
from tests.treeutil import copy_tree, snapshot

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"
RUFF_SELECT = "E4,E7,E9,F"
"""ruff's default rule set."""


def _tool(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m black|ruff ARGS`` in ``root``, where it reads the project's pyproject.toml."""
    environment = {**os.environ, "RUFF_NO_CACHE": "true"}  # no .ruff_cache in the tree
    command = [sys.executable, "-m", *args]
    return subprocess.run(
        command, cwd=root, env=environment, capture_output=True, text=True, check=False
    )


def _migrated(tmp_path: Path, pyproject_tail: str | None = None) -> Path:
    """A copy of the example, its ``[tool.black]`` table replaced by ``pyproject_tail`` (and
    the user's code formatted that way first), migrated."""
    root = copy_tree(EXAMPLE, tmp_path / "shop")
    if pyproject_tail is not None:
        pyproject = root / "pyproject.toml"
        head = pyproject.read_text(encoding="utf-8").split("[tool.black]")[0]
        pyproject.write_text(head + textwrap.dedent(pyproject_tail), encoding="utf-8")
        formatter = ("ruff", "format") if "tool.ruff" in pyproject_tail else ("black",)
        assert _tool(root, *formatter, "-q", ".").returncode == 0
    migrate(root / "tests" / "conftest.py").write()
    return root


def _ruff_findings(root: Path) -> list[str]:
    result = _tool(root, "ruff", "check", "--select", RUFF_SELECT, "--output-format", "concise")
    return [line for line in result.stdout.splitlines() if ".py:" in line]


def test_black_and_ruff_accept_the_migrated_example(tmp_path: Path) -> None:
    original = copy_tree(EXAMPLE, tmp_path / "original")
    assert _ruff_findings(original) == []
    root = _migrated(tmp_path)

    black = _tool(root, "black", "--check", "--diff", ".")
    assert black.returncode == 0, black.stdout  # line-length 100 from the shop's pyproject
    assert _ruff_findings(root) == []


@pytest.mark.parametrize(
    ("tail", "check"),
    [
        pytest.param(
            """\
            [tool.black]
            line-length = 79
            skip-string-normalization = true
            target-version = ["py310"]
            """,
            ("black", "--check", "--diff", "."),
            id="black-79-skip-string-normalization",
        ),
        pytest.param(
            """\
            [tool.ruff]
            line-length = 100

            [tool.ruff.format]
            quote-style = "preserve"
            """,
            ("ruff", "format", "--check", "--diff", "."),
            id="ruff-format-100-preserve",
        ),
        pytest.param(
            """\
            [tool.ruff.format]
            quote-style = "single"
            """,
            ("ruff", "format", "--check", "--diff", "."),
            id="ruff-format-88-single-quotes",
        ),
    ],
)
def test_generated_lines_follow_the_projects_formatter(
    tmp_path: Path, tail: str, check: tuple[str, ...]
) -> None:
    root = _migrated(tmp_path, tail)
    result = _tool(root, *check)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _ruff_findings(root) == []


def test_formatting_the_generated_files_keeps_check_clean_and_fix_idle(tmp_path: Path) -> None:
    root = _migrated(tmp_path)
    generated = ["tests/conftest.py", "conftest_codemods_runtime.py"]
    before = snapshot(root)
    # Another style than the project's, import sorting, and ruff-format's single quotes.
    assert _tool(root, "black", "-q", "--line-length", "60", *generated).returncode == 0
    assert _tool(root, "ruff", "check", "-q", "--select", "I", "--fix", *generated).returncode == 0
    single = ("--config", "format.quote-style='single'")
    assert _tool(root, "ruff", "format", "-q", *single, *generated).returncode == 0
    formatted = snapshot(root)
    assert {name for name in formatted if formatted[name] != before[name]} == set(generated)

    assert lint([root]).findings == ()
    fixed = lint([root], fix=True)
    assert (fixed.fixes, fixed.findings) == ((), ())
    assert snapshot(root) == formatted


def test_a_changed_orchestrator_is_still_stale_after_formatting(tmp_path: Path) -> None:
    root = _migrated(tmp_path)
    orchestrator = root / "tests" / "conftest.py"
    assert _tool(root, "black", "-q", "--line-length", "60", str(orchestrator)).returncode == 0
    text = orchestrator.read_text(encoding="utf-8")
    orchestrator.write_text(text.replace('"conftest_e2e"', '"conftest_services"', 1))
    assert [finding.code for finding in lint([root]).findings] == ["CC004"]


def test_project_style_reads_black_then_ruff(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nrequires-python = ">=3.11"\n[tool.ruff]\nline-length = 99\n'
        '[tool.ruff.format]\nquote-style = "single"\nskip-magic-trailing-comma = true\n'
    )
    assert project_style(tmp_path) == Style(
        line_length=99, magic_trailing_comma=False, single_quotes=True
    )
    pyproject.write_text(
        '[project]\nrequires-python = ">=3.12"\n[tool.ruff]\nline-length = 99\n'
        "[tool.black]\nskip-string-normalization = true\n"
    )
    style = project_style(tmp_path)
    assert (style.line_length, style.string_normalization) == (88, False)
    assert "PY312" in style.target_versions and "PY311" not in style.target_versions


def test_single_quotes_where_ruff_format_writes_them() -> None:
    style = Style(single_quotes=True)
    source = 'x = ["a", "it\'s", f"{y}", """doc"""]\n'
    assert format_generated(source, style) == 'x = [\'a\', "it\'s", f\'{y}\', """doc"""]\n'


def test_only_added_lines_are_formatted() -> None:
    user = "x = {  'a':1 }\n\n\ndef f():\n    return  1\n"
    added = "x = {  'a':1 }\n\n\n@memory_profile('f',   'LOW')\ndef f():\n    return  1\n"
    assert format_added_lines(user, added, Style()) == (
        'x = {  \'a\':1 }\n\n\n@memory_profile("f", "LOW")\ndef f():\n    return  1\n'
    )
