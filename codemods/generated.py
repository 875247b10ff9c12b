"""Everything about the files conftest-codemods writes beside the user's code, in one place:
their names, the header that marks them as ours (with the version that wrote them), where the
shared runtime goes and its text.

``migrate`` refuses to overwrite a layer file it did not write and treats a conftest whose
header says it is our orchestrator as already migrated; ``check`` and ``fix`` recognise the
same files; ``lazy`` and CC007 write the same runtime. Imports nothing heavy (``check`` runs
without black or libcst).
"""

from __future__ import annotations

import ast
import functools
import inspect
import io
import re
import tokenize
from collections import Counter
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from codemods import __version__
from codemods.errors import InputError
from codemods.layers import Layer

if TYPE_CHECKING:
    from codemods.formatting import Style

RUNTIME_STEM = "conftest_codemods_runtime"
RUNTIME_FILE = f"{RUNTIME_STEM}.py"
"""The shared runtime, one per project root (``codemods/runtime/conftest_codemods_runtime.py``)."""
BACKUP_SUFFIX = ".orig"
"""``conftest.py.orig``: the original, kept where neither pytest nor an import can pick it up."""
LAZY_HELPER = "_lazy_module"
"""The name a module binds to the runtime's ``lazy_module`` when a proxy needs it."""
LAYER_FILES = {f"{layer.module_stem}.py": layer for layer in Layer}
LEGACY_BACKUP = "conftest_legacy_backup.py"
LEGACY_FILES = frozenset({"conftest_support.py", "conftest_lazy.py", LEGACY_BACKUP})
"""What earlier versions wrote beside a conftest (still recognised as ours, never written)."""
GENERATED_NAMES = frozenset({RUNTIME_FILE, *LAYER_FILES, *LEGACY_FILES})
"""Files that are not the user's test code (scans of the tests around a conftest skip them)."""
ROOT_MARKERS = ("pyproject.toml", "pytest.ini", "setup.cfg", "tox.ini")

ORCHESTRATOR_MARK = "# conftest-codemods: generated orchestrator"
RUNTIME_MARK = "# conftest-codemods: generated runtime"
_LAYER_MARK = re.compile(r"^# conftest-codemods: (\w+) layer of ", re.MULTILINE)
_LEGACY_MARKS = ("# conftest-codemods support module", "# conftest-codemods: generated lazy-import")
_HEADER_LINES = 12
PATH_MARKERS_ARGUMENT = "path_markers"
"""The orchestrator's setting: directory name -> marker it adds to the tests below it."""


def version_note() -> str:
    return f"version {__version__}"


def layer_header(layer_label: str, source_name: str, gated: bool) -> str:
    when = "loaded when asked" if gated else "always loaded"
    return f"# conftest-codemods: {layer_label} layer of {source_name} ({version_note()}), {when}."


def orchestrator_header() -> str:
    return (
        f"{ORCHESTRATOR_MARK}, {version_note()}. Do not edit by hand:\n"
        "# put fixtures and hooks in the layer modules, then run `conftest-codemods fix`.\n"
    )


def is_orchestrator(text: str) -> bool:
    return ORCHESTRATOR_MARK in _head(text)


def recorded_path_markers(text: str) -> dict[str, str] | None:
    """The path markers an orchestrator adds and registers: the ``path_markers=`` argument of
    its ``Layers(...)`` call (``None``: ``text`` has no readable one). The orchestrator on disk
    is what pytest runs, so ``check`` and ``--verify`` ask it rather than the configuration,
    which may have changed since or have been overridden by ``migrate --path-markers``."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == PATH_MARKERS_ARGUMENT:
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                return None
            if isinstance(value, dict):
                return {str(k): str(v) for k, v in value.items()}
    return None


def written_by_us(text: str) -> bool:
    """Whether ``text`` is a file that some version of conftest-codemods wrote."""
    head = _head(text)
    marks = (ORCHESTRATOR_MARK, RUNTIME_MARK, *_LEGACY_MARKS)
    return any(mark in head for mark in marks) or _LAYER_MARK.search(head) is not None


def runtime_text(directory: Path) -> str:
    """The runtime as this version writes it for the project of ``directory``: the module under
    our header, formatted by black in the project's style (so its formatter never changes it)."""
    from codemods.formatting import project_style  # black: only when writing

    return _runtime_text(project_style(directory))


@functools.lru_cache(maxsize=4)
def _runtime_text(style: Style) -> str:
    from codemods.formatting import format_generated

    body = resources.files("codemods.runtime").joinpath(RUNTIME_FILE).read_text(encoding="utf-8")
    return format_generated(
        f"{RUNTIME_MARK}, {version_note()}. Do not edit by hand:\n"
        f"# `conftest-codemods fix` rewrites it.\n{body}",
        style,
    )


def backup_path(conftest: Path) -> Path:
    return conftest.with_name(conftest.name + BACKUP_SUFFIX)


_LOADED_RUNTIME = re.compile(r"""\(Path\(__file__\)\.parent / (["'])([^"']+)\1\)""")
"""The path a runtime loader (``runtime_loader``) opens, relative to its module."""


def loaded_runtime(module: Path, text: str) -> Path | None:
    """The runtime that ``module``'s loader opens (``None``: ``text`` has no loader). After
    ``migrate`` split a tree with no root marker, a nested orchestrator loads the topmost
    conftest's runtime, which ``runtime_path`` alone cannot find from its directory."""
    found = _LOADED_RUNTIME.search(text)
    return (module.parent / found.group(2)).resolve() if found else None


def project_root(directory: Path) -> Path | None:
    """The nearest directory at or above ``directory`` with a pytest/packaging config file,
    else the git work tree's top; ``None`` when there is neither."""
    directory = directory.resolve()
    for candidate in (directory, *directory.parents):
        if any((candidate / marker).is_file() for marker in ROOT_MARKERS):
            return candidate
    return next((c for c in (directory, *directory.parents) if (c / ".git").exists()), None)


def runtime_path(directory: Path, topmost: Path | None = None) -> Path:
    """Where the runtime of the conftest in ``directory`` lives: the project root, else the
    directory of the topmost conftest migrated with it (``topmost``, default ``directory``)."""
    root = project_root(directory)
    return (root or (topmost or directory).resolve()) / RUNTIME_FILE


def runtime_reference(directory: Path, runtime: Path) -> str:
    """``runtime`` relative to ``directory`` (``../conftest_codemods_runtime.py``), as the
    orchestrator in ``directory`` spells it."""
    up = len(directory.resolve().relative_to(runtime.parent).parts)
    return "/".join([".."] * up + [runtime.name])


def runtime_loader(reference: str, returns: str = "") -> str:
    """A function that loads the runtime at ``reference`` (relative to the file it is in) by
    path, once per session: it works in every import mode and when the project root is not on
    ``sys.path``; a module already registered from the same file is reused. ``returns`` is its
    return annotation, for a module that binds the type (the orchestrator, which ``mypy
    --strict`` accepts); a module we only add the loader to gets none, as it may not."""
    arrow = f" -> {returns}" if returns else ""
    return f'''def _conftest_codemods_runtime(){arrow}:  # loaded by path, once
    import importlib.util
    import sys
    from pathlib import Path

    path = (Path(__file__).parent / "{reference}").resolve()
    module = sys.modules.get("{RUNTIME_STEM}")
    if module is None or Path(module.__file__ or "").resolve() != path:
        spec = importlib.util.spec_from_file_location("{RUNTIME_STEM}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return module
'''


def runtime_binding(names: Mapping[str, str], reference: str | None) -> str:
    """Statements that bind runtime attributes (local name -> attribute): an import in a layer
    module (``reference`` ``None``: its orchestrator registered the runtime), else the loader
    and one assignment per name."""
    if reference is None:
        aliases = sorted(f"{a} as {n}" if a != n else a for n, a in names.items())
        return f"from {RUNTIME_STEM} import {', '.join(aliases)}\n"
    bindings = "".join(f"{n} = _conftest_codemods_runtime().{a}\n" for n, a in names.items())
    return f"{runtime_loader(reference)}\n\n{bindings}"


def runtime_to_write(runtime: Path, current: str | None, directory: Path) -> str | None:
    """What to write at ``runtime`` for the conftests of ``directory`` (``current``: the file's
    text now, ``None`` when it is missing): this version's runtime, or ``None`` when
    ``current`` already is that up to formatting (``same_code``: the user's formatter is never
    undone). The one decision ``migrate`` and every fix that needs the runtime share. Raises
    ``InputError`` on a file conftest-codemods did not write."""
    if current is not None and not written_by_us(current):
        raise InputError(
            runtime, "exists and was not written by conftest-codemods", "move it away first"
        )
    text = runtime_text(directory)
    return None if current is not None and same_code(current, text) else text


def same_code(current: str, expected: str) -> bool:
    """Whether ``current`` is ``expected`` up to what formatters change: layout, quotes and
    docstring indentation (black, ruff-format), the order of adjacent imports and of the names
    one ``from`` import binds (isort, ruff's ``I``), newlines and the spacing of comments. So a
    generated file the user's formatter rewrote is not stale, and ``fix`` never undoes it."""
    current, expected = current.replace("\r\n", "\n"), expected.replace("\r\n", "\n")
    if current == expected:
        return True
    shapes = [_shape(text) for text in (current, expected)]
    return shapes[0] is not None and shapes[0] == shapes[1]


def _shape(text: str) -> tuple[str, Counter[str]] | None:
    """The code's AST (imports in a canonical order) and its comments; ``None``: not Python."""
    try:
        tree = ast.parse(text)
        comments = Counter(
            token.string.lstrip("#").strip()
            for token in tokenize.generate_tokens(io.StringIO(text).readline)
            if token.type == tokenize.COMMENT
        )
    except (SyntaxError, tokenize.TokenError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            node.names.sort(key=ast.dump)
        if isinstance(node, _DOCUMENTED):
            _clean_docstring(node)
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                _sort_import_runs(block)
    return ast.dump(tree), comments


_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _clean_docstring(
    node: ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef,
) -> None:
    """The docstring of ``node`` as ``inspect.cleandoc`` and ``rstrip`` leave it."""
    first = node.body[0] if node.body else None
    if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)):
        return
    if isinstance(first.value.value, str):
        lines = inspect.cleandoc(first.value.value).splitlines()
        first.value.value = "\n".join(line.rstrip() for line in lines)


def _sort_import_runs(block: list[ast.stmt]) -> None:
    """Sort each run of adjacent import statements in ``block`` in place."""
    start = 0
    while start < len(block):
        end = start
        while end < len(block) and isinstance(block[end], ast.Import | ast.ImportFrom):
            end += 1
        block[start:end] = sorted(block[start:end], key=ast.dump)
        start = end + 1


def _head(text: str) -> str:
    return "\n".join(text.splitlines()[:_HEADER_LINES])
