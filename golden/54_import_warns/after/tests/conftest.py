# conftest-codemods: generated orchestrator, version 0.1.0. Do not edit by hand:
# put fixtures and hooks in the layer modules, then run `conftest-codemods fix`.
"""Load this directory's conftest layers: base always, no other layer when asked.

A gated layer loads when
- one of its environment variables is set: none configured;
- ``-m`` or a path on the command line names it: none configured;
- as a safety net, a collected test needs one of its fixtures
  (set CONFTEST_GATED_MODE=skip to skip such tests instead).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest


class _ConftestCodemodsLoader:
    """Imports the layer modules beside this file and exposes their names as this conftest's.

    Copying names (not ``import *`` and not ``pytest_plugins``) keeps fixture scoping, override
    order, hooks, assertion rewriting and ``from conftest import helper`` as they were.
    """

    LAYERS: tuple[str, ...] = ("conftest_base",)
    ALWAYS_LOADED: tuple[str, ...] = ("conftest_base",)
    GATES: dict[str, tuple[str, ...]] = {}
    REQUEST_WORDS: dict[str, str] = {}
    GATED_FIXTURES: dict[str, str] = {}
    PATH_MARKERS: dict[str, str] = {}
    DEFAULT_GATED_MODE = "load"
    SUPPORT_MODULE: str | None = "conftest_support"

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.namespace = namespace
        self.reserved = frozenset(namespace)
        self.directory = Path(namespace["__file__"]).resolve().parent
        self.package = str(namespace["__name__"]).rpartition(".")[0]
        self.loaded: dict[str, types.ModuleType] = {}
        self.rebuilding = False

    def load_always(self) -> None:
        if self.SUPPORT_MODULE:  # the layers import memory_profile from it
            self.loaded[self.SUPPORT_MODULE] = self._import(self._name(self.SUPPORT_MODULE))
        for stem in self.ALWAYS_LOADED:
            self.load(stem)

    def register_support(self, pluginmanager: pytest.PytestPluginManager) -> None:
        """Register the support module as a plugin (its options, hooks and fixtures)."""
        if self.SUPPORT_MODULE:
            self.loaded[self.SUPPORT_MODULE].register(pluginmanager)

    def _name(self, stem: str) -> str:
        return f"{self.package}.{stem}" if self.package else stem

    def load(self, stem: str) -> types.ModuleType:
        """Import the layer module ``stem`` once and copy its names into the conftest."""
        if stem not in self.loaded:
            module = self._import(self._name(stem))
            self.loaded[stem] = module
            self.namespace.update(
                (name, value)
                for name, value in vars(module).items()
                if not (name.startswith("__") and name.endswith("__"))
                and name not in self.reserved
            )
        return self.loaded[stem]

    def _import(self, name: str) -> types.ModuleType:
        for module in self.loaded.values():  # layers import each other by these names
            sys.modules[module.__name__] = module
        existing = sys.modules.get(name)
        if existing is not None and self._elsewhere(existing):
            del sys.modules[name]  # a same-named layer of another conftest directory
        if name not in sys.modules:
            pytest.register_assert_rewrite(name)
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
        return self._import_from_directory(name)

    def _elsewhere(self, module: types.ModuleType) -> bool:
        location = getattr(module, "__file__", None)
        return location is None or Path(location).resolve().parent != self.directory

    def _import_from_directory(self, name: str) -> types.ModuleType:
        """Import ``name`` from this directory when it is not on ``sys.path``.

        That happens with ``--import-mode=importlib`` and a conftest at the rootdir. Asking every
        finder on ``sys.meta_path`` keeps pytest's assertion rewriting.
        """
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            spec = find_spec(name, [str(self.directory)]) if find_spec else None
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                sys.modules[name] = module
                try:
                    spec.loader.exec_module(module)
                except BaseException:
                    del sys.modules[name]
                    raise
                return module
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    def configure(self, config: pytest.Config) -> None:
        self.register_support(config.pluginmanager)
        for directory, marker in self.PATH_MARKERS.items():
            config.addinivalue_line(
                "markers",
                f"{marker}: tests under a {directory}/ directory (conftest-codemods)",
            )
        for stem in sorted(self._asked(config)):
            self._register_hooks(config, self.load(stem))

    def _asked(self, config: pytest.Config) -> set[str]:
        asked = {
            stem for stem, specs in self.GATES.items() if any(map(_env_matches, specs))
        }
        tokens = re.findall(r"[\w.-]+", config.option.markexpr or "")
        words = {
            token for i, token in enumerate(tokens) if i == 0 or tokens[i - 1] != "not"
        }
        for argument in config.args:
            words.update(Path(argument.split("::")[0]).parts)
        return asked | {
            self.REQUEST_WORDS[word] for word in words if word in self.REQUEST_WORDS
        }

    def _register_hooks(self, config: pytest.Config, module: types.ModuleType) -> None:
        """Hooks of a layer loaded after startup are not seen in the namespace: register them."""
        hooks = {
            n: v
            for n, v in vars(module).items()
            if n.startswith("pytest_") and callable(v)
        }
        if hooks:
            shim = types.ModuleType(f"{module.__name__}:hooks")
            shim.__dict__.update(hooks)
            config.pluginmanager.register(shim, shim.__name__)

    def load_for(
        self, collector: pytest.Collector, name: str, obj: object, result: Any
    ) -> Any:
        """Load the gated layers whose fixtures the new items need, then build them again."""
        while not self.rebuilding:
            items = result if isinstance(result, list) else [result]
            needed = {
                self.GATED_FIXTURES[fixture]
                for item in items
                if isinstance(item, pytest.Item)
                for fixture in getattr(item, "fixturenames", ())
                if fixture in self.GATED_FIXTURES
            } - set(self.loaded)
            if not needed:
                break
            if self._gated_mode() == "skip":
                self._skip(items, needed)
                break
            for stem in sorted(needed):
                self._parse_fixtures(collector, self.load(stem))
            self.rebuilding = True
            try:
                result = collector.ihook.pytest_pycollect_makeitem(
                    collector=collector, name=name, obj=obj
                )
            finally:
                self.rebuilding = False
        return result

    def _parse_fixtures(
        self, collector: pytest.Collector, module: types.ModuleType
    ) -> None:
        """Make a layer's fixtures visible below this directory, as conftest fixtures are."""
        session = collector.session
        scope: pytest.Collector = session
        if self.directory != collector.config.rootpath:
            for node in collector.listchain():
                if isinstance(node, pytest.Directory) and node.path == self.directory:
                    scope = node
        manager = session._fixturemanager
        try:
            manager.parsefactories(holder=module, node=scope)
        except TypeError:  # pytest < 9 scopes by node id
            nodeid = "" if scope is session else scope.nodeid
            manager.parsefactories(module, nodeid)

    def _gated_mode(self) -> str:
        return (
            os.environ.get("CONFTEST_GATED_MODE", self.DEFAULT_GATED_MODE)
            .strip()
            .lower()
        )

    def _skip(self, items: list[Any], needed: set[str]) -> None:
        variables = ", ".join(f"{self.GATES[stem][0]}=1" for stem in sorted(needed))
        reason = (
            f"needs fixtures from {', '.join(sorted(needed))} (set {variables} to load)"
        )
        for item in items:
            if isinstance(item, pytest.Item):
                item.add_marker(pytest.mark.skip(reason=reason))

    def mark_paths(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        for item in items:
            try:
                parts = item.path.relative_to(config.rootpath).parts[:-1]
            except ValueError:
                continue
            for part in parts:
                marker = self.PATH_MARKERS.get(part)
                if marker and item.get_closest_marker(marker) is None:
                    item.add_marker(marker)


def _env_matches(spec: str) -> bool:
    """``NAME`` is set to a true value, or ``NAME=value`` holds (case-insensitive)."""
    name, _, expected = spec.partition("=")
    value = os.environ.get(name, "").strip().lower()
    if expected:
        return value == expected.strip().lower()
    return value in ("1", "true", "yes", "on")


def get_loaded_fixture_modules() -> list[str]:
    """Names of the layers loaded so far, e.g. ``['base', 'mocks']``."""
    loader = _conftest_codemods_loader
    return [
        stem.removeprefix("conftest_")
        for stem in loader.loaded
        if stem in loader.LAYERS
    ]


@pytest.hookimpl(specname="pytest_addoption")
def pytest_conftest_codemods_options(
    parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager
) -> None:
    _conftest_codemods_loader.register_support(pluginmanager)


@pytest.hookimpl(specname="pytest_configure")
def pytest_conftest_codemods_layers(config: pytest.Config) -> None:
    _conftest_codemods_loader.configure(config)


@pytest.hookimpl(wrapper=True, specname="pytest_pycollect_makeitem")
def pytest_conftest_codemods_makeitem(
    collector: pytest.Collector, name: str, obj: object
) -> Any:
    result = yield
    return _conftest_codemods_loader.load_for(collector, name, obj, result)


@pytest.hookimpl(specname="pytest_collection_modifyitems")
def pytest_conftest_codemods_mark_paths(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    _conftest_codemods_loader.mark_paths(config, items)


_conftest_codemods_loader = _ConftestCodemodsLoader(globals())
_conftest_codemods_loader.load_always()
