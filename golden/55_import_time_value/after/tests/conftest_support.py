# conftest-codemods support module, version 0.1.0 (generated; do not edit)
"""``@memory_profile`` for the conftest layers beside this file.

The measuring lives in the conftest-codemods pytest plugin (``pip install conftest-codemods``
in the test environment installs it). When the plugin is loaded, ``memory_profile`` is the
plugin's. Without it the decorator checks its arguments and returns the fixture unchanged, and
the memory options are still accepted: set, they print one line saying what to install.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

_F = TypeVar("_F", bound=Callable[..., Any])
_PLUGIN = "codemods.runtime.plugin"
_IMPACTS = ("MINIMAL", "LOW", "MEDIUM", "HIGH", "VERY_HIGH")
_PARSER_GUARD = "_conftest_codemods_memory_options_added"
_OPTIONS = (
    ("--memory-profile", "PYTEST_MEMORY_PROFILE", True),
    ("--memory-profile-backend", "PYTEST_MEMORY_PROFILE_BACKEND", False),
    ("--memory-report", "PYTEST_MEMORY_REPORT", False),
    ("--memory-limit-mb", "PYTEST_MEMORY_LIMIT_MB", False),
    ("--collection-limit-mb", "PYTEST_COLLECTION_LIMIT_MB", False),
    ("--memory-gc-between-modules", "PYTEST_MEMORY_GC_BETWEEN_MODULES", True),
    ("--memory-skip-above-mb", "PYTEST_MEMORY_SKIP_ABOVE_MB", False),
    ("--memory-module-threshold-mb", "PYTEST_MEMORY_MODULE_THRESHOLD_MB", False),
    ("--memory-profile-top", "PYTEST_MEMORY_PROFILE_TOP", False),
)
"""The plugin's options (flag, environment variable, takes no value)."""
_MISSING = (
    "conftest-codemods: memory profiling needs the conftest-codemods pytest plugin: "
    "pip install conftest-codemods"
)


def memory_profile(description: str, impact: object = "LOW") -> Callable[[_F], _F]:
    """The plugin's ``memory_profile`` when it is loaded; otherwise a checked no-op."""
    plugin = sys.modules.get(_PLUGIN)
    if plugin is not None:
        return plugin.memory_profile(description, impact)  # type: ignore[no-any-return]
    if not isinstance(description, str):
        raise TypeError(f"memory_profile: description must be a str, not {description!r}")
    name = getattr(impact, "name", impact)
    if not isinstance(name, str) or name.strip().upper() not in _IMPACTS:
        raise ValueError(f"memory_profile: unknown impact {impact!r} (use {', '.join(_IMPACTS)})")
    return _unchanged


def _unchanged(fn: _F) -> _F:
    return fn


def register(pluginmanager: pytest.PytestPluginManager) -> None:
    """Without the plugin, offer its options (so that they are no usage error) from here."""
    module = sys.modules[__name__]
    if _PLUGIN not in sys.modules and not pluginmanager.is_registered(module):
        pluginmanager.register(module, __name__)


@pytest.hookimpl(specname="pytest_addoption")
def pytest_conftest_codemods_shim_options(parser: pytest.Parser) -> None:
    if getattr(parser, _PARSER_GUARD, False):
        return
    setattr(parser, _PARSER_GUARD, True)
    group = parser.getgroup("memory-profile", "memory profile of fixtures (needs the plugin)")
    for flag, env, no_value in _OPTIONS:
        dest = "conftest_codemods_" + flag.lstrip("-").replace("-", "_")
        action = "store_true" if no_value else "store"
        group.addoption(flag, action=action, default=None, dest=dest, help=f"[env {env}]")


@pytest.hookimpl(specname="pytest_configure")
def pytest_conftest_codemods_shim_configure(config: pytest.Config) -> None:
    asked = any(
        config.getoption("conftest_codemods_" + flag.lstrip("-").replace("-", "_"), None)
        or os.environ.get(env, "").strip().lower() not in ("", "0", "false", "no", "off")
        for flag, env, _ in _OPTIONS
    )
    if asked:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(_MISSING)
        else:
            sys.stderr.write(_MISSING + "\n")
