"""The split plan: a layer for every unit, chosen so that no test can tell the difference.

1. Each unit *wants* a layer: an explicit pin (plan file, ``# conftest: <layer>`` comment,
   ``[tool.conftest-codemods] pins``), else who needs it: a fixture that tests of the default
   run reach (``codemods.analysis.fixture_usage``) wants base or mocks, one that only gated
   tests reach wants services or e2e; signals choose within the pair, and place what no test
   reaches. Helpers, constants and imports float: they go to the lowest layer that every unit
   using them can see.
2. Dependencies move units *up*: a unit lives in the layer of everything it needs, or higher.
3. Some units must stay loaded in every run (hooks, autouse fixtures, import-time side effects,
   names that tests import from ``conftest``); that ceiling flows *down* to what they need,
   keeping it loaded too. Every such override is reported, never silent.
See ../shared/DESIGN.md section 3 and ../shared/PYTEST_FACTS.md sections 1d and 5.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from codemods.analysis.external_uses import ExternalUses
from codemods.analysis.fixture_usage import Usage
from codemods.analysis.import_setup import is_effect_comment, is_effect_module
from codemods.analysis.model import ConftestModel
from codemods.analysis.signals import Classification, Classifier
from codemods.analysis.units import (
    PYTEST_SPECIAL_NAMES,
    Unit,
    UnitKind,
    alias_names,
    imported_modules,
    imported_names,
    is_hook_name,
    unit_comments,
)
from codemods.config import Settings
from codemods.layers import ALWAYS_LOADED, Layer

FLOATING = frozenset({UnitKind.HELPER, UnitKind.CONSTANT, UnitKind.IMPORT})


@dataclass(frozen=True)
class PlanInputs:
    settings: Settings = field(default_factory=Settings)
    usage: Usage | None = None
    """Which fixtures the tests reach, by gate group (``None``: not read, signals only)."""
    external: ExternalUses = field(default_factory=ExternalUses)
    overrides: Mapping[str, Layer] = field(default_factory=dict)
    """Unit key (see ``unit_key``) -> layer, from an edited plan file."""


@dataclass(frozen=True)
class Wish:
    """The layer a unit asks for before dependencies and constraints are applied."""

    layer: Layer
    why: str
    pinned: bool = False
    looks_like: Layer | None = None
    """The gated layer its signals point at, when default-run tests keep it always loaded."""


@dataclass(frozen=True)
class Placement:
    layer: Layer
    wish: Wish


@dataclass(frozen=True)
class SplitPlan:
    """Where every unit goes, what each layer imports from lower ones, and what to report."""

    model: ConftestModel
    placements: Mapping[int, Placement]
    """Unit index -> its placement, for every unit but plain imports and ``__future__`` imports."""
    import_layers: Mapping[int, frozenset[Layer]]
    """Plain import (and ``__future__``) unit index -> the layers that get a copy."""
    shared: Mapping[Layer, Mapping[Layer, frozenset[str]]]
    """Layer -> lower layer -> names it imports from there."""
    warnings: tuple[str, ...]
    import_aliases: Mapping[int, Mapping[Layer, tuple[int, ...]]] = field(default_factory=dict)
    """Import unit index -> layer -> the aliases its copy keeps, for the copies that keep
    only some (``from x import a, b`` where a layer reads only ``a``)."""

    def layer_of(self, index: int) -> Layer:
        return self.placements[index].layer

    def units_in(self, layer: Layer) -> list[int]:
        """Unit indices written to ``layer``'s module, in source order."""
        return sorted(
            [i for i, placement in self.placements.items() if placement.layer is layer]
            + [i for i, layers in self.import_layers.items() if layer in layers]
        )

    def read_from(self, layer: Layer) -> frozenset[str]:
        """The names of ``layer``'s module that the layers above read through the conftest's
        namespace (a name a block binds there may have no reader in the module itself)."""
        return frozenset().union(*(lower.get(layer, frozenset()) for lower in self.shared.values()))

    def used_layers(self) -> list[Layer]:
        """Layers that get a module: base always, the others when they hold a unit."""
        used = {placement.layer for placement in self.placements.values()} | {Layer.BASE}
        return sorted(used)

    def expanding_fixtures(self) -> frozenset[str]:
        """Gated fixtures that may parametrize the tests requesting them: parametrized
        themselves or requesting one, through gated fixtures (the others' requests are known
        before any gated layer loads). The orchestrator loads their layers before deselection,
        since the ids and marks ``-k`` and ``-m`` select on depend on them."""
        fixtures = {
            fixture.name: fixture
            for index, placement in self.placements.items()
            if placement.layer.gated
            for fixture in self.model.units[index].fixtures
        }
        expanding = {name for name, fixture in fixtures.items() if fixture.parametrized}
        grown = True
        while grown:
            before = len(expanding)
            expanding |= {n for n, f in fixtures.items() if f.requests & expanding}
            grown = len(expanding) > before
        return frozenset(expanding)

    def gated_fixtures(self) -> dict[str, Layer]:
        """Fixture name -> gated layer defining it, for the orchestrator's on-demand loader."""
        return {
            fixture.name: placement.layer
            for index, placement in sorted(self.placements.items())
            if placement.layer.gated
            for fixture in self.model.units[index].fixtures
        }


def unit_key(model: ConftestModel, unit: Unit) -> str:
    """A stable, unique key for a unit in plan files: its name, plus ``@line`` if ambiguous."""
    same = [other for other in model.units if other.name == unit.name]
    return unit.name if len(same) == 1 else f"{unit.name}@{unit.line}"


def plan_split(model: ConftestModel, inputs: PlanInputs) -> SplitPlan:
    return _Planner(model, inputs).plan()


class _Planner:
    def __init__(self, model: ConftestModel, inputs: PlanInputs) -> None:
        self.model = model
        self.inputs = inputs
        self.classifier = Classifier(inputs.settings.signals)
        self.placed = [
            unit.index
            for unit in model.units
            if unit.index not in model.distributable and unit.kind is not UnitKind.FUTURE_IMPORT
        ]
        self.dependents = model.dependents()
        self.warnings: list[str] = []
        self.dynamic_lookups = self._dynamic_lookups()

    def _dynamic_lookups(self) -> list[str]:
        """Who calls ``getfixturevalue`` with a name that cannot be known statically.

        Any fixture may be asked for at run time, after collection, when the orchestrator can
        no longer load a gated layer; so every fixture stays always loaded, and we say why.
        """
        lookups = [
            f"{unit.describe()}"
            for unit in self.model.units
            if any(fixture.dynamic_requests for fixture in unit.fixtures)
        ]
        if self.inputs.external.dynamic_lookup:
            lookups.append(self.inputs.external.dynamic_lookup)
        if lookups:
            self.warnings.append(
                f"{lookups[0]} calls request.getfixturevalue() with a computed name: every "
                "fixture stays always loaded (pin the names it asks for, or make them literal)"
            )
        return lookups

    def plan(self) -> SplitPlan:
        wanted = {index: self._wanted(self.model.units[index]) for index in self.placed}
        floor = {index: self._initial_floor(index, wanted) for index in self.placed}
        self._propagate_up(floor)
        ceiling, blame = self._ceilings()
        layers = {index: min(floor[index], ceiling[index]) for index in self.placed}
        self._lift_floating(layers, floor, ceiling, wanted)
        self._check(layers)
        placements = {index: Placement(layers[index], wanted[index]) for index in self.placed}
        self._explain(placements, blame)
        import_layers, import_aliases = self._import_layers(layers)
        return SplitPlan(
            self.model,
            placements,
            import_layers,
            self._shared(layers),
            tuple(self.warnings),
            import_aliases,
        )

    def _wanted(self, unit: Unit) -> Wish:
        natural = self._natural_wish(unit)
        override = self.inputs.overrides.get(unit_key(self.model, unit))
        if override is not None and override is not natural.layer:
            return Wish(override, "set in the plan file", pinned=True)
        return natural

    def _natural_wish(self, unit: Unit) -> Wish:
        pin = self.model.pinned.get(unit.index)
        if pin is not None:
            try:
                return Wish(Layer.parse(pin), "pinned by a `# conftest:` comment", pinned=True)
            except ValueError as error:
                self.warnings.append(f"line {unit.line}: ignored pin comment: {error}")
        for layer, patterns in self.inputs.settings.pins.items():
            names = [unit.name, *(fixture.name for fixture in unit.fixtures)]
            if any(fnmatchcase(name, pattern) for pattern in patterns for name in names):
                return Wish(layer, "pinned in [tool.conftest-codemods]", pinned=True)
        if unit.kind is UnitKind.DOCSTRING:
            return Wish(Layer.BASE, "the module docstring")
        classification = self.classifier.classify(unit)
        return self._usage_wish(unit, classification) or Wish(
            classification.layer, classification.reason
        )

    def _usage_wish(self, unit: Unit, classification: Classification) -> Wish | None:
        """Who needs a fixture decides whether it is always loaded; signals pick the layer."""
        usage = self.inputs.usage
        names = [fixture.name for fixture in unit.fixtures]
        if usage is None or not names:
            return None
        test = usage.first_user(names, None)
        if test is not None:
            mocks = self.classifier.classify(unit, among=(Layer.MOCKS,))
            looks_like = classification.layer if classification.layer.gated else None
            why = f"default-run tests need it ({test})"
            if mocks.layer is Layer.MOCKS:
                why += f"; {mocks.reason}"
            return Wish(mocks.layer, why, looks_like=looks_like)
        groups = usage.gated_groups(names)
        if not groups:
            return None
        lowest = min(groups)
        signal = self.classifier.classify(unit, among=(Layer.SERVICES, Layer.E2E))
        layer = signal.layer if signal.layer.gated else lowest
        because = f"; {signal.reason}" if signal.layer.gated else ""
        return Wish(layer, f"only {lowest.label} tests need it ({groups[lowest]}){because}")

    def _is_floating(self, index: int, wanted: Mapping[int, Wish]) -> bool:
        return self.model.units[index].kind in FLOATING and not wanted[index].pinned

    def _initial_floor(self, index: int, wanted: Mapping[int, Wish]) -> Layer:
        return Layer.BASE if self._is_floating(index, wanted) else wanted[index].layer

    def _propagate_up(self, floor: dict[int, Layer]) -> None:
        changed = True
        while changed:
            changed = False
            for index in self.placed:
                for edge in self.model.edges.get(index, ()):
                    if edge.target in floor and floor[edge.target] > floor[index]:
                        floor[index] = floor[edge.target]
                        changed = True

    def _ceilings(self) -> tuple[dict[int, Layer], dict[int, tuple[int, str]]]:
        """Highest allowed layer per unit, and which always-loaded unit imposed it, and why."""
        ceiling = dict.fromkeys(self.placed, Layer.E2E)
        blame: dict[int, tuple[int, str]] = {}
        pending: list[int] = []
        for index in self.placed:
            limit = self._own_ceiling(self.model.units[index])
            if limit is not None:
                ceiling[index] = limit[0]
                blame[index] = (index, limit[1])
                pending.append(index)
        while pending:
            index = pending.pop()
            for edge in self.model.edges.get(index, ()):
                target = edge.target
                if target in ceiling and ceiling[target] > ceiling[index]:
                    ceiling[target] = ceiling[index]
                    blame[target] = blame[index]
                    pending.append(target)
        return ceiling, blame

    def _own_ceiling(self, unit: Unit) -> tuple[Layer, str] | None:
        external = self.inputs.external
        if unit.kind is UnitKind.DOCSTRING or unit.star_import:
            return Layer.BASE, "it stays at the top of conftest_base"
        if unit.unresolved and any(other.star_import for other in self.model.units):
            return Layer.BASE, f"it may use {min(unit.unresolved)} from an `import *`"
        if any(fixture.dynamic_requests for fixture in unit.fixtures):
            return Layer.BASE, "it requests fixtures by computed name"
        if unit.fixtures and self.dynamic_lookups:
            return ALWAYS_LOADED, f"{self.dynamic_lookups[0]} may request any fixture by name"
        if unit.kind is UnitKind.HOOK:
            return ALWAYS_LOADED, "pytest hooks must be registered at startup"
        if unit.kind is UnitKind.STATEMENT:
            return ALWAYS_LOADED, "it runs at import time"
        if any(fixture.autouse for fixture in unit.fixtures):
            return ALWAYS_LOADED, "autouse fixtures must be visible to every test"
        if unit.binds & PYTEST_SPECIAL_NAMES:
            return ALWAYS_LOADED, "pytest reads it from the conftest at startup"
        if unit.binds & external.names:
            return ALWAYS_LOADED, f"tests import {min(unit.binds & external.names)} from conftest"
        requested = {fixture.name for fixture in unit.fixtures} & external.fixture_values
        if requested:
            return ALWAYS_LOADED, f"tests call getfixturevalue({min(requested)!r})"
        return None

    def _lift_floating(
        self,
        layers: dict[int, Layer],
        floor: Mapping[int, Layer],
        ceiling: Mapping[int, Layer],
        wanted: Mapping[int, Wish],
    ) -> None:
        """Raise helpers and constants to the lowest layer every unit using them can see."""
        floating = [index for index in self.placed if self._is_floating(index, wanted)]
        changed = True
        while changed:
            changed = False
            for index in reversed(floating):
                users = [user for user in self.dependents.get(index, ()) if user in layers]
                target = min(layers[user] for user in users) if users else wanted[index].layer
                lifted = min(max(floor[index], target), ceiling[index])
                if lifted > layers[index]:
                    layers[index] = lifted
                    changed = True

    def _check(self, layers: Mapping[int, Layer]) -> None:
        for index in self.placed:
            for edge in self.model.edges.get(index, ()):
                if edge.target in layers:
                    assert layers[edge.target] <= layers[index], (
                        f"plan broke {edge}: {layers[edge.target]} > {layers[index]}"
                    )

    def _explain(
        self, placements: Mapping[int, Placement], blame: Mapping[int, tuple[int, str]]
    ) -> None:
        units = self.model.units
        for index, placement in sorted(placements.items()):
            unit = units[index]
            if placement.layer < placement.wish.layer and index in blame:
                origin, reason = blame[index]
                because = (
                    reason if origin == index else f"{units[origin].describe()} needs it: {reason}"
                )
                self.warnings.append(
                    f"line {unit.line}: {unit.kind.value} {unit.name} looks like "
                    f"{placement.wish.layer.label} ({placement.wish.why}) but stays in "
                    f"{placement.layer.label}: {because}"
                )

    def _import_layers(
        self, layers: Mapping[int, Layer]
    ) -> tuple[dict[int, frozenset[Layer]], dict[int, dict[Layer, tuple[int, ...]]]]:
        """The layers that get a copy of each plain import, and the aliases a copy keeps when
        not all: a layer gets the names its units read (a dotted ``import a.b`` is read as
        ``a.b.c``), in source order, so a module-level statement that reads an import still
        runs after it. An import kept for what importing does (``_kept_for_effect``), or one
        nothing reads, also keeps its place in base, whole. Nothing else pins an import: a
        statement (an ``if sys.platform`` block, ``try/except ImportError``,
        ``os.environ.setdefault(...)``) keeps eager only what it reads itself."""
        readers: dict[str, set[Layer]] = defaultdict(set)
        for index, layer in layers.items():
            for name in self.model.units[index].reads:
                readers[name].add(layer)
        used = {Layer.BASE, *layers.values()}
        result: dict[int, frozenset[Layer]] = {}
        trimmed: dict[int, dict[Layer, tuple[int, ...]]] = {}
        for unit in self.model.units:
            if unit.kind is UnitKind.FUTURE_IMPORT:
                result[unit.index] = frozenset(used)
            elif unit.index in self.model.distributable:
                wanted = {layer for name in unit.binds for layer in readers.get(name, ())}
                whole = not wanted or self._kept_for_effect(unit)
                aliases = alias_names(unit.node) or []
                # A name nobody reads (``Customer`` of ``from m import Customer, Order``) stays
                # where it was, in base: every alias lands in some output.
                unread = {
                    number
                    for number, names in enumerate(aliases)
                    if not any(readers.get(name) for name in names)
                }
                if whole or unread:
                    wanted.add(Layer.BASE)
                result[unit.index] = frozenset(wanted)
                for layer in sorted(wanted):
                    kept = tuple(
                        number
                        for number, names in enumerate(aliases)
                        if any(layer in readers.get(name, ()) for name in names)
                        or (layer is Layer.BASE and number in unread)
                    )
                    if aliases and len(kept) < len(aliases) and not (whole and layer is Layer.BASE):
                        trimmed.setdefault(unit.index, {})[layer] = kept
        return result, trimmed

    def _kept_for_effect(self, unit: Unit) -> bool:
        """Whether an import read only by higher layers must still run in every run: it is
        marked as a side-effect import, imports an ``EFFECT_MODULES``/``effect-imports``
        module, binds a hook or a name tests import from ``conftest``."""
        extra = self.inputs.settings.effect_imports
        if any(is_effect_module(module, extra) for module in imported_modules(unit.node)):
            return True
        if any(is_hook_name(name) for name in imported_names(unit.node)):
            return True
        return bool(unit.binds & (self.inputs.external.names | PYTEST_SPECIAL_NAMES)) or any(
            is_effect_comment(comment) for comment in unit_comments(unit.node)
        )

    def _shared(self, layers: Mapping[int, Layer]) -> dict[Layer, dict[Layer, frozenset[str]]]:
        shared: dict[Layer, dict[Layer, set[str]]] = defaultdict(lambda: defaultdict(set))
        for index, layer in layers.items():
            for name in self.model.units[index].reads:
                for binder in self.model.binders.get(name, ()):
                    source = layers.get(binder)
                    if source is not None and source < layer:
                        shared[layer][source].add(name)
        return {
            layer: {source: frozenset(names) for source, names in sources.items()}
            for layer, sources in shared.items()
        }
