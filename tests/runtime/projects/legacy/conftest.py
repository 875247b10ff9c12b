"""A tree migrated by conftest-codemods 0.1.0: two vendored copies of its support module
(``conftest_support.py`` is that version's file, verbatim), one also copied into this namespace.

That is what 0.1.0 wrote when the orchestrator copied names (``globals().update``) and a second
migrated conftest brought its own copy. With the plugin installed too, options must still be
added once, one table printed, and the decorators of both copies report to the same place.
"""

from __future__ import annotations

from collections.abc import Iterator

import conftest_support
import pytest
import support_copy

from codemods.runtime import plugin

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


@pytest.fixture
@plugin.memory_profile("Decorated by the installed plugin.", "LOW")
def third() -> int:
    return 3
