# conftest-codemods: generated orchestrator, version 0.1.0. Do not edit by hand:
# put fixtures and hooks in the layer modules, then run `conftest-codemods fix`.
"""Runs this directory's conftest layers in this module's namespace, as one conftest:
base and mocks always, services when asked.

A gated layer loads when
- one of its environment variables is set: USE_REAL_SERVICES, ENVIRONMENT=staging;
- ``-m`` or a path on the command line names it: integration, real_services;
- as a safety net, a collected test needs one of its fixtures (after -k and -m have
  deselected; set CONFTEST_GATED_MODE=skip to skip such tests instead).
The loader is in ../conftest_codemods_runtime.py, shared by every migrated conftest of the project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Generator
    from types import ModuleType
    from typing import Any


def _conftest_codemods_runtime() -> ModuleType:  # loaded by path, once
    import importlib.util
    import sys
    from pathlib import Path

    path = (Path(__file__).parent / "../conftest_codemods_runtime.py").resolve()
    module = sys.modules.get("conftest_codemods_runtime")
    if module is None or Path(module.__file__ or "").resolve() != path:
        spec = importlib.util.spec_from_file_location("conftest_codemods_runtime", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return module


_conftest_codemods = _conftest_codemods_runtime().Layers(
    globals(),
    layers=("conftest_base", "conftest_mocks", "conftest_services"),
    always=("conftest_base", "conftest_mocks"),
    gates={"conftest_services": ("USE_REAL_SERVICES", "ENVIRONMENT=staging")},
    words={"integration": "conftest_services", "real_services": "conftest_services"},
    fixtures={"db_conn": "conftest_services"},
    expanding=(),
    path_markers={},
    gated_mode="load",
)


def get_loaded_fixture_modules() -> list[str]:
    """Names of the layers loaded so far, e.g. ``['base', 'mocks']``."""
    return list(_conftest_codemods.labels())


@pytest.hookimpl(specname="pytest_addoption")
def pytest_conftest_codemods_options(
    parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager
) -> None:
    _conftest_codemods.add_options(parser, pluginmanager)


@pytest.hookimpl(specname="pytest_configure")
def pytest_conftest_codemods_layers(config: pytest.Config) -> None:
    _conftest_codemods.configure(config)


@pytest.hookimpl(wrapper=True, specname="pytest_pycollect_makeitem")
def pytest_conftest_codemods_makeitem(
    collector: pytest.Collector, name: str, obj: object
) -> Generator[None, Any, Any]:
    return _conftest_codemods.load_for(collector, name, obj, (yield))


@pytest.hookimpl(specname="pytest_collection_modifyitems")
def pytest_conftest_codemods_mark_paths(config: pytest.Config, items: list[pytest.Item]) -> None:
    _conftest_codemods.mark_paths(config, items)


@pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")
def pytest_conftest_codemods_selected(items: list[pytest.Item]) -> None:
    _conftest_codemods.load_selected(items)


_conftest_codemods.load_always()
