"""Apply lazy-import decisions to a module, one top-level import statement at a time.

The decisions come from ``codemods.plan.lazy_imports``; this file only edits the tree. Aliases
kept eager stay in their statement; a removed statement's comments move to what replaces it (or
to the next statement). What replaces imports in the middle of an import block (proxies,
``if TYPE_CHECKING:``) goes after the block, so linters still see the imports at the top. Nothing
is added twice, so the transform is idempotent: on its own output it finds nothing to change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from codemods.analysis.imports import FunctionRef, ImportBinding, UseKind
from codemods.plan.lazy_imports import Decision, Strategy
from codemods.transforms import lazy_nodes as nodes


@dataclass
class _Tail:
    """What goes after the current import block."""

    imports: list[cst.BaseStatement] = field(default_factory=list)
    checking: list[ImportBinding] = field(default_factory=list)
    proxies: list[ImportBinding] = field(default_factory=list)

    def statements(
        self, module: cst.Module, support: str | None, following: cst.BaseStatement | None
    ) -> list[cst.BaseStatement]:
        """The tail; TYPE_CHECKING imports join ``following`` when it is such a block."""
        out: list[cst.BaseStatement] = list(self.imports)
        if self.checking and not nodes.is_type_checking_block(following):
            out.append(nodes.blank_before(nodes.type_checking_block(module, self.checking)))
        if self.proxies:
            first: list[cst.BaseStatement] = nodes.helper_statements(support) if support else []
            first.extend(nodes.proxy_statement(binding) for binding in self.proxies)
            out.extend([nodes.blank_before(first[0]), *first[1:]])
        return out


class LazyImportsTransform(cst.CSTTransformer):
    """Rewrite the top-level imports named by ``decisions`` (analysed on this very module)."""

    def __init__(
        self, decisions: Sequence[Decision], *, support_module: str, has_helper: bool
    ) -> None:
        super().__init__()
        self.decisions = {
            (d.binding.statement, d.binding.alias): d
            for d in decisions
            if d.strategy is not Strategy.KEEP
        }
        self.support_module = support_module
        self.has_helper = has_helper
        self.has_type_checking = False
        self.moves: dict[FunctionRef, list[cst.SimpleStatementLine]] = {}
        """A function -> the imports to put at the top of its body."""
        self.functions: dict[int, FunctionRef] = {}
        """``id(node)`` of each ``FunctionDef`` met so far -> the ref the analysis gives it."""

    def visit_Module(self, node: cst.Module) -> bool:
        self.has_type_checking = nodes.binds_at_top(node, "TYPE_CHECKING")
        wanted: dict[FunctionRef, dict[int, list[ImportBinding]]] = {}
        """A function -> statement index -> the bindings that function uses."""
        for decision in self.decisions.values():
            if decision.strategy is Strategy.MOVE_INTO_FUNCTIONS:
                for function in decision.binding.functions():
                    per_statement = wanted.setdefault(function, {})
                    per_statement.setdefault(decision.binding.statement, []).append(
                        decision.binding
                    )
        for function, groups in wanted.items():
            self.moves[function] = [
                nodes.import_for(node, sorted(group, key=lambda b: b.alias))
                for _, group in sorted(groups.items())
            ]
        return True

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        """Number the definitions as the analysis did: in source order, all of them."""
        self.functions[id(node)] = FunctionRef(len(self.functions), node.name.value)
        return True

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        imports = self.moves.get(self.functions[id(original_node)])
        return nodes.insert_into_body(updated_node, imports) if imports else updated_node

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        unmatched = self.moves.keys() - set(self.functions.values())
        assert not unmatched, f"the analysis named functions this module lacks: {unmatched}"
        body: list[cst.BaseStatement] = []
        carried: list[cst.EmptyLine] = []
        tail = _Tail()
        joining: list[ImportBinding] = []
        for index, current in enumerate(updated_node.body):
            statement: cst.BaseStatement = current
            if joining:
                statement = nodes.join_type_checking_block(original_node, statement, joining)
                joining = []
            if isinstance(statement, cst.Try) and self._proxied_in(index):
                statement, helper = self._try_with_proxies(index, statement)
                if helper:
                    first = nodes.with_leading(helper[0], carried)
                    body.extend([first if body else nodes.without_blank_lead(first), *helper[1:]])
                    carried = []
            replaced = self._statement(original_node, index, statement, tail)
            if replaced is None:
                comment = [] if self._all_checked(index) else nodes.trailing_comment(statement)
                carried.extend([*nodes.leading(statement), *comment])
            else:
                kept = nodes.with_leading(replaced, carried)
                body.append(kept if body else nodes.without_blank_lead(kept))
                carried = []
            following = _next(updated_node.body, index)
            if not nodes.is_import_line(following):
                support = self._support(tail)
                added = tail.statements(original_node, support, following)
                if added and carried:  # the removed imports' blank lines and comments
                    added[0] = nodes.with_leading(added[0], carried)
                    carried = []
                body.extend(added)
                if nodes.is_type_checking_block(following):
                    joining = tail.checking
                tail = _Tail()
        body = nodes.with_lazy_modules(body, self._lazy_modules())
        if any(decision.needs_future for decision in self.decisions.values()):
            body = nodes.with_future_annotations(body)
        footer = [*carried, *updated_node.footer]
        return updated_node.with_changes(body=body, footer=footer)

    def _statement(
        self, module: cst.Module, index: int, statement: cst.BaseStatement, tail: _Tail
    ) -> cst.BaseStatement | None:
        """The statement that stays in place of ``statement`` (``None``: it goes)."""
        if not isinstance(statement, cst.SimpleStatementLine) or not nodes.is_import_line(
            statement
        ):
            return statement
        decided = [decision for (line, _), decision in self.decisions.items() if line == index]
        if not decided:
            return statement
        keep = [
            alias
            for alias in range(nodes.alias_count(statement))
            if (index, alias) not in self.decisions
            or self.decisions[index, alias].strategy is Strategy.LAZY_MODULES
        ]
        lazy = [d.binding for d in decided if d.strategy is Strategy.LAZY_SYNTAX]
        for decision in decided:
            self._to_tail(decision, tail)
        if lazy and not keep:
            return nodes.lazy_statement(module, lazy, like=statement)
        if lazy:
            tail.imports.append(nodes.lazy_statement(module, lazy, like=None))
        if not keep:
            return None
        return nodes.keep_aliases(statement, keep)

    def _to_tail(self, decision: Decision, tail: _Tail) -> None:
        binding = decision.binding
        strategy = decision.strategy
        if _under_type_checking(decision):
            if not self.has_type_checking:
                tail.imports.append(nodes.type_checking_import())
                self.has_type_checking = True
            tail.checking.append(binding)
        if strategy is Strategy.LAZY_PROXY:
            tail.proxies.append(binding)

    def _support(self, tail: _Tail) -> str | None:
        """Where the runtime is, the first time a proxy needs the helper bound."""
        if not tail.proxies or self.has_helper:
            return None
        self.has_helper = True
        return self.support_module

    def _proxied_in(self, index: int) -> dict[int, ImportBinding]:
        """Statement ``index`` is a ``try:``: the position (``ImportBinding.alias``) of each
        import in its body that becomes a proxy -> its binding."""
        return {
            alias: decision.binding
            for (line, alias), decision in self.decisions.items()
            if line == index and decision.strategy is Strategy.LAZY_PROXY
        }

    def _try_with_proxies(
        self, index: int, block: cst.Try
    ) -> tuple[cst.Try, list[cst.BaseStatement]]:
        """``block`` with the chosen imports of its body replaced by proxies in place (the
        handler still sees a missing module fail there), and the statements that bind the
        helper before it, the first time one is needed."""
        assert isinstance(block.body, cst.IndentedBlock), "an import on the `try:` line is kept"
        body = nodes.proxies_in_block(block.body.body, self._proxied_in(index))
        rewritten = block.with_changes(body=block.body.with_changes(body=body))
        if self.has_helper:
            return rewritten, []
        self.has_helper = True
        helper = nodes.helper_statements(self.support_module)
        spaced = rewritten.with_changes(leading_lines=nodes.blank_before_comments(rewritten))
        return spaced, [nodes.blank_before(helper[0]), *helper[1:]]

    def _all_checked(self, index: int) -> bool:
        """Every alias of statement ``index`` went under TYPE_CHECKING (its comment went too)."""
        return all(
            _under_type_checking(decision)
            for (line, _), decision in self.decisions.items()
            if line == index
        )

    def _lazy_modules(self) -> list[str]:
        return [
            d.binding.module for d in self.decisions.values() if d.strategy is Strategy.LAZY_MODULES
        ]


def _under_type_checking(decision: Decision) -> bool:
    """Annotation-only imports, and the annotation uses of moved ones, need a TYPE_CHECKING copy."""
    return decision.strategy is Strategy.TYPE_CHECKING or (
        decision.strategy is Strategy.MOVE_INTO_FUNCTIONS
        and UseKind.ANNOTATION in decision.binding.kinds()
    )


def _next(body: Sequence[cst.BaseStatement], index: int) -> cst.BaseStatement | None:
    return body[index + 1] if index + 1 < len(body) else None
