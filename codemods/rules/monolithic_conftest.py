"""CC001: a hand-written conftest over the size threshold.

pytest imports every conftest before the first test; a monolith makes every run pay for every
fixture's imports and leaves no way to load the expensive ones only when asked.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.rule import Finding, Rule
from codemods.wording import plural


class MonolithicConftest(Rule):
    code = "CC001"
    name = "monolithic-conftest"
    level = "warning"
    summary = "A hand-written conftest.py over the size threshold (lines or fixtures)."
    why = (
        "Every run imports the whole file and everything it imports, even for one unit test. "
        "Split it with `conftest-codemods migrate PATH`; raise `max-lines` / `max-fixtures` "
        "in [tool.conftest-codemods] if the size is fine for your project."
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role is not FileRole.CONFTEST:
            return
        settings = context.settings
        lines = len(context.source.text.splitlines())
        if lines <= settings.max_lines and "fixture" not in context.source.text:
            return
        fixtures = sum(len(unit.fixtures) for unit in context.fixtures.units)
        if lines > settings.max_lines or fixtures > settings.max_fixtures:
            yield self.finding(
                context,
                1,
                f"conftest has {plural(lines, 'line')} and {plural(fixtures, 'fixture')} (limits "
                f"{settings.max_lines} / {settings.max_fixtures}): split it with "
                f"`conftest-codemods migrate {context.path}`",
            )
