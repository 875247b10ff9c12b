"""The ``--output-format`` choices, apart from the code that renders them.

The CLI needs these enums to build its options on every run, ``--help`` included; the
renderers import the rule registry, so the choices live here where importing them is free.
"""

from __future__ import annotations

import enum


class OutputFormat(str, enum.Enum):
    """``check``: ruff's text lines, JSON, GitHub workflow annotations, or a SARIF 2.1.0 log."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


class DataFormat(str, enum.Enum):
    """``migrate``, ``rules``, ``rule`` and ``audit``: for people, or JSON for tools."""

    TEXT = "text"
    JSON = "json"
