"""``check`` and ``fix`` as CI runs them: exit codes 0/1/2 and every output format parsed back."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods.cli import app
from codemods.rules import RULES
from tests.rules.lintutil import write_tree

runner = CliRunner()
CONNECT = 'import sqlite3\n\nDB = sqlite3.connect("x.db")\n'
JSON_KEYS = {"code": str, "name": str, "message": str, "path": str, "line": int, "col": int,
             "fixable": bool}  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    write_tree(tmp_path, {"tests/conftest.py": CONNECT, "clean/conftest.py": "import os\n"})
    cwd = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(cwd)


def test_exit_0_when_clean_1_with_findings_2_on_errors(project: Path) -> None:
    clean = runner.invoke(app, ["check", "clean"])
    assert (clean.exit_code, clean.stdout) == (0, "All checks passed\n")

    dirty = runner.invoke(app, ["check"])
    assert dirty.exit_code == 1
    assert dirty.stdout.splitlines() == [
        "tests/conftest.py:3:6: CC008 `sqlite3.connect()` runs when pytest imports this "
        "conftest: open the connection in a fixture instead",
        "1 finding in 1 file, 0 fixable with `fix`",
    ]

    for argv in (["check", "missing"], ["check", "--select", "CC999"]):
        error = runner.invoke(app, argv)
        assert error.exit_code == 2
        [line] = error.stderr.splitlines()
        assert line.startswith("error: ")


def test_unknown_configuration_key_exits_2_naming_it(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.conftest-codemods]\nselekt = []\n")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "unknown key 'selekt'" in result.stderr


def test_json_output_follows_its_schema(project: Path) -> None:
    result = runner.invoke(app, ["check", "--output-format", "json"])
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert {key: type(value) for key, value in finding.items()} == JSON_KEYS
    assert (finding["code"], finding["path"], finding["line"]) == ("CC008", "tests/conftest.py", 3)


def test_sarif_output_has_the_required_2_1_0_fields(project: Path) -> None:
    result = runner.invoke(app, ["check", "--output-format", "sarif"])
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [r.code for r in RULES]
    [found] = run["results"]
    assert (found["ruleId"], found["level"]) == ("CC008", "error")
    assert found["message"]["text"]
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "tests/conftest.py"
    assert location["region"] == {"startLine": 3, "startColumn": 6}


def test_github_output_is_workflow_annotations(project: Path) -> None:
    result = runner.invoke(app, ["check", "--output-format", "github"])
    assert result.stdout.startswith(
        "::error file=tests/conftest.py,line=3,col=6,title=CC008 import-time-connection::"
    )


def test_statistics_count_findings_per_rule(project: Path) -> None:
    result = runner.invoke(app, ["check", "--statistics"])
    assert result.stdout.splitlines()[0].split() == ["1", "CC008", "import-time-connection"]


def test_fix_and_diff_on_a_stale_orchestrator(split_project: Path) -> None:
    services = split_project / "tests" / "conftest_services.py"
    services.write_text(services.read_text().replace("def db_conn(", "def database("))
    root = str(split_project)
    diff = runner.invoke(app, ["check", "--diff", root])
    assert diff.exit_code == 1
    assert '+    fixtures={"database": "conftest_services"},' in diff.stdout

    fixed = runner.invoke(app, ["fix", "--exit-non-zero-on-fix", root])
    assert fixed.exit_code == 1
    assert "(CC004 x1)" in fixed.stderr
    again = runner.invoke(app, ["fix", "--exit-non-zero-on-fix", root])
    assert again.exit_code == 0
    assert runner.invoke(app, ["check", root]).exit_code == 0
