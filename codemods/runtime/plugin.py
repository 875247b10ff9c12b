"""The conftest-codemods pytest plugin: per-fixture memory attribution behind ``@memory_profile``.

Installed with the package and registered through the ``pytest11`` entry point
``conftest_codemods``, so every pytest run in an environment with ``conftest-codemods`` loads
it. That is why it imports only the standard library and pytest, adds its options, and does
nothing else until a run asks for measuring, a limit or gc between modules: only then does
``pytest_configure`` import and register the controller (``codemods.runtime.controller``).

Use:

* ``@memory_profile("what it holds", "HIGH")`` directly *under* ``@pytest.fixture`` (above it,
  pytest no longer discovers the fixture). Generated layer modules get it through the vendored
  runtime beside the conftest, which hands over to this module when it is loaded and is a
  no-op otherwise.
* Switch measuring on with ``--memory-profile`` or ``PYTEST_MEMORY_PROFILE=1``; every switch
  is listed in ``codemods.runtime.options`` and in ``pytest --help``.
* The ``memory_reporter`` fixture gives a test live figures (``MemoryReporter``).

A memory limit turns on RSS recording (no table) so that its failure can name the fixtures
that grew RSS. The ``tracemalloc`` backend (default) attributes Python allocations exactly;
``rss`` reads the process's resident memory and also sees native allocations. When memray is
tracking the process (pytest-memray's ``--memray``) tracemalloc is not started and RSS figures
are reported instead, with one notice. Impact levels: see ``codemods.runtime.impact``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import pytest

from codemods.runtime.decorator import (
    ProfileSpec,
    memory_profile,
    start_recording,
    stop_recording,
)
from codemods.runtime.impact import IMPACT_UPPER_BOUNDS_MB, Impact, impact_for_mb
from codemods.runtime.options import Settings, add_options

if TYPE_CHECKING:
    from codemods.runtime.controller import Controller
    from codemods.runtime.memory import current_rss_mb
    from codemods.runtime.records import FixtureRecord, PhaseFigures
    from codemods.runtime.reporter import MemoryReporter

__all__ = [
    "IMPACT_UPPER_BOUNDS_MB",
    "FixtureRecord",
    "Impact",
    "MemoryReporter",
    "PhaseFigures",
    "ProfileSpec",
    "current_rss_mb",
    "impact_for_mb",
    "memory_profile",
    "memory_reporter",
]

CONTROLLER_NAME = "conftest-codemods-memory-profile"
"""The controller's plugin name, one per session. The vendored ``conftest_support.py`` of 0.1.0
registers its own under the same name, so in a tree migrated then only one of them measures."""
_CONTROLLER: pytest.StashKey[Controller] = pytest.StashKey()
_LATER = {
    "FixtureRecord": "records",
    "PhaseFigures": "records",
    "MemoryReporter": "reporter",
    "current_rss_mb": "memory",
}
"""Exports that a run with measuring off never touches: imported on first use."""


def __getattr__(name: str) -> object:
    if name in _LATER:
        return getattr(importlib.import_module(f"codemods.runtime.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    """Register the controller when the run asks for anything; otherwise leave pytest alone."""
    settings = Settings.from_config(config)
    if not settings.needed:
        return
    vendored = config.pluginmanager.get_plugin(CONTROLLER_NAME)
    if vendored is not None:
        # The controller of a ``conftest_support.py`` that 0.1.0 vendored (its configure runs
        # first, being registered later): it measures this session, and our decorators report
        # to it too, through the same three calls.
        if settings.recording:
            start_recording(vendored)
            config.add_cleanup(lambda: stop_recording(vendored))
        return
    from codemods.runtime import controller as controlling

    controller = controlling.Controller(config, settings)
    config.stash[_CONTROLLER] = controller
    config.pluginmanager.register(controller, CONTROLLER_NAME)
    if settings.recording:
        config.pluginmanager.register(
            controlling.FixtureHook(controller), CONTROLLER_NAME + "-fixtures"
        )


@pytest.fixture
def memory_reporter(request: pytest.FixtureRequest) -> MemoryReporter:
    """Live memory figures: ``rss_mb()``, ``report(label)``, ``records``, ``fixture(name)``."""
    from codemods.runtime.reporter import MemoryReporter

    return MemoryReporter(request.config.stash.get(_CONTROLLER, None), request.node.nodeid)
