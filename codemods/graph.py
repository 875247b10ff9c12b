"""The fixture dependency graph over the conftest hierarchy of a path, for ``graph``.

Lint rules look at one directory at a time; a reader trying to understand why a test pulls in a
database needs the whole picture pytest sees: every conftest module from the rootdir down to the
path, which fixture requests which (overrides resolved the way pytest resolves them: the closest
directory wins, a fixture requesting its own name gets the one a directory up), the layers,
cycles, layer violations and the chains that cost the most to set up. Building the graph reads
files; everything after (cycles, violations, chains, rendering) works on plain data.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import libcst as cst

from codemods.analysis.cycles import cycle_path, cycles
from codemods.analysis.fixtures import Fixture, imported_factories
from codemods.analysis.parsed import ParsedConftest
from codemods.errors import InputError
from codemods.generated import is_orchestrator
from codemods.io import read_source
from codemods.layers import Layer
from codemods.pytest_config import find_pytest_config

EXTERNAL = "external"
"""Layer of fixtures defined in no conftest module: pytest builtins and plugin fixtures."""
CONFTEST = "conftest"
"""Layer of fixtures in a hand-written ``conftest.py`` (not split into layers)."""
LAYER_FILES = {f"{layer.module_stem}.py": layer.label for layer in Layer}
RANKS = {layer.label: int(layer) for layer in Layer}
IMPACT_WEIGHTS = {"MINIMAL": 1, "LOW": 2, "MEDIUM": 3, "HIGH": 4, "VERY_HIGH": 5}
"""The ``impact=`` of ``@memory_profile``, as a weight for the heaviest chains."""
LAYER_WEIGHTS = {"base": 1, "mocks": 2, "services": 3, "e2e": 4, CONFTEST: 2, EXTERNAL: 1}
"""The estimate when a fixture declares no impact: the higher the layer, the heavier."""
MAX_CHAINS = 5


@dataclass(frozen=True)
class Node:
    """One fixture: defined in a conftest module, or external (builtin or plugin)."""

    id: str
    name: str
    layer: str
    scope: str | None = None
    path: str | None = None
    """Posix path of the defining module, relative to the rootdir."""
    line: int | None = None
    impact: str | None = None
    weight: int = 1
    autouse: bool = False

    @property
    def external(self) -> bool:
        return self.layer == EXTERNAL

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.path else ""


@dataclass(frozen=True)
class GraphEdge:
    """``source`` requests ``target``; a violation when ``target`` is from a higher layer."""

    source: str
    target: str
    violation: bool = False


@dataclass(frozen=True)
class Chain:
    """A request chain from a fixture down to a leaf, and its summed weight."""

    nodes: tuple[str, ...]
    weight: int


@dataclass(frozen=True)
class FixtureGraph:
    """The graph of one path's conftest hierarchy, with what ``graph`` reports about it."""

    root: str
    files: tuple[str, ...]
    nodes: Mapping[str, Node]
    edges: tuple[GraphEdge, ...]
    cycles: tuple[tuple[str, ...], ...] = ()
    """Each cycle as a path ``a -> b -> ... -> a`` of node ids."""
    chains: tuple[Chain, ...] = ()

    @property
    def violations(self) -> tuple[GraphEdge, ...]:
        return tuple(edge for edge in self.edges if edge.violation)

    def requests(self) -> dict[str, list[str]]:
        """Node id -> the ids it requests, in edge order."""
        found: dict[str, list[str]] = {node: [] for node in self.nodes}
        for edge in self.edges:
            found[edge.source].append(edge.target)
        return found

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``from_dict`` reads it back."""
        return {
            "root": self.root,
            "files": list(self.files),
            "nodes": [_node_dict(node) for node in self.nodes.values()],
            "edges": [
                {"source": e.source, "target": e.target, "violation": e.violation}
                for e in self.edges
            ],
            "cycles": [list(cycle) for cycle in self.cycles],
            "violations": [{"source": e.source, "target": e.target} for e in self.violations],
            "chains": [{"nodes": list(c.nodes), "weight": c.weight} for c in self.chains],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FixtureGraph:
        nodes = [Node(**{key: node[key] for key in _NODE_FIELDS}) for node in data["nodes"]]
        return cls(
            root=data["root"],
            files=tuple(data["files"]),
            nodes={node.id: node for node in nodes},
            edges=tuple(GraphEdge(e["source"], e["target"], e["violation"]) for e in data["edges"]),
            cycles=tuple(tuple(cycle) for cycle in data["cycles"]),
            chains=tuple(Chain(tuple(c["nodes"]), c["weight"]) for c in data["chains"]),
        )


_NODE_FIELDS = ("id", "name", "layer", "scope", "path", "line", "impact", "weight", "autouse")


def _node_dict(node: Node) -> dict[str, Any]:
    return {key: getattr(node, key) for key in _NODE_FIELDS}


@dataclass(frozen=True)
class Definition:
    """A fixture as found in one module, before requests are resolved."""

    fixture: Fixture
    directory: str
    """Posix path of the module's directory relative to the rootdir (``.`` for the rootdir)."""
    path: str
    line: int
    layer: str
    impact: str | None = None
    requests: tuple[str, ...] = field(default=())


def load_graph(path: Path) -> FixtureGraph:
    """The graph of ``path`` (a directory or a conftest module) and its parent directories.

    Conftest modules are read from the path's directory up to pytest's rootdir (the directory
    of the pytest configuration), or from that directory alone when there is no configuration.
    """
    directory = _directory(path)
    config = find_pytest_config(directory)
    root = config.rootdir if config is not None else directory
    definitions: list[Definition] = []
    files: list[str] = []
    for folder in _folders(directory, root):
        factories: dict[str, frozenset[str]] = {}  # of the layer modules read so far (lower)
        for module_path in _modules(folder):
            relative = module_path.relative_to(root).as_posix()
            files.append(relative)
            found = _definitions(module_path, relative, _posix_dir(folder, root), factories)
            definitions.extend(found)
    if not files:
        raise InputError(
            path, "no conftest.py or conftest layer module here or above", "pass a test directory"
        )
    return build_graph(root.as_posix(), files, definitions)


def _directory(path: Path) -> Path:
    if not path.exists():
        raise InputError(path, "no such file or directory", "check the path")
    if path.is_dir():
        return path.resolve()
    if not (path.name.startswith("conftest") and path.suffix == ".py"):
        raise InputError(path, "not a conftest module", "pass a conftest*.py or a directory")
    return path.resolve().parent


def _folders(directory: Path, root: Path) -> list[Path]:
    """``root`` down to ``directory``, outermost first (the order pytest loads conftests)."""
    folders = [directory]
    for parent in directory.parents:
        if not parent.is_relative_to(root):
            break
        folders.append(parent)
    return folders[::-1]


def _modules(folder: Path) -> list[Path]:
    names = ["conftest.py", *LAYER_FILES]
    return [folder / name for name in names if (folder / name).is_file()]


def _posix_dir(folder: Path, root: Path) -> str:
    return folder.relative_to(root).as_posix()


def _definitions(
    path: Path, relative: str, directory: str, factories: dict[str, frozenset[str]]
) -> list[Definition]:
    """The fixtures ``path`` defines. ``factories`` holds the fixture factories of the layer
    modules of its directory read before it (lower layers); this module's are added."""
    source = read_source(path)
    if is_orchestrator(source.text) and not _decorated_fixtures(source.tree):
        return []  # a generated orchestrator defines none, and its model is the costly one
    layer = LAYER_FILES.get(path.name, CONFTEST)
    imported = imported_factories(source.tree, factories) if layer != CONFTEST else frozenset()
    parsed = ParsedConftest(source, imported)
    factories[path.stem] = parsed.fixtures.factories
    return [
        Definition(
            fixture,
            directory,
            relative,
            unit.line,
            layer,
            _impact(fixture),
            tuple(sorted(fixture.requests)),
        )
        for unit in parsed.model.units
        for fixture in unit.fixtures
    ]


def _decorated_fixtures(tree: ast.Module) -> bool:
    """Whether a top-level function has a decorator mentioning ``fixture`` (cheap, via ``ast``)."""
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)
        for node in tree.body
    )


def _impact(fixture: Fixture) -> str | None:
    """The ``impact`` argument of the fixture's ``@memory_profile(description, impact)``."""
    if fixture.function is None:
        return None
    for decorator in fixture.function.decorators:
        call = decorator.decorator
        if not isinstance(call, cst.Call) or _callee(call.func) != "memory_profile":
            continue
        positional = [arg for arg in call.args if arg.keyword is None]
        keyword = [arg for arg in call.args if arg.keyword and arg.keyword.value == "impact"]
        argument = keyword[0] if keyword else positional[1] if len(positional) > 1 else None
        if argument is None:
            return "LOW"  # the runtime's default
        value = argument.value
        if isinstance(value, cst.SimpleString):
            text = value.evaluated_value
            return text.upper() if isinstance(text, str) else None
        if isinstance(value, cst.Attribute):
            return value.attr.value.upper()
    return None


def _callee(expression: cst.BaseExpression) -> str | None:
    if isinstance(expression, cst.Name):
        return expression.value
    if isinstance(expression, cst.Attribute):
        return expression.attr.value
    return None


def build_graph(root: str, files: Sequence[str], definitions: Sequence[Definition]) -> FixtureGraph:
    """Resolve requests to definitions, then find cycles, violations and the heaviest chains."""
    nodes: dict[str, Node] = {}
    ids: list[str] = []
    for definition in definitions:
        node_id = f"{definition.path}::{definition.fixture.name}"
        while node_id in nodes:  # the same name bound twice in one module: keep both
            node_id += "'"
        ids.append(node_id)
        nodes[node_id] = _node(node_id, definition)
    edges: list[GraphEdge] = []
    for node_id, definition in zip(ids, definitions, strict=True):
        for request in definition.requests:
            targets = _resolve(request, definition, definitions, ids)
            if not targets:
                targets = [request]
                nodes.setdefault(
                    request, Node(request, request, EXTERNAL, weight=LAYER_WEIGHTS[EXTERNAL])
                )
            for target in targets:
                edges.append(GraphEdge(node_id, target, _violates(nodes[node_id], nodes[target])))
    adjacency: dict[str, set[str]] = {node: set() for node in nodes}
    for edge in edges:
        adjacency[edge.source].add(edge.target)
    found = tuple(
        tuple(cycle_path(min(component), adjacency, component)) for component in cycles(adjacency)
    )
    return FixtureGraph(
        root, tuple(files), nodes, tuple(edges), found, heaviest_chains(nodes, adjacency)
    )


def _node(node_id: str, definition: Definition) -> Node:
    fixture = definition.fixture
    weight = IMPACT_WEIGHTS.get(definition.impact or "", LAYER_WEIGHTS[definition.layer])
    return Node(
        node_id,
        fixture.name,
        definition.layer,
        fixture.scope,
        definition.path,
        definition.line,
        definition.impact,
        weight,
        fixture.autouse,
    )


def _resolve(
    request: str, requester: Definition, definitions: Sequence[Definition], ids: Sequence[str]
) -> list[str]:
    """The definitions pytest could use for ``request`` made by ``requester``.

    Only the closest directory counts; a fixture requesting its own name gets the definition a
    directory up. Within one directory every layer's definition is a candidate: which one wins
    depends on which layers load.
    """
    own = request == requester.fixture.name
    candidates = [
        (definition.directory, node_id)
        for definition, node_id in zip(definitions, ids, strict=True)
        if definition.fixture.name == request
        and _encloses(definition.directory, requester.directory, strict=own)
    ]
    if not candidates:
        return []
    closest = max(_depth(directory) for directory, _ in candidates)
    return [node_id for directory, node_id in candidates if _depth(directory) == closest]


def _depth(directory: str) -> int:
    return 0 if directory == "." else directory.count("/") + 1


def _encloses(outer: str, inner: str, *, strict: bool) -> bool:
    if outer == inner:
        return not strict
    return outer == "." or inner.startswith(outer + "/")


def _violates(source: Node, target: Node) -> bool:
    """A layer module fixture requesting one from a layer that is loaded less often."""
    if source.layer not in RANKS or target.layer not in RANKS:
        return False
    return RANKS[target.layer] > RANKS[source.layer]


def heaviest_chains(
    nodes: Mapping[str, Node], adjacency: Mapping[str, set[str]], limit: int = MAX_CHAINS
) -> tuple[Chain, ...]:
    """The heaviest request chains starting at fixtures nothing else requests.

    Edges inside a cycle are ignored, so every chain is finite; a chain's weight is the sum of
    its fixtures' weights (declared impact, else the layer's estimate).
    """
    component = {node: i for i, members in enumerate(cycles(adjacency)) for node in members}
    best: dict[str, tuple[int, tuple[str, ...]]] = {}

    def visit(node: str) -> tuple[int, tuple[str, ...]]:
        if node not in best:
            best[node] = (nodes[node].weight, (node,))  # guard while visiting
            options = [
                visit(target)
                for target in sorted(adjacency.get(node, ()))
                if target != node
                and not (node in component and component.get(target) == component[node])
            ]
            weight, path = max(options, key=lambda option: option[0], default=(0, ()))
            best[node] = (nodes[node].weight + weight, (node, *path))
        return best[node]

    requested = {target for targets in adjacency.values() for target in targets}
    roots = [n for n, node in nodes.items() if not node.external and n not in requested]
    chains = [Chain(path, weight) for weight, path in map(visit, roots) if len(path) > 1]
    chains.sort(key=lambda chain: (-chain.weight, chain.nodes))
    return tuple(chains[:limit])


def group_by_layer(nodes: Iterable[Node]) -> dict[str, list[Node]]:
    """Nodes per layer, lowest layer first, hand-written conftests then external last."""
    order = [*RANKS, CONFTEST, EXTERNAL]
    grouped: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        grouped[node.layer].append(node)
    return {layer: grouped[layer] for layer in order if grouped[layer]}
