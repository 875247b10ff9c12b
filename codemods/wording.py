"""Counted nouns in messages: "1 hook", "2 hooks"."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and ``noun``, or ``many`` (default: ``noun`` + "s") when ``count`` is not 1."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"
