"""What a module does while it is being imported: its imports and the calls it makes.

pytest imports every conftest at startup, so this is what each test run pays before the first
test, and what fails when a service is down. Read from the ``ast`` (positions come free there);
function and lambda bodies are skipped because they run later, while decorators, default
values and class bodies run now. ``if TYPE_CHECKING:`` blocks never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

HEAVY_MODULES = frozenset(
    {
        "pandas", "numpy", "scipy", "torch", "tensorflow", "jax", "sklearn", "matplotlib",
        "pyarrow", "polars", "dask", "xarray", "sqlalchemy", "boto3", "botocore", "django",
        "spacy", "transformers", "cv2", "PIL",
        # test doubles that load the client library they fake (+24 MB, 0.45 s for fakeredis)
        "fakeredis",
    }
)  # fmt: skip
"""Libraries heavy by name (``heavy-imports`` in the configuration adds to them)."""


@dataclass(frozen=True)
class ImportedModule:
    """One module an import statement loads, where the statement is."""

    module: str
    line: int
    col: int
    """1-based, like every column we print."""


def import_time_nodes(tree: ast.Module) -> Iterator[ast.AST]:
    """Every node that is evaluated when the module is imported."""
    pending: list[ast.AST] = list(reversed(tree.body))
    while pending:
        node = pending.pop()
        if is_type_checking_block(node):
            assert isinstance(node, ast.If)
            pending.extend(reversed(node.orelse))
            continue
        yield node
        pending.extend(reversed(list(_eager_children(node))))


def _eager_children(node: ast.AST) -> Iterator[ast.AST]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        yield from node.decorator_list
        yield from node.args.defaults
        yield from (default for default in node.args.kw_defaults if default is not None)
    elif isinstance(node, ast.Lambda):
        yield from node.args.defaults
    else:
        yield from ast.iter_child_nodes(node)


def is_type_checking_block(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
    return name == "TYPE_CHECKING"


def imported_modules(tree: ast.Module) -> list[ImportedModule]:
    """The modules loaded at import time, in source order (``from . import x`` excluded)."""
    found: list[ImportedModule] = []
    for node in import_time_nodes(tree):
        if isinstance(node, ast.Import):
            found.extend(
                ImportedModule(alias.name, node.lineno, node.col_offset + 1) for alias in node.names
            )
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(ImportedModule(node.module, node.lineno, node.col_offset + 1))
    return found


def lazy_modules(tree: ast.Module) -> frozenset[str]:
    """The names in a module-level ``__lazy_modules__ = [...]`` literal (PEP 810)."""
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__lazy_modules__" for t in node.targets)
            and isinstance(node.value, ast.List | ast.Tuple | ast.Set)
        ):
            return frozenset(
                item.value
                for item in node.value.elts
                if isinstance(item, ast.Constant) and isinstance(item.value, str)
            )
    return frozenset()


def import_aliases(tree: ast.Module) -> dict[str, str]:
    """Module-level name -> the qualified name an import binds it to."""
    aliases: dict[str, str] = {}
    for node in import_time_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    head = alias.name.partition(".")[0]
                    aliases[head] = head
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


def qualified_name(expression: ast.expr, aliases: Mapping[str, str]) -> str | None:
    """``sa.create_engine`` -> ``sqlalchemy.create_engine`` after ``import sqlalchemy as sa``."""
    name = dotted_name(expression)
    if name is None:
        return None
    head, dot, rest = name.partition(".")
    return aliases[head] + dot + rest if head in aliases else None


def dotted_name(expression: ast.expr) -> str | None:
    """``a.b.c`` for attributes read off a name; ``None`` for any other expression."""
    if isinstance(expression, ast.Name):
        return expression.id
    if isinstance(expression, ast.Attribute):
        head = dotted_name(expression.value)
        return None if head is None else f"{head}.{expression.attr}"
    return None


def is_heavy(module: str, heavy: frozenset[str]) -> bool:
    """Whether ``module`` is a heavy module or inside one (``pandas.testing`` loads pandas)."""
    parts = module.split(".")
    return any(".".join(parts[:cut]) in heavy for cut in range(1, len(parts) + 1))
