"""Cycles in a dependency graph (fixture -> fixtures it requests), for lint and ``graph``.

pytest reports a fixture cycle only when a test requests one of its fixtures, as a
"recursive dependency" error at setup; finding it statically catches it before any test does.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Set


def cycles(graph: Mapping[str, Set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one node (Tarjan), in a stable order.

    A node that requests itself is not a cycle here: in a conftest that is an override asking
    for the fixture of the same name one directory up.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in graph or target == node:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: set[str] = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found, key=sorted)


def cycle_path(start: str, graph: Mapping[str, Set[str]], component: Set[str]) -> list[str]:
    """The shortest path ``start -> ... -> start`` inside ``component``."""
    parents: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(graph.get(node, ())):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(parents[path[-1]])
                return [*reversed(path), start]
            if target in component and target not in parents and target != node:
                parents[target] = node
                queue.append(target)
    return [start]
