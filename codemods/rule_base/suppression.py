"""Inline suppression: ``# conftest-codemods: ignore[CC003]`` (or ``ignore`` for every rule).

The comment works on the line of the finding, or on the first line of the unit that holds it
(for a fixture, its decorator line), so one comment above a long fixture covers all of it.
Two rules watch the comments themselves: CC016 reports a code that names no rule (a typo
would leave the finding shown and the reader misled), CC017 (opt-in) a comment, or a code in
it, that hid nothing in this run; the runner gives CC017 what each comment hid.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from codemods.rule_base.rule import Finding

_IGNORE = re.compile(r"#\s*conftest-codemods:\s*ignore(?:\[([\w\s,]*)\])?", re.IGNORECASE)
ALL = frozenset({"*"})


@dataclass(frozen=True)
class Suppressions:
    """Line -> codes suppressed there (``ALL`` for a bare ``ignore``), and unit spans."""

    by_line: Mapping[int, frozenset[str]]
    spans: Sequence[tuple[int, int]] = ()
    """(first line, last line) of each top-level unit."""
    columns: Mapping[int, int] = field(default_factory=dict)
    """Line -> column (1-based) where its comment starts."""

    def hides(self, finding: Finding) -> bool:
        return bool(self.hiding(finding))

    def hiding(self, finding: Finding) -> set[tuple[int, str]]:
        """The (line, code or ``*``) entries of the comments that hide ``finding``."""
        lines = [finding.line]
        lines += [start for start, end in self.spans if start <= finding.line <= end]
        return {
            (line, entry)
            for line in lines
            for entry in self.by_line.get(line, frozenset())
            if _covers(frozenset({entry}), finding.code)
        }


def read_suppressions(text: str, unit_starts: Callable[[], Sequence[int]]) -> Suppressions:
    """The ignore comments of ``text``; ``unit_starts`` gives the first lines of its units
    (only called when there is a comment: it may need the costly model)."""
    by_line: dict[int, frozenset[str]] = {}
    columns: dict[int, int] = {}
    if "conftest-codemods:" in text:
        for token in _comments(text):
            match = _IGNORE.search(token.string)
            if match:
                codes = match.group(1)
                by_line[token.start[0]] = ALL if codes is None else _codes(codes)
                columns[token.start[0]] = token.start[1] + match.start() + 1
    if not by_line:
        return Suppressions(by_line)
    starts = unit_starts()
    ends = [start - 1 for start in starts[1:]] + [len(text.splitlines())]
    return Suppressions(by_line, tuple(zip(starts, ends, strict=True)), columns)


def _codes(text: str) -> frozenset[str]:
    return frozenset(code.strip().upper() for code in text.split(",") if code.strip())


def _comments(text: str) -> list[tokenize.TokenInfo]:
    try:
        tokens = tokenize.generate_tokens(io.StringIO(text).readline)
        return [token for token in tokens if token.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return []


def _covers(codes: frozenset[str], code: str) -> bool:
    return codes == ALL or any(code.startswith(prefix) for prefix in codes)
