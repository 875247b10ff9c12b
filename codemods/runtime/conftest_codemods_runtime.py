"""What migrated conftests share, one copy per project: each ``conftest.py`` loads it by path
and runs its layer files in its own namespace, as the original ran (one binding per name).
``@memory_profile`` measures only with the conftest-codemods plugin; ``lazy_module`` defers an
import until first use (``CONFTEST_EAGER_IMPORTS=1``: never)."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import re
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import pytest

EAGER_ENV = "CONFTEST_EAGER_IMPORTS"
PLUGIN_MODULE = "codemods.runtime.plugin"
PLUGIN_NAME = "conftest_codemods"
IMPACTS = ("MINIMAL", "LOW", "MEDIUM", "HIGH", "VERY_HIGH")
PLUGIN_OPTIONS = (  # each also read from PYTEST_<NAME>, e.g. PYTEST_MEMORY_LIMIT_MB
    *("memory-profile", "memory-gc-between-modules"),  # flags
    *("memory-profile-backend", "memory-report", "memory-limit-mb", "collection-limit-mb"),
    *("memory-skip-above-mb", "memory-module-threshold-mb", "memory-profile-top"),
)
PLUGIN_FLAGS = PLUGIN_OPTIONS[:2]
PLUGIN_HINT = (
    "conftest-codemods: memory profiling needs the conftest-codemods pytest plugin: "
    "pip install conftest-codemods"
)
_OPTIONS_ADDED = "_conftest_codemods_memory_options_added"
"""Set on the parser by whoever added the options (the plugin, 0.1.0's support file, or us)."""
_F = TypeVar("_F", bound=Callable[..., Any])


def _plugin_registered(pluginmanager: Any) -> bool:
    """The plugin is registered by its entry point, or by module name (``-p``, as ``profile``
    loads it where entry points are off)."""
    return bool(pluginmanager.has_plugin(PLUGIN_NAME) or pluginmanager.has_plugin(PLUGIN_MODULE))


def lazy_module(name: str) -> types.ModuleType:
    """The module ``name``, executed when an attribute of it is first read.

    A module that is not installed fails at once, where ``import`` failed, so an optional
    dependency still surfaces as the same collection error; only its execution is deferred.
    """
    if name in sys.modules or _truthy(os.environ.get(EAGER_ENV, "")):
        return importlib.import_module(name)
    top = name.partition(".")[0]
    # Not installed: fail where ``import`` failed.
    if importlib.util.find_spec(top) is None:
        raise ModuleNotFoundError(f"No module named {top!r}", name=top)
    if top != name:
        return _SubmoduleProxy(name)  # finding x.y would run x itself
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return importlib.import_module(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    _Unprobed.wrap(module)
    return module


_PROBES = frozenset({"_mock_name", "__wrapped__"})
"""Attributes pytest reads from every object in a conftest's namespace while it collects
(pytest 9's check for fixtures hidden behind decorators): a lazy module must not run for them."""
_LACKS: dict[tuple[str, str], bool] = {}


class _Unprobed(types.ModuleType):
    """Stands in for the class ``LazyLoader`` gives a module until something other than
    pytest's probes (``_PROBES``) touches it. A probe the module certainly does not define
    raises ``AttributeError`` without running it, as the loaded module would; anything else
    puts ``LazyLoader``'s class back and goes through it unchanged."""

    lazy_class: type[types.ModuleType] = types.ModuleType
    """``importlib.util``'s lazy module class, as ``LazyLoader`` set it (the same for all)."""

    @classmethod
    def wrap(cls, module: types.ModuleType) -> None:
        cls.lazy_class = type(module)
        object.__setattr__(module, "__class__", cls)

    def __getattribute__(self, attribute: str) -> Any:
        if attribute in _PROBES and _certainly_lacks(self, attribute):
            name = object.__getattribute__(self, "__name__")
            raise AttributeError(f"module {name!r} has no attribute {attribute!r}")
        return getattr(_restored(self), attribute)

    def __setattr__(self, attribute: str, value: Any) -> None:
        setattr(_restored(self), attribute, value)

    def __delattr__(self, attribute: str) -> None:
        delattr(_restored(self), attribute)


def _restored(module: types.ModuleType) -> types.ModuleType:
    object.__setattr__(module, "__class__", _Unprobed.lazy_class)
    return module


def _certainly_lacks(module: types.ModuleType, attribute: str) -> bool:
    """Whether the module's source cannot define ``attribute``: it never names it, has no
    module ``__getattr__`` and no star import. Anything else (no source file) may."""
    spec = object.__getattribute__(module, "__spec__")
    origin = getattr(spec, "origin", None)
    if not isinstance(origin, str) or not origin.endswith(".py"):
        return False
    key = (origin, attribute)
    if key not in _LACKS:
        try:
            text = Path(origin).read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = attribute
        star = re.search(r"\bimport\s*\*", text) is not None
        _LACKS[key] = attribute not in text and "__getattr__" not in text and not star
    return _LACKS[key]


def _truthy(value: str) -> bool:
    return value.strip().lower() not in ("", "0", "false", "no")


class _SubmoduleProxy(types.ModuleType):
    """Stands for ``x.y`` (bound by ``import x.y as z``) until an attribute is read: then
    imports it and forwards every read and write to the real module (PEP 562 style)."""

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self.__name__), attribute)

    def __setattr__(self, attribute: str, value: Any) -> None:
        setattr(importlib.import_module(self.__name__), attribute, value)

    def __dir__(self) -> list[str]:
        return dir(importlib.import_module(self.__name__))


def memory_profile(description: str, impact: Any = "LOW") -> Callable[[_F], _F]:
    """The plugin's ``memory_profile`` when it is loaded; else the function unchanged, once
    the arguments are known to be what the plugin accepts."""
    plugin = sys.modules.get(PLUGIN_MODULE)
    if plugin is not None:
        return plugin.memory_profile(description, impact)  # type: ignore[no-any-return]
    if not isinstance(description, str):
        raise TypeError(f"memory_profile: description must be a str, not {description!r}")
    name = getattr(impact, "name", impact)
    if not isinstance(name, str) or name.upper() not in IMPACTS:
        raise ValueError(f"memory_profile: impact must be one of {', '.join(IMPACTS)}")
    return lambda function: function


class _Target:
    """What a loader's ``exec_module`` runs a layer in: the conftest's own namespace."""

    __slots__ = ("__name__", "__spec__", "_namespace")

    def __init__(self, spec: Any, namespace: dict[str, Any]) -> None:
        self.__spec__ = spec
        self.__name__ = spec.name
        self._namespace = namespace

    @property
    def __dict__(self) -> dict[str, Any]:  # type: ignore[override]
        return self._namespace


class Layers:
    """One generated conftest's layers, run in its namespace: the always-loaded ones at import,
    a gated one at ``pytest_configure`` when an environment variable, ``-m`` or a path asks for
    it, or when a collected test that survives deselection needs one of its fixtures."""

    hookimpl = pytest.hookimpl

    def __init__(
        self,
        namespace: dict[str, Any],
        *,
        layers: Iterable[str],
        always: Iterable[str],
        gates: Mapping[str, Iterable[str]],
        words: Mapping[str, str],
        fixtures: Mapping[str, str],
        expanding: Iterable[str] = (),
        path_markers: Mapping[str, str] = {},
        gated_mode: str = "load",
    ) -> None:
        self.namespace = namespace
        self.layers, self.always = tuple(layers), tuple(always)
        self.gates = {stem: tuple(specs) for stem, specs in gates.items()}
        self.words, self.fixtures = dict(words), dict(fixtures)
        self.expanding = frozenset(expanding)
        self.path_markers, self.gated_mode = dict(path_markers), gated_mode
        self.directory = Path(namespace["__file__"]).resolve().parent
        digest = hashlib.sha1(str(self.directory).encode()).hexdigest()[:12]
        self.package = f"_conftest_layers_{digest}"
        self.loaded: dict[str, dict[str, Any]] = {}
        self.rebuilding = False
        # Items that wait for -k and -m to deselect before their layers load.
        self.pending: list[tuple[Any, str, object, list[pytest.Item]]] = []

    def load_always(self) -> None:
        for stem in self.always:
            self.load(stem)

    def labels(self) -> list[str]:
        return [stem.removeprefix("conftest_") for stem in self.loaded]

    def load(self, stem: str) -> dict[str, Any]:
        """Run layer ``stem`` in the namespace, after the layers below it (it may read their
        names, as the original's code did); the names the layers run now bound or rebound."""
        if stem in self.loaded:
            return {}
        names = {}
        for lower in self.layers[: self.layers.index(stem)]:
            names.update(self.load(lower))
        before = dict(self.namespace)
        self._execute(stem)
        self.loaded[stem] = {
            name: value
            for name, value in self.namespace.items()
            if before.get(name, before) is not value
        }
        return {**names, **self.loaded[stem]}

    def _execute(self, stem: str) -> None:
        """Ask each import finder for the file, under a name unique to this directory, so that
        pytest's assertion rewriting answers; run it as plain code when no finder does."""
        name = f"{self.package}.{stem}"
        pytest.register_assert_rewrite(name)
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            spec = find_spec(name, [str(self.directory)]) if find_spec else None
            if spec is not None and spec.loader is not None and spec.origin is not None:
                target: Any = _Target(spec, self.namespace)
                spec.loader.exec_module(target)
                return
        path = self.directory / f"{stem}.py"
        exec(compile(path.read_bytes(), str(path), "exec", dont_inherit=True), self.namespace)

    def add_options(self, parser: pytest.Parser, pluginmanager: Any) -> None:
        """Without the plugin, accept its options so that a command line using them works."""
        if _plugin_registered(pluginmanager) or getattr(parser, _OPTIONS_ADDED, False):
            return
        setattr(parser, _OPTIONS_ADDED, True)
        group = parser.getgroup("memory-profile", "memory profile (needs the plugin)")
        for option in PLUGIN_OPTIONS:
            action = "store_true" if option in PLUGIN_FLAGS else "store"
            group.addoption(f"--{option}", action=action, default=None, help="needs the plugin")

    def configure(self, config: pytest.Config) -> None:
        quiet = hasattr(config, "_conftest_codemods_hinted")
        if not (quiet or _plugin_registered(config.pluginmanager)) and _profiling_asked(config):
            config._conftest_codemods_hinted = True  # type: ignore[attr-defined]
            sys.stderr.write(PLUGIN_HINT + "\n")
        for directory, marker in self.path_markers.items():
            config.addinivalue_line(
                "markers", f"{marker}: tests under a {directory}/ directory (conftest-codemods)"
            )
        asked = self._asked(config)
        for stem in self.layers:
            if stem in asked:
                self._register_hooks(config, stem, self.load(stem))

    def _asked(self, config: pytest.Config) -> set[str]:
        asked = {stem for stem, specs in self.gates.items() if any(map(_env_matches, specs))}
        tokens = re.findall(r"[\w.-]+", config.option.markexpr or "")
        words = {token for i, token in enumerate(tokens) if i == 0 or tokens[i - 1] != "not"}
        for argument in config.args:
            words.update(Path(argument.split("::")[0]).parts)
        return asked | {self.words[word] for word in words if word in self.words}

    def _register_hooks(self, config: pytest.Config, stem: str, names: dict[str, Any]) -> None:
        """Hooks bound after pytest registered this conftest are not seen: register them."""
        hooks = {n: v for n, v in names.items() if n.startswith("pytest_") and callable(v)}
        if hooks:
            shim = types.ModuleType(f"{self.package}.{stem}:hooks")
            shim.__dict__.update(hooks)
            config.pluginmanager.register(shim, shim.__name__)

    def load_for(self, collector: pytest.Collector, name: str, obj: object, result: Any) -> Any:
        """Items that need a gated layer's fixtures: skipped (``CONFTEST_GATED_MODE=skip``),
        or left as they are when ``--deselect`` drops them all, or kept pending until ``-k`` and
        ``-m`` have deselected (``load_selected``), or else built again with the layer loaded."""
        items = _items(result)
        needed = self._needed(items)
        if self.rebuilding or not needed:
            return result
        if os.environ.get("CONFTEST_GATED_MODE", self.gated_mode).strip().lower() == "skip":
            _skip(items, needed, self.gates)
            return result
        option = collector.config.option
        dropped = tuple(getattr(option, "deselect", None) or ())
        if dropped and all(item.nodeid.startswith(dropped) for item in items):
            return result
        names = {fixture for item in items for fixture in getattr(item, "fixturenames", ())}
        selecting = getattr(option, "keyword", "") or getattr(option, "markexpr", "")
        # Parametrized gated fixtures make the ids and marks -k and -m read: not after.
        if selecting and not names & self.expanding:
            self.pending.append((collector, name, obj, items))
            return result
        return self._rebuild(collector, name, obj, needed)

    def load_selected(self, items: list[pytest.Item]) -> None:
        """After deselection: load the layers the surviving pending items need, and put the
        items built again in their place (only the ids that survived, when they still exist)."""
        pending, self.pending = self.pending, []
        selected = {id(item) for item in items}
        replacing: dict[int, list[pytest.Item]] = {}
        for collector, name, obj, old in pending:
            survivors = [item for item in old if id(item) in selected]
            if survivors:
                new = _items(self._rebuild(collector, name, obj, self._needed(old)))
                ids = {item.nodeid for item in survivors}
                kept = [item for item in new if item.nodeid in ids] or new
                replacing[id(survivors[0])] = kept
                replacing.update((id(item), []) for item in survivors[1:])
        if replacing:
            items[:] = [new for item in items for new in replacing.get(id(item), [item])]

    def _needed(self, items: list[pytest.Item]) -> set[str]:
        return {
            self.fixtures[fixture]
            for item in items
            for fixture in getattr(item, "fixturenames", ())
            if fixture in self.fixtures
        } - set(self.loaded)

    def _rebuild(self, collector: Any, name: str, obj: object, needed: set[str]) -> Any:
        """Load the ``needed`` gated layers and build the items again, until none is missing."""
        while True:
            for stem in self.layers:
                if stem in needed:
                    names = self.load(stem)
                    _parse_fixtures(collector, self.directory, names)
                    self._register_hooks(collector.config, stem, names)
            self.rebuilding = True
            try:
                result = collector.ihook.pytest_pycollect_makeitem(
                    collector=collector, name=name, obj=obj
                )
            finally:
                self.rebuilding = False
            needed = self._needed(_items(result))
            if not needed:
                return result

    def mark_paths(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        for item in items:
            try:
                parts = item.path.relative_to(config.rootpath).parts[:-1]
            except ValueError:
                continue
            for part in parts:
                marker = self.path_markers.get(part)
                if marker and item.get_closest_marker(marker) is None:
                    item.add_marker(marker)


def _items(result: Any) -> list[pytest.Item]:
    listed = result if isinstance(result, list) else [result]
    return [item for item in listed if isinstance(item, pytest.Item)]


def _parse_fixtures(collector: pytest.Collector, directory: Path, names: dict[str, Any]) -> None:
    """Make a late layer's fixtures visible below ``directory``, as conftest fixtures are,
    and, on pytest 8, rank them where the conftest's own would be: above module, class and
    subdirectory fixtures that override them (pytest 9 ranks by node)."""
    holder = types.ModuleType("conftest_codemods_late_layer")
    holder.__dict__.update(names)
    session = collector.session
    scope: pytest.Collector = session
    if directory != collector.config.rootpath:
        for node in collector.listchain():
            if isinstance(node, pytest.Directory) and node.path == directory:
                scope = node
    manager: Any = session._fixturemanager
    try:
        manager.parsefactories(holder=holder, node=scope)
    except TypeError:  # pytest < 9 scopes by node id and ranks by registration order
        nodeid = "" if scope is session else scope.nodeid
        before = {name: list(defs) for name, defs in manager._arg2fixturedefs.items()}
        manager.parsefactories(holder, nodeid)
        for name, defs in manager._arg2fixturedefs.items():
            new = [d for d in defs if d not in before.get(name, ())]
            if new:
                old = [d for d in defs if d not in new]
                cut = next((i for i, d in enumerate(old) if _below(d.baseid, nodeid)), len(old))
                defs[:] = [*old[:cut], *new, *old[cut:]]


def _below(baseid: str, nodeid: str) -> bool:
    """Whether a fixture of node ``baseid`` sits strictly below node ``nodeid``."""
    return baseid.startswith((f"{nodeid}/", f"{nodeid}::")) if nodeid else bool(baseid)


def _skip(items: list[pytest.Item], needed: set[str], gates: Mapping[str, tuple[str, ...]]) -> None:
    variables = ", ".join(f"{gates[stem][0]}=1" for stem in sorted(needed) if gates.get(stem))
    reason = f"needs fixtures from {', '.join(sorted(needed))} (set {variables} to load)"
    for item in items:
        item.add_marker(pytest.mark.skip(reason=reason))


def _env_matches(spec: str) -> bool:
    """``NAME`` is set to a true value, or ``NAME=value`` holds (case-insensitive)."""
    name, _, expected = spec.partition("=")
    value = os.environ.get(name, "").strip().lower()
    if expected:
        return value == expected.strip().lower()
    return value in ("1", "true", "yes", "on")


def _profiling_asked(config: pytest.Config) -> bool:
    return any(
        getattr(config.option, option.replace("-", "_"), None) not in (None, False)
        or _truthy(os.environ.get("PYTEST_" + option.upper().replace("-", "_"), ""))
        for option in PLUGIN_OPTIONS
    )
