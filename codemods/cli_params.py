"""Command-line values converted without pydantic when the conversion is one call.

Typer (0.29) converts every parameter value, defaults included, through a pydantic
``TypeAdapter``; building the first one imports pydantic, which costs about as much as Typer's
own import. Every ``check`` in a pre-commit hook would pay it for options nobody gave. This
CLI takes strings, paths, numbers, enum members and literal choices, and for those the
conversion is ``Path(value)``, ``Enum(value)``, a membership test. Anything else, and any value
the simple conversion rejects, goes to Typer's own conversion, so the error messages stay
Typer's. Typer's internals are private: if they change shape, nothing is installed and Typer
converts everything itself, as it did before.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

_coercion: Any
try:
    from typer import _coercion
except ImportError:  # pragma: no cover - another Typer converts everything itself
    _coercion = None

_UNCHANGED = object()
_BASE: Any = getattr(_coercion, "RuntimeParam", object)
_KNOWN_SHAPE = (
    _BASE is not object
    and hasattr(_coercion, "TypeDescriptor")
    and hasattr(_coercion, "build_runtime_param")
    and [field.name for field in fields(_BASE)] == ["parameter_info", "annotation"]
)


def install(params: Iterable[Any]) -> None:
    """Give each Typer parameter in ``params`` the direct conversion (once per parameter)."""
    if not _KNOWN_SHAPE:  # pragma: no cover - another Typer converts everything itself
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if isinstance(descriptor, _coercion.TypeDescriptor) and param._runtime_param is None:
            param._runtime_param = _Direct(
                descriptor.parameter_info, descriptor.annotation, descriptor
            )


@dataclass(frozen=True)
class _Direct(_BASE):  # type: ignore[misc]
    descriptor: Any
    """Typer's ``TypeDescriptor`` of the parameter, for its own conversion."""

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        annotation: Any = self.annotation
        if get_origin(annotation) is list and isinstance(value, (list, tuple)):
            [item] = get_args(annotation)
            converted = [self._convert(element, item) for element in value]
            if _UNCHANGED not in converted:
                return converted
        else:
            single = self._convert(value, annotation)
            if single is not _UNCHANGED:
                return single
        return _coercion.build_runtime_param(self.descriptor)._coerce_value(value, param, ctx)

    def _convert(self, value: Any, annotation: Any) -> Any:
        """``value`` as ``annotation``, or ``_UNCHANGED`` when Typer must decide."""
        if get_origin(annotation) is Literal:
            return value if value in get_args(annotation) else _UNCHANGED
        if not isinstance(annotation, type):
            return _UNCHANGED
        if isinstance(value, annotation):  # a default, or a string for a string
            return value
        if not isinstance(value, str):
            return _UNCHANGED
        if annotation is Path and self._plain_path():
            return Path(value)
        if issubclass(annotation, enum.Enum):
            try:
                return annotation(value)
            except ValueError:
                return _UNCHANGED
        if annotation is float:
            try:
                return float(value)
            except ValueError:
                return _UNCHANGED
        return _UNCHANGED

    def _plain_path(self) -> bool:
        """No existence, permission or resolution checks asked of the path."""
        info = self.parameter_info
        return (
            not info.exists
            and not info.resolve_path
            and info.file_okay
            and info.dir_okay
            and not info.writable
        )
