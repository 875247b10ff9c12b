"""Migrate the conftests of real packages and prove, with their own tests, that nothing changed.

For each target package (pinned wheels from ``manifest.toml``, fetched by ``fetch.py``) and
each environment (``full``: with the package's own test extra, pytest plugins and hypothesis;
``bare``: the package and pytest only; see ``environments.py``) this script installs the wheels
into that environment's throw-away venv, copies the installed package twice into a scratch
directory outside this repository, migrates
the conftest(s) of one copy (asking the venv's interpreter which heavy modules are installed, so
heavy imports are made lazy as they would be for the package's own developers), and compares
the two with the engine behind ``migrate --verify``: node ids, markers and fixture closures of
``--collect-only`` in the default and the all-gates-on environment, then outcomes of a small
test subset in the default environment.
It writes one table per environment to ``RESULTS.md``, headed by the commit it measured.
Slow (minutes), so it is a script, not part of ``pytest``::

    python tests/corpus/behaviour.py                  # every target, both environments
    python tests/corpus/behaviour.py --only networkx  # one (repeatable)
    python tests/corpus/behaviour.py --env bare       # one environment: full, bare or both

Exit status: 0 when every package migrated with no difference (or was refused cleanly), 1
when any difference or crash was found, 2 when the venv cannot be set up.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from codemods import api  # noqa: E402
from codemods.errors import ConftestCodemodsError  # noqa: E402
from codemods.verify import Comparison, PytestRunError, SuiteResult, compare, run_pytest  # noqa: E402
from tests.corpus.environments import (  # noqa: E402
    ENVIRONMENTS,
    Contents,
    Environment,
    ask,
    ensure,
    version_of,
)
from tests.corpus.fetch import CACHE, count_fixtures, load_manifest, sha256_of  # noqa: E402

GATES_OFF: dict[str, str | None] = {"USE_REAL_SERVICES": None, "RUN_E2E_TESTS": None}
GATE_SETTINGS: dict[str, dict[str, str | None]] = {
    "default": {**GATES_OFF, "ENVIRONMENT": None},
    "gates on": {"USE_REAL_SERVICES": "1", "RUN_E2E_TESTS": "1"},
}
PYTEST_ARGS = ("-p", "no:cacheprovider", "-p", "no:randomly")
"""For every run. statsmodels' test extra brings pytest-randomly, which would reseed and reorder
every package's tests in the shared ``full`` venv differently before and after."""
TIMEOUT = 1200.0


@dataclass(frozen=True)
class Target:
    """A package whose tests ship in its wheel, and which of them to collect and run."""

    distribution: str
    module: str
    conftests: tuple[str, ...]
    """Conftests to migrate, relative to the installed package's parent directory."""
    collect: tuple[str, ...]
    run: tuple[str, ...]
    args: tuple[str, ...] = ()
    full_args: tuple[str, ...] = ()
    """Arguments for the ``full`` environment only (options of plugins ``bare`` lacks)."""
    bare_collect: tuple[str, ...] = ()
    bare_run: tuple[str, ...] = ()
    """Paths for ``bare`` when ``collect``/``run`` need optional dependencies (empty: same)."""
    requirements: tuple[str, ...] = ()
    """Test-only dependencies the wheel does not declare (installed in ``full`` only)."""


TARGETS = (
    Target(
        "networkx",
        "networkx",
        ("networkx/conftest.py",),
        collect=("networkx",),
        run=("networkx/algorithms/tests/test_cycles.py", "networkx/classes/tests/test_graph.py"),
    ),
    Target(
        "numpy",
        "numpy",
        ("numpy/conftest.py",),
        collect=("numpy/_core/tests", "numpy/lib/tests", "numpy/linalg/tests"),
        run=("numpy/lib/tests/test_function_base.py", "numpy/linalg/tests/test_linalg.py"),
    ),
    Target(
        "xarray",
        "xarray",
        ("xarray/tests/conftest.py",),
        collect=("xarray/tests",),
        run=("xarray/tests/test_dataset.py", "xarray/tests/test_utils.py"),
    ),
    Target(
        "statsmodels",
        "statsmodels",
        ("statsmodels/conftest.py",),
        collect=("statsmodels/regression", "statsmodels/tsa/tests", "statsmodels/stats"),
        run=("statsmodels/regression/tests/test_regression.py",),
        args=("-o", "addopts="),  # its packaged pyproject asks for pytest-randomly's options
    ),
    Target(
        "scipy",
        "scipy",
        ("scipy/conftest.py",),
        collect=("scipy/optimize", "scipy/linalg", "scipy/stats/tests"),
        run=("scipy/optimize/tests/test_minimize_constrained.py",),
    ),
    Target(
        "scikit-learn",
        "sklearn",
        ("sklearn/conftest.py",),
        collect=("sklearn/linear_model", "sklearn/utils", "sklearn/tests"),
        run=("sklearn/linear_model/tests/test_ridge.py",),
    ),
    Target(
        "pandas",
        "pandas",
        ("pandas/conftest.py",),
        collect=("pandas/tests/frame", "pandas/tests/series", "pandas/tests/indexes"),
        run=("pandas/tests/frame/test_arithmetic.py",),
        # Its packaged pyproject turns warnings into errors; pytest-asyncio warns when unset
        # (and pytest warns about the option where pytest-asyncio is absent).
        full_args=("-o", "asyncio_default_fixture_loop_scope=function"),
    ),
    Target(
        "pyarrow",
        "pyarrow",
        ("pyarrow/conftest.py",),
        collect=("pyarrow/tests",),
        run=("pyarrow/tests/test_array.py",),
    ),
    Target(
        "astropy",
        "astropy",
        # Its top-level conftest binds names in `try: ... except ImportError` (the optional
        # pytest-astropy-header plugin) and in `if HAS_MATPLOTLIB:`; every test below loads it.
        (
            "astropy/conftest.py",
            "astropy/table/tests/conftest.py",
            "astropy/io/fits/tests/conftest.py",
        ),
        collect=("astropy/table", "astropy/io/fits"),
        run=("astropy/table/tests/test_row.py", "astropy/io/fits/tests/test_header.py"),
    ),
    Target(
        "sunpy",
        "sunpy",
        ("sunpy/conftest.py", "sunpy/map/tests/conftest.py"),
        collect=("sunpy/map", "sunpy/coordinates", "sunpy/timeseries"),
        run=("sunpy/map/tests/test_mapbase.py",),
        # sunpy[map] and sunpy[timeseries]: its map and timeseries conftests import them.
        requirements=("reproject", "mpl-animators", "cdflib", "h5netcdf", "h5py"),
        # Without them (bare), only the top-level conftest (try-bound matplotlib) loads.
        bare_collect=("sunpy/coordinates", "sunpy/time", "sunpy/io", "sunpy/physics"),
        bare_run=("sunpy/time/tests/test_time.py",),
    ),
    Target(
        "panel",
        "panel",
        ("panel/tests/conftest.py",),
        collect=("panel/tests/widgets", "panel/tests/pane", "panel/tests/layout"),
        run=("panel/tests/widgets/test_input.py", "panel/tests/layout/test_base.py"),
    ),
)


@dataclass
class Row:
    """One package's line in RESULTS.md."""

    target: Target
    environment: str
    version: str = ""
    conftest_lines: int = 0
    fixtures: int = 0
    migrate_seconds: float = 0.0
    lazy_imports: int = 0
    """Heavy imports ``migrate`` made lazy (moved into functions or proxied), every conftest."""
    refusal: str = ""
    ids: dict[str, int] = field(default_factory=dict)
    """Gate setting -> ids collected before the migration."""
    lost: dict[str, int] = field(default_factory=dict)
    """Gate setting -> ids collected before and not after (all, when pytest crashed after)."""
    errors: int = 0
    """Collection errors before the migration (default environment): tests that cannot run here."""
    differences: list[str] = field(default_factory=list)
    setup: str = ""
    """Why pytest could not run on the unmigrated copy here (not the migration's doing)."""
    outcomes: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.differences


def wheels(targets: Sequence[Target]) -> dict[str, Path]:
    """The pinned wheel of each target (distribution -> file)."""
    wanted = {target.distribution for target in targets}
    return {
        artifact.name: _wheel_file(artifact.filename, artifact.sha256)
        for artifact in load_manifest()
        if artifact.name in wanted
    }


def prepare(env: Environment, targets: Sequence[Target]) -> Contents:
    """Create or complete ``env``'s venv for ``targets``."""
    test_extras = {a.name: a.test_extra for a in load_manifest()}
    requirements = sorted({r for target in targets for r in target.requirements})
    return ensure(env, wheels(targets), requirements, test_extras)


def _wheel_file(filename: str, sha256: str) -> Path:
    """The artifact under its real wheel name (pip needs it), found by name or by hash."""
    named = CACHE / "artifacts" / filename
    if named.is_file():
        return named
    wheels = CACHE / "wheels"
    wheels.mkdir(exist_ok=True)
    target = wheels / filename
    if not target.is_file():
        match = next((p for p in (CACHE / "artifacts").iterdir() if sha256_of(p) == sha256), None)
        if match is None:
            raise FileNotFoundError(f"{filename}: run `python tests/corpus/fetch.py` first")
        shutil.copyfile(match, target)
    return target


def check(target: Target, scratch: Path, env: Environment) -> Row:
    python = str(env.python)
    row = Row(target, env.name, version=version_of(env, target.distribution))
    where = f"import {target.module}, os; print(os.path.dirname({target.module}.__file__))"
    package = Path(ask(env, where))
    args = [*target.args, *(target.full_args if env.test_extras else ())]
    collect, run = target.collect, target.run
    if not env.test_extras:
        collect, run = target.bare_collect or collect, target.bare_run or run
    ignore = shutil.ignore_patterns("__pycache__")
    before, after = scratch / "before", scratch / "after"
    for tree in (before, after):
        shutil.copytree(package, tree / target.module, symlinks=True, ignore=ignore)
        # auditwheel's vendored shared libraries, found through $ORIGIN/../<name>.libs
        for libs in {target.module, target.distribution.replace("-", "_")}:
            vendored = package.parent / f"{libs}.libs"
            if vendored.is_dir():
                shutil.copytree(vendored, tree / vendored.name, symlinks=True)
        _link_neighbours(tree, package.parent)
    for relative in target.conftests:
        text = (before / relative).read_text(encoding="utf-8")
        row.conftest_lines += len(text.splitlines())
        row.fixtures += count_fixtures(text)
        started = time.perf_counter()
        try:
            result = api.migrate(after / relative, python=python)
        except ConftestCodemodsError as error:
            row.refusal = f"{relative}: {error.what} ({error.hint})"
            return row
        row.migrate_seconds += time.perf_counter() - started
        row.lazy_imports += len(result.lazy)
        for change in result.changes:
            ast.parse(change.new)
        result.write()
        row.notes.extend(f"{relative}: {warning}" for warning in result.warnings)
        if not api.migrate(after / relative, python=python).nothing_to_do:
            row.differences.append(f"{relative}: a second migrate was not a no-op")
    for label, gates in GATE_SETTINGS.items():
        what = f"collect, {label}"
        old, new = _pair(row, what, python, (before, after), [*args, *collect], gates)
        if old is None:
            continue
        row.ids[label] = len(old.items)
        if label == "default":
            row.errors = len(old.collection_errors)
        if new is None:
            row.lost[label] = len(old.items)
            continue
        comparison = compare(old, new, closures=True)
        if comparison.lost_ids:
            row.lost[label] = len(comparison.lost_ids)
        _record(row, what, comparison)
    trees, default = (before, after), GATE_SETTINGS["default"]
    old, new = _pair(row, "run subset", python, trees, [*args, *run], default, run=True)
    if old is not None:
        counts = old.outcome_counts()
        row.outcomes = ", ".join(f"{n} {name}" for name, n in counts.items())
    if old is not None and new is not None:
        comparison = compare(old, new, closures=True)
        _record(row, "run subset", comparison)
    return row


def _link_neighbours(tree: Path, site_packages: Path) -> None:
    """Put a symlink in ``tree`` to everything else in ``site_packages``, as installed.

    The conftest of an installed package sits beside every other installed package, and
    ``migrate`` sees them: with numpy beside scipy, it proxies scipy's ``np`` and moves hooks
    that read ``dt_config`` (bound only when the optional scipy_doctest is installed) into
    another layer. Alone in a scratch directory the package would not show that. The links
    are the venv's own files, so the tests import the same code as from the venv.
    """
    for entry in site_packages.iterdir():
        link = tree / entry.name
        if entry.name != "__pycache__" and not link.exists():
            link.symlink_to(entry)


def _pair(
    row: Row,
    what: str,
    python: str,
    trees: tuple[Path, Path],
    args: list[str],
    env: dict[str, str | None],
    run: bool = False,
) -> tuple[SuiteResult | None, SuiteResult | None]:
    """pytest on the unmigrated and the migrated tree (``--collect-only`` unless ``run``)."""
    before, after = trees
    runs: list[SuiteResult | None] = []
    for tree in trees:
        if tree == after and runs[0] is None:
            return None, None
        try:
            runs.append(
                run_pytest(
                    tree,
                    [*PYTEST_ARGS, *args],
                    env=env,
                    collect_only=not run,
                    timeout=TIMEOUT,
                    python=python,
                )
            )
        except PytestRunError as error:
            print(error, file=sys.stderr)
            lines = [line for line in error.output.splitlines() if line.startswith("E ")]
            reason = f"{error.what}: {(lines or [''])[-1][1:].strip()}"
            if tree == before:
                row.setup = row.setup or reason
            else:
                row.differences.append(f"{what}: pytest after ({' '.join(args)}): {reason}")
            runs.append(None)
    return runs[0], runs[1]


def _record(row: Row, what: str, comparison: Comparison) -> None:
    if not comparison.ok:
        row.differences.append(f"{what}: {comparison.report(limit=5)}")


def write_results(
    rows: Sequence[Row], contents: Sequence[Contents], seconds: dict[str, float], path: Path
) -> None:
    """One table per environment, what each environment held, then the details."""
    lines = [
        "# Corpus behaviour: real packages, their own tests, before and after `migrate`",
        "",
        f"Measured on {_measured()}.",
        "",
        "Written by `python tests/corpus/behaviour.py` (pinned wheels from `manifest.toml` in a",
        "throw-away venv per environment; each package is copied twice, one copy migrated, and",
        "compared with the engine behind `migrate --verify`). *ids* are the tests collected from",
        "the listed paths; *collect* compares node ids, markers and fixture closures in the",
        "default and the all-gates-on environment; *run* compares outcomes of the listed subset",
        "(default env). *lazy imports* are the heavy imports `migrate` deferred (moved into",
        "functions or made lazy proxies), asking the venv's interpreter (`--python`) what is",
        "installed. *lost* counts the ids collected before and not after the migration (all",
        "of them when a migrated conftest cannot even be imported).",
    ]
    for held in contents:
        env = held.environment
        env_rows = [row for row in rows if row.environment == env.name]
        lines += ["", f"## Environment `{env.name}`", ""]
        lines += _describe(held, seconds.get(env.name, 0.0))
        lines += ["", *_table(env_rows)]
    lines += ["", "Paths: collect / run subset per package:", ""]
    targets = {row.target.distribution: row.target for row in rows}
    for target in targets.values():
        lines.append(
            f"- {target.distribution}: `{' '.join(target.collect)}` / `{' '.join(target.run)}`"
        )
        if target.bare_collect or target.bare_run:
            collect = " ".join(target.bare_collect or target.collect)
            run = " ".join(target.bare_run or target.run)
            lines.append(f"  (bare: `{collect}` / `{run}`)")
    details = [row for row in rows if row.differences or row.notes]
    if details:
        lines += ["", "## Details", ""]
        for row in details:
            lines.append(f"### {row.target.distribution} ({row.environment})")
            lines.append("")
            for difference in row.differences:
                lines += ["```", difference, "```"]
            lines += [f"- warning: {note}" for note in row.notes[:10]]
            if len(row.notes) > 10:
                lines.append(f"- ... and {len(row.notes) - 10} more warnings")
            lines.append("")
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def _measured() -> str:
    """The commit whose ``codemods/`` was measured (and whether it had local changes), and when."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(HERE), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    commit = f"commit `{git('rev-parse', '--short', 'HEAD') or 'unknown'}`"
    tool = git("log", "-1", "--format=%h", "--", ":/codemods")
    commit += f" (last change to `codemods/`: `{tool}`)" if tool else ""
    if git("status", "--porcelain", ":/codemods"):
        commit += " with uncommitted changes to `codemods/`"
    return f"{commit}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"


def _describe(held: Contents, seconds: float) -> list[str]:
    env = held.environment
    plugins = ", ".join(held.plugins) or "none"
    lines = [
        f"Held {env.summary}: {held.distributions} distributions in `cache/{env.venv.name}`, "
        f"pytest {held.pytest}, pytest plugins (pytest11 entry points): {plugins}; "
        f"hypothesis {'installed' if held.hypothesis else 'absent'}. "
        f"The run took {seconds / 60:.1f} min.",
    ]
    if held.extras:
        lines += [
            "",
            "| package | test extra | requirements | skipped (why) |",
            "| --- | --- | ---: | --- |",
        ]
        for distribution, extra in held.extras.items():
            skipped = "; ".join(f"`{r}` ({why})" for r, why in extra.skipped.items()) or "none"
            name = f"`{extra.extra}`" if extra.extra else "none declared"
            lines.append(f"| {distribution} | {name} | {len(extra.requirements)} | {skipped} |")
    return lines


def _table(rows: Sequence[Row]) -> list[str]:
    lines = [
        "| package | conftest lines | fixtures | lazy imports | ids (default / gates on) "
        "| collection errors | collect diff | run subset (outcomes before) | run diff "
        "| migrate time |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | ---: |",
    ]
    for row in rows:
        name = f"{row.target.distribution} {row.version}"
        if row.setup and not row.ids:
            lines.append(
                f"| {name} | {row.conftest_lines} | {row.fixtures} | {row.lazy_imports} | - | - "
                f"| not run here: {row.setup} | - | - | {row.migrate_seconds:.2f} s |"
            )
            continue
        if row.refusal:
            lines.append(
                f"| {name} | {row.conftest_lines} | {row.fixtures} | - | - | - "
                f"| refused (exit 2): {row.refusal} | - | - | - |"
            )
            continue
        collect = [d for d in row.differences if not d.startswith("run subset")]
        run = [d for d in row.differences if d.startswith("run subset")]
        ids = (
            " / ".join(f"{row.ids.get(label, '?'):,}" for label in GATE_SETTINGS)
            if row.ids
            else "?"
        )
        verdict = "none" if not collect else f"**{len(collect)} differences**"
        if row.lost:
            lost = " / ".join(f"{row.lost.get(label, 0):,}" for label in GATE_SETTINGS)
            verdict += f", **lost {lost}**"
        lines.append(
            f"| {name} | {row.conftest_lines} | {row.fixtures} | {row.lazy_imports} | {ids} "
            f"| {row.errors} | {verdict} "
            f"| {row.outcomes or '-'} | {'none' if not run else '**differs**'} "
            f"| {row.migrate_seconds:.2f} s |"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="a target (repeatable)")
    parser.add_argument(
        "--env",
        choices=(*ENVIRONMENTS, "both"),
        default="both",
        help="full: with each package's test extra; bare: the package and pytest only",
    )
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    options = parser.parse_args(argv)
    targets = [t for t in TARGETS if not options.only or t.distribution in options.only]
    environments = (
        list(ENVIRONMENTS.values()) if options.env == "both" else [ENVIRONMENTS[options.env]]
    )
    rows: list[Row] = []
    contents: list[Contents] = []
    seconds: dict[str, float] = {}
    for env in environments:
        started = time.perf_counter()
        try:
            contents.append(prepare(env, targets))
        except (OSError, ValueError, subprocess.CalledProcessError) as error:
            print(f"error: cannot set up {env.venv}: {error}", file=sys.stderr)
            return 2
        for target in targets:
            print(
                f"{env.name}: {target.distribution}: migrating and comparing ...", file=sys.stderr
            )
            with tempfile.TemporaryDirectory(prefix=f"corpus-{target.module}-") as scratch:
                row = check(target, Path(scratch), env)
            rows.append(row)
            verdict = row.refusal or ("no difference" if row.clean else "DIFFERENCES")
            verdict += f"; not run here: {row.setup}" if row.setup else ""
            verdict += f"; lost {row.lost}" if row.lost else ""
            print(
                f"{env.name}: {target.distribution}: {verdict} "
                f"(ids {row.ids}, lazy imports {row.lazy_imports})",
                file=sys.stderr,
            )
        seconds[env.name] = time.perf_counter() - started
        print(f"{env.name}: {seconds[env.name] / 60:.1f} min", file=sys.stderr)
    write_results(rows, contents, seconds, options.results)
    return 0 if all(row.clean for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
