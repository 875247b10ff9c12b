"""Allow ``python -m codemods``."""

from __future__ import annotations

from codemods.cli import main

main()
