"""The names a layer module declares it reads from a lower layer.

Every layer module runs in the conftest's namespace, so at run time it reads a lower layer's
names from there. ``migrate`` declares each of them under ``if TYPE_CHECKING:`` as an import
from the lower layer's module (``codemods.render.layer_modules.layer_imports``), for type
checkers and readers. Those declarations are also how a fixer of the lower module learns which
of its names the layers above need bound there.
"""

from __future__ import annotations

import ast

from codemods.analysis.import_time import is_type_checking_block


def declared_reads(tree: ast.Module, module_stem: str) -> frozenset[str]:
    """Names ``tree``'s ``if TYPE_CHECKING:`` blocks import from ``module_stem`` (plain, or
    relative in a package)."""
    names: set[str] = set()
    for node in tree.body:
        if not isinstance(node, ast.If) or not is_type_checking_block(node):
            continue
        for statement in node.body:
            if (
                isinstance(statement, ast.ImportFrom)
                and statement.module == module_stem
                and statement.level in (0, 1)
            ):
                names.update(alias.name for alias in statement.names)
    return frozenset(names)
