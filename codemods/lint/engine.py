"""The library API behind ``check`` and ``fix``: discover, configure, run the rules, report.

Files are grouped by directory (a migrated directory's modules are only meaningful together)
and the groups are checked in worker processes when there are more than a handful of them.
Nothing is written until ``LintResult.write()``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from codemods.config import Settings, find_pyproject, load_settings
from codemods.diffs import unified_diff
from codemods.discovery import discover, matches
from codemods.errors import ConfigError
from codemods.io import Changeset, lf_newlines
from codemods.lint.runner import FileFix, GroupJob, GroupOutcome, run_group
from codemods.lint.selection import Choice, enabled_codes
from codemods.rule_base.rule import Finding
from codemods.rules import RULES

PARALLEL_MIN_GROUPS = 6
"""Below this many directories, starting worker processes costs more than it saves."""
JOBS_VARIABLE = "CONFTEST_CODEMODS_JOBS"
"""Caps the worker processes (``1``: check in this process), e.g. on a CI runner that shares
its cores, or to measure the speed-up of the default, one worker per core."""
Progress = Callable[[int, int], None]
Adjust = Callable[[Settings], Settings]


@dataclass(frozen=True)
class LintResult:
    """What ``check`` found (after fixing, when asked) and what ``fix`` would write."""

    findings: tuple[Finding, ...]
    files: tuple[Path, ...]
    fixes: tuple[FileFix, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def fixable(self) -> int:
        return sum(finding.fixable for finding in self.findings)

    def diff(self, relative_to: Path | None = None) -> str:
        """A unified diff of every fix, paths relative to ``relative_to`` (default: cwd).

        A fix keeps the file's CRLF newlines; its diff is shown with plain ones."""
        changes = (
            (fix.path, fix.old and lf_newlines(fix.old), lf_newlines(fix.new)) for fix in self.fixes
        )
        return unified_diff(changes, relative_to or Path.cwd())

    def write(self) -> None:
        """Write every fixed file or none."""
        Changeset(self.fixes).write()


def lint(
    paths: Sequence[Path],
    *,
    config: Path | None = None,
    choice: Choice | None = None,
    fix: bool = False,
    unsafe_fixes: bool = False,
    progress: Progress | None = None,
    adjust: Adjust | None = None,
) -> LintResult:
    """Check every conftest module under ``paths`` (fixing what can be fixed if ``fix``).

    ``adjust`` changes the settings read from each ``pyproject.toml``: how the ``lazy`` and
    ``profile-decorate`` aliases hand their options to the rules they run.

    Raises ``ConftestCodemodsError`` on a missing path or bad configuration (exit code 2);
    a file that cannot be read or parsed is reported in ``errors`` and the rest is checked.
    """
    files = discover(paths)
    explicit = {path for path in paths if path.is_file()}
    jobs = _jobs(files, explicit, config, choice or Choice(), fix, unsafe_fixes, adjust)
    outcomes = list(_run(jobs, progress))
    findings = sorted({finding for outcome in outcomes for finding in outcome.findings})
    return LintResult(
        tuple(findings),
        tuple(path for job in jobs for path in job.paths),
        tuple(fix for outcome in outcomes for fix in outcome.fixes),
        tuple(error for outcome in outcomes for error in outcome.errors),
    )


def _jobs(
    files: Iterable[Path],
    explicit: set[Path],
    config: Path | None,
    choice: Choice,
    fix: bool,
    unsafe_fixes: bool,
    adjust: Adjust | None,
) -> list[GroupJob]:
    by_directory: dict[Path, list[Path]] = {}
    for path in files:
        by_directory.setdefault(path.parent, []).append(path)
    cache: dict[Path | None, tuple[Settings, frozenset[str]]] = {}
    jobs = []
    for directory, paths in sorted(by_directory.items()):
        origin = config or find_pyproject(directory.resolve())
        if origin not in cache:
            settings = load_settings(directory, config)
            settings = adjust(settings) if adjust is not None else settings
            codes = enabled_codes(RULES, settings, choice, origin or directory)
            cache[origin] = (settings, codes)
        settings, codes = cache[origin]
        root = origin.parent if origin else None
        kept = [p for p in paths if p in explicit or not _excluded(p, settings, root, choice)]
        if kept:
            jobs.append(GroupJob(directory, tuple(kept), settings, root, codes, fix, unsafe_fixes))
    return jobs


def _excluded(path: Path, settings: Settings, root: Path | None, choice: Choice) -> bool:
    """Whether an ``exclude`` glob matches: the configured ones relative to the
    ``pyproject.toml``'s directory, ``--exclude`` (which replaces them) and
    ``--extend-exclude`` relative to the working directory, as ruff reads them."""
    cwd = Path.cwd().resolve()
    if choice.exclude is not None:
        return _matches_any(path, choice.exclude, cwd)
    configured = _matches_any(path, settings.exclude, root.resolve() if root else cwd)
    return configured or _matches_any(path, choice.extend_exclude, cwd)


def _matches_any(path: Path, patterns: Sequence[str], base: Path) -> bool:
    if not patterns:
        return False
    resolved = path.resolve()
    if not resolved.is_relative_to(base):
        return False
    relative = PurePosixPath(resolved.relative_to(base).as_posix())
    return any(matches(relative, pattern) for pattern in patterns)


def _run(jobs: list[GroupJob], progress: Progress | None) -> Iterable[GroupOutcome]:
    workers = min(_max_workers(), len(jobs))
    if len(jobs) < PARALLEL_MIN_GROUPS or workers < 2:
        results: Iterable[GroupOutcome] = map(run_group, jobs)
        pool = None
    else:
        # Imported here: multiprocessing's import costs a small tree's whole check.
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(run_group, jobs, chunksize=max(1, len(jobs) // (workers * 4)))
    try:
        for done, outcome in enumerate(results, 1):
            if progress is not None:
                progress(done, len(jobs))
            yield outcome
    finally:
        if pool is not None:
            pool.shutdown()


def _max_workers() -> int:
    """One worker per core, or ``$CONFTEST_CODEMODS_JOBS`` when set."""
    value = os.environ.get(JOBS_VARIABLE, "").strip()
    if not value:
        return os.cpu_count() or 1
    if not value.isdigit() or int(value) < 1:
        raise ConfigError(
            JOBS_VARIABLE, f"{value!r} is not a number of workers", "set it to 1 or more"
        )
    return int(value)
