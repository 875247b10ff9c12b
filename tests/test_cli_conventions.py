"""The command line behaves like ruff's and black's: flags, errors, formats, colour, quiet.

Start-up is not timed here (``benchmarks/tool_speed.py --only startup`` does that); what is
tested is the property the speed rests on: ``--version`` never imports Typer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods import __version__
from codemods.cli import app
from codemods.rules import RULES
from tests.rules.lintutil import write_tree
from tests.test_migrate_api import write_project
from tests.treeutil import snapshot

runner = CliRunner()
SCRIPT = Path(sys.executable).parent / "conftest-codemods"
COMMANDS = [
    "migrate", "check", "fix", "rules", "rule", "graph", "lazy", "audit", "profile",
    "profile-decorate",
]  # fmt: skip
CONNECT = 'import sqlite3\n\nDB = sqlite3.connect("x.db")\n'
ANSI = "\x1b["


@pytest.fixture
def inside(tmp_path: Path) -> Iterator[Path]:
    """``tmp_path`` as the working directory."""
    cwd = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(cwd)


def _script(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *argv], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_from_the_installed_script(flag: str) -> None:
    result = _script(flag)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"conftest-codemods {__version__}\n",
        "",
    )


def test_version_is_answered_without_importing_typer() -> None:
    probe = (
        "import sys; sys.argv = ['conftest-codemods', '--version']\n"
        "from codemods.entry import main; main()\n"
        "heavy = ('typer', 'click', 'rich', 'libcst', 'black')\n"
        "print(sorted(name for name in heavy if name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.splitlines() == [f"conftest-codemods {__version__}", "[]"]


def test_check_of_a_clean_tree_never_imports_pydantic(tmp_path: Path) -> None:
    """Typer converts option values with pydantic, whose import costs about as much as
    Typer's; ``codemods.cli_params`` converts this CLI's simple values itself."""
    write_tree(tmp_path, {"tests/conftest.py": "import os\n"})
    probe = (
        "import sys; sys.argv = ['conftest-codemods', 'check', 'tests', '--output-format', "
        "'json', '--select', 'CC0', '--exclude', 'x', '--color', 'never']\n"
        "from codemods.entry import main\n"
        "try:\n    main()\nexcept SystemExit as end:\n    code = end.code\n"
        "print(code, 'pydantic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stdout.splitlines() == ["[]", "0 False"]


def test_short_help_is_long_help_and_every_help_has_examples() -> None:
    assert runner.invoke(app, ["-h"]).stdout == runner.invoke(app, ["--help"]).stdout
    for command in COMMANDS:
        result = runner.invoke(app, [command, "-h"])
        assert result.exit_code == 0, command
        lines = result.stdout.splitlines()
        assert "  Examples:" in lines, command
        assert any(line.startswith(f"    $ conftest-codemods {command} ") for line in lines)


def test_shell_completion_is_on() -> None:
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout
    env = {
        **os.environ,
        "_CONFTEST_CODEMODS_COMPLETE": "complete_bash",
        "COMP_WORDS": "conftest-codemods check --output-format ",
        "COMP_CWORD": "3",
    }
    result = subprocess.run([str(SCRIPT)], capture_output=True, text=True, env=env)
    assert result.stdout.split() == ["text", "json", "github", "sarif"]


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["check", "--bogus"],
            "error: no such option: --bogus (see `conftest-codemods check --help`)",
        ),
        (
            ["check", "--output-format", "xml"],
            "error: invalid value for '--output-format': 'xml' is not one of 'text', 'json', "
            "'github', 'sarif'",
        ),
        (
            ["check", "--select", "CC003,CC999"],
            "error: invalid value for '--select': unknown rule 'CC999' "
            "(see `conftest-codemods rules`)",
        ),
        (
            ["fix", "--extend-select", "XX1"],
            "error: invalid value for '--extend-select': unknown rule 'XX1' "
            "(see `conftest-codemods rules`)",
        ),
        (
            ["rule", "CC999"],
            "error: invalid value for 'CODE': no rule 'CC999' (see `conftest-codemods rules`)",
        ),
        (["nonsense"], "error: no such command 'nonsense' (see `conftest-codemods --help`)"),
        (["migrate"], "error: missing argument 'PATH' (see `conftest-codemods migrate --help`)"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(argv: list[str], line: str) -> None:
    result = _script(*argv)
    assert (result.returncode, result.stdout, result.stderr.splitlines()) == (2, "", [line])


def test_a_bad_select_in_the_configuration_is_blamed_on_the_file(inside: Path) -> None:
    write_tree(inside, {"pyproject.toml": '[tool.conftest-codemods]\nselect = ["CC999"]\n'})
    (inside / "conftest.py").write_text("import os\n", encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {inside.resolve() / 'pyproject.toml'}: unknown rule 'CC999' "
        "(see `conftest-codemods rules`)"
    ]


def test_rule_explains_one_rule_from_its_own_documentation() -> None:
    result = runner.invoke(app, ["rule", "cc003"])
    assert result.exit_code == 0
    paragraphs = result.stdout.split("\n\n")
    assert paragraphs[:3] == [
        "# CC003 layer-violation",
        "Level: error. On by default. No automatic fix.",
        "A layer module uses a fixture or name from a layer that is loaded less often.",
    ]
    assert paragraphs[-1] == (
        "https://github.com/conftest-codemods/conftest-codemods#cc003-layer-violation\n"
    )
    data = json.loads(runner.invoke(app, ["rule", "CC013", "--output-format", "json"]).stdout)
    assert (data["code"], data["fix"], data["default"], data["level"]) == (
        "CC013",
        "safe",
        False,
        "warning",
    )


def test_rules_as_json_lists_every_rule() -> None:
    result = runner.invoke(app, ["rules", "--output-format", "json"])
    assert [rule["code"] for rule in json.loads(result.stdout)] == [r.code for r in RULES]


def test_fix_prints_what_is_left_in_the_chosen_format(inside: Path) -> None:
    write_tree(inside, {"tests/conftest.py": CONNECT})
    result = runner.invoke(app, ["fix", "--output-format", "json"])
    assert result.exit_code == 1
    [left] = json.loads(result.stdout)
    assert (left["code"], left["path"], left["line"]) == ("CC008", "tests/conftest.py", 3)


def test_check_warns_when_no_conftest_matched(inside: Path) -> None:
    (inside / "empty").mkdir()
    result = runner.invoke(app, ["check", "empty"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == ["warning: no conftest*.py files found under empty"]
    assert result.stdout == "All checks passed\n"


def test_exclude_and_extend_exclude_on_the_command_line(inside: Path) -> None:
    write_tree(
        inside,
        {
            "pyproject.toml": '[tool.conftest-codemods]\nexclude = ["legacy"]\n',
            "legacy/conftest.py": CONNECT,
            "vendored/conftest.py": CONNECT,
        },
    )

    def checked(*options: str) -> list[str]:
        result = runner.invoke(app, ["check", "--output-format", "json", *options])
        return sorted({finding["path"] for finding in json.loads(result.stdout)})

    assert checked() == ["vendored/conftest.py"]
    assert checked("--extend-exclude", "vendored") == []
    assert checked("--exclude", "vendored") == ["legacy/conftest.py"]


def test_quiet_keeps_the_data_and_drops_the_notes(inside: Path) -> None:
    write_tree(inside, {"tests/conftest.py": CONNECT})
    result = runner.invoke(app, ["check", "-q"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "tests/conftest.py:3:6: CC008 `sqlite3.connect()` runs when pytest imports this "
        "conftest: open the connection in a fixture instead"
    ]
    conftest = write_project(inside / "project")
    migrated = runner.invoke(app, ["migrate", str(conftest), "--quiet"])
    assert (migrated.exit_code, migrated.stdout, migrated.stderr) == (0, "", "")


def test_migrate_json_summary_instead_of_the_diff(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    before = snapshot(tmp_path)
    result = runner.invoke(app, ["migrate", str(conftest), "--dry-run", "--output-format", "json"])
    assert result.exit_code == 1
    assert result.stderr == ""
    summary = json.loads(result.stdout)
    assert set(summary) == {
        *("source", "written", "nothing_to_do", "files", "summary", "warnings", "gain")
    }
    assert (summary["written"], summary["nothing_to_do"]) == (False, False)
    files = {entry["path"].rpartition("/")[2]: entry["action"] for entry in summary["files"]}
    assert (files["conftest.py"], files["conftest_services.py"]) == ("replace", "create")
    assert (
        "conftest_services.py: 1 fixture, 0 hooks, 0 other units (loaded when asked)"
        in (summary["summary"])
    )
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("env", "options", "coloured"),
    [
        ({}, [], False),
        ({"FORCE_COLOR": "1"}, [], True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
    ],
)
def test_diff_colour_follows_color_no_color_and_force_color(
    tmp_path: Path, env: dict[str, str], options: list[str], coloured: bool
) -> None:
    conftest = write_project(tmp_path)
    clean = {"NO_COLOR": None, "FORCE_COLOR": None, **env}
    result = runner.invoke(app, ["migrate", str(conftest), "--dry-run", *options], env=clean)
    assert result.exit_code == 1
    assert (ANSI in result.stdout) is coloured
    assert "+++ b/" in result.stdout


def test_old_option_names_still_work_but_are_hidden(tmp_path: Path) -> None:
    write_tree(
        tmp_path, {"conftest.py": "import pytest\n\n\n@pytest.fixture\ndef a():\n    pass\n"}
    )
    new = runner.invoke(app, ["graph", str(tmp_path), "--output-format", "json"])
    old = runner.invoke(app, ["graph", str(tmp_path), "--format", "json"])
    assert new.exit_code == old.exit_code == 0
    assert json.loads(new.stdout) == json.loads(old.stdout)
    assert "--format" not in runner.invoke(app, ["graph", "--help"]).stdout.split()
    assert "--json" not in runner.invoke(app, ["audit", "--help"]).stdout


def test_suppression_with_an_unknown_code_is_reported_and_unused_ones_on_request(
    inside: Path,
) -> None:
    write_tree(
        inside,
        {
            "tests/conftest.py": (
                "import sqlite3\n\n"
                'DB = sqlite3.connect("x.db")  # conftest-codemods: ignore[CC008]\n'
                'OTHER = sqlite3.connect("y.db")  # conftest-codemods: ignore[CC0O8]\n'
                "X = 1  # conftest-codemods: ignore[CC003]\n"
            )
        },
    )
    default = runner.invoke(app, ["check", "--select", "CC008,CC016"])
    assert default.stdout.splitlines() == [
        "tests/conftest.py:4:9: CC008 `sqlite3.connect()` runs when pytest imports this "
        "conftest: open the connection in a fixture instead",
        "tests/conftest.py:4:34: CC016 suppression names no rule: CC0O8 "
        "(see `conftest-codemods rules`)",
        "2 findings in 1 file, 0 fixable with `fix`",
    ]
    unused = runner.invoke(app, ["check", "--select", "CC003,CC008,CC017"])
    assert unused.stdout.splitlines()[1:] == [
        "tests/conftest.py:5:8: CC017 CC003 hides no finding here: remove it",
        "2 findings in 1 file, 0 fixable with `fix`",
    ]
