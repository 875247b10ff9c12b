# conftest-codemods: generated orchestrator
"""Loads the base layer of the split conftest (hand-written in the generated shape)."""

try:
    from .conftest_base import *  # noqa: F401,F403
except ImportError:
    from conftest_base import *  # noqa: F401,F403
