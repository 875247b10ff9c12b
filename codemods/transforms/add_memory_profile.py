"""Put ``@memory_profile(description, impact)`` right under each fixture's ``@pytest.fixture``.

Under, not above: above it pytest cannot discover the fixture (PYTEST_FACTS.md section 3).
A function that already carries a ``memory_profile`` decorator is left alone, so running the
transform on its own output changes nothing. Nothing else in the function changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import libcst as cst

from codemods.plan.profiles import ProfileTag

DECORATOR_NAME = "memory_profile"


class AddMemoryProfileTransform(cst.CSTTransformer):
    """Decorate the fixtures whose ``@pytest.fixture`` decorator node is a key of ``tags``."""

    def __init__(self, tags: Mapping[cst.Decorator, ProfileTag]) -> None:
        super().__init__()
        self.tags = tags
        self.added = 0

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        if has_memory_profile(original_node):
            return updated_node
        decorators = list(updated_node.decorators)
        for position, decorator in enumerate(original_node.decorators):
            tag = self.tags.get(decorator)
            if tag is not None:
                decorators.insert(position + 1, memory_profile_decorator(tag))
                self.added += 1
                return updated_node.with_changes(decorators=decorators)
        return updated_node


def memory_profile_decorator(tag: ProfileTag) -> cst.Decorator:
    call = f"{DECORATOR_NAME}({json.dumps(tag.description)}, {json.dumps(tag.impact)})"
    return cst.Decorator(decorator=cst.parse_expression(call))


def has_memory_profile(function: cst.FunctionDef) -> bool:
    """Whether a decorator is ``memory_profile`` or ``x.memory_profile``, called or not."""
    for decorator in function.decorators:
        expression = decorator.decorator
        callee = expression.func if isinstance(expression, cst.Call) else expression
        if isinstance(callee, cst.Name) and callee.value == DECORATOR_NAME:
            return True
        if isinstance(callee, cst.Attribute) and callee.attr.value == DECORATOR_NAME:
            return True
    return False
