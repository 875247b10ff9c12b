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
MESSAGE = (
    "`sqlite3.connect()` runs when pytest imports this conftest: open the connection in a "
    "fixture instead"
)
URL = "https://github.com/conftest-codemods/conftest-codemods#cc008-import-time-connection"


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
    assert json.loads(result.stdout) == [
        {
            "code": "CC008",
            "name": "import-time-connection",
            "level": "error",
            "message": MESSAGE,
            "path": "tests/conftest.py",
            "line": 3,
            "col": 6,
            "end_line": 3,
            "end_col": 29,
            "fixable": False,
            "fix": None,
            "url": URL,
        }
    ]


def test_sarif_output_has_the_required_2_1_0_fields(project: Path) -> None:
    result = runner.invoke(app, ["check", "--output-format", "sarif"])
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [r.code for r in RULES]
    levels = {
        rule["id"]: rule["defaultConfiguration"]["level"] for rule in run["tool"]["driver"]["rules"]
    }
    assert (levels["CC008"], levels["CC007"]) == ("error", "warning")
    assert run["tool"]["driver"]["rules"][7]["helpUri"] == URL
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": project.resolve().as_uri() + "/"}}
    [found] = run["results"]
    assert (found["ruleId"], found["level"]) == ("CC008", "error")
    assert found["message"]["text"] == MESSAGE
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "tests/conftest.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 6, "endLine": 3, "endColumn": 29}


def test_github_output_is_workflow_annotations(project: Path) -> None:
    result = runner.invoke(app, ["check", "--output-format", "github"])
    assert result.stdout.splitlines() == [
        "::error file=tests/conftest.py,line=3,endLine=3,col=6,endColumn=29,"
        f"title=CC008 import-time-connection::{MESSAGE}"
    ]


def test_github_and_sarif_escape_paths_as_their_formats_require(tmp_path: Path) -> None:
    """``:`` and ``,`` end a property; ``%`` and newlines are escaped in the message too."""
    write_tree(tmp_path, {"a,b:c%d/conftest.py": CONNECT})
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(app, ["check", "--output-format", "github"])
        log = json.loads(runner.invoke(app, ["check", "--output-format", "sarif"]).stdout)
    finally:
        os.chdir(cwd)
    assert result.stdout.splitlines() == [
        "::error file=a%2Cb%3Ac%25d/conftest.py,line=3,endLine=3,col=6,endColumn=29,"
        f"title=CC008 import-time-connection::{MESSAGE}"
    ]
    [found] = log["runs"][0]["results"]
    uri = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "a%2Cb%3Ac%25d/conftest.py"  # a URI reference, percent-encoded


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


def test_json_findings_say_how_to_apply_their_fix(split_project: Path) -> None:
    services = split_project / "tests" / "conftest_services.py"
    services.write_text(services.read_text().replace("def db_conn(", "def database("))
    cwd = Path.cwd()
    os.chdir(split_project)
    try:
        result = runner.invoke(app, ["check", "--output-format", "json", "--select", "CC004"])
    finally:
        os.chdir(cwd)
    [finding] = json.loads(result.stdout)
    assert (finding["path"], finding["fixable"]) == ("tests/conftest.py", True)
    assert finding["fix"] == {
        "applicability": "safe",
        "command": "conftest-codemods fix --select CC004 tests/conftest.py",
    }
