"""The header comments that mark files written by conftest-codemods, and how to recognise them.

``migrate`` refuses to overwrite a ``conftest_base.py`` it did not write, and treats a conftest
whose header says it is our orchestrator as already migrated.
"""

from __future__ import annotations

import re

ORCHESTRATOR_MARK = "# conftest-codemods: generated orchestrator"
_LAYER_MARK = re.compile(r"^# conftest-codemods: (\w+) layer of ", re.MULTILINE)
SUPPORT_MARK = "# conftest-codemods support module"
_HEADER_LINES = 12


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
