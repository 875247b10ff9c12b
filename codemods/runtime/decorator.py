"""``@memory_profile``: declare what a fixture holds, and measure it while a session asks.

Why a wrapper per fixture: pytest-memray and pytest-monitor measure the test call only, so the
memory a fixture takes in its setup, or gives back in its teardown, is charged to no one. The
wrapper is of the same kind as the fixture (plain, generator, coroutine, async generator) and
carries ``functools.wraps``, so pytest and pytest-asyncio see the same signature,
``request.param`` and setup/teardown order. While nothing records, it costs one global check.
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import AsyncGenerator, Callable, Generator
from typing import TYPE_CHECKING, Any, TypeVar, cast

from codemods.runtime.impact import Impact, as_impact

if TYPE_CHECKING:
    from codemods.runtime.controller import Controller

__all__ = ["ProfileSpec", "memory_profile", "start_recording", "stop_recording"]

_F = TypeVar("_F", bound=Callable[..., Any])

_RECORDING: Controller | None = None
"""The session's controller while it records; the only thing a decorated fixture looks at."""


def start_recording(controller: Controller) -> None:
    """Send every decorated fixture's figures to ``controller`` from now on."""
    global _RECORDING
    _RECORDING = controller


def stop_recording(controller: Controller) -> None:
    global _RECORDING
    if _RECORDING is controller:
        _RECORDING = None


class ProfileSpec:
    """What ``@memory_profile`` declared, kept on the wrapper as ``__memory_profile__``.

    ``kind`` is the wrapper's kind (``plain``, ``generator``, ``coroutine``, ``async
    generator``); ``function`` the decorated function as ``module:qualname``, the name used
    for a call measured outside a fixture setup.
    """

    __slots__ = ("description", "function", "impact", "kind")

    def __init__(self, description: str, impact: Impact, kind: str, function: str) -> None:
        self.description = description
        self.impact = impact
        self.kind = kind
        self.function = function

    def __repr__(self) -> str:
        return (
            f"ProfileSpec({self.description!r}, {self.impact.name}, {self.kind!r}, "
            f"{self.function!r})"
        )


def memory_profile(description: str, impact: Impact | str = "LOW") -> Callable[[_F], _F]:
    """Declare what a fixture holds and how heavy it is, and measure it when asked.

    Put it directly under ``@pytest.fixture``. The wrapper is the same kind of function as
    the fixture (PYTEST_FACTS section 3: a plain wrapper around a generator or async fixture
    silently loses its teardown), keeps ``__wrapped__`` so pytest reads the real signature,
    and costs one global lookup per call while nothing records.
    """
    if not isinstance(description, str):
        raise TypeError(f"memory_profile: description must be a str, not {description!r}")
    declared = as_impact(impact)

    def decorate(fn: _F) -> _F:
        if type(fn).__name__ == "FixtureFunctionDefinition" or hasattr(
            fn, "_pytestfixturefunction"
        ):
            # Above @pytest.fixture pytest would silently stop discovering the fixture.
            raise TypeError(
                f"memory_profile: put @memory_profile below @pytest.fixture, not above it ({fn!r})"
            )
        target: Callable[..., Any] = fn
        if _is_own_wrapper(fn):
            # Decorated twice: replace the declaration instead of measuring twice.
            target = fn.__wrapped__  # type: ignore[attr-defined]
        kind = _kind(target)
        spec = ProfileSpec(description, declared, kind, _qualified_name(target))
        wrapper = _FACTORIES[kind](target, spec)
        functools.update_wrapper(wrapper, target)
        wrapper.__memory_profile__ = spec  # type: ignore[attr-defined]
        return cast(_F, wrapper)

    return decorate


def _is_own_wrapper(fn: Callable[..., Any]) -> bool:
    # By code object, not by an attribute: ``functools.wraps`` in another decorator copies
    # attributes, so a marker would also be found on that decorator's wrapper.
    return getattr(fn, "__code__", None) in _WRAPPER_CODES


_KINDS_BY_FLAG = (
    (inspect.CO_ASYNC_GENERATOR, "async generator"),
    (inspect.CO_COROUTINE, "coroutine"),
    (inspect.CO_GENERATOR, "generator"),
)


def _kind(fn: Callable[..., Any]) -> str:
    """The kind pytest and pytest-asyncio will see; read from the code flags for a plain
    function (the common case, and cheap at import), through ``inspect`` otherwise."""
    if type(fn) is types.FunctionType and "_is_coroutine_marker" not in fn.__dict__:
        flags = fn.__code__.co_flags
        return next((kind for flag, kind in _KINDS_BY_FLAG if flags & flag), "plain")
    if inspect.isasyncgenfunction(fn):
        return "async generator"
    if inspect.iscoroutinefunction(fn):
        return "coroutine"
    if inspect.isgeneratorfunction(fn):
        return "generator"
    return "plain"


def _qualified_name(fn: Callable[..., Any]) -> str:
    module = getattr(fn, "__module__", None) or "?"
    qualname = getattr(fn, "__qualname__", None)
    return f"{module}:{qualname if qualname is not None else repr(fn)}"


def _error_name(error: BaseException) -> str:
    # A name, not the exception: holding it would keep the failing frames alive.
    return type(error).__name__


def _plain_wrapper(fn: Callable[..., Any], spec: ProfileSpec) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        controller = _RECORDING
        if controller is None:
            return fn(*args, **kwargs)
        record = controller.open_record(spec, wrapper)
        probe = controller.begin()
        error = None
        try:
            return fn(*args, **kwargs)
        except BaseException as exc:
            error = _error_name(exc)
            raise
        finally:
            controller.finish(record, "setup", probe, error)

    return wrapper


def _generator_wrapper(fn: Callable[..., Any], spec: ProfileSpec) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Generator[Any, Any, Any]:
        __tracebackhide__ = True
        controller = _RECORDING
        if controller is None:
            return (yield from fn(*args, **kwargs))
        record = controller.open_record(spec, wrapper)
        generator = fn(*args, **kwargs)
        probe = controller.begin()
        error = None
        try:
            value = next(generator)
        except StopIteration:
            return None  # pytest then reports "did not yield a value", as without us
        except BaseException as exc:
            error = _error_name(exc)
            raise
        finally:
            controller.finish(record, "setup", probe, error)
        try:
            yield value
        except GeneratorExit:
            generator.close()
            raise
        probe = controller.begin()
        error = None
        try:
            # ``yield from``: a second yield reaches pytest, which fails as it would unwrapped.
            return (yield from generator)
        except BaseException as exc:
            error = _error_name(exc)
            raise
        finally:
            controller.finish(record, "teardown", probe, error)

    return wrapper


def _coroutine_wrapper(fn: Callable[..., Any], spec: ProfileSpec) -> Callable[..., Any]:
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        controller = _RECORDING
        if controller is None:
            return await fn(*args, **kwargs)
        record = controller.open_record(spec, wrapper)
        probe = controller.begin()
        error = None
        try:
            return await fn(*args, **kwargs)
        except BaseException as exc:
            error = _error_name(exc)
            raise
        finally:
            controller.finish(record, "setup", probe, error)

    return wrapper


def _async_generator_wrapper(fn: Callable[..., Any], spec: ProfileSpec) -> Callable[..., Any]:
    async def wrapper(*args: Any, **kwargs: Any) -> AsyncGenerator[Any, Any]:
        __tracebackhide__ = True
        generator = fn(*args, **kwargs)
        controller = _RECORDING
        if controller is None:
            try:
                async for item in generator:
                    yield item
            finally:
                await generator.aclose()
            return
        record = controller.open_record(spec, wrapper)
        probe = controller.begin()
        error = None
        try:
            value = await generator.__anext__()
        except StopAsyncIteration:
            return
        except BaseException as exc:
            error = _error_name(exc)
            raise
        finally:
            controller.finish(record, "setup", probe, error)
        try:
            yield value
        except GeneratorExit:
            await generator.aclose()
            raise
        probe = controller.begin()
        error = None
        try:
            # A second yield reaches pytest-asyncio, which fails as it would unwrapped.
            async for item in generator:
                yield item
        except BaseException as exc:
            error = _error_name(exc)
            raise
        finally:
            controller.finish(record, "teardown", probe, error)

    return wrapper


_FACTORIES: dict[str, Callable[[Callable[..., Any], ProfileSpec], Callable[..., Any]]] = {
    "plain": _plain_wrapper,
    "generator": _generator_wrapper,
    "coroutine": _coroutine_wrapper,
    "async generator": _async_generator_wrapper,
}
_WRAPPER_CODES = frozenset(
    constant
    for factory in _FACTORIES.values()
    for constant in factory.__code__.co_consts
    if isinstance(constant, types.CodeType)
)
"""The code of every wrapper this module makes (each factory defines exactly one)."""
