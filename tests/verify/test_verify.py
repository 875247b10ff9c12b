"""The behaviour-comparison engine on real pytest runs of small projects.

Every difference kind is produced by a real child pytest, because the engine's whole value is
that it reads what pytest actually did; the report formatting is tested on hand-built results.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from codemods.verify import (
    ItemResult,
    Outcome,
    PytestRunError,
    SuiteResult,
    compare,
    run_pytest,
)
from codemods.verify.runner import child_environment

FAST = ["-p", "no:hypothesispytest"]
"""Child args for speed: hypothesis's plugin costs ~0.8 s of imports per run, unused here."""

PYTEST_INI = """\
[pytest]
asyncio_default_fixture_loop_scope = function
markers =
    slow: slow tests
    db: needs the database
"""

ZOO_CONFTEST = """\
import pytest

@pytest.fixture
def broken_setup():
    raise RuntimeError("setup boom")

@pytest.fixture
def broken_teardown():
    yield
    raise RuntimeError("teardown boom")

@pytest.fixture
def db():
    return "db"
"""

ZOO_TESTS = """\
import pytest

pytestmark = pytest.mark.slow

def test_pass(db):
    assert db == "db"

def test_fail():
    assert 1 == 2

@pytest.mark.skip(reason="not today")
def test_skip():
    pass

@pytest.mark.xfail(reason="known bug")
def test_xfail():
    assert False

@pytest.mark.xfail(reason="known bug")
def test_xpass():
    pass

def test_setup_error(broken_setup):
    pass

def test_teardown_error(broken_teardown):
    pass

@pytest.mark.xfail(reason="known bug")
def test_xfail_in_setup(broken_setup):
    pass

@pytest.mark.parametrize("n", [1, 2])
def test_param(n):
    assert n
"""

ZOO_OUTCOMES = {
    "test_zoo.py::test_pass": "passed",
    "test_zoo.py::test_fail": "failed",
    "test_zoo.py::test_skip": "skipped",
    "test_zoo.py::test_xfail": "xfailed",
    "test_zoo.py::test_xpass": "xpassed",
    "test_zoo.py::test_setup_error": "error",
    "test_zoo.py::test_teardown_error": "error",
    "test_zoo.py::test_xfail_in_setup": "xfailed",
    "test_zoo.py::test_param[1]": "passed",
    "test_zoo.py::test_param[2]": "passed",
}


def make_project(root: Path, files: dict[str, str]) -> Path:
    """A project with its own pytest.ini, so no configuration leaks in from above ``root``."""
    for name, text in {"pytest.ini": PYTEST_INI, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def edited_copy(source: Path, target: Path, name: str, old: str, new: str) -> Path:
    shutil.copytree(source, target)
    path = target / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("zoo")
    return make_project(root, {"conftest.py": ZOO_CONFTEST, "test_zoo.py": ZOO_TESTS})


@pytest.fixture(scope="module")
def zoo_run(zoo: Path) -> SuiteResult:
    return run_pytest(zoo, FAST, env=None, collect_only=False, timeout=60)


def test_every_outcome_kind_is_recorded(zoo_run: SuiteResult) -> None:
    assert {item.nodeid: item.outcome for item in zoo_run.items} == ZOO_OUTCOMES
    assert zoo_run.exit_status == 1
    assert zoo_run.returncode == 1
    assert zoo_run.collection_errors == ()


def test_markers_include_inherited_ones_and_closures_are_sorted(zoo_run: SuiteResult) -> None:
    items = zoo_run.by_id
    assert items["test_zoo.py::test_skip"].markers == ("skip", "slow")
    assert items["test_zoo.py::test_param[1]"].markers == ("parametrize", "slow")
    fixtures = items["test_zoo.py::test_pass"].fixtures
    assert "db" in fixtures
    assert list(fixtures) == sorted(fixtures)


def test_identical_projects_compare_ok(zoo: Path, zoo_run: SuiteResult, tmp_path: Path) -> None:
    twin = shutil.copytree(zoo, tmp_path / "twin")

    comparison = compare(zoo_run, run_pytest(twin, FAST, timeout=60), closures=True)

    assert comparison.ok, comparison.report()
    assert comparison.report().startswith("pytest behaviour unchanged: 10 tests")


def test_removed_test_is_lost(zoo: Path, zoo_run: SuiteResult, tmp_path: Path) -> None:
    after = edited_copy(zoo, tmp_path / "after", "test_zoo.py", "def test_xpass", "def _xpass")

    comparison = compare(zoo_run, run_pytest(after, FAST, timeout=60), closures=True)

    assert not comparison.ok
    assert comparison.lost_ids == ("test_zoo.py::test_xpass",)
    assert comparison.new_ids == ()
    assert comparison.changed_outcomes == ()
    assert "lost test ids (1):\n  test_zoo.py::test_xpass" in comparison.report()


def test_flipped_assert_is_a_changed_outcome(
    zoo: Path, zoo_run: SuiteResult, tmp_path: Path
) -> None:
    after = edited_copy(zoo, tmp_path / "after", "test_zoo.py", "assert 1 == 2", "assert 1 == 1")

    comparison = compare(zoo_run, run_pytest(after, FAST, timeout=60), closures=True)

    assert [(c.nodeid, c.before, c.after) for c in comparison.changed_outcomes] == [
        ("test_zoo.py::test_fail", "failed", "passed")
    ]
    assert comparison.lost_ids == comparison.new_ids == ()
    assert "test_zoo.py::test_fail: failed -> passed" in comparison.report()


def test_collection_error_is_captured_and_compared(tmp_path: Path) -> None:
    files = {"test_a.py": "def test_a():\n    pass\n"}
    before = make_project(tmp_path / "before", files)
    after = make_project(tmp_path / "after", {**files, "test_b.py": "import no_such_module_x\n"})

    old = run_pytest(before, FAST, timeout=60)
    new = run_pytest(after, FAST, timeout=60)
    comparison = compare(old, new, closures=True)

    message = "ModuleNotFoundError: No module named 'no_such_module_x'"
    assert new.errors_by_id == {"test_b.py": message}
    assert (old.exit_status, new.exit_status) == (0, 2)  # errors interrupt the session
    assert [(c.nodeid, c.before) for c in comparison.changed_collection_errors] == [
        ("test_b.py", None)
    ]
    assert comparison.exit_status_changed
    assert "changed collection errors (1)" in comparison.report()


def test_env_is_passed_through_and_pytest_variables_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        tmp_path,
        {
            "test_env.py": """\
            import os

            def test_flag():
                assert os.environ.get("VERIFY_FLAG") == "on"

            def test_clean():
                assert "PYTEST_PLUGINS" not in os.environ
                assert os.environ["PYTHONDONTWRITEBYTECODE"] == "1"
            """
        },
    )
    # Either would change or break the child's run if it leaked through.
    monkeypatch.setenv("PYTEST_ADDOPTS", "--no-such-option")
    monkeypatch.setenv("PYTEST_PLUGINS", "no_such_plugin")
    monkeypatch.setenv("VERIFY_FLAG", "stale")

    flag_on = run_pytest(project, FAST, env={"VERIFY_FLAG": "on"}, timeout=60)
    flag_unset = run_pytest(project, FAST, env={"VERIFY_FLAG": None}, timeout=60)

    assert {i.nodeid: i.outcome for i in flag_on.items} == {
        "test_env.py::test_flag": "passed",
        "test_env.py::test_clean": "passed",
    }
    assert flag_unset.by_id["test_env.py::test_flag"].outcome == "failed"


def test_collect_only_records_markers_and_closures_without_outcomes(tmp_path: Path) -> None:
    conftest = textwrap.dedent(
        """\
        import pytest

        @pytest.fixture
        def db():
            return 1

        @pytest.fixture
        def cache(db):
            return db
        """
    )
    tests = textwrap.dedent(
        """\
        import pytest

        def test_a(db):
            pass

        def test_b():
            pass
        """
    )
    before = make_project(tmp_path / "before", {"conftest.py": conftest, "test_c.py": tests})
    after = make_project(
        tmp_path / "after",
        {
            "conftest.py": conftest.replace("def cache(db)", "def cache()")
            + "\n@pytest.fixture(autouse=True)\ndef layer_guard():\n    pass\n",
            "test_c.py": tests.replace("def test_a(db)", "def test_a(cache)").replace(
                "def test_b", "@pytest.mark.db\ndef test_b"
            ),
        },
    )

    old = run_pytest(before, FAST, collect_only=True, timeout=60)
    new = run_pytest(after, FAST, collect_only=True, timeout=60)

    assert old.collect_only and new.collect_only
    assert [item.outcome for item in old.items + new.items] == [None] * 4
    assert new.by_id["test_c.py::test_a"].fixtures == ("cache", "event_loop_policy", "layer_guard")
    full = compare(old, new, closures=True)
    assert [c.nodeid for c in full.changed_closures] == ["test_c.py::test_a", "test_c.py::test_b"]
    assert [c.nodeid for c in full.changed_markers] == ["test_c.py::test_b"]
    assert "test_c.py::test_a: -db +cache" in full.report()
    assert "test_c.py::test_b: +db" in full.report()
    ignoring = compare(old, new, closures=True, ignore_fixtures={"layer_guard"})
    assert [c.nodeid for c in ignoring.changed_closures] == ["test_c.py::test_a"]
    assert compare(old, new, closures=False).changed_closures == ()


def test_crash_without_results_raises_with_the_output_tail(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"test_a.py": "def test_a():\n    pass\n"})

    with pytest.raises(PytestRunError, match="without reporting results") as raised:
        run_pytest(project, [*FAST, "--no-such-option"], timeout=60)

    assert "unrecognized arguments: --no-such-option" in str(raised.value)


def test_timeout_kills_the_run(tmp_path: Path) -> None:
    project = make_project(
        tmp_path, {"test_slow.py": "import time\n\ndef test_slow():\n    time.sleep(60)\n"}
    )

    with pytest.raises(PytestRunError, match="timed out after 2 s"):
        run_pytest(project, FAST, timeout=2)


def test_pythonpath_is_left_alone_when_the_plugin_is_importable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYTHONPATH", raising=False)

    env = child_environment(tmp_path, {"EXTRA": "1"}, tmp_path / "out.json")

    assert "PYTHONPATH" not in env
    assert env["EXTRA"] == "1"
    assert env["CONFTEST_CODEMODS_OUTCOMES"] == str(tmp_path / "out.json")


def suite(*items: ItemResult, exit_status: int = 0) -> SuiteResult:
    return SuiteResult(Path("p"), items, (), exit_status, collect_only=False)


def item(nodeid: str, outcome: Outcome = "passed") -> ItemResult:
    return ItemResult(nodeid, (), ("db",), outcome)


def test_report_shows_counts_and_the_first_entries_of_each_kind() -> None:
    before = suite(*(item(f"t.py::test_{n:02}") for n in range(25)), item("t.py::test_x"))
    after = suite(item("t.py::test_x", "failed"), exit_status=1)

    report = compare(before, after, closures=True).report(limit=20)

    assert report.splitlines()[:3] == [
        "pytest behaviour differs: 25 lost test ids, 1 changed outcomes",
        "before: 26 tests, 26 passed, exit status 0",
        "after:  1 tests, 1 failed, exit status 1",
    ]
    assert "  t.py::test_19\n  ... and 5 more\n" in report
    assert "t.py::test_20" not in report
    assert report.endswith("changed outcomes (1):\n  t.py::test_x: passed -> failed")


def test_flaky_tests_keep_their_ids_but_not_their_outcomes() -> None:
    before = suite(item("t.py::test_f[1]"), item("t.py::test_g"))
    after = suite(item("t.py::test_f[1]", "failed"), item("t.py::test_g", "failed"))

    comparison = compare(before, after, closures=True, ignore_outcomes={"t.py::test_f"})

    assert [c.nodeid for c in comparison.changed_outcomes] == ["t.py::test_g"]
