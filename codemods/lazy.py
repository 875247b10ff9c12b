"""The library API of lazy heavy imports: ``make_imports_lazy`` rewrites one module's text,
``lazy_file`` does it for a conftest on disk (with the support module beside it).

``migrate`` calls ``make_imports_lazy`` on each layer module it renders; the ``lazy`` command
calls ``lazy_file`` for suites that are already split. Nothing is written until ``write()``.
"""

from __future__ import annotations

import difflib
import importlib.resources
import importlib.util
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from codemods import __version__
from codemods.analysis.imports import ImportBinding, analyse_imports
from codemods.audit.cost import measure, measured
from codemods.audit.probe import run_probe
from codemods.config import find_pyproject, load_settings
from codemods.errors import InputError
from codemods.io import SourceFile, encode_text, read_source, write_atomically
from codemods.plan.lazy_imports import (
    Decision,
    IsAvailable,
    IsHeavy,
    LazyOptions,
    Strategy,
    decide,
)
from codemods.plan.profiles import HEAVY_MODULES
from codemods.scan import scan_external_uses
from codemods.transforms.lazy_imports import LazyImportsTransform
from codemods.transforms.lazy_nodes import HELPER, binds_at_top

SUPPORT_MODULE = "conftest_lazy"
"""The generated module beside the conftest that holds ``lazy_module``."""
SUPPORT_MARK = "# conftest-codemods: generated lazy-import support"


@dataclass(frozen=True)
class LazyOutcome:
    """The rewritten text of one module and the decision taken for each heavy import."""

    code: str
    decisions: tuple[Decision, ...]
    uses_helper: bool
    """The output binds ``_lazy_module``: the support module must sit beside it."""

    def kept(self) -> list[Decision]:
        return [d for d in self.decisions if d.strategy is Strategy.KEEP]


def installed_here(module: str) -> bool:
    """Whether ``module``'s top-level package can be found by this interpreter (nothing is
    imported). For callers without a ``Probe`` of the test environment, e.g. ``migrate``
    run from the project's own virtualenv."""
    top = module.partition(".")[0]
    try:
        return top.startswith(".") or importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return False


def configured(modules: Collection[str]) -> IsHeavy:
    """Heavy when the import is one of ``modules`` or inside one (``pandas.testing``)."""
    heavy = frozenset(modules)

    def is_heavy(binding: ImportBinding) -> str | None:
        parts = binding.qualified.split(".")
        for cut in range(1, len(parts) + 1):
            if ".".join(parts[:cut]) in heavy:
                return f"listed in heavy-imports ({'.'.join(parts[:cut])})"
        return None

    return is_heavy


def either(*rules: IsHeavy) -> IsHeavy:
    """The first rule's reason that calls a binding heavy."""

    def is_heavy(binding: ImportBinding) -> str | None:
        return next((why for rule in rules if (why := rule(binding)) is not None), None)

    return is_heavy


def make_imports_lazy(
    source: str | cst.Module,
    *,
    heavy: IsHeavy | Collection[str],
    available: IsAvailable,
    options: LazyOptions | None = None,
    support_module: str = SUPPORT_MODULE,
) -> LazyOutcome:
    """Defer the heavy top-level imports of ``source`` where that is safe.

    ``heavy`` is a list of module names or a rule (see ``configured``, ``either`` and
    ``codemods.audit.cost.measured``); ``available`` tells whether a module is installed where
    the tests run (``codemods.audit.cost.Probe.available``). Raises ``libcst.ParserSyntaxError``
    on text libcst cannot parse.
    """
    module = source if isinstance(source, cst.Module) else cst.parse_module(source)
    rule = heavy if callable(heavy) else configured(heavy)
    analysis = analyse_imports(module)
    decisions = decide(analysis, rule, available, options or LazyOptions())
    transform = LazyImportsTransform(
        decisions, support_module=support_module, has_helper=binds_at_top(module, HELPER)
    )
    result = analysis.module.visit(transform)
    return LazyOutcome(result.code, tuple(decisions), binds_at_top(result, HELPER))


@dataclass(frozen=True)
class LazyChange:
    path: Path
    old: str | None
    new: str
    data: bytes


@dataclass(frozen=True)
class LazyResult:
    """What ``lazy_file`` would write, and the decision for each heavy import."""

    source: Path
    changes: tuple[LazyChange, ...]
    decisions: tuple[Decision, ...]
    notes: tuple[str, ...] = field(default=())

    def diff(self, relative_to: Path | None = None) -> str:
        base = relative_to or Path.cwd()
        chunks: list[str] = []
        for change in self.changes:
            name = _relative(change.path, base)
            chunks.extend(
                difflib.unified_diff(
                    (change.old or "").splitlines(keepends=True),
                    change.new.splitlines(keepends=True),
                    fromfile="/dev/null" if change.old is None else f"a/{name}",
                    tofile=f"b/{name}",
                )
            )
        return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)

    def report(self) -> list[str]:
        """One line per heavy import: what was done with it, or why it stays eager."""
        return [describe(decision, self.source) for decision in self.decisions]

    def write(self) -> None:
        """Write the support module first, then the conftest (all or nothing)."""
        write_atomically({c.path: c.data for c in self.changes}, last=self.source)


def lazy_file(
    path: Path,
    *,
    heavy: IsHeavy,
    available: IsAvailable,
    options: LazyOptions | None = None,
) -> LazyResult:
    """Plan the lazy-import rewrite of the conftest (or layer module) at ``path``."""
    source = read_source(path)
    try:
        outcome = make_imports_lazy(source.text, heavy=heavy, available=available, options=options)
    except cst.ParserSyntaxError as error:
        raise InputError(
            path, f"cannot parse at line {error.raw_line}: {error.message}", "fix the file"
        ) from None
    changes: list[LazyChange] = []
    if outcome.code != source.text:
        changes.append(
            LazyChange(path, source.text, outcome.code, encode_text(outcome.code, source))
        )
    if outcome.uses_helper:
        changes.extend(_support_change(path.parent / f"{SUPPORT_MODULE}.py", source))
    return LazyResult(path, tuple(sorted(changes, key=lambda c: c.path)), outcome.decisions)


def describe(decision: Decision, path: Path) -> str:
    binding = decision.binding
    what = f"{path}:{binding.line}: `{binding.name}` ({binding.qualified})"
    if decision.strategy is Strategy.KEEP:
        return f"{what} kept eager: {decision.reason}"
    return f"{what} -> {decision.strategy.value}: {decision.reason} [heavy: {decision.heavy}]"


def parse_version(text: str) -> tuple[int, int]:
    """``"3.15"`` -> ``(3, 15)``; anything else is a usage error."""
    major, _, minor = text.strip().partition(".")
    if not (major.isdigit() and minor.isdigit()):
        raise InputError(text, "not a Python version", "pass it as 3.N, e.g. --target-version 3.15")
    return int(major), int(minor)


def support_module_text() -> str:
    """The support module as written beside a conftest: ``codemods/runtime/lazy.py`` verbatim
    under a header that marks it as ours."""
    runtime = importlib.resources.files("codemods.runtime").joinpath("lazy.py")
    return (
        f"{SUPPORT_MARK}, version {__version__}. Do not edit by hand:\n"
        f"# rerun `conftest-codemods lazy` to update it.\n{runtime.read_text(encoding='utf-8')}"
    )


def _support_change(target: Path, like: SourceFile) -> Sequence[LazyChange]:
    text = support_module_text()
    old = None
    if target.exists():
        old = read_source(target).text
        if not old.startswith(SUPPORT_MARK):
            raise InputError(
                target, "exists and was not written by conftest-codemods", "move it away first"
            )
        if _same_version(old, text):
            return []
    return [LazyChange(target, old, text, encode_text(text, like))]


def _same_version(old: str, new: str) -> bool:
    return old.replace("\r\n", "\n") == new


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def lazy_conftest(
    path: Path,
    *,
    config: Path | None = None,
    extra_heavy: Collection[str] = (),
    measure_imports: bool = True,
    threshold_ms: float | None = None,
    threshold_mb: float | None = None,
    target_version: tuple[int, int] = (3, 10),
    lazy_modules: bool = False,
    python: str | None = None,
) -> LazyResult:
    """``lazy_file`` with everything found from the project: the configured and built-in heavy
    list, measured costs (cached), what is installed, and the names tests read from the conftest.
    """
    source = read_source(path)
    settings = load_settings(path.parent, config)
    module_names = _imported_modules(source.text)
    root = _project_root(path, config)
    probe = run_probe(python or sys.executable, root, (path.parent.resolve(),), module_names)
    rules = [configured({*HEAVY_MODULES, *settings.heavy_imports, *extra_heavy})]
    if measure_imports:
        costs = measure(module_names, probe)
        ms = settings.heavy_import_ms if threshold_ms is None else threshold_ms
        mb = settings.heavy_import_mb if threshold_mb is None else threshold_mb
        rules.append(measured(costs, ms, mb))
    external = scan_external_uses(path, frozenset({f"{SUPPORT_MODULE}.py"}))
    options = LazyOptions(target_version, lazy_modules, external.names)
    return lazy_file(path, heavy=either(*rules), available=probe.available, options=options)


def _imported_modules(text: str) -> list[str]:
    """The absolute modules the top-level imports of ``text`` load (what to probe/measure)."""
    try:
        analysis = analyse_imports(cst.parse_module(text))
    except cst.ParserSyntaxError:
        return []
    return sorted({b.module for b in analysis.bindings if not b.module.startswith(".")})


def _project_root(path: Path, config: Path | None) -> Path:
    pyproject = config or find_pyproject(path.parent.resolve())
    return (pyproject.parent if pyproject else path.parent).resolve()
