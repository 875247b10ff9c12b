"""Top-level statements of an ``ast`` tree, seen the way libcst's ``Module.body`` holds them.

Analysis reads the ``ast`` (CPython parses and compiles it in C, with positions for free, so
``check`` never needs libcst); rewriting edits the libcst tree. The two agree statement by
statement except on one point: ``a = 1; b = 2`` is one libcst ``SimpleStatementLine`` but two
``ast`` statements. ``statement_units`` groups the ``ast`` statements so that group ``i`` is
libcst's ``Module.body[i]``, and gives each its first line as libcst counts it (the ``@`` line
of a decorated definition), so facts found in the ``ast`` can name libcst statements by index.
"""

from __future__ import annotations

import ast
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

_SIMPLE_STATEMENT_GAP = re.compile(rb"[ \t\f]*(?:\\\r?\n[ \t\f]*)*;[ \t\f]*(?:\\\r?\n[ \t\f]*)*")
"""What separates two small statements of one logical line: a ``;``, and perhaps backslash
continuations. A trailing ``;`` followed by a newline ends the logical line instead."""


@dataclass(frozen=True)
class StatementUnit:
    """One libcst top-level statement: the ``ast`` statements it holds, in order."""

    index: int
    """Its index in libcst's ``Module.body``."""
    statements: tuple[ast.stmt, ...]
    line: int
    """Its first line (the first decorator's ``@`` line for a decorated definition)."""
    end_line: int

    @property
    def single(self) -> ast.stmt | None:
        """The statement, when the unit holds exactly one."""
        return self.statements[0] if len(self.statements) == 1 else None


def statement_units(tree: ast.Module, source: str) -> tuple[StatementUnit, ...]:
    """``tree.body`` grouped as libcst groups it (see the module docstring)."""
    lines = source_lines(source)
    return tuple(
        StatementUnit(
            index,
            group,
            first_line(group[0], lines),
            max(statement.end_lineno or statement.lineno for statement in group),
        )
        for index, group in enumerate(logical_lines(tree.body, lines))
    )


def source_lines(source: str) -> list[str]:
    """``source`` split into lines numbered as ``ast`` numbers them: only ``\\n``, ``\\r\\n``
    and ``\\r`` end a line (``str.splitlines`` also splits at form feeds, which old files hold)."""
    return io.StringIO(source, newline="").readlines()


def logical_lines(
    statements: Sequence[ast.stmt], lines: Sequence[str]
) -> list[tuple[ast.stmt, ...]]:
    """One block's statements grouped as libcst's statements: small statements joined by ``;``
    are one group, every other statement is a group of its own."""
    groups: list[list[ast.stmt]] = []
    for statement in statements:
        previous = groups[-1][-1] if groups else None
        if previous is not None and _same_logical_line(previous, statement, lines):
            groups[-1].append(statement)
        else:
            groups.append([statement])
    return [tuple(group) for group in groups]


def first_line(statement: ast.stmt, lines: Sequence[str]) -> int:
    """The line a statement's own text starts on: its first decorator's ``@`` line if it has
    decorators (``ast`` positions a decorator at its expression, which a parenthesised
    decorator may start lines below the ``@``)."""
    decorators = getattr(statement, "decorator_list", None)
    if not decorators:
        return statement.lineno
    line: int = decorators[0].lineno
    while line > 1 and not lines[line - 1].lstrip().startswith("@"):
        line -= 1
    return line


def _same_logical_line(previous: ast.stmt, statement: ast.stmt, lines: Sequence[str]) -> bool:
    if _is_compound(previous) or _is_compound(statement):
        return False
    end_line, end_col = previous.end_lineno, previous.end_col_offset
    if end_line is None or end_col is None:
        return False
    # ``ast`` columns count UTF-8 bytes.
    gap = lines[end_line - 1].encode()[end_col:]
    for number in range(end_line, statement.lineno - 1):
        gap += lines[number].encode()
    if statement.lineno != end_line:
        gap += lines[statement.lineno - 1].encode()[: statement.col_offset]
    else:
        gap = gap[: statement.col_offset - end_col]
    return _SIMPLE_STATEMENT_GAP.fullmatch(gap) is not None


def _is_compound(statement: ast.stmt) -> bool:
    """``def``, ``class``, ``if``, ``try``, ``with``, loops, ``match``: a line of their own."""
    return hasattr(statement, "body") or isinstance(statement, ast.Match)
