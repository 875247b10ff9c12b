"""Rewrite the ``impact`` of ``@memory_profile(description, impact)`` to a measured level.

Only that one argument changes (positional or ``impact=``), keeping its quote style; a
decorator whose impact already matches is left untouched, so a second run changes nothing.
Functions are matched by qualified name (``Class.method`` for methods). A fixture made by
assignment, ``x = pytest.fixture(memory_profile(...)(f))``, is matched by the name ``f`` it
wraps: that is the function the runtime measures and reports.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from codemods.analysis.memory_profiles import DECORATOR_NAME


class SetMemoryImpactTransform(cst.CSTTransformer):
    """Set the impact of each decorated function named in ``impacts`` (qualname -> level)."""

    def __init__(self, impacts: Mapping[str, str]) -> None:
        super().__init__()
        self.impacts = impacts
        self.scope: list[str] = []
        self.changed: list[str] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scope.append(node.name.value)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        self.scope.pop()
        return updated_node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope.append(node.name.value)

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        qualname = ".".join(self.scope)
        self.scope.pop()
        level = self.impacts.get(qualname)
        if level is None:
            return updated_node
        decorators = [_decorator_with_impact(d, level) for d in updated_node.decorators]
        if all(new is old for new, old in zip(decorators, updated_node.decorators, strict=True)):
            return updated_node
        self.changed.append(qualname)
        return updated_node.with_changes(decorators=decorators)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        """``memory_profile(description, impact)(f)`` around the function of an assignment."""
        profile = updated_node.func
        argument = updated_node.args[0].value if len(updated_node.args) == 1 else None
        if not isinstance(profile, cst.Call) or not isinstance(argument, cst.Name):
            return updated_node
        qualname = ".".join([*self.scope, argument.value])
        level = self.impacts.get(qualname)
        if level is None:
            return updated_node
        changed = _with_impact(profile, level)
        if changed is profile:
            return updated_node
        self.changed.append(qualname)
        return updated_node.with_changes(func=changed)


def _decorator_with_impact(decorator: cst.Decorator, level: str) -> cst.Decorator:
    call = decorator.decorator
    if not isinstance(call, cst.Call):
        return decorator
    changed = _with_impact(call, level)
    return decorator if changed is call else decorator.with_changes(decorator=changed)


def _with_impact(call: cst.Call, level: str) -> cst.Call:
    """``call`` itself when it is not ``memory_profile(...)`` or already says ``level``."""
    if _callee_name(call.func) != DECORATOR_NAME:
        return call
    arguments = list(call.args)
    for position, argument in enumerate(arguments):
        is_impact = (argument.keyword is not None and argument.keyword.value == "impact") or (
            argument.keyword is None and position == 1
        )
        if is_impact:
            current = argument.value
            if isinstance(current, cst.SimpleString) and current.evaluated_value == level:
                return call
            arguments[position] = argument.with_changes(value=_string_like(current, level))
            return call.with_changes(args=arguments)
    impact = cst.Arg(value=cst.SimpleString(f'"{level}"'))
    if arguments and arguments[-1].comma is cst.MaybeSentinel.DEFAULT:
        arguments[-1] = arguments[-1].with_changes(
            comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        )
    return call.with_changes(args=[*arguments, impact])


def _string_like(current: cst.BaseExpression, level: str) -> cst.SimpleString:
    quote = current.quote if isinstance(current, cst.SimpleString) else '"'
    return cst.SimpleString(f"{quote}{level}{quote}")


def _callee_name(callee: cst.BaseExpression) -> str | None:
    if isinstance(callee, cst.Name):
        return callee.value
    if isinstance(callee, cst.Attribute):
        return callee.attr.value
    return None
