"""The lint engine behind ``check`` and ``fix``: find the conftest modules, choose the rules,
run them a directory at a time (``runner.py``), report (``output.py``).

It sits above ``codemods.rules`` (the CCnnn rules and their registry), which it runs; what the
rules build on is in ``codemods.rule_base``.
"""

from __future__ import annotations

from codemods.lint.engine import LintResult, lint
from codemods.lint.selection import Choice

__all__ = ["Choice", "LintResult", "lint"]
