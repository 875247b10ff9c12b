"""``migrate --verify``: real pytest runs on copies of real projects, before and after.

The sabotage tests build a genuine migration, damage one moved fixture in the change set (what
a planner bug would do), and require the report to name the tests it breaks while the real tree
stays byte for byte as it was. The pure helpers (root finding, env parsing) get plain tests.
"""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from codemods import api
from codemods.cli import app
from codemods.config import Settings
from codemods.errors import ConfigError
from codemods.verify.migration import (
    Level,
    VerifyError,
    VerifyOptions,
    find_project_root,
    parse_env_combination,
    read_flaky_file,
    scope_args,
    verify_environments,
    verify_migration,
)
from tests.test_golden import Case
from tests.treeutil import copy_tree, snapshot

GOLDEN = Path(__file__).resolve().parent.parent.parent / "golden"
FAST = ("-p", "no:hypothesispytest")
"""Child args for speed: hypothesis's plugin costs ~0.8 s of imports per run, unused here."""
MIGRATING_CASES = [
    case
    for case in (Case.load(path.parent) for path in sorted(GOLDEN.glob("*/case.toml")))
    if case.exit_code == 0 and case.argv == ["migrate", case.argv[-1]]
]
"""The golden cases of a plain ``migrate`` that the tool does not refuse."""
runner = CliRunner()


def cli(project: Path, *options: str, fast: bool = True) -> Result:
    """``migrate <project>/tests/conftest.py *options``, children without hypothesis's plugin."""
    extra = ["--verify-args", " ".join(FAST)] if fast else []
    return runner.invoke(app, ["migrate", str(project / "tests" / "conftest.py"), *options, *extra])


def golden_copy(tmp_path: Path, case: str = "01_four_layers_basic") -> Path:
    return copy_tree(GOLDEN / case / "before", tmp_path / "project")


def sabotage(result: api.MigrationResult, filename: str, old: str, new: str) -> api.MigrationResult:
    """The same migration with ``old`` replaced by ``new`` in the planned ``filename``."""
    changes = []
    for change in result.changes:
        if change.path.name == filename:
            assert old in change.new, f"{old!r} is not in the planned {filename}"
            text = change.new.replace(old, new)
            change = dataclasses.replace(change, new=text, data=text.encode("utf-8"))
        changes.append(change)
    return dataclasses.replace(result, changes=tuple(changes))


@pytest.mark.slow
def test_cli_verify_passes_on_a_golden_then_writes_it(tmp_path: Path) -> None:
    project = golden_copy(tmp_path)
    result = cli(project, "--verify")
    assert result.exit_code == 0, result.output
    assert "pytest behaviour unchanged in all 2 environments" in result.stderr
    assert "gates on: USE_REAL_SERVICES=1 RUN_E2E_TESTS=1, migrated: 15 tests" in result.stderr
    written = {path.name for path in (project / "tests").glob("conftest*")}
    assert {"conftest_base.py", "conftest_services.py", "conftest.py.orig"} <= written


@pytest.mark.slow
@pytest.mark.parametrize("case", MIGRATING_CASES, ids=lambda case: case.name)
def test_verify_passes_on_every_golden(case: Case, tmp_path: Path) -> None:
    project = copy_tree(case.root / "before", tmp_path / "project")
    planned = api.migrate(project / case.argv[-1])
    options = VerifyOptions(args=(*FAST, *case.pytest_args), parallel=True)
    verification = verify_migration(planned, options)
    assert verification.ok, verification.report()
    if planned.nothing_to_do:
        assert verification.report() == "verify: nothing to verify (no file would change)"
    else:
        assert [len(check.comparison.before.items) > 0 for check in verification.checks] == [
            True,
            True,
        ]


@pytest.mark.slow
def test_a_sabotaged_fixture_is_caught_by_its_closure_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    project = golden_copy(tmp_path)
    before = snapshot(project)
    planned = api.migrate(project / "tests" / "conftest.py")
    # A planner bug that dropped a dependency: http_client no longer requests api_server.
    broken = sabotage(
        planned, "conftest_services.py", "def http_client(api_server):", "def http_client():"
    )
    verification = verify_migration(broken, VerifyOptions(args=FAST, parallel=True))
    assert not verification.ok
    assert len(verification.failed) == 2, "both the default and the gates-on run differ"
    report = verification.report()
    assert "nothing was written" in report.splitlines()[0]
    for nodeid in (
        "tests/integration/test_storage.py::test_http_client_gets_json",
        "tests/integration/test_storage.py::test_http_pagination",
    ):
        assert f"{nodeid}: -api_server" in report
    assert "test_schema_is_created" not in report
    assert snapshot(project) == before


@pytest.mark.slow
def test_the_run_level_catches_a_changed_outcome_that_collection_cannot_see(
    tmp_path: Path,
) -> None:
    project = golden_copy(tmp_path)
    before = snapshot(project)
    planned = api.migrate(project / "tests" / "conftest.py")
    broken = sabotage(planned, "conftest_services.py", 'f"new product: {', 'f"new item: {')
    options = VerifyOptions(level=Level.RUN, args=FAST, parallel=True)
    verification = verify_migration(broken, options)
    assert not verification.ok
    report = verification.report()
    assert (
        "tests/integration/test_storage.py::test_repo_adds_and_notifies: passed -> failed"
    ) in report
    assert "changed outcomes (1):" in report
    assert snapshot(project) == before
    assert verify_migration(broken, VerifyOptions(args=FAST, parallel=True)).ok, (
        "collection cannot see it"
    )


SELF_READING = {
    "pyproject.toml": "[tool.pytest.ini_options]\n",
    "tests/conftest.py": """\
        import pytest

        @pytest.fixture
        def one():
            return 1

        @pytest.fixture
        def two(one):
            return one + 1
        """,
    # An id computed from the conftest's own text: a migration really does change it.
    "tests/test_size.py": """\
        from pathlib import Path

        import pytest

        TEXT = (Path(__file__).parent / "conftest.py").read_text()

        @pytest.mark.parametrize("long", [len(TEXT) > 500])
        def test_sized(long, two):
            assert two == 2
        """,
}
LOOKS_AROUND = {
    **{name: text for name, text in SELF_READING.items() if name != "tests/test_size.py"},
    # An outcome that depends on which files exist: the stand-in for a flaky test.
    "tests/test_files.py": """\
        from pathlib import Path

        def test_two(two):
            assert two == 2

        def test_no_base_module_yet():
            assert not (Path(__file__).parent / "conftest_base.py").exists()
        """,
}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.mark.slow
def test_cli_reports_lost_ids_exits_1_and_leaves_the_tree_untouched(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "project", SELF_READING)
    before = snapshot(project)
    result = cli(project, "--verify")
    assert result.exit_code == 1, result.output
    report = result.stdout
    assert "pytest behaviour differs in 2 of 2 environments" in report
    assert "lost test ids (1):\n    tests/test_size.py::test_sized[False]" in report
    assert "new test ids (1):\n    tests/test_size.py::test_sized[True]" in report
    assert snapshot(project) == before


@pytest.mark.slow
def test_flaky_ids_are_not_compared_at_the_run_level(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "project", LOOKS_AROUND)
    planned = api.migrate(project / "tests" / "conftest.py")
    strict = verify_migration(planned, VerifyOptions(level=Level.RUN, args=FAST, parallel=True))
    assert not strict.ok
    assert "tests/test_files.py::test_no_base_module_yet: passed -> failed" in strict.report()
    flaky_file = tmp_path / "flaky.txt"
    flaky_file.write_text(
        "# depends on which files exist\ntests/test_files.py::test_no_base_module_yet\n",
        encoding="utf-8",
    )
    result = cli(project, "--verify-level", "run", "--flaky", str(flaky_file))
    assert result.exit_code == 0, result.output
    assert (project / "tests" / "conftest_base.py").is_file(), "verified, so written"


def test_a_suite_that_cannot_run_before_migrating_is_an_error_not_a_difference(
    tmp_path: Path,
) -> None:
    project = golden_copy(tmp_path)
    before = snapshot(project)
    result = cli(project, "--verify-args", "--no-such-pytest-option", fast=False)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("error: --verify: pytest did not report results")
    assert "--no-such-pytest-option" in lines[-1]
    assert snapshot(project) == before


def test_verify_error_messages_are_one_line(tmp_path: Path) -> None:
    planned = api.migrate(golden_copy(tmp_path) / "tests" / "conftest.py")
    with pytest.raises(VerifyError) as caught:
        verify_migration(planned, VerifyOptions(args=("--no-such-pytest-option",)))
    assert "\n" not in str(caught.value)


def test_bad_verify_env_and_flaky_file_are_usage_errors(tmp_path: Path) -> None:
    project = golden_copy(tmp_path)
    before = snapshot(project)
    conftest = str(project / "tests" / "conftest.py")
    bad_env = runner.invoke(app, ["migrate", conftest, "--verify-env", "NOEQUALS"])
    assert bad_env.exit_code == 2
    assert bad_env.stderr.strip() == (
        "error: --verify-env: 'NOEQUALS' is not NAME=VALUE (write NAME=VALUE[,NAME=VALUE])"
    )
    missing = runner.invoke(app, ["migrate", conftest, "--flaky", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2
    assert "cannot read the flaky list" in missing.stderr
    assert snapshot(project) == before


def test_env_combinations_parse_and_layer_over_the_default() -> None:
    assert parse_env_combination("A=1, B=x=y,") == {"A": "1", "B": "x=y"}
    with pytest.raises(ConfigError):
        parse_env_combination(",")
    environments = verify_environments(Settings(), [{"ENVIRONMENT": "staging"}, {"A": ""}])
    labels = [environment.label for environment in environments]
    assert labels == [
        "default environment",
        "gates on: USE_REAL_SERVICES=1 RUN_E2E_TESTS=1",
        "ENVIRONMENT=staging",
        "A=",
    ]
    default = environments[0].variables
    assert default == {"USE_REAL_SERVICES": None, "ENVIRONMENT": None, "RUN_E2E_TESTS": None}
    assert environments[2].variables["ENVIRONMENT"] == "staging"
    assert environments[2].variables["USE_REAL_SERVICES"] is None


def test_the_gates_on_combination_is_not_checked_twice() -> None:
    twice = verify_environments(Settings(), [{"USE_REAL_SERVICES": "1", "RUN_E2E_TESTS": "1"}])
    assert len(twice) == 2


def test_flaky_files_skip_blanks_and_comments(tmp_path: Path) -> None:
    listed = tmp_path / "flaky.txt"
    listed.write_text("a.py::t  # races\n\n# all of b\nb.py::u[1]\n", encoding="utf-8")
    assert read_flaky_file(listed) == {"a.py::t", "b.py::u[1]"}


def test_the_project_root_is_the_nearest_config_then_the_repository(tmp_path: Path) -> None:
    conftest = tmp_path / "repo" / "pkg" / "tests" / "sub" / "conftest.py"
    conftest.parent.mkdir(parents=True)
    assert find_project_root(conftest) == conftest.parent.parent, "grandparent fallback"
    (tmp_path / "repo" / ".git").mkdir()
    assert find_project_root(conftest) == tmp_path / "repo"
    (tmp_path / "repo" / "pkg" / "tox.ini").write_text("", encoding="utf-8")
    assert find_project_root(conftest) == tmp_path / "repo" / "pkg"


@pytest.mark.slow
def test_ids_made_from_absolute_paths_are_the_same_in_both_copies(tmp_path: Path) -> None:
    files = {name: text for name, text in SELF_READING.items() if name != "tests/test_size.py"}
    # pyarrow does this: a parameter id that is the test file's absolute path.
    files["tests/test_paths.py"] = """\
        import pytest

        @pytest.mark.parametrize("where", [__file__])
        def test_here(where, two):
            assert where.endswith("test_paths.py")
        """
    project = write_tree(tmp_path / "project", files)
    planned = api.migrate(project / "tests" / "conftest.py")
    verification = verify_migration(planned, VerifyOptions(args=FAST, parallel=True))
    assert verification.ok, verification.report()


def test_the_root_of_an_installed_package_is_the_package_not_site_packages(
    tmp_path: Path,
) -> None:
    site = tmp_path / "lib" / "python3.11" / "site-packages"
    conftest = site / "shop" / "tests" / "conftest.py"
    conftest.parent.mkdir(parents=True)
    for package in (site / "shop", conftest.parent):
        (package / "__init__.py").write_text("", encoding="utf-8")
    assert find_project_root(conftest) == site / "shop"
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")  # a project above the venv
    assert find_project_root(conftest) == site / "shop"
    plain = tmp_path / "plain" / "shop" / "tests" / "conftest.py"
    plain.parent.mkdir(parents=True)
    for package in (plain.parent.parent, plain.parent):
        (package / "__init__.py").write_text("", encoding="utf-8")
    assert find_project_root(plain) == tmp_path, "the directory pytest puts on sys.path"


def test_collection_is_scoped_to_the_conftest_directory_with_the_project_rootdir() -> None:
    assert scope_args("tests", ()) == ("--rootdir=.", "tests")
    assert scope_args(".", ()) == ("--rootdir=.",), "a rootdir conftest affects everything"
    assert scope_args("tests", ("-k", "unit")) == ("--rootdir=.", "tests")
    assert scope_args("tests", ("tests/unit",)) == ("--rootdir=.",), "the user's own paths"
    assert scope_args("tests", ("--rootdir=src",)) == ()
    # As a command-line path, integration/ would load the services layer in the default run.
    words = frozenset({"integration", "e2e"})
    assert scope_args("tests/integration", (), words) == ("--rootdir=.",)


UNRELATED = {
    **{name: text for name, text in SELF_READING.items() if name != "tests/test_size.py"},
    "tests/test_small.py": "def test_two(two):\n    assert two == 2\n",
    "vendor/test_vendor.py": "import not_installed_anywhere\n\n\ndef test_v():\n    pass\n",
}


@pytest.mark.slow
def test_verify_collects_only_the_conftest_directory_and_says_what_it_compared(
    tmp_path: Path,
) -> None:
    project = write_tree(tmp_path / "project", UNRELATED)
    said: list[str] = []
    planned = api.migrate(project / "tests" / "conftest.py")
    verification = verify_migration(planned, VerifyOptions(args=FAST), progress=said.append)
    assert verification.ok, verification.report()
    compared = (
        "verify: compared node ids, markers and fixture closures of the tests under tests/: "
        "1 tests and 0 collection errors (default environment), 1 tests and 0 collection "
        "errors (gates on: USE_REAL_SERVICES=1 RUN_E2E_TESTS=1)"
    )
    assert compared in said  # vendor/ and its import error are not this conftest's business


@pytest.mark.slow
def test_the_run_level_uses_xdist_when_the_tests_have_it(tmp_path: Path) -> None:
    pytest.importorskip("xdist")
    project = golden_copy(tmp_path)
    planned = api.migrate(project / "tests" / "conftest.py")
    said: list[str] = []
    options = VerifyOptions(level=Level.RUN, args=FAST, parallel=True)
    verification = verify_migration(planned, options, progress=said.append)
    assert verification.ok, verification.report()
    assert verification.workers
    line = next(line for line in said if line.startswith("verify: compared"))
    assert "outcomes of the tests under tests/ with pytest-xdist (-n auto): 15 tests" in line
    outcomes = {
        item.outcome for check in verification.checks for item in check.comparison.before.items
    }
    assert outcomes and None not in outcomes, "every test's outcome came back from the workers"
    single = verify_migration(planned, dataclasses.replace(options, args=(*FAST, "-p", "no:xdist")))
    assert single.ok and not single.workers
