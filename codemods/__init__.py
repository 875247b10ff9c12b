"""conftest-codemods: split a monolithic conftest.py into lazily loaded layers."""

from __future__ import annotations

__version__ = "0.1.0"
