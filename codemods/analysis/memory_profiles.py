"""Read ``@memory_profile`` off fixtures: which fixtures carry it, where a tag would go.

Pure reading of the parsed module, shared by the planner (``plan/profiles``), the transforms
that add, move or re-rate the decorator, the renderer's conservation check and rule CC013.
It sits in ``analysis`` so that the plan layer does not import a transform.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from codemods.analysis.fixtures import Fixture

DECORATOR_NAME = "memory_profile"

ProfileSite = cst.Decorator | cst.Call
"""Where a fixture's tag applies: its ``@pytest.fixture`` decorator, or the
``pytest.fixture(...)`` call of a fixture made by assignment."""


def has_memory_profile(function: cst.FunctionDef) -> bool:
    """Whether a decorator is ``memory_profile`` or ``x.memory_profile``, called or not."""
    return any(is_memory_profile(decorator) for decorator in function.decorators)


def is_memory_profile(decorator: cst.Decorator) -> bool:
    """``@memory_profile``, ``@memory_profile(...)`` or ``@x.memory_profile(...)``."""
    return _is_memory_profile(decorator.decorator)


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
