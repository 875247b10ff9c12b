"""Golden cases (../shared/DESIGN.md section 8): exact output trees *and* unchanged behaviour.

For each ``golden/<case>``: run the tool on a copy of ``before/``, compare the tree with
``after/`` byte for byte, run pytest on the input and on the output (default environment and
every gate on) and require identical node ids, markers, fixture closures and outcomes, then run
the tool again and require that nothing changes. ``--update-goldens`` rewrites ``after/`` only
once the behaviour check has passed. A case whose options change behaviour on purpose
(``changes_behaviour = true``, e.g. ``--path-markers``) records the comparison reports in
``behaviour.txt`` instead, and they must match it exactly.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods.cli import app
from codemods.verify import compare, run_pytest
from tests.treeutil import copy_tree, describe_difference, snapshot, stored, write_snapshot

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
GATES_ON: dict[str, str | None] = {"USE_REAL_SERVICES": "1", "RUN_E2E_TESTS": "1"}
ENVIRONMENTS: dict[str, dict[str, str | None]] = {
    "default": {"USE_REAL_SERVICES": None, "RUN_E2E_TESTS": None, "ENVIRONMENT": None},
    "gates-on": GATES_ON,
}
CHILD_ARGS = ("-p", "no:hypothesispytest")
"""hypothesis (our test dependency) would add 0.8 s of imports to every child run."""


@dataclass(frozen=True)
class Case:
    name: str
    root: Path
    description: str
    argv: list[str]
    exit_code: int
    pytest_args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    changes_behaviour: bool = False

    @classmethod
    def load(cls, root: Path) -> Case:
        data = tomllib.loads((root / "case.toml").read_text(encoding="utf-8"))
        return cls(
            name=root.name,
            root=root,
            description=data["description"],
            argv=list(data["argv"]),
            exit_code=int(data["exit_code"]),
            pytest_args=list(data.get("pytest_args", [])),
            env=dict(data.get("env", {})),
            changes_behaviour=bool(data.get("changes_behaviour", False)),
        )


def _cases() -> list[Case]:
    return [Case.load(path.parent) for path in sorted(GOLDEN.glob("*/case.toml"))]


@pytest.fixture
def in_directory() -> Iterator[None]:
    """Restore the working directory after a test that runs the CLI elsewhere."""
    previous = Path.cwd()
    yield
    os.chdir(previous)


def run_tool(case: Case, project: Path) -> int:
    """Run the CLI in-process from ``project``, as a user would from their checkout."""
    os.chdir(project)
    result = CliRunner().invoke(app, case.argv, env=case.env, catch_exceptions=False)
    return result.exit_code


@pytest.mark.slow
@pytest.mark.parametrize("case", _cases(), ids=lambda case: case.name)
def test_golden(case: Case, tmp_path: Path, update_goldens: bool, in_directory: None) -> None:
    before = copy_tree(case.root / "before", tmp_path / "before")
    work = copy_tree(case.root / "before", tmp_path / "work")

    assert run_tool(case, work) == case.exit_code, case.description
    output = snapshot(work)

    if case.exit_code == 0:
        args = [*CHILD_ARGS, *case.pytest_args]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            runs = {
                (label, tree): pool.submit(
                    run_pytest, root, args, env=env, collect_only=False, timeout=300
                )
                for label, env in ENVIRONMENTS.items()
                for tree, root in (("before", before), ("after", work))
            }
        reports = []
        for label in ENVIRONMENTS:
            old, new = runs[label, "before"].result(), runs[label, "after"].result()
            comparison = compare(old, new, closures=True)
            assert case.changes_behaviour or comparison.ok, (
                f"{label} environment:\n{comparison.report()}"
            )
            reports.append(f"[{label}]\n{comparison.report()}\n")
        recorded = case.root / "behaviour.txt"
        if case.changes_behaviour and update_goldens:
            recorded.write_text("".join(reports), encoding="utf-8")
        elif case.changes_behaviour:
            assert "".join(reports) == recorded.read_text(encoding="utf-8")
    else:
        assert output == snapshot(before), "a refused run must leave the tree untouched"

    expected_root = case.root / "after"
    if update_goldens:
        write_snapshot(stored(work), expected_root)
    else:
        assert expected_root.is_dir(), "no after/ yet: run pytest --update-goldens"
        difference = describe_difference(snapshot(expected_root), stored(work))
        assert not difference, f"output differs from {expected_root}:\n{difference}"

    assert run_tool(case, work) == case.exit_code, "second run"
    assert snapshot(work) == output, "a second run must change nothing"


SELECTION_CASES = ("01_", "13_", "30_", "31_", "32_", "33_", "34_", "35_", "60_", "61_")
"""The cases of the constructs that broke silently (issue 14), run again as users select."""
SELECTIONS: dict[str, tuple[str, ...]] = {
    "-m integration": ("-m", "integration"),
    "path tests/unit": ("tests/unit",),
    "xdist -n 2": ("-p", "xdist", "-n", "2"),
    "importlib": ("--import-mode=importlib",),
}


def _selection_params() -> list[object]:
    cases = [c for c in _cases() if c.name.startswith(SELECTION_CASES) and c.exit_code == 0]
    return [
        pytest.param(case, args, id=f"{case.name}-{label}")
        for case in cases
        for label, args in SELECTIONS.items()
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("case", "selection"), _selection_params())
def test_golden_selection(
    case: Case, selection: tuple[str, ...], tmp_path: Path, in_directory: None
) -> None:
    """The same ids, markers, closures and outcomes before and after under ``-m``, a path,
    xdist and ``--import-mode=importlib``, in the default environment."""
    if selection[0] == "tests/unit" and not (case.root / "before" / "tests" / "unit").is_dir():
        pytest.skip("the case has no tests/unit")
    if "xdist" in selection:
        pytest.importorskip("xdist")
    before = copy_tree(case.root / "before", tmp_path / "before")
    work = copy_tree(case.root / "before", tmp_path / "work")
    assert run_tool(case, work) == 0
    args = [*CHILD_ARGS, *case.pytest_args, *selection]
    old = run_pytest(before, args, env=ENVIRONMENTS["default"], timeout=300)
    new = run_pytest(work, args, env=ENVIRONMENTS["default"], timeout=300)
    if not (old.items or old.collection_errors):
        pytest.skip("the original selects no test this way")
    comparison = compare(old, new, closures=True)
    assert comparison.ok, comparison.report()


OPTIONAL_MODULES = {"29_lazy_optional_import_in_try": "fakecache"}
"""Cases whose optional module (a package in ``before/``) is also removed, after the tool ran
where it was installed: the suite must behave as the original does without it."""


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(OPTIONAL_MODULES))
def test_golden_without_its_optional_module(name: str, tmp_path: Path, in_directory: None) -> None:
    """A proxy that stands in a ``try:``/``except ImportError`` must still send the handler its
    ``ModuleNotFoundError`` where the module is missing: the same ids and outcomes, in the
    default environment and with gates on."""
    case = Case.load(GOLDEN / name)
    before = copy_tree(case.root / "before", tmp_path / "before")
    work = copy_tree(case.root / "before", tmp_path / "work")
    assert run_tool(case, work) == 0
    module = OPTIONAL_MODULES[name]
    assert (
        f'{module} = _lazy_module("{module}")' in (work / "tests" / "conftest_base.py").read_text()
    )
    for tree in (before, work):
        shutil.rmtree(tree / module)
    for label, env in ENVIRONMENTS.items():
        args = [*CHILD_ARGS, *case.pytest_args]
        old = run_pytest(before, args, env=env, collect_only=False, timeout=300)
        new = run_pytest(work, args, env=env, collect_only=False, timeout=300)
        assert any(item.outcome == "skipped" for item in old.items), "the handler ran"
        comparison = compare(old, new, closures=True)
        assert comparison.ok, f"{label} environment:\n{comparison.report()}"
