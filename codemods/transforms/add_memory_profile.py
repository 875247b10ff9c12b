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

from codemods.analysis.fixtures import Fixture

if TYPE_CHECKING:
    from codemods.plan.profiles import ProfileTag

DECORATOR_NAME = "memory_profile"

ProfileSite = cst.Decorator | cst.Call
"""Where a fixture's tag applies: its ``@pytest.fixture`` decorator, or the
``pytest.fixture(...)`` call of a fixture made by assignment."""


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


def has_memory_profile(function: cst.FunctionDef) -> bool:
    """Whether a decorator is ``memory_profile`` or ``x.memory_profile``, called or not."""
    return any(_is_memory_profile(decorator.decorator) for decorator in function.decorators)


def is_wrapped_in_memory_profile(expression: cst.BaseExpression) -> bool:
    """Whether ``expression`` is ``memory_profile(...)(f)`` (or ``memory_profile(f)``)."""
    return isinstance(expression, cst.Call) and _is_memory_profile(expression.func)


def _is_memory_profile(expression: cst.BaseExpression) -> bool:
    callee = expression.func if isinstance(expression, cst.Call) else expression
    if isinstance(callee, cst.Name):
        return callee.value == DECORATOR_NAME
    return isinstance(callee, cst.Attribute) and callee.attr.value == DECORATOR_NAME


def profile_site(fixture: Fixture) -> ProfileSite | None:
    """The node a tag for ``fixture`` is keyed by (``None`` for a fixture factory)."""
    if fixture.function is not None and fixture.decorator is not None:
        return fixture.decorator
    return fixture.call


def needs_memory_profile(fixture: Fixture, functions: Mapping[str, cst.FunctionDef]) -> bool:
    """Whether ``fixture`` is a ``def`` or an assignment that ``memory_profile`` is missing from.

    ``functions`` are the module's top-level functions by name: ``x = pytest.fixture(f)``
    needs nothing when ``f`` itself is already decorated with ``@memory_profile``.
    """
    if fixture.function is not None:
        return fixture.decorator is not None and not has_memory_profile(fixture.function)
    if fixture.call is None:
        return False
    argument = fixture_function_argument(fixture.call)
    if argument is None or is_wrapped_in_memory_profile(argument.value):
        return False
    value = argument.value
    function = functions.get(value.value) if isinstance(value, cst.Name) else None
    return function is None or not has_memory_profile(function)


def wrapped_function(
    fixture: Fixture, functions: Mapping[str, cst.FunctionDef]
) -> cst.FunctionDef | None:
    """The ``def`` of a fixture: its own, or the module-level one an assignment passes."""
    if fixture.function is not None or fixture.call is None:
        return fixture.function
    argument = fixture_function_argument(fixture.call)
    if argument is not None and isinstance(argument.value, cst.Name):
        return functions.get(argument.value.value)
    return None


def fixture_function_argument(call: cst.Call) -> cst.Arg | None:
    """The function argument of ``pytest.fixture(f, ...)`` or ``pytest.fixture(...)(f)``.

    ``None`` when the call passes no function (``pytest.fixture(scope=...)`` alone).
    """
    if isinstance(call.func, cst.Call):
        positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
        return positional[0] if len(positional) == 1 and len(call.args) == 1 else None
    for arg in call.args:
        if arg.star:
            return None
        if arg.keyword is None or arg.keyword.value == "fixture_function":
            return arg
    return None
