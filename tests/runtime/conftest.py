"""Keep pytest out of ``projects/``: they are suites the tests run in child processes."""

from __future__ import annotations

collect_ignore = ["projects"]
