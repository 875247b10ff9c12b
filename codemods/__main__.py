"""Allow ``python -m codemods``."""

from __future__ import annotations

from codemods.entry import main

main()
