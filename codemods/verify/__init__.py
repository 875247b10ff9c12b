"""Prove a migration kept behaviour: run pytest before and after, compare test by test.

The golden tests and ``migrate --verify`` both use this package, so there is one definition of
"the same suite". Importing it does not import pytest; only the child process does.
"""

from __future__ import annotations

from codemods.verify.compare import Change, Comparison, compare
from codemods.verify.results import (
    OUTCOMES_ENV,
    CollectionError,
    ItemResult,
    Outcome,
    SuiteResult,
)
from codemods.verify.runner import PytestRunError, run_pytest

__all__ = [
    "OUTCOMES_ENV",
    "Change",
    "CollectionError",
    "Comparison",
    "ItemResult",
    "Outcome",
    "PytestRunError",
    "SuiteResult",
    "compare",
    "run_pytest",
]
