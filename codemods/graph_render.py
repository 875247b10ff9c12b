"""Text, JSON, Graphviz and Mermaid renderings of a ``FixtureGraph``.

Text is for reading in a terminal (a tree per fixture nothing else requests); JSON is for tools;
DOT and Mermaid are for pictures, with one cluster per layer so that a red edge crossing
upwards shows a layer violation at a glance.
"""

from __future__ import annotations

import enum
import json
from typing import TYPE_CHECKING

from codemods.wording import plural

if TYPE_CHECKING:  # the CLI imports ``GraphFormat`` on every run; the graph needs libcst
    from codemods.graph import FixtureGraph, Node


class GraphFormat(str, enum.Enum):
    TEXT = "text"
    JSON = "json"
    DOT = "dot"
    MERMAID = "mermaid"


def render_graph(graph: FixtureGraph, output_format: GraphFormat | str) -> str:
    """``graph`` in ``output_format``, ending with a newline."""
    renderer = {
        GraphFormat.TEXT: render_text,
        GraphFormat.JSON: render_json,
        GraphFormat.DOT: render_dot,
        GraphFormat.MERMAID: render_mermaid,
    }[GraphFormat(output_format)]
    return renderer(graph)


def render_json(graph: FixtureGraph) -> str:
    return json.dumps(graph.to_dict(), indent=2) + "\n"


def describe(node: Node) -> str:
    """``name [layer, scope] path:line``: what the text tree shows for one fixture."""
    tags = [node.layer]
    if node.scope and node.scope != "function":
        tags.append(node.scope)
    if node.autouse:
        tags.append("autouse")
    if node.impact:
        tags.append(node.impact)
    location = f" {node.location}" if node.location else ""
    return f"{node.name} [{', '.join(tags)}]{location}"


def render_text(graph: FixtureGraph) -> str:
    """One tree per root fixture; a subtree already printed is shown once, then referenced."""
    requests = graph.requests()
    internal = [node for node in graph.nodes.values() if not node.external]
    external = len(graph.nodes) - len(internal)
    lines = [
        f"Fixture graph of {graph.root}: {plural(len(graph.files), 'module')}, "
        f"{plural(len(internal), 'fixture')}, {external} external",
        "",
    ]
    requested = {target for targets in requests.values() for target in targets}
    roots = [node.id for node in internal if node.id not in requested]
    shown: set[str] = set()

    def tree(node_id: str, prefix: str, path: tuple[str, ...]) -> None:
        children = requests[node_id]
        for index, child in enumerate(children):
            last = index == len(children) - 1
            branch, indent = ("└── ", "    ") if last else ("├── ", "│   ")
            note = ""
            if child in path:
                note = "  (cycle)"
            elif child in shown and requests[child]:
                note = "  (see above)"
            lines.append(f"{prefix}{branch}{describe(graph.nodes[child])}{note}")
            if not note:
                shown.add(child)
                tree(child, prefix + indent, (*path, child))

    # Fixtures only reachable through a cycle have no root; list them after the roots.
    for node_id in [*roots, *(node.id for node in internal)]:
        if node_id in shown:
            continue
        shown.add(node_id)
        lines.append(describe(graph.nodes[node_id]))
        tree(node_id, "", (node_id,))
    lines.append("")
    lines.extend(_findings(graph))
    return "\n".join(lines) + "\n"


def _findings(graph: FixtureGraph) -> list[str]:
    def name(node_id: str) -> str:
        node = graph.nodes[node_id]
        return f"{node.name} [{node.layer}]"

    lines = [f"Cycles: {len(graph.cycles) or 'none'}"]
    lines += ["  " + " -> ".join(name(n) for n in cycle) for cycle in graph.cycles]
    lines.append(f"Layer violations: {len(graph.violations) or 'none'}")
    lines += [
        f"  {name(edge.source)} requests {name(edge.target)} ({graph.nodes[edge.source].location})"
        for edge in graph.violations
    ]
    lines.append("Heaviest chains:" if graph.chains else "Heaviest chains: none")
    lines += [
        f"  {chain.weight:>3}  " + " -> ".join(name(n) for n in chain.nodes)
        for chain in graph.chains
    ]
    return lines


def _by_layer(graph: FixtureGraph) -> dict[str, list[Node]]:
    from codemods.graph import group_by_layer

    return group_by_layer(graph.nodes.values())


def _short_ids(graph: FixtureGraph) -> dict[str, str]:
    """``n0``, ``n1``...: node ids that every DOT and Mermaid parser accepts."""
    return {node_id: f"n{index}" for index, node_id in enumerate(graph.nodes)}


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_dot(graph: FixtureGraph) -> str:
    """Graphviz: a cluster per layer, violation edges red."""
    short = _short_ids(graph)
    lines = [
        "digraph fixtures {",
        "  rankdir=LR;",
        '  node [shape=box, fontname="Helvetica"];',
    ]
    for layer, nodes in _by_layer(graph).items():
        lines.append(f"  subgraph cluster_{layer} {{")
        lines.append(f"    label={_dot_string(layer)};")
        if layer == "external":
            lines.append("    style=dashed;")
        for node in nodes:
            label = node.name + (f"\\n{node.scope}" if node.scope not in (None, "function") else "")
            lines.append(f'    {short[node.id]} [label="{_dot_label(label)}"];')
        lines.append("  }")
    for edge in graph.edges:
        style = ' [color=red, penwidth=2, label="layer violation"]' if edge.violation else ""
        lines.append(f"  {short[edge.source]} -> {short[edge.target]}{style};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_label(text: str) -> str:
    """Escape quotes but keep the ``\\n`` line breaks we put in on purpose."""
    return text.replace('"', '\\"')


def render_mermaid(graph: FixtureGraph) -> str:
    """Mermaid ``graph TD``: a subgraph per layer, violation edges red via ``linkStyle``."""
    short = _short_ids(graph)
    lines = ["graph TD"]
    for layer, nodes in _by_layer(graph).items():
        lines.append(f"  subgraph layer_{layer} [{layer}]")
        for node in nodes:
            scope = f" ({node.scope})" if node.scope not in (None, "function") else ""
            label = (node.name + scope).replace('"', "#quot;")
            lines.append(f'    {short[node.id]}["{label}"]')
        lines.append("  end")
    red: list[str] = []
    for index, edge in enumerate(graph.edges):
        lines.append(f"  {short[edge.source]} --> {short[edge.target]}")
        if edge.violation:
            red.append(str(index))
    if red:
        lines.append(f"  linkStyle {','.join(red)} stroke:red,stroke-width:2px")
    return "\n".join(lines) + "\n"
