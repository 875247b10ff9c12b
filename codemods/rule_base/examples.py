"""Code samples a rule carries: what it accepts (``Valid``) and what it reports (``Invalid``,
with the text ``fix`` writes when the rule is fixable), after Fixit's ``VALID``/``INVALID``.

The samples are the rule's specification twice over: ``tests/rules/test_examples.py`` runs each
through the real ``check``/``fix`` engine on disk, and the README section and ``conftest-codemods
rule CODE`` show them (``codemods/lint/docs.py``), so the documentation cannot drift from what
the rule does.

A sample is one conftest (a string, written to ``CONFTEST``) or, when the rule reads several
files (layer modules, ``pyproject.toml``, test modules), a small tree: relative path -> text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeAlias

Code: TypeAlias = str | Mapping[str, str]
"""One conftest's text, or a tree (relative POSIX path -> text)."""

CONFTEST = "tests/conftest.py"
"""Where a one-file sample is written."""
ORCHESTRATOR = "# conftest-codemods: generated orchestrator (stand-in for the whole file)\n"
"""In a sample, stands for the orchestrator this version generates from the layer modules
beside it: the real one is 70 lines of loader calls that say nothing about the rule."""
RUNTIME = "# conftest-codemods: generated runtime (stand-in for the whole file)\n"
"""In a sample, stands for the project runtime this version writes (400 lines)."""


@dataclass(frozen=True)
class Valid:
    """Code the rule reports nothing in."""

    code: Code


@dataclass(frozen=True)
class Invalid:
    """Code the rule reports, and for a fixable rule what ``fix`` makes of it: ``fixed`` holds
    the text of every file the fix writes (a string: the conftest), ``None`` when the finding is
    report-only."""

    code: Code
    fixed: Code | None = None


def as_tree(code: Code) -> dict[str, str]:
    """``code`` as relative path -> text."""
    return {CONFTEST: code} if isinstance(code, str) else dict(code)
