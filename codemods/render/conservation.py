"""Proof, on every run, that the split lost and duplicated nothing.

It re-reads the *rendered text* rather than trusting the plan: every top-level statement of the
input (compared by its AST) and every comment (compared by its text) must appear in exactly one
output, apart from what the renderer says it generated (markers, cookies, lower-layer imports)
and the copies of plain imports that several layers need. Every output must also compile.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from codemods.analysis.memory_profiles import DECORATOR_NAME
from codemods.errors import ConservationError
from codemods.io import SourceFile
from codemods.render.layer_modules import RenderedModule

_HINT = "this is a bug in conftest-codemods; nothing was written, please report it"


def check_conservation(
    source: SourceFile,
    modules: Sequence[RenderedModule],
    import_copies: Iterable[str],
) -> None:
    """Raise ``ConservationError`` unless ``modules`` hold ``source`` exactly once.

    ``import_copies`` is the source of each *extra* copy of an import (one entry per copy
    beyond the first). The fixes ``migrate`` runs on the modules afterwards check their own
    changes (``check_only_profiles_added``, and the lazy-import transform's safety rules).
    """
    path = source.path
    expected_statements = _count(source.tree)
    expected_comments = _comments(source.text)
    statements: Counter[str] = Counter()
    comments: Counter[str] = Counter()
    for module in modules:
        statements += _statements(path, module.text)
        comments += _comments(module.text)
        statements -= _statements(path, "\n".join(module.generated_statements))
        comments -= module.generated_comments
    statements -= _statements(path, "\n".join(import_copies))
    _compare(path, "statement", expected_statements, statements)
    _compare(path, "comment", expected_comments, comments)


def _statements(path: Path, text: str) -> Counter[str]:
    return _count(_parse(path, text))


def _count(tree: ast.Module) -> Counter[str]:
    """Top-level statements by their AST; an import counts once per alias, since a layer's
    copy may keep only some of its names."""
    found: Counter[str] = Counter()
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom) and len(statement.names) > 1:
            for alias in statement.names:
                found[ast.dump(_with_names(statement, [alias]))] += 1
        else:
            found[ast.dump(statement)] += 1
    return found


def _with_names(statement: ast.Import | ast.ImportFrom, names: list[ast.alias]) -> ast.stmt:
    if isinstance(statement, ast.Import):
        return ast.Import(names=names)
    return ast.ImportFrom(module=statement.module, names=names, level=statement.level)


def _parse(path: Path, text: str) -> ast.Module:
    try:
        return ast.parse(text)
    except SyntaxError as error:
        raise ConservationError(
            path, f"a generated module does not compile: {error.msg} at line {error.lineno}", _HINT
        ) from None


def check_only_profiles_added(path: Path, original_text: str, decorated_text: str) -> None:
    """The decorating transform may add ``@memory_profile(...)``, and wrap the function of a
    fixture made by assignment in ``memory_profile(...)(f)``, and nothing else."""
    original, decorated = _parse(path, original_text), _parse(path, decorated_text)
    for tree in (original, decorated):
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                node.decorator_list = [d for d in node.decorator_list if not _is_profile(d)]
        _Unwrap().visit(tree)
    if ast.dump(original) != ast.dump(decorated):
        raise ConservationError(path, "adding @memory_profile changed other code", _HINT)


class _Unwrap(ast.NodeTransformer):
    """``memory_profile(...)(f)`` -> ``f``."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        wrapped = isinstance(node.func, ast.Call) and _is_profile(node.func)
        if wrapped and len(node.args) == 1 and not node.keywords:
            return node.args[0]
        return node


def _is_profile(decorator: ast.expr) -> bool:
    callee = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", None)
    return name == DECORATOR_NAME


def _comments(text: str) -> Counter[str]:
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return Counter(token.string.rstrip() for token in tokens if token.type == tokenize.COMMENT)


def _compare(path: Path, kind: str, expected: Counter[str], actual: Counter[str]) -> None:
    lost = expected - actual
    extra = actual - expected
    if lost or extra:
        problem, sample = ("lost", lost) if lost else ("duplicated", extra)
        first = next(iter(sample)).splitlines()[0][:80]
        raise ConservationError(
            path, f"the split {problem} {sum(sample.values())} {kind}(s), first: {first}", _HINT
        )
