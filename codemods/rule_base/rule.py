"""What a lint rule is and what it reports.

A rule reads the facts of one file (``FileContext``, computed once and shared by every rule)
and yields ``Finding``s. A fixable rule also rewrites the file; the fix itself is a libcst
transform in ``codemods/transforms/`` (or a regenerated file), so ``check`` and ``fix`` agree
on what a rule means.
"""

from __future__ import annotations

import abc
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:
    from codemods.rule_base.context import FileContext
    from codemods.rule_base.examples import Invalid, Valid


@dataclass(frozen=True, order=True)
class Finding:
    """One rule violation at one place; sorting gives the order ``check`` prints them in."""

    path: Path
    line: int
    col: int
    code: str
    message: str
    fixable: bool = False
    """Whether ``fix`` (or ``fix --unsafe-fixes``, see ``Rule.unsafe_fix``) can repair it."""
    end_line: int | None = field(default=None, compare=False)
    end_col: int | None = field(default=None, compare=False)
    """Where the finding ends (exclusive column); ``None``: the end of ``line``, filled in by
    the runner for findings in the checked file."""


Level = Literal["error", "warning", "note"]


class Rule(abc.ABC):
    """A lint rule with a stable code. Subclasses set the class variables and ``check``.

    The rule's module docstring is its documentation, written once: the first line is
    ``CCnnn: <summary>``, the last paragraph says how to fix a finding by hand, and the
    paragraphs between say why it matters. The README section, ``rule CODE`` and SARIF's help
    text are made from it and from ``VALID``/``INVALID``.
    """

    code: ClassVar[str]
    """``CCnnn``; never reused for another meaning."""
    name: ClassVar[str]
    """kebab-case, for ``rules`` and the README heading."""
    fixable: ClassVar[bool] = False
    unsafe_fix: ClassVar[bool] = False
    """The fix may change behaviour, so it runs only with ``--unsafe-fixes``."""
    default: ClassVar[bool] = True
    """Enabled without ``select``; opt-in rules need ``select`` or ``extend-select``."""
    level: ClassVar[Level] = "error"
    """How CI shows a finding (SARIF ``level``, GitHub annotation): ``error`` for what breaks
    or will break a run, ``warning`` for what only costs time or memory."""
    VALID: ClassVar[Sequence[Valid]] = ()
    """Code the rule accepts; ``tests/rules/test_examples.py`` runs each, the docs show one."""
    INVALID: ClassVar[Sequence[Invalid]] = ()
    """Code the rule reports (and what ``fix`` makes of it); tested and documented likewise."""

    @property
    def summary(self) -> str:
        """One line: what the rule finds (the docstring's first line, after the code)."""
        return self._paragraphs()[0].partition(": ")[2]

    @property
    def explanation(self) -> tuple[str, ...]:
        """Why it matters: the docstring's paragraphs between the summary and the last."""
        return self._paragraphs()[1:-1]

    @property
    def why(self) -> str:
        """How to fix a finding by hand: the docstring's last paragraph."""
        return self._paragraphs()[-1]

    def _paragraphs(self) -> tuple[str, ...]:
        """The module docstring's paragraphs, each on one line, code in Markdown backticks."""
        doc = sys.modules[type(self).__module__].__doc__ or ""
        return tuple(
            " ".join(part.split()).replace("``", "`") for part in doc.strip().split("\n\n")
        )

    @abc.abstractmethod
    def check(self, context: FileContext) -> Iterable[Finding]:
        """Every violation in ``context.path``."""

    def fix(self, context: FileContext, findings: Sequence[Finding]) -> str | None:
        """The repaired text of ``context.path``, or ``None`` when nothing can be repaired."""
        return None

    def companions(self, context: FileContext) -> Mapping[Path, str]:
        """Files beside ``context.path`` that its fixed text (``context`` after every fix)
        needs, e.g. a generated support module, path -> text; ``fix`` writes them atomically
        with the file. Asked only of rules whose fix changed the file; none by default."""
        return {}

    def finding(
        self, context: FileContext, line: int, message: str, *, col: int = 1, fixable: bool = False
    ) -> Finding:
        return Finding(context.path, line, col, self.code, message, fixable)
