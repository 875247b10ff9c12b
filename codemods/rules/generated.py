"""Compare a generated file with what ``migrate`` would write: newlines aside.

The expected text itself is ``GroupContext.expected_orchestrator`` (``codemods.rules.context``).
"""

from __future__ import annotations


def normalized(text: str) -> str:
    """``text`` with ``\\n`` newlines, as the renderer produces it."""
    return text.replace("\r\n", "\n")
