"""Rendering: from a ``SplitPlan`` to the text of every output file (no I/O)."""

from __future__ import annotations
