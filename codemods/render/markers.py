"""The header comments that mark files written by conftest-codemods, and how to recognise them.

``migrate`` refuses to overwrite a ``conftest_base.py`` it did not write, and treats a conftest
whose header says it is our orchestrator as already migrated.
"""

from __future__ import annotations

import ast
import re

ORCHESTRATOR_MARK = "# conftest-codemods: generated orchestrator"
_LAYER_MARK = re.compile(r"^# conftest-codemods: (\w+) layer of ", re.MULTILINE)
SUPPORT_MARK = "# conftest-codemods support module"
_HEADER_LINES = 12
PATH_MARKERS_SETTING = "PATH_MARKERS"
"""The orchestrator's setting: directory name -> marker it adds to the tests below it."""


def layer_header(layer_label: str, source_name: str, gated: bool) -> str:
    when = "loaded when asked (see conftest.py)" if gated else "always loaded"
    return f"# conftest-codemods: {layer_label} layer of {source_name}, {when}."


def is_orchestrator(text: str) -> bool:
    return ORCHESTRATOR_MARK in _head(text)


def written_by_us(text: str) -> bool:
    """Whether ``text`` is a layer module, orchestrator or support module that we wrote."""
    head = _head(text)
    return ORCHESTRATOR_MARK in head or SUPPORT_MARK in head or _LAYER_MARK.search(head) is not None


def _head(text: str) -> str:
    return "\n".join(text.splitlines()[:_HEADER_LINES])


def recorded_path_markers(text: str) -> dict[str, str] | None:
    """The path markers an orchestrator adds and registers, read from its ``PATH_MARKERS``
    setting (``None``: ``text`` has no readable one). The orchestrator on disk is what pytest
    runs, so ``check`` asks it rather than the configuration, which may have changed since or
    have been overridden by ``migrate --path-markers``."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            named = any(isinstance(t, ast.Name) and t.id == PATH_MARKERS_SETTING for t in targets)
            if named and node.value is not None:
                try:
                    value = ast.literal_eval(node.value)
                except ValueError:
                    return None
                if isinstance(value, dict):
                    return {str(k): str(v) for k, v in value.items()}
    return None
