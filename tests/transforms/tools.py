"""``check_transformed`` / ``check_noop`` for the lazy-import transforms, django-upgrade style:
the source is dedented, the result must compile, and a second run must change nothing."""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Collection

from codemods.lazy import LazyOutcome, make_imports_lazy
from codemods.plan.lazy_imports import LazyOptions

HEAVY = ("numpy", "pandas")


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


def check_transformed(before: str, after: str, options: LazyOptions | None = None) -> LazyOutcome:
    outcome = run(before, options)
    assert outcome.code == textwrap.dedent(after)
    return outcome


def check_noop(source: str, options: LazyOptions | None = None) -> LazyOutcome:
    outcome = run(source, options)
    assert outcome.code == textwrap.dedent(source)
    return outcome
