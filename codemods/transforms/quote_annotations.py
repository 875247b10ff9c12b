"""Quote the annotations that read a deferred import, so defining a function no longer needs it.

Before Python 3.14, ``def frame() -> pd.DataFrame`` evaluates ``pd.DataFrame`` when the ``def``
runs, at import: an import read only there cannot be deferred. Quoted (``-> "pd.DataFrame"``),
the annotation is a string nobody evaluates: pytest reads fixture signatures without
evaluating them. ``codemods.plan.lazy_imports`` decides which names need it, only where every
evaluated annotation reading them sits where this transform quotes: a parameter or return
annotation of a ``def`` outside any function body with no decorator but pytest's and never
handed around as a value, or a module-level variable annotation, written on one line without
a string inside (``codemods.analysis.annotations.quotable_annotation`` says the same of the
``ast``).
"""

from __future__ import annotations

from collections.abc import Set

import libcst as cst

from codemods.analysis.annotations import PYTEST_DECORATOR_ROOTS


class QuoteAnnotationsTransform(cst.CSTTransformer):
    """Turn each quotable evaluated annotation that reads one of ``names`` into a string."""

    def __init__(self, names: Set[str], escaping: Set[str] = frozenset()) -> None:
        super().__init__()
        self.names = names
        self.escaping = escaping
        """Functions handed around as values (``escaping_functions``): never quoted."""
        self.depth = 0
        """How many function bodies enclose the node being visited."""
        self.quoting: list[bool] = []
        """Per enclosing ``def``: whether its signature's annotations may be quoted."""
        self.classes = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        roots = [_root(decorator.decorator) for decorator in node.decorators]
        pytest_only = all(root in PYTEST_DECORATOR_ROOTS for root in roots)
        escapes = node.name.value in self.escaping
        self.quoting.append(self.depth == 0 and pytest_only and not escapes)
        return True

    def visit_FunctionDef_body(self, node: cst.FunctionDef) -> None:
        self.depth += 1

    def leave_FunctionDef_body(self, node: cst.FunctionDef) -> None:
        self.depth -= 1

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        quoting = self.quoting.pop()
        if not quoting or updated_node.returns is None:
            return updated_node
        return updated_node.with_changes(returns=self._quoted(updated_node.returns))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes += 1

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        self.classes -= 1
        return updated_node

    def leave_Param(self, original_node: cst.Param, updated_node: cst.Param) -> cst.Param:
        if updated_node.annotation is None or not self._in_signature():
            return updated_node
        return updated_node.with_changes(annotation=self._quoted(updated_node.annotation))

    def leave_AnnAssign(
        self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign
    ) -> cst.AnnAssign:
        if self.depth or self.classes:
            return updated_node
        return updated_node.with_changes(annotation=self._quoted(updated_node.annotation))

    def _in_signature(self) -> bool:
        """Whether the parameter being left belongs to a quotable ``def`` (a lambda's have no
        annotations; a nested ``def`` is never quotable: it is evaluated when its enclosing
        function runs)."""
        return bool(self.quoting) and self.quoting[-1]

    def _quoted(self, annotation: cst.Annotation) -> cst.Annotation:
        expression = annotation.annotation
        if not _reads(expression, self.names) or not _quotable(expression):
            return annotation
        code = cst.Module([]).code_for_node(expression)
        return annotation.with_changes(annotation=cst.SimpleString(f'"{code}"'))


def _root(expression: cst.BaseExpression) -> str:
    """The name a decorator starts from (``pytest`` for ``@pytest.fixture(scope="session")``)."""
    while isinstance(expression, cst.Call | cst.Attribute):
        expression = expression.func if isinstance(expression, cst.Call) else expression.value
    return expression.value if isinstance(expression, cst.Name) else ""


def _reads(expression: cst.BaseExpression, names: Set[str]) -> bool:
    found = _Found(names)
    expression.visit(found)
    return found.name


def _quotable(expression: cst.BaseExpression) -> bool:
    """One line, and no string inside."""
    found = _Found(frozenset())
    expression.visit(found)
    return not found.string and "\n" not in cst.Module([]).code_for_node(expression)


class _Found(cst.CSTVisitor):
    def __init__(self, names: Set[str], escaping: Set[str] = frozenset()) -> None:
        super().__init__()
        self.names = names
        self.escaping = escaping
        """Functions handed around as values (``escaping_functions``): never quoted."""
        self.name = self.string = False

    def visit_Name(self, node: cst.Name) -> None:
        self.name = self.name or node.value in self.names

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.string = True

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self.string = True
