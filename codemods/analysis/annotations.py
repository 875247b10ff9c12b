"""Whether ``from __future__ import annotations`` may be added to a conftest.

It stops every annotation of the module from being evaluated, which lets an import used only in
annotations go under ``TYPE_CHECKING``. That is safe only when nothing reads annotations at run
time: class-level annotations (dataclasses, pydantic, NamedTuple, TypedDict read them), functions
that carry decorators other than pytest's (FastAPI, pydantic, typer, ``singledispatch`` read
theirs), and explicit readers (``get_type_hints``, ``__annotations__``). Any of those and the
module is left as it is. Pure and conservative: a name is enough to refuse.
"""

from __future__ import annotations

import libcst as cst

_READERS = frozenset(
    {"get_type_hints", "__annotations__", "get_annotations", "singledispatch", "dataclass"}
)
_PYTEST_ROOTS = frozenset({"pytest", "pytest_asyncio", "fixture"})


def future_annotations_blocker(module: cst.Module) -> str:
    """Why the future import must not be added (empty when it may)."""
    finder = _Blockers()
    module.visit(finder)
    return finder.reason


class _Blockers(cst.CSTVisitor):
    def __init__(self) -> None:
        self.reason = ""
        self.classes = 0

    def _refuse(self, node: cst.CSTNode, why: str) -> None:
        if not self.reason:
            self.reason = why

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes += 1

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes -= 1

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if self.classes:
            self._refuse(node, "a class body has annotations, which libraries read at run time")

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        annotated = node.returns is not None or any(
            param.annotation is not None for param in node.params.params
        )
        foreign = [d for d in node.decorators if _root(d.decorator) not in _PYTEST_ROOTS]
        if annotated and foreign:
            self._refuse(node, f"`{node.name.value}` has a decorator that may read annotations")

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in _READERS:
            self._refuse(node, f"the module uses `{node.value}`")


def _root(expression: cst.BaseExpression) -> str:
    while isinstance(expression, cst.Call | cst.Attribute):
        expression = expression.func if isinstance(expression, cst.Call) else expression.value
    return expression.value if isinstance(expression, cst.Name) else ""
