"""CC007: A heavy library imported at module level of an always-loaded conftest module.

A heavy library (pandas, numpy, torch, ... plus ``heavy-imports``) imported at module level of a
conftest module loaded in every run (a plain conftest, base or mocks). pytest imports the
conftest before the first test, so every run (even ``pytest -k one_unit_test``) pays the
library's import time and memory.

``fix`` defers it, only for the reported imports and judged by name, never measured, so
findings are the same on every machine: moved into the functions that use it, or a lazy proxy
from the project runtime (``conftest_codemods_runtime.py``, written or refreshed with the fix).
An import that cannot be deferred safely (read while the conftest is imported, a side-effect
import, a module not installed where the tool runs) stays reported, not fixable, and the message
says why. An import whose names pytest itself reads from the module (a ``pytest_*`` hook, a
re-exported fixture, a star import) stays eager too, and the message says so rather than
calling it unused. Imports under ``if TYPE_CHECKING:`` and modules listed in
``__lazy_modules__`` (PEP 810, imported lazily by the interpreter) are fine.

Every test run pays the import before the first test. ``conftest-codemods fix`` defers it where
that is safe (into the fixtures that use it, or a lazy module proxy); otherwise import it inside
the fixtures that use it, move those fixtures to a gated layer, or list the module in
``heavy-imports`` only if it really is slow (the built-in list covers pandas, numpy, torch and
the like).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from codemods.analysis.import_time import ImportedModule, imported_modules, lazy_modules
from codemods.analysis.imports import ImportBinding
from codemods.generated import (
    LAZY_HELPER,
    RUNTIME_STEM,
    runtime_reference,
)
from codemods.interpreter import Interpreter
from codemods.lazy import (
    ImportJudge,
    declared_imports,
    judge_imports,
    make_imports_lazy,
)
from codemods.plan.lazy_imports import (
    Decision,
    IsAvailable,
    IsHeavy,
    LazyOptions,
    Strategy,
    decide,
)
from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

_HEAVY = """\
[tool.conftest-codemods]
heavy-imports = ["fractions", "decimal"]  # on top of pandas, numpy, torch, ...
"""


class HeavyImport(Rule):
    """The fix is the ``lazy`` transform (``codemods.lazy``) limited to the reported imports: it
    defers an import only where that cannot change when anything runs. A module that is not a
    layer loads the runtime's lazy proxy by path.
    """

    code = "CC007"
    name = "heavy-import"
    level = "warning"
    fixable = True

    INVALID = (
        Invalid(
            {
                "pyproject.toml": _HEAVY,
                "tests/conftest.py": """\
import fractions

import pytest


@pytest.fixture
def half():
    return fractions.Fraction(1, 2)
""",
            },
            fixed={
                "tests/conftest.py": """\
import pytest


@pytest.fixture
def half():
    import fractions
    return fractions.Fraction(1, 2)
"""
            },
        ),
        Invalid(
            {
                "pyproject.toml": _HEAVY,
                "tests/conftest.py": """\
from decimal import Decimal

import pytest


@pytest.fixture(params=[Decimal("0.1")])
def rate(request):
    return request.param
""",
            }
        ),
    )
    VALID = (
        Valid(
            {
                "pyproject.toml": _HEAVY,
                "tests/conftest.py": """\
from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import fractions


@pytest.fixture
def half() -> fractions.Fraction:
    import fractions

    return fractions.Fraction(1, 2)
""",
            }
        ),
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        flagged = _flagged(context)
        if not flagged:
            return
        # What ``fix`` would decide, without rendering the transform: ``check`` needs only the
        # decisions, read from the file's ``ast`` import analysis (the one the transform reads).
        decisions = _deferrals(context, flagged).decisions
        stars = _star_import_lines(context.tree)
        for imported in flagged:
            mine = [d for d in decisions if _key(d.binding) == (imported.line, imported.module)]
            deferred = next((d for d in mine if d.strategy is not Strategy.KEEP), None)
            kept = next((d for d in mine if d.strategy is Strategy.KEEP), None)
            message = (
                f"`{imported.module}` is heavy and imported at module level of a conftest "
                "loaded in every run"
            )
            if deferred is not None:
                message += f": `fix` defers it ({deferred.strategy.value})"
            elif kept is not None:
                message += f"; `fix` keeps it eager: {kept.reason}"
            elif imported.line in stars:
                message += (
                    "; `fix` keeps it eager: a star import, whose names pytest reads as "
                    "fixtures and hooks from the module's namespace"
                )
            else:
                message += ": import it where it is used"
            yield self.finding(
                context, imported.line, message, col=imported.col, fixable=deferred is not None
            )

    def fix(self, context: FileContext, findings: Sequence[Finding]) -> str | None:
        lines = {finding.line for finding in findings}
        flagged = [i for i in _flagged(context) if i.line in lines]
        heavy, available, options, _ = _judged(context, flagged)
        outcome = make_imports_lazy(
            context.module,
            heavy=heavy,
            available=available,
            options=options,
            support_module=RUNTIME_STEM
            if context.role is FileRole.LAYER
            else runtime_reference(context.path.parent, context.group.runtime),
        )
        return outcome.code

    def companions(self, context: FileContext) -> Mapping[Path, str]:
        from codemods.transforms.lazy_nodes import binds_at_top  # libcst: only after a fix

        if not binds_at_top(context.module, LAZY_HELPER):
            return {}
        return context.group.runtime_companion()  # refuses a runtime we did not write


def _flagged(context: FileContext) -> tuple[ImportedModule, ...]:
    """The imports CC007 reports: heavy by name (``FileContext.heavy_imports``), and with
    ``lazy --measure`` (``measure_imports``) also those measured above the thresholds."""
    named = context.heavy_imports
    if not context.settings.measure_imports or not context.heavy_imports_matter:
        return named
    bindings = declared_imports(context.tree)
    heavy = _judge(context, bindings).heavy
    found = {_key(binding) for binding in bindings if heavy(binding)}
    lazy = lazy_modules(context.tree)
    return tuple(
        imported
        for imported in imported_modules(context.tree)
        if imported in named
        or ((imported.line, imported.module) in found and imported.module not in lazy)
    )


@dataclass(frozen=True)
class Deferrals:
    """What CC007's fix decides for the heavy imports of one module as it stands."""

    decisions: tuple[Decision, ...] = ()
    """One per heavy import: deferred, and how, or kept eager, and why."""
    asked: Interpreter | None = None
    """The interpreter asked which heavy modules are installed (``None``: none was asked)."""


def planned_deferrals(context: FileContext) -> Deferrals:
    """The decisions ``check`` reports and ``fix`` carries out, without rendering the
    transform (read from the file's ``ast`` import analysis, the one the transform reads);
    ``migrate`` reports them for each layer module it runs the fix over."""
    return _deferrals(context, _flagged(context))


def _deferrals(context: FileContext, flagged: Sequence[ImportedModule]) -> Deferrals:
    if not flagged:
        return Deferrals()
    heavy, available, options, asked = _judged(context, flagged)
    return Deferrals(tuple(decide(context.imports, heavy, available, options)), asked)


class _Judged(NamedTuple):
    heavy: IsHeavy
    available: IsAvailable
    options: LazyOptions
    asked: Interpreter | None


def _judged(context: FileContext, flagged: Sequence[ImportedModule]) -> _Judged:
    """How the lazy transform judges ``context`` with exactly the ``flagged`` imports counted
    heavy (by name, as ``check`` reports them: nothing is measured unless ``lazy --measure``
    asked, so findings are the same on every machine); ``check`` and ``fix`` must judge alike."""
    wanted = {(imported.line, imported.module) for imported in flagged}
    bindings = declared_imports(context.tree)
    if not context.settings.measure_imports:
        bindings = [b for b in bindings if _key(b) in wanted]
    judge = _judge(context, bindings)

    def heavy(binding: ImportBinding) -> str | None:
        return judge.heavy(binding) if _key(binding) in wanted else None

    settings = context.settings
    options = judge.informed(
        LazyOptions(
            target_version=settings.target_version,
            lazy_modules=settings.lazy_modules,
            external_names=context.read_by_others,
            effect_imports=frozenset(settings.effect_imports),
        )
    )
    return _Judged(heavy, judge.available, options, judge.asked)


def _judge(context: FileContext, bindings: Sequence[ImportBinding]) -> ImportJudge:
    """``judge_imports`` for ``bindings`` of ``context``'s file, with the settings it reads.

    One probe per file and judgement in a run of its group (``fix`` checks a file before and
    after fixing it); a later run asks again, as the tests' environment may have changed.
    Installed modules and the warnings they raise are asked of the tests' interpreter (cached
    per version): ``fix`` must keep those eager as ``migrate`` does."""
    key = (context.path, tuple(bindings))
    judges = context.group.import_judges
    if key not in judges:
        settings = context.settings
        judges[key] = judge_imports(
            bindings,
            context.path,
            settings,
            measure_imports=settings.measure_imports,
            python=settings.python,
            config=context.group.config,
            probe_warnings=True,
        )
    return judges[key]


def _star_import_lines(tree: ast.Module) -> frozenset[int]:
    """Lines of top-level ``from x import *``: what they bind cannot be deferred or moved."""
    return frozenset(
        node.lineno
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.names[0].name == "*"
    )


def _key(binding: ImportBinding) -> tuple[int, str]:
    return binding.line, binding.module
