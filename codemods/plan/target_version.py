"""The oldest Python a project supports, from its ``pyproject.toml``.

``migrate`` defers imports differently when every supported Python evaluates annotations
lazily (PEP 649, 3.14+): then nothing needs quoting. ``[project] requires-python`` says which
Pythons the project supports; without it, black's ``target-version`` list does. Unknown means
the oldest Python this tool supports, which is the safe answer.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

OLDEST = (3, 10)
_LOWER_BOUND = re.compile(r"(?:>=|~=|==|>)\s*3\.(\d+)")
_BLACK_TARGET = re.compile(r"py3(\d+)")


def oldest_python(pyproject: Path | None) -> tuple[int, int]:
    """The oldest ``(3, minor)`` the project at ``pyproject`` supports (``OLDEST`` if unsure)."""
    if pyproject is None:
        return OLDEST
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return OLDEST
    requires = document.get("project", {}).get("requires-python")
    if isinstance(requires, str):
        return _from_specifier(requires)
    targets = document.get("tool", {}).get("black", {}).get("target-version")
    if isinstance(targets, list):
        minors = [int(m.group(1)) for t in targets if (m := _BLACK_TARGET.fullmatch(str(t)))]
        if minors and len(minors) == len(targets):
            return max(OLDEST, (3, min(minors)))
    return OLDEST


def _from_specifier(requires: str) -> tuple[int, int]:
    """``>=3.14`` -> (3, 14); the highest lower bound of the clauses (``>3.13`` counts as
    3.13: conservative). Anything unusual -> ``OLDEST``."""
    minors = [int(match.group(1)) for match in _LOWER_BOUND.finditer(requires)]
    return max(OLDEST, (3, max(minors))) if minors else OLDEST
