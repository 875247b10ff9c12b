"""``migrate --verify``: prove a migration on the user's own suite before writing it.

The project tree is copied twice to a temporary directory, the planned changes are written into
one copy only, and pytest runs on both copies in every environment that matters (the default one,
every gate on, and any the user adds). The real tree is written only when every run matches, so a
migration that would lose a test, flip an outcome or change a test's fixtures never reaches disk.
Copies rather than the real tree, because the "after" run must not touch the user's files, and two
copies rather than one, because a run can leave files behind that the other must not see.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import re
import shlex
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from codemods.config import Settings, load_settings
from codemods.errors import ConfigError, ConftestCodemodsError
from codemods.generated import recorded_path_markers
from codemods.interpreter import import_base
from codemods.io import FileChange
from codemods.verify.compare import Comparison, compare
from codemods.verify.results import SuiteResult
from codemods.verify.runner import PytestRunError, interpreter_has, run_pytest

ROOT_FILES = ("pyproject.toml", "pytest.ini", ".pytest.ini", "setup.cfg", "tox.ini")
"""Files that mark a project root (pytest's own rootdir markers)."""
SKIPPED_NAMES = frozenset(
    {".git", ".hg", ".svn", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
    | {".tox", ".nox", "node_modules"}
)
"""Caches and version-control data: large, and never what a test suite reads."""
INSTALL_DIRECTORIES = frozenset({"site-packages", "dist-packages"})
"""Where installed packages live: never a project root to copy."""
HEARTBEAT_SECONDS = 15.0
DEFAULT_TIMEOUT = 1800.0

Progress = Callable[[str], None]


class Migration(Protocol):
    """What verify reads of a migration; ``codemods.api.MigrationResult`` is one.

    A protocol, so that verify (a command below the API) never imports ``codemods.api``.
    """

    @property
    def source(self) -> Path: ...

    @property
    def changes(self) -> tuple[FileChange, ...]: ...

    @property
    def nothing_to_do(self) -> bool: ...


class Level(str, enum.Enum):
    """How much of the suite's behaviour to compare."""

    COLLECT = "collect"
    """Node ids, markers and each test's fixture closure (``pytest --collect-only``)."""
    RUN = "run"
    """All of ``collect``, plus every test's outcome (the tests really run)."""


class VerifyError(ConftestCodemodsError):
    """pytest could not be run on the unmigrated copy, so nothing can be compared."""


@dataclass(frozen=True)
class Environment:
    """One set of environment variables both trees are run under; ``None`` removes a variable."""

    label: str
    variables: Mapping[str, str | None]


@dataclass(frozen=True)
class EnvironmentCheck:
    """The result of one environment: a comparison, or why the migrated copy gave none."""

    environment: Environment
    comparison: Comparison | None
    failure: str | None = None
    """Set when pytest on the migrated copy ended without reporting results."""
    peak_rss_mb: tuple[float | None, float | None] = (None, None)
    """The collection's peak RSS on the original and the migrated copy (whole suite)."""

    @property
    def ok(self) -> bool:
        return self.comparison is not None and self.comparison.ok

    def memory_line(self) -> str:
        before, after = self.peak_rss_mb
        if before is None or after is None:
            return ""
        return (
            f"collection peak RSS ({self.environment.label}): before {before:.0f} MB, "
            f"after {after:.0f} MB ({after / before:.2f}x)"
        )

    def report(self, limit: int = 20) -> str:
        if self.comparison is None:
            return f"pytest on the migrated copy did not report results: {self.failure}"
        return self.comparison.report(limit)


@dataclass(frozen=True)
class Verification:
    """Every environment's check; the migration may be written only when ``ok``."""

    root: Path
    level: Level
    checks: tuple[EnvironmentCheck, ...] = ()
    scope: str = "."
    """What pytest collected, relative to ``root``: the conftest's directory."""
    workers: bool = False
    """Whether the runs used pytest-xdist (``-n auto``)."""

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def failed(self) -> tuple[EnvironmentCheck, ...]:
        return tuple(check for check in self.checks if not check.ok)

    def compared(self) -> str:
        """What was compared, with counts: the scope, the properties and the runs."""
        what = "node ids, markers and fixture closures"
        if self.level is Level.RUN:
            what = "node ids, markers, fixture closures and outcomes"
        counts = ", ".join(
            f"{len(check.comparison.before.items)} tests and "
            f"{len(check.comparison.before.collection_errors)} collection errors "
            f"({check.environment.label})"
            for check in self.checks
            if check.comparison is not None
        )
        where = "the whole project" if self.scope == "." else f"{self.scope}/"
        runner = " with pytest-xdist (-n auto)" if self.workers else ""
        return f"verify: compared {what} of the tests under {where}{runner}: {counts}"

    def report(self, limit: int = 20) -> str:
        """One heading line, what was compared, then each environment's comparison (first
        ``limit`` entries of each kind)."""
        if not self.checks:
            return "verify: nothing to verify (no file would change)"
        if self.ok:
            heading = (
                f"verify: pytest behaviour unchanged in all {len(self.checks)} environments "
                f"({self.level.value} level, project {self.root})"
            )
        else:
            heading = (
                f"verify: pytest behaviour differs in {len(self.failed)} of {len(self.checks)} "
                f"environments ({self.level.value} level, project {self.root}); nothing was written"
            )
        lines = [heading, self.compared()]
        for check in self.checks:
            lines.append(f"[{check.environment.label}]")
            lines.extend(f"  {line}" for line in check.report(limit).splitlines())
        return "\n".join(lines)


@dataclass(frozen=True)
class VerifyOptions:
    """What the user asked ``--verify`` to check; the defaults are what ``--verify`` alone does."""

    level: Level = Level.COLLECT
    args: tuple[str, ...] = ()
    """Extra pytest arguments for every run (``--verify-args``)."""
    extra_envs: tuple[Mapping[str, str], ...] = ()
    """Environment combinations checked besides the default and all-gates-on ones."""
    flaky: frozenset[str] = frozenset()
    """Node ids (or unparametrized base ids) whose outcome is not compared."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds one pytest run may take."""
    python: str | None = None
    """The interpreter that runs pytest; default: the one running this tool."""
    parallel: bool = False
    """Run the two trees at the same time: twice as fast, but only for a suite whose runs
    cannot disturb each other (no fixed ports, database names or shared files)."""
    settings: Settings | None = field(default=None, compare=False)
    """The migration's settings (gate variables, path markers); default: the project's own."""


def build_options(
    level: Level | None,
    args: str,
    envs: Sequence[str],
    flaky: Path | None,
    settings: Settings,
    python: str | None = None,
) -> VerifyOptions:
    """``VerifyOptions`` from the command line's strings (``ConfigError`` when one is malformed);
    ``python`` runs pytest (default: this interpreter)."""
    try:
        split_args = tuple(shlex.split(args))
    except ValueError as error:
        raise ConfigError("--verify-args", f"cannot split: {error}", "check the quotes") from None
    return VerifyOptions(
        level=level or Level.COLLECT,
        args=split_args,
        extra_envs=tuple(parse_env_combination(text) for text in envs),
        flaky=read_flaky_file(flaky) if flaky else frozenset(),
        settings=settings,
        python=python,
    )


def verify_migration(
    result: Migration, options: VerifyOptions | None = None, progress: Progress | None = None
) -> Verification:
    """Run pytest on copies of the project with and without ``result`` applied, and compare.

    Never writes to the project itself. Raises ``VerifyError`` when pytest cannot report
    results on the unmigrated copy (a broken suite or bad ``--verify-args``): that is not a
    difference the migration caused, and comparing against nothing would prove nothing.
    """
    options = options or VerifyOptions()
    say = progress or (lambda _message: None)
    root = find_project_root(result.source)
    scope = _absolute(result.source).parent.relative_to(root).as_posix()
    if result.nothing_to_do:
        return Verification(root, options.level, scope=scope)
    settings = options.settings or load_settings(_absolute(result.source).parent)
    environments = verify_environments(settings, options.extra_envs)
    workers = options.level is Level.RUN and _xdist_wanted(options, root)
    collect = scope_args(scope, options.args, frozenset(settings.marker_layers))
    xdist = _XDIST if workers else ()
    run_options = dataclasses.replace(options, args=(*collect, *options.args, *xdist))
    with tempfile.TemporaryDirectory(prefix="conftest-codemods-verify-") as scratch:
        name = root.name or "project"
        say(f"verify: copying {root} twice to a temporary directory")
        before = copy_project(root, Path(scratch) / "before" / name)
        after = copy_project(root, Path(scratch) / "after" / name)
        apply_changes(result, root, after)
        checks = []
        added = _path_markers_added(result)
        for number, environment in enumerate(environments, 1):
            step = f"verify: [{number}/{len(environments)}] {environment.label}"
            checks.append(_check(environment, (before, after), run_options, added, step, say))
    verification = Verification(root, options.level, tuple(checks), scope, workers)
    lines = verification.report().splitlines()
    for line in lines[:2]:
        say(line)
    for check in checks:
        if check.memory_line():
            say(f"verify: {check.memory_line()}")
    return verification


_XDIST = ("-n", "auto")


def scope_args(
    scope: str, user_args: Sequence[str], layer_words: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Collect only what the conftest can affect, its directory, with the project's rootdir.

    A conftest only provides fixtures and hooks to the tests below it, so the tests elsewhere
    (all of ``site-packages`` for a conftest inside an installed package) cost time and
    bring their own collection errors without telling anything about the migration. Left
    alone when the user's ``--verify-args`` name paths or a rootdir themselves, and when a
    directory name on the way is one of ``layer_words`` (``integration``): as a command-line
    path it would load that layer, and the default environment would no longer be default.
    """
    if any(arg == "--rootdir" or arg.startswith("--rootdir=") for arg in user_args):
        return ()
    named_paths = any(not arg.startswith("-") and "/" in arg for arg in user_args)
    if scope == "." or named_paths or layer_words.intersection(scope.split("/")):
        return ("--rootdir=.",)
    return ("--rootdir=.", scope)


def _xdist_wanted(options: VerifyOptions, root: Path) -> bool:
    """Whether the run level spreads tests over workers: pytest-xdist is installed where the
    tests run and the user's arguments do not choose workers (or turn xdist off) already."""
    for arg in options.args:
        if arg in ("-n", "--numprocesses", "--dist") or arg.endswith("no:xdist"):
            return False
        if arg.startswith(("--numprocesses=", "--dist=")) or re.fullmatch(r"-n\w+", arg):
            return False
    return interpreter_has("xdist", root, options.python)


def _check(
    environment: Environment,
    trees: tuple[Path, Path],
    options: VerifyOptions,
    added_markers: tuple[str, ...],
    step: str,
    say: Progress,
) -> EnvironmentCheck:
    """Both trees in ``environment``, compared; ``added_markers`` are the path markers the
    user opted into (``--path-markers``), which every test below their directories gains."""
    before, after = trees
    with ThreadPoolExecutor(max_workers=2 if options.parallel else 1) as pool:
        running_old = pool.submit(_run, before, environment, options, f"{step}, original", say)
        running_new = pool.submit(_run, after, environment, options, f"{step}, migrated", say)
        try:
            old = running_old.result()
        except PytestRunError as error:
            running_new.cancel()
            raise VerifyError(
                "--verify",
                f"pytest did not report results on the unmigrated copy "
                f"({environment.label}): {error.what}; {_last_line(error.output)}",
                "run the same pytest yourself, or fix --verify-args",
            ) from None
        try:
            new = running_new.result()
        except PytestRunError as error:
            return EnvironmentCheck(environment, None, f"{error.what}\n{_tail(error.output)}")
    comparison = compare(
        old,
        new,
        closures=True,
        ignore_outcomes=options.flaky,
        ignore_markers=added_markers,
    )
    memory = (old.collection_peak_rss_mb, new.collection_peak_rss_mb)
    return EnvironmentCheck(environment, comparison, peak_rss_mb=memory)


def _path_markers_added(result: Migration) -> tuple[str, ...]:
    """The markers the new orchestrator adds by path (none unless opted into)."""
    orchestrator = next((c for c in result.changes if c.path == result.source), None)
    recorded = recorded_path_markers(orchestrator.new) if orchestrator else None
    return tuple(sorted(set((recorded or {}).values())))


def _run(
    project: Path, environment: Environment, options: VerifyOptions, label: str, say: Progress
) -> SuiteResult:
    collect_only = options.level is Level.COLLECT
    say(f"{label}: pytest{' --collect-only' if collect_only else ''} ...")
    started = time.monotonic()
    with _heartbeat(label, say):
        suite = run_pytest(
            project,
            options.args,
            env=environment.variables,
            collect_only=collect_only,
            timeout=options.timeout,
            python=options.python,
        )
    counts = suite.outcome_counts()
    shown = ", ".join(f"{count} {name}" for name, count in counts.items())
    say(
        f"{label}: {len(suite.items)} tests{f' ({shown})' if shown else ''}, "
        f"{len(suite.collection_errors)} collection errors, {time.monotonic() - started:.1f} s"
    )
    return suite


@contextmanager
def _heartbeat(label: str, say: Progress) -> Iterator[None]:
    """Say every few seconds that pytest is still running, so a long suite does not look hung."""
    stop = threading.Event()
    started = time.monotonic()

    def beat() -> None:
        while not stop.wait(HEARTBEAT_SECONDS):
            say(f"{label}: still running ({time.monotonic() - started:.0f} s)")

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def find_project_root(conftest: Path) -> Path:
    """The directory to copy: the nearest one above the conftest holding a pytest root file.

    The search stops at a version-control root (never copy above the repository) and, for a
    conftest of an installed package, at that package (never copy all of ``site-packages``).
    Without any marker: for a conftest inside a package, the directory holding the outermost
    package (what pytest puts on ``sys.path``); otherwise the conftest's grandparent
    (``tests/conftest.py`` -> the project).
    """
    conftest = _absolute(conftest)
    below = conftest.parent
    for directory in conftest.parents:
        if directory.name in INSTALL_DIRECTORIES:
            return below
        if any((directory / name).is_file() for name in ROOT_FILES):
            return directory
        if (directory / ".git").exists() or (directory / ".hg").exists():
            return directory
        below = directory
    if not (conftest.parent / "__init__.py").is_file():
        return conftest.parent.parent
    base = import_base(conftest)  # resolved; the copy mirrors the path as the user gave it
    return next((parent for parent in conftest.parents if parent.resolve() == base), base)


def copy_project(root: Path, target: Path) -> Path:
    """Copy ``root`` to ``target``, links as links, without caches, VCS data or virtualenvs."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name in SKIPPED_NAMES or (Path(directory, name, "pyvenv.cfg")).is_file()
        }

    shutil.copytree(root, target, symlinks=True, ignore=ignore)
    return target


def apply_changes(result: Migration, root: Path, copy: Path) -> None:
    """Write ``result``'s changes into ``copy``, at the same places relative to ``root``."""
    for change in result.changes:
        relative = _absolute(change.path).relative_to(root)
        target = copy / relative
        # Unlink first: a symlink in the copy may point back into the real tree.
        target.unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(change.data)


def verify_environments(
    settings: Settings, extra: Sequence[Mapping[str, str]] = ()
) -> list[Environment]:
    """The default environment (every gate variable unset), every gate on, then ``extra``.

    "Every gate on" sets the first variable of each gated layer (``USE_REAL_SERVICES=1
    RUN_E2E_TESTS=1`` by default). Each extra combination is layered over the default one.
    """
    specs = [spec for layer_specs in settings.gates.values() for spec in layer_specs]
    cleared: dict[str, str | None] = {spec.partition("=")[0]: None for spec in specs}
    gates_on: dict[str, str] = {}
    for layer_specs in settings.gates.values():
        if layer_specs:
            name, _, value = layer_specs[0].partition("=")
            gates_on[name] = value or "1"
    environments = [
        Environment("default environment", cleared),
        Environment(f"gates on: {_assignments(gates_on)}", {**cleared, **gates_on}),
    ]
    seen = [dict(gates_on)]
    for combination in extra:
        if dict(combination) in seen:
            continue
        seen.append(dict(combination))
        environments.append(Environment(_assignments(combination), {**cleared, **combination}))
    return environments


def parse_env_combination(text: str) -> dict[str, str]:
    """``"NAME=V,OTHER=W"`` -> ``{"NAME": "V", "OTHER": "W"}`` (a ``--verify-env`` value)."""
    combination: dict[str, str] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        name, equals, value = part.partition("=")
        if not equals or not name.strip().isidentifier():
            raise ConfigError(
                "--verify-env", f"{part!r} is not NAME=VALUE", "write NAME=VALUE[,NAME=VALUE]"
            )
        combination[name.strip()] = value
    if not combination:
        raise ConfigError("--verify-env", "empty combination", "write NAME=VALUE[,NAME=VALUE]")
    return combination


def read_flaky_file(path: Path) -> frozenset[str]:
    """Node ids, one a line; blank lines and ``#`` comments are ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ConfigError(path, f"cannot read the flaky list: {reason}", "check --flaky") from None
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(line for line in lines if line)


def _absolute(path: Path) -> Path:
    """Absolute and without ``..``, but symlinks kept: the copy must mirror the user's view."""
    return Path(os.path.normpath(path.absolute()))


def _assignments(variables: Mapping[str, str]) -> str:
    return " ".join(f"{name}={value}" for name, value in variables.items())


def _last_line(output: str) -> str:
    """The line that most likely says why: the last one mentioning an error, else the last."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return f"output: {(errors or lines)[-1]}" if lines else "no output"


def _tail(output: str, count: int = 15) -> str:
    return "\n".join(output.rstrip().splitlines()[-count:])
