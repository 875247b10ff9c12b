"""Move ``@memory_profile`` from above ``@pytest.fixture`` to directly under it.

Above, it wraps the fixture *marker* object instead of the function, and pytest no longer
discovers the fixture (PYTEST_FACTS.md section 3); under it, the profiler wraps the function
pytest calls. Only the decorator order changes.
"""

from __future__ import annotations

from collections.abc import Set

import libcst as cst

from codemods.analysis.memory_profiles import is_memory_profile


class MoveMemoryProfileTransform(cst.CSTTransformer):
    """For each function whose fixture decorator is in ``fixture_decorators``."""

    def __init__(self, fixture_decorators: Set[cst.Decorator]) -> None:
        super().__init__()
        self.fixture_decorators = fixture_decorators
        self.moved = 0

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        originals = list(original_node.decorators)
        fixture = next((d for d in originals if d in self.fixture_decorators), None)
        if fixture is None:
            return updated_node
        position = originals.index(fixture)
        above = [i for i in range(position) if is_memory_profile(originals[i])]
        if not above:
            return updated_node
        decorators = list(updated_node.decorators)
        moved = [decorators[i] for i in above]
        kept = [d for i, d in enumerate(decorators) if i not in above]
        at = position - len(above) + 1  # just under the fixture decorator
        self.moved += len(moved)
        return updated_node.with_changes(decorators=[*kept[:at], *moved, *kept[at:]])
