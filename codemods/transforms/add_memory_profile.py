"""Put ``@memory_profile(description, impact)`` right under each fixture's ``@pytest.fixture``.

Under, not above: above it pytest cannot discover the fixture (PYTEST_FACTS.md section 3).
A fixture made by assignment has no decorator list, so its function argument is wrapped
instead: ``x = pytest.fixture(f)`` becomes ``x = pytest.fixture(memory_profile(...)(f))``. That
is what the decorator does to a ``def`` (the wrapper keeps ``f``'s signature through
``functools.wraps``), and pytest still finds the fixture under the same attribute and name.
A function that already carries a ``memory_profile`` decorator, or an argument already
wrapped, is left alone, so running the transform on its own output changes nothing. Nothing
else in the function or the assignment changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

import libcst as cst

from codemods.analysis.memory_profiles import (
    DECORATOR_NAME,
    ProfileSite,
    fixture_function_argument,
    has_memory_profile,
    is_wrapped_in_memory_profile,
)

if TYPE_CHECKING:
    from codemods.plan.profiles import ProfileTag


class AddMemoryProfileTransform(cst.CSTTransformer):
    """Profile the fixtures whose decorator or fixture call node is a key of ``tags``."""

    def __init__(self, tags: Mapping[ProfileSite, ProfileTag]) -> None:
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

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        tag = self.tags.get(original_node)
        if tag is None:
            return updated_node
        argument = fixture_function_argument(updated_node)
        if argument is None or is_wrapped_in_memory_profile(argument.value):
            return updated_node
        wrapped = cst.Call(func=_memory_profile_call(tag), args=[cst.Arg(argument.value)])
        arguments = [
            arg.with_changes(value=wrapped) if arg is argument else arg for arg in updated_node.args
        ]
        self.added += 1
        return updated_node.with_changes(args=arguments)


def _memory_profile_call(tag: ProfileTag) -> cst.BaseExpression:
    return cst.parse_expression(
        f"{DECORATOR_NAME}({json.dumps(tag.description)}, {json.dumps(tag.impact)})"
    )


def memory_profile_decorator(tag: ProfileTag) -> cst.Decorator:
    return cst.Decorator(decorator=_memory_profile_call(tag))
