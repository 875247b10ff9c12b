"""Rule codes as people write them: a prefix names every code it starts (``CC00``), ``ALL``
names them all, in any case.

``--select``, the configuration and suppression comments (CC016) read codes the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def named_codes(prefix: str, codes: Sequence[str]) -> set[str]:
    """The codes among ``codes`` that ``prefix`` names."""
    wanted = prefix.strip().upper()
    return {code for code in codes if wanted == "ALL" or code.startswith(wanted)}


def unknown_prefixes(prefixes: Iterable[str], codes: Sequence[str]) -> list[str]:
    """The prefixes that name no rule (the command line reports them as its own error)."""
    return [prefix for prefix in prefixes if not named_codes(prefix, codes)]
