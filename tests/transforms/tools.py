"""``check_transformed`` / ``check_noop`` for the transforms, django-upgrade style: the source is
dedented, the result must compile, and a second run must change nothing.

``check_transformed``/``check_noop`` run one libcst transformer, built for the parsed module by a
``Transformer`` (some transforms need facts read from the module first). ``check_lazy`` and
``check_lazy_noop`` run the lazy-import engine (plan and transforms) and return its outcome.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Callable, Collection

import libcst as cst

from codemods.lazy import LazyOutcome, make_imports_lazy
from codemods.plan.lazy_imports import LazyOptions

HEAVY = ("numpy", "pandas")

Transformer = Callable[[cst.Module], cst.CSTTransformer]
"""The transformer to run on a parsed module."""


def transformed(source: str, transformer: Transformer) -> str:
    """``source`` (dedented) after ``transformer``; checks the result compiles and is stable."""
    module = cst.parse_module(textwrap.dedent(source))
    code = module.visit(transformer(module)).code
    ast.parse(code)  # the result is valid Python
    again = cst.parse_module(code)
    assert again.visit(transformer(again)).code == code, "a second run must change nothing"
    return code


def check_transformed(before: str, after: str, transformer: Transformer) -> None:
    assert transformed(before, transformer) == textwrap.dedent(after)


def check_noop(source: str, transformer: Transformer) -> None:
    assert transformed(source, transformer) == textwrap.dedent(source)


def run(
    source: str, options: LazyOptions | None = None, heavy: Collection[str] = HEAVY
) -> LazyOutcome:
    outcome = make_imports_lazy(
        textwrap.dedent(source), heavy=heavy, available=lambda module: True, options=options
    )
    ast.parse(outcome.code)  # the result is valid Python
    again = make_imports_lazy(
        outcome.code, heavy=heavy, available=lambda module: True, options=options
    )
    assert again.code == outcome.code, "a second run must change nothing"
    return outcome


def check_lazy(before: str, after: str, options: LazyOptions | None = None) -> LazyOutcome:
    outcome = run(before, options)
    assert outcome.code == textwrap.dedent(after)
    return outcome


def check_lazy_noop(source: str, options: LazyOptions | None = None) -> LazyOutcome:
    outcome = run(source, options)
    assert outcome.code == textwrap.dedent(source)
    return outcome
