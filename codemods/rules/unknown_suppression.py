"""CC016: A ``# conftest-codemods: ignore[...]`` comment names a code that no rule has.

``# conftest-codemods: ignore[CC0O3]`` hides nothing: the finding it was meant to hide is still
reported, and the next reader believes the line was looked at. Codes match as prefixes, as in
``--select`` (``ignore[CC00]`` is fine).

The comment hides nothing, so the finding it was meant for is still reported. Fix the code (see
``conftest-codemods rules``) or remove it from the comment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from codemods.rule_base.codes import unknown_prefixes
from codemods.rule_base.context import FileContext
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule
from codemods.rule_base.suppression import ALL, read_suppressions

_CONFTEST = """\
import sqlite3

DB = sqlite3.connect("shop.db")  # conftest-codemods: ignore[{code}]
"""


class UnknownSuppression(Rule):
    code = "CC016"
    name = "unknown-suppression-code"
    level = "warning"

    INVALID = (Invalid(_CONFTEST.format(code="CC0O8")),)
    VALID = (Valid(_CONFTEST.format(code="CC008")), Valid(_CONFTEST.format(code="CC00")))

    def __init__(self, codes: Callable[[], Sequence[str]]) -> None:
        """``codes`` lists every rule's code: the registry passes it in, since it imports this
        module (importing the registry from here would be an import cycle)."""
        self.codes = codes

    def check(self, context: FileContext) -> Iterator[Finding]:
        suppressions = read_suppressions(
            context.source.text, lambda: [unit.line for unit in context.units]
        )
        codes = self.codes()
        for line, entries in sorted(suppressions.by_line.items()):
            unknown = unknown_prefixes(sorted(entries - ALL), codes)
            if unknown:
                yield self.finding(
                    context,
                    line,
                    f"suppression names no rule: {', '.join(unknown)} "
                    "(see `conftest-codemods rules`)",
                    col=suppressions.columns[line],
                )
