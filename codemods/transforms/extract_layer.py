"""Extract one layer's module from the original conftest.

The layer module is the original module with every statement of other layers removed, so each
kept statement (with its comments, blank lines and formatting) is the very node that was parsed.
Imports are copied to every layer that uses them, each copy with only the names that layer
reads (``import_aliases``); only the lowest copy keeps the import's comments, so that every
comment of the input lands in exactly one output.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from codemods.analysis.units import UnitKind
from codemods.layers import Layer
from codemods.plan.planner import SplitPlan


class ExtractLayerTransform(cst.CSTTransformer):
    """Keep the units of ``layer``; put ``preamble`` after the ``__future__`` imports."""

    def __init__(
        self,
        plan: SplitPlan,
        layer: Layer,
        header: Sequence[cst.EmptyLine],
        preamble: Sequence[cst.BaseStatement] = (),
    ) -> None:
        super().__init__()
        self.plan = plan
        self.layer = layer
        self.header = header
        self.preamble = preamble

    def visit_Module(self, node: cst.Module) -> bool:
        return False  # statements are picked whole; nothing inside them changes

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body: list[cst.BaseStatement] = []
        for index in self.plan.units_in(self.layer):
            statement: cst.BaseStatement = original_node.body[index]
            copies = self.plan.import_layers.get(index)
            if copies and self.layer != min(copies):
                statement = _without_comments(statement)
            kept = self.plan.import_aliases.get(index, {}).get(self.layer)
            body.append(statement if kept is None else trim_import(statement, kept))
        insert_at = _after_prologue(self.plan, self.layer)
        body[insert_at:insert_at] = self.preamble
        _separate(body, insert_at)
        _separate(body, insert_at + len(self.preamble))
        return updated_node.with_changes(
            header=self.header,
            body=body,
            footer=original_node.footer if self.layer is Layer.BASE else (),
        )


def _separate(body: list[cst.BaseStatement], position: int) -> None:
    """Put a blank line before ``body[position]`` when a statement that was not its neighbour
    in the original now precedes it with none (the prologue or the lower-layer imports)."""
    if 0 < position < len(body):
        statement = body[position]
        assert isinstance(statement, cst.SimpleStatementLine | cst.BaseCompoundStatement)
        if not statement.leading_lines:
            body[position] = statement.with_changes(leading_lines=[cst.EmptyLine()])


def _after_prologue(plan: SplitPlan, layer: Layer) -> int:
    """Position after the docstring and ``__future__`` imports that open the layer module."""
    units = plan.model.units
    count = 0
    for index in plan.units_in(layer):
        if units[index].kind not in (UnitKind.DOCSTRING, UnitKind.FUTURE_IMPORT):
            break
        count += 1
    return count


def trim_import(statement: cst.BaseStatement, kept: Sequence[int]) -> cst.BaseStatement:
    """An import statement with only the aliases numbered ``kept`` (the last keeps the
    original last alias's comma, so a magic trailing comma stays)."""
    assert isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
    part = statement.body[0]
    assert isinstance(part, cst.Import | cst.ImportFrom) and not isinstance(
        part.names, cst.ImportStar
    )
    names = list(part.names)
    aliases = [names[number] for number in kept]
    aliases[-1] = aliases[-1].with_changes(comma=names[-1].comma)
    return statement.with_changes(body=[part.with_changes(names=aliases)])


def _without_comments(statement: cst.BaseStatement) -> cst.BaseStatement:
    """A copy of an import with every comment dropped (the first copy keeps them)."""
    stripped = statement.visit(_DropComments())
    assert isinstance(stripped, cst.BaseStatement)
    return stripped


class _DropComments(cst.CSTTransformer):
    def leave_EmptyLine(
        self, original_node: cst.EmptyLine, updated_node: cst.EmptyLine
    ) -> cst.EmptyLine | cst.RemovalSentinel:
        return cst.RemovalSentinel.REMOVE if original_node.comment is not None else updated_node

    def leave_TrailingWhitespace(
        self, original_node: cst.TrailingWhitespace, updated_node: cst.TrailingWhitespace
    ) -> cst.TrailingWhitespace:
        if original_node.comment is None:
            return updated_node
        return updated_node.with_changes(whitespace=cst.SimpleWhitespace(""), comment=None)
