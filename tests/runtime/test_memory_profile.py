"""``@memory_profile`` and the pytest plugin behind it, run for real in pytest child processes.

The child runs load the installed plugin through its ``pytest11`` entry point, as a user's
pytest does. The kinds project also runs with an identity decorator (``KINDS_UNDECORATED``),
which gives the outcomes of the undecorated suite; measuring off or on must not change a
single one (PYTEST_FACTS section 3: a naive wrapper silently loses generator and async
teardowns).
"""

from __future__ import annotations

import ast
import asyncio
import importlib.metadata
import inspect
import json
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import codemods.runtime
from codemods.runtime import decorator
from codemods.runtime import plugin as support
from codemods.verify import PytestRunError, SuiteResult, compare, run_pytest

RUNTIME = Path(codemods.runtime.__file__).resolve().parent
PROJECTS = Path(__file__).resolve().parent / "projects"
CHILD_ARGS = ("-p", "no:hypothesispytest")
"""hypothesis (our test dependency) would add 0.8 s of imports to every child run."""
MEMORY_VARIABLES = (
    "PYTEST_MEMORY_PROFILE",
    "PYTEST_MEMORY_PROFILE_BACKEND",
    "PYTEST_MEMORY_REPORT",
    "PYTEST_MEMORY_LIMIT_MB",
    "PYTEST_COLLECTION_LIMIT_MB",
    "PYTEST_MEMORY_GC_BETWEEN_MODULES",
    "PYTEST_MEMORY_SKIP_ABOVE_MB",
    "PYTEST_MEMORY_MODULE_THRESHOLD_MB",
    "PYTEST_MEMORY_PROFILE_TOP",
    "FAKE_MEMRAY",
    "KINDS_UNDECORATED",
)
FIFTY = 50.0
TOLERANCE = 0.10
BENIGN_LIMITS = (
    "--memory-limit-mb=100000",
    "--collection-limit-mb=100000",
    "--memory-skip-above-mb=100000",
    "--memory-gc-between-modules",
)
"""Every controller hook active, none able to change an outcome."""
SUMMARY = " memory profile ("


@dataclass(frozen=True)
class Run:
    suite: SuiteResult
    report: dict[str, Any]
    """The ``--memory-report`` JSON, or {} when the run wrote none."""

    def records(self, fixture: str) -> list[dict[str, Any]]:
        return [r for r in self.report["records"] if r["fixture"] == fixture]

    def outcome(self, test: str) -> str | None:
        return self.suite.by_id[test].outcome


def run_project(
    root: Path,
    name: str,
    args: tuple[str, ...] = (),
    env: Mapping[str, str] | None = None,
) -> Run:
    """Copy ``projects/<name>`` to ``root`` and run pytest there, with the installed plugin."""
    project = root / name
    shutil.copytree(PROJECTS / name, project, ignore=shutil.ignore_patterns("__pycache__"))
    if name == "legacy":
        shutil.copyfile(project / "conftest_support.py", project / "support_copy.py")
    child_env: dict[str, str | None] = dict.fromkeys(MEMORY_VARIABLES)
    child_env.update(env or {})
    suite = run_pytest(project, (*CHILD_ARGS, *args), env=child_env)
    report_file = project / "report.json"
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.is_file() else {}
    return Run(suite, report)


def in_parallel(runs: Mapping[str, Callable[[], Run]]) -> dict[str, Run]:
    """Child pytest runs side by side (each is its own process, so RSS figures stay apart)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(run) for name, run in runs.items()}
        return {name: future.result() for name, future in futures.items()}


def assert_near_fifty(value: float | None, what: str) -> None:
    assert value is not None, what
    assert abs(value - FIFTY) <= FIFTY * TOLERANCE, f"{what}: {value} MB, not 50 MB +- 10 %"


def assert_released(value: float | None, what: str) -> None:
    assert value is not None, what
    assert value <= -FIFTY * (1 - TOLERANCE), f"{what}: {value} MB, not about -50 MB"


# --------------------------------------------------------------------------- in process


def test_the_plugin_is_the_pytest11_entry_point() -> None:
    (entry,) = importlib.metadata.entry_points(group="pytest11", name="conftest_codemods")
    assert entry.value == "codemods.runtime.plugin"


@pytest.mark.parametrize("module", sorted(RUNTIME.glob("*.py")), ids=lambda path: path.name)
def test_the_runtime_imports_only_the_standard_library_and_pytest(module: Path) -> None:
    imported = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module)
    ours = {name for name in imported if name.split(".")[0] == "codemods"}
    siblings = {f"codemods.runtime.{path.stem}" for path in RUNTIME.glob("*.py")}
    assert ours <= {"codemods", "codemods.runtime", *siblings}
    allowed = set(sys.stdlib_module_names) | {"pytest", "_pytest", "codemods"}
    others = {name.split(".")[0] for name in imported} - allowed
    assert not others, f"not stdlib or pytest: {sorted(others)}"


@pytest.mark.parametrize(
    ("mb", "level"),
    [
        (-50.0, "MINIMAL"),
        (0.0, "MINIMAL"),
        (0.99, "MINIMAL"),
        (1.0, "LOW"),
        (9.99, "LOW"),
        (10.0, "MEDIUM"),
        (49.9, "MEDIUM"),
        (50.0, "HIGH"),
        (199.9, "HIGH"),
        (200.0, "VERY_HIGH"),
        (5000.0, "VERY_HIGH"),
    ],
)
def test_impact_for_mb_uses_the_documented_thresholds(mb: float, level: str) -> None:
    assert support.impact_for_mb(mb) is support.Impact[level]


def test_impact_accepts_names_and_rejects_unknown_ones() -> None:
    def fixture_function() -> int:
        return 1

    spec = support.memory_profile("d", "very_high")(fixture_function).__memory_profile__
    assert spec.impact is support.Impact.VERY_HIGH
    assert support.Impact("HIGH") == "HIGH"
    with pytest.raises(ValueError, match="unknown impact 'HUGE'"):
        support.memory_profile("d", "HUGE")


def test_above_the_fixture_decorator_is_a_clear_error() -> None:
    @pytest.fixture
    def fixture_function() -> int:
        return 1

    with pytest.raises(TypeError, match=r"below @pytest\.fixture, not above it"):
        support.memory_profile("d")(fixture_function)


def plain(tmp_path: Path, request: Any, size: int = 3) -> int:
    return size


def generator(request: Any) -> Iterator[int]:
    yield 1


async def coroutine(request: Any) -> int:
    return 2


async def async_generator(request: Any) -> AsyncIterator[int]:
    yield 3


@pytest.mark.parametrize(
    ("function", "kind", "check"),
    [
        (plain, "plain", inspect.isfunction),
        (generator, "generator", inspect.isgeneratorfunction),
        (coroutine, "coroutine", inspect.iscoroutinefunction),
        (async_generator, "async generator", inspect.isasyncgenfunction),
    ],
    ids=["plain", "generator", "coroutine", "async-generator"],
)
def test_wrapper_is_of_the_same_kind_with_the_same_signature(
    function: Callable[..., Any], kind: str, check: Callable[[Any], bool]
) -> None:
    wrapped = support.memory_profile("d", "LOW")(function)
    assert check(wrapped)
    assert wrapped.__wrapped__ is function
    assert wrapped.__name__ == function.__name__
    assert inspect.signature(wrapped) == inspect.signature(function)
    assert wrapped.__memory_profile__.kind == kind


def test_wrappers_pass_values_through_while_measuring_is_off() -> None:
    assert decorator._RECORDING is None
    assert support.memory_profile("d")(plain)(Path(), None) == 3
    assert list(support.memory_profile("d")(generator)(None)) == [1]
    assert asyncio.run(support.memory_profile("d")(coroutine)(None)) == 2

    async def drain() -> list[int]:
        return [item async for item in support.memory_profile("d")(async_generator)(None)]

    assert asyncio.run(drain()) == [3]


def test_decorating_twice_replaces_the_declaration() -> None:
    once = support.memory_profile("first", "LOW")(generator)
    twice = support.memory_profile("second", "HIGH")(once)
    assert twice.__wrapped__ is generator
    assert twice.__memory_profile__.description == "second"


# --------------------------------------------------------------------------- switched off

QUIET_TEST = """\
import os
import sys


def test_what_is_loaded(request):
    loaded = "codemods.runtime.plugin" in sys.modules
    assert loaded == (os.environ["EXPECT_PLUGIN"] == "1")
    assert "codemods.runtime.controller" not in sys.modules
    assert not request.config.pluginmanager.has_plugin("conftest-codemods-memory-profile")
"""


@pytest.mark.parametrize(("args", "loaded"), [((), "1"), (("-p", "no:conftest_codemods"), "0")])
def test_with_nothing_asked_the_plugin_registers_nothing(
    tmp_path: Path, args: tuple[str, ...], loaded: str
) -> None:
    """Loaded, it only adds options: no controller, not even its module; blocked, not loaded."""
    (tmp_path / "test_quiet.py").write_text(QUIET_TEST, encoding="utf-8")
    env: dict[str, str | None] = {**dict.fromkeys(MEMORY_VARIABLES), "EXPECT_PLUGIN": loaded}
    suite = run_pytest(tmp_path, (*CHILD_ARGS, *args), env=env)
    assert suite.outcome_counts() == {"passed": 1}, suite.output


# --------------------------------------------------------------------------- every kind


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The kinds project undecorated, decorated with measuring off, and on with each backend."""
    root = tmp_path_factory.mktemp("kinds")
    rss_env = {
        "PYTEST_MEMORY_PROFILE": "1",
        "PYTEST_MEMORY_PROFILE_BACKEND": "rss",
        "PYTEST_MEMORY_REPORT": "report.json",
        "PYTEST_MEMORY_LIMIT_MB": "100000",
        "PYTEST_MEMORY_PROFILE_TOP": "50",
    }
    return in_parallel(
        {
            "undecorated": lambda: run_project(
                root / "undecorated", "kinds", env={"KINDS_UNDECORATED": "1"}
            ),
            "off": lambda: run_project(root / "off", "kinds"),
            "tracemalloc": lambda: run_project(
                root / "tracemalloc",
                "kinds",
                ("--memory-profile", "--memory-report=report.json", *BENIGN_LIMITS),
            ),
            "rss": lambda: run_project(root / "rss", "kinds", env=rss_env),
        }
    )


def test_the_undecorated_suite_has_every_outcome(kinds: dict[str, Run]) -> None:
    assert kinds["undecorated"].suite.outcome_counts() == {
        "passed": 18,
        "failed": 1,
        "error": 7,
        "skipped": 1,
        "xfailed": 1,
    }


@pytest.mark.parametrize("variant", ["off", "tracemalloc", "rss"])
def test_outcomes_and_closures_match_the_undecorated_suite(
    kinds: dict[str, Run], variant: str
) -> None:
    comparison = compare(kinds["undecorated"].suite, kinds[variant].suite, closures=True)
    assert comparison.ok, comparison.report()
    assert kinds[variant].suite.exit_status == kinds["undecorated"].suite.exit_status


def test_the_summary_appears_only_when_asked_and_once(kinds: dict[str, Run]) -> None:
    assert SUMMARY not in kinds["off"].suite.output
    assert kinds["off"].report == {}
    assert kinds["tracemalloc"].suite.output.count(SUMMARY + "tracemalloc backend)") == 1
    assert kinds["rss"].suite.output.count(SUMMARY + "rss backend)") == 1
    assert "session_fix" in kinds["rss"].suite.output


@pytest.mark.parametrize("backend", ["tracemalloc", "rss"])
def test_the_report_names_each_fixture_with_kind_scope_and_param(
    kinds: dict[str, Run], backend: str
) -> None:
    run = kinds[backend]
    assert run.report["backend"] == backend
    kinds_by_fixture = {r["fixture"]: r["kind"] for r in run.report["records"]}
    assert kinds_by_fixture == {
        "auto_fix": "generator",
        "plain_fix": "plain",
        "gen_fix": "generator",
        "dependent_fix": "generator",
        "async_fix": "coroutine",
        "agen_fix": "async generator",
        "param_fix": "plain",
        "module_param_fix": "generator",
        "aliased": "plain",
        "session_fix": "generator",
        "assigned_fix": "plain",
        "stacked_fix": "plain",
        "stacked_outer": "plain",
        "dynamic_fix": "plain",
        "method_fix": "plain",
        "setup_error": "plain",
        "teardown_error": "generator",
        "no_yield": "generator",
        "two_yields": "generator",
        "skipping": "plain",
        "async_setup_error": "coroutine",
        "agen_two_yields": "async generator",
        "agen_teardown_error": "async generator",
    }
    assert {r["param_id"] for r in run.records("param_fix")} == {"1", "two", "three"}
    module_params = run.records("module_param_fix")
    assert {(r["param_id"], r["scope"]) for r in module_params} == {
        ("first", "module"),
        ("second", "module"),
    }
    (session,) = run.records("session_fix")
    assert (session["scope"], session["declared_impact"]) == ("session", "MEDIUM")
    (alias,) = run.records("aliased")
    assert alias["function"] == "conftest:_aliased_impl"
    assert len(run.records("auto_fix")) == len(run.suite.items)
    assert {r["test"] for r in run.records("gen_fix")} >= {"test_kinds.py::test_dynamic"}
    (method,) = run.records("method_fix")
    assert method["function"] == "test_kinds:TestInClass.method_fix"


@pytest.mark.parametrize("backend", ["tracemalloc", "rss"])
def test_the_report_keeps_setup_and_teardown_apart(kinds: dict[str, Run], backend: str) -> None:
    run = kinds[backend]
    for record in run.report["records"]:
        assert record["test"] is not None and record["test_module"] is not None, record
        assert record["setup"] is not None, record
        traced = record["setup"]["traced_net_mb"]
        assert (traced is None) == (backend == "rss"), record
        has_teardown = record["kind"] in ("generator", "async generator")
        if record["fixture"] in ("no_yield",) or record["setup"]["error"]:
            has_teardown = False
        assert (record["teardown"] is not None) == has_teardown, record
    (setup_error,) = run.records("setup_error")
    assert setup_error["setup"]["error"] == "ValueError"
    for fixture in ("teardown_error", "agen_teardown_error"):
        (failing,) = run.records(fixture)
        assert failing["teardown"]["error"] == "RuntimeError"
    (skipping,) = run.records("skipping")
    assert skipping["setup"]["error"] == "Skipped"


def test_gc_between_modules_runs_after_each_test_module(kinds: dict[str, Run]) -> None:
    assert kinds["tracemalloc"].report["gc_between_modules"] == {"enabled": True, "runs": 2}
    assert kinds["rss"].report["gc_between_modules"] == {"enabled": False, "runs": 0}


# --------------------------------------------------------------------------- attribution


@pytest.fixture(scope="module")
def accuracy(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    root = tmp_path_factory.mktemp("accuracy")

    def run(backend: str) -> Callable[[], Run]:
        arguments = ("--memory-profile", f"--memory-profile-backend={backend}")
        return lambda: run_project(
            root / backend, "accuracy", (*arguments, "--memory-report=report.json")
        )

    return in_parallel({backend: run(backend) for backend in ("tracemalloc", "rss")})


@pytest.mark.parametrize("backend", ["tracemalloc", "rss"])
@pytest.mark.parametrize("fixture", ["fifty_mb", "fifty_mb_async"])
def test_fifty_mb_is_attributed_to_setup_and_released_at_teardown(
    accuracy: dict[str, Run], backend: str, fixture: str
) -> None:
    run = accuracy[backend]
    assert run.suite.outcome_counts() == {"passed": 4}
    assert run.report["backend"] == backend
    records = run.records(fixture)
    assert records
    for record in records:
        setup, teardown = record["setup"], record["teardown"]
        assert_near_fifty(setup["growth_mb"], f"{fixture} setup")
        assert_near_fifty(setup["rss_growth_mb"], f"{fixture} setup RSS")
        assert_released(teardown["growth_mb"], f"{fixture} teardown")
        assert_released(teardown["rss_growth_mb"], f"{fixture} teardown RSS")
        if backend == "tracemalloc":
            assert_near_fifty(setup["traced_peak_mb"], f"{fixture} setup peak")
    (row,) = [row for row in run.report["fixtures"] if row["fixture"] == fixture]
    assert (row["declared"], row["measured"]) == ("HIGH", "HIGH")


@pytest.mark.parametrize("backend", ["tracemalloc", "rss"])
def test_a_heavy_module_gets_a_memory_line(accuracy: dict[str, Run], backend: str) -> None:
    run = accuracy[backend]
    (module,) = run.report["modules"]
    assert module["module"] == "test_accuracy.py"
    assert module["over_threshold"]
    assert_near_fifty(module["growth_mb"], "module growth")
    assert "[MEMORY] test_accuracy.py: peak RSS" in run.suite.output
    (snapshot,) = run.report["snapshots"]
    assert snapshot["label"] == "with fifty_mb"


# --------------------------------------------------------------------------- limits


def test_the_memory_limit_fails_tests_naming_the_fixture(
    accuracy: dict[str, Run], tmp_path: Path
) -> None:
    baseline = accuracy["rss"].report["collection"]["peak_rss_mb"]
    limit = baseline + FIFTY / 2
    run = run_project(tmp_path, "accuracy", env={"PYTEST_MEMORY_LIMIT_MB": f"{limit:.0f}"})
    assert run.outcome("test_accuracy.py::test_light") == "passed"
    for test in ("test_fifty", "test_fifty_async", "test_reporter_sees_the_fixture"):
        assert run.outcome(f"test_accuracy.py::{test}") == "failed", run.suite.output
    output = run.suite.output
    assert output.count("memory limit exceeded: RSS") >= 3
    assert "RSS grown by its fixtures: fifty_mb (+" in output
    assert "RSS grown by its fixtures: fifty_mb_async (+" in output
    assert SUMMARY not in output


def test_the_collection_limit_stops_before_any_test(tmp_path: Path) -> None:
    run = run_project(tmp_path, "accuracy", env={"PYTEST_COLLECTION_LIMIT_MB": "1"})
    assert run.suite.exit_status == pytest.ExitCode.INTERRUPTED
    assert [item.outcome for item in run.suite.items] == [None] * 4
    assert "is over the collection limit 1 MB (PYTEST_COLLECTION_LIMIT_MB" in run.suite.output


def test_memory_pressure_skips_tests_with_a_reason(tmp_path: Path) -> None:
    run = run_project(tmp_path, "accuracy", ("-rs",), env={"PYTEST_MEMORY_SKIP_ABOVE_MB": "1"})
    assert run.suite.outcome_counts() == {"skipped": 4}
    assert "memory pressure: RSS" in run.suite.output


def test_a_bad_setting_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(PytestRunError) as raised:
        run_project(tmp_path, "accuracy", env={"PYTEST_MEMORY_LIMIT_MB": "lots"})
    assert "PYTEST_MEMORY_LIMIT_MB='lots': expected a number" in raised.value.output


# --------------------------------------------------------------------------- coexistence


def test_memray_makes_it_fall_back_to_rss_with_one_notice(tmp_path: Path) -> None:
    run = run_project(
        tmp_path,
        "accuracy",
        ("--memory-profile", "--memory-report=report.json"),
        env={"FAKE_MEMRAY": "1"},
    )
    assert run.suite.outcome_counts() == {"passed": 4}
    assert run.report["backend"] == "rss"
    assert len(run.report["notices"]) == 1
    assert run.suite.output.count("[MEMORY] notice: memray is tracking this run") == 1
    for record in run.records("fifty_mb"):
        assert record["setup"]["traced_net_mb"] is None
        assert_near_fifty(record["setup"]["growth_mb"], "fifty_mb setup RSS under memray")


def test_a_tree_migrated_by_0_1_0_runs_beside_the_plugin(tmp_path: Path) -> None:
    """Its vendored copies register themselves and their options: nothing is added twice, one
    table is printed, and the plugin's decorators report to the same controller."""
    run = run_project(tmp_path, "legacy", ("--memory-profile", "--memory-report=report.json"))
    assert run.suite.outcome_counts() == {"passed": 3}
    assert run.suite.output.count(SUMMARY) == 1
    calls = [(r["fixture"], r["test"]) for r in run.report["records"]]
    assert sorted(calls) == [
        ("first", "test_legacy.py::test_both"),
        ("first", "test_legacy.py::test_both_again"),
        ("first", "test_legacy.py::test_with_the_plugin"),
        ("second", "test_legacy.py::test_both"),
        ("second", "test_legacy.py::test_both_again"),
        ("third", "test_legacy.py::test_with_the_plugin"),
    ]


def test_a_tree_migrated_by_0_1_0_shows_each_option_once(tmp_path: Path) -> None:
    project = tmp_path / "legacy"
    shutil.copytree(PROJECTS / "legacy", project, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(project / "conftest_support.py", project / "support_copy.py")
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *CHILD_ARGS, "--help"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    for flag in ("--memory-profile ", "--memory-limit-mb=", "--memory-profile-top="):
        assert completed.stdout.count(flag) == 1, flag
