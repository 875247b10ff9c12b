"""Two copies of the support module, one of them also copied into this namespace.

That is what happens when the orchestrator copies names (``globals().update``) and a second
migrated conftest brings its own copy: options must be added once, one table printed, and
the decorators of both copies must report to the same place.
"""

from __future__ import annotations

from collections.abc import Iterator

import conftest_support
import pytest
import support_copy

globals().update({k: v for k, v in vars(conftest_support).items() if not k.startswith("__")})


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    conftest_support.register(pluginmanager)
    conftest_support.register(pluginmanager)
    pluginmanager.register(support_copy, "support_copy")


@pytest.fixture
@conftest_support.memory_profile("Decorated by the first copy.", "LOW")
def first() -> Iterator[int]:
    yield 1


@pytest.fixture
@support_copy.memory_profile("Decorated by the second copy.", "LOW")
def second() -> int:
    return 2
