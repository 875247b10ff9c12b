"""CC017: A ``# conftest-codemods: ignore`` comment (or a code in it) that hides nothing.

A suppression comment, or a code in it, that hid no finding in this run: left behind after the
code it excused was fixed, it would silently hide the next real finding on that line or unit.
Only what the run could have found counts: codes of rules that did not run (ignored, or opt-in
and not selected) are not reported, nor are unknown codes (that is CC016).

A stale suppression hides the next real finding on its line or unit. Remove the comment, or the
codes in it that the message lists.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from codemods.rule_base.context import FileContext
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule
from codemods.rule_base.suppression import Suppressions

_CONFTEST = """\
import pytest

TIMEOUT = 5{comment}


@pytest.fixture
def timeout():
    return TIMEOUT
"""


class UnusedSuppression(Rule):
    """Which finding each comment hid is known only after every other rule ran on the file, so the
    runner asks this rule last (``unused``); ``check`` itself finds nothing.
    """

    code = "CC017"
    name = "unused-suppression"
    level = "warning"
    default = False

    INVALID = (Invalid(_CONFTEST.format(comment="  # conftest-codemods: ignore")),)
    VALID = (Valid(_CONFTEST.format(comment="")),)

    def check(self, context: FileContext) -> Iterator[Finding]:
        return iter(())

    def unused(
        self,
        context: FileContext,
        suppressions: Suppressions,
        hidden: Collection[tuple[int, str]],
        ran: Collection[str],
    ) -> Iterator[Finding]:
        """One finding per comment with entries that hid nothing; ``hidden`` holds the
        (line, entry) pairs that hid a finding, ``ran`` the codes of the rules that ran."""
        for line, entries in sorted(suppressions.by_line.items()):
            idle = sorted(
                entry
                for entry in entries
                if (line, entry) not in hidden
                and (entry == "*" or any(code.startswith(entry) for code in ran))
            )
            if not idle:
                continue
            what = "this `ignore` comment" if idle == ["*"] else ", ".join(idle)
            yield self.finding(
                context,
                line,
                f"{what} hides no finding here: remove it",
                col=suppressions.columns[line],
            )
