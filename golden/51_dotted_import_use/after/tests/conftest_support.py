# conftest-codemods support module, version 1 (generated; do not edit)
"""Per-fixture memory attribution for pytest: the runtime behind ``@memory_profile``.

Why it exists: pytest-memray and pytest-monitor measure the test call only, so the memory a
fixture takes in its setup, or gives back in its teardown, is charged to no one. Here each
decorated fixture is measured itself: setup and teardown, per scope and per param.

``conftest-codemods migrate`` copies this file next to a conftest as ``conftest_support.py``.
It needs only the standard library and pytest (>= 8), so a test suite never depends on the
toolkit at run time; the first line carries the version that ``check`` compares to flag a
stale copy. Regenerate it with ``fix`` rather than editing it.

Use:

* ``@memory_profile("what it holds", "HIGH")`` directly *under* ``@pytest.fixture`` (above it,
  pytest no longer discovers the fixture). The wrapper is of the same kind as the fixture
  (plain, generator, coroutine, async generator) and carries ``functools.wraps``, so pytest
  and pytest-asyncio see the same signature, ``request.param`` and setup/teardown order.
* Register the module as a plugin once, from the conftest that imports it: call
  ``register(pluginmanager)`` inside that conftest's ``pytest_addoption(parser,
  pluginmanager)``, so the options reach the command line. ``pytest_plugins =
  ["conftest_support"]`` also works, but only in a conftest that does not import the module
  first (pytest warns that it cannot rewrite it, an error under ``filterwarnings = error``).
  Registered later, only the environment variables work.

Switches (a command-line option wins over its environment variable; MB means 2**20 bytes):

===================================  ======================================  ====================
option                               environment variable                    effect
===================================  ======================================  ====================
``--memory-profile``                 ``PYTEST_MEMORY_PROFILE=1``             measure; table
``--memory-profile-backend=NAME``    ``PYTEST_MEMORY_PROFILE_BACKEND``       tracemalloc or rss
``--memory-report=PATH``             ``PYTEST_MEMORY_REPORT``                JSON; implies on
``--memory-limit-mb=MB``             ``PYTEST_MEMORY_LIMIT_MB``              fail a test over it
``--collection-limit-mb=MB``         ``PYTEST_COLLECTION_LIMIT_MB``          stop before tests
``--memory-gc-between-modules``      ``PYTEST_MEMORY_GC_BETWEEN_MODULES=1``  gc after a module
``--memory-skip-above-mb=MB``        ``PYTEST_MEMORY_SKIP_ABOVE_MB``         skip while over it
``--memory-module-threshold-mb=MB``  ``PYTEST_MEMORY_MODULE_THRESHOLD_MB``   [MEMORY] line (10)
``--memory-profile-top=N``           ``PYTEST_MEMORY_PROFILE_TOP``           table rows (20)
===================================  ======================================  ====================

Measuring is off unless asked; off, a decorated fixture costs one global bool check per call.
A memory limit turns on RSS recording (no table) so that its failure can name the fixtures
that grew RSS. The ``tracemalloc`` backend (default) attributes Python allocations exactly;
``rss`` reads the process's resident memory and also sees native allocations. When memray
is tracking the process (pytest-memray's ``--memray``) tracemalloc is not started and RSS
figures are reported instead, with one notice.

Impact levels, from the setup's tracemalloc peak (or RSS growth with the ``rss`` backend):
``MINIMAL`` < 1 MB <= ``LOW`` < 10 MB <= ``MEDIUM`` < 50 MB <= ``HIGH`` < 200 MB <=
``VERY_HIGH`` (see ``impact_for_mb``).
"""

from __future__ import annotations

import enum
import functools
import gc
import inspect
import os
import sys
import threading
import time
import types
from collections.abc import AsyncGenerator, Callable, Generator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pytest

# tracemalloc (it imports pickle) and json are imported where they are used, so a run with
# measuring off does not pay for them.

if TYPE_CHECKING:
    from _pytest.fixtures import SubRequest

__all__ = [
    "IMPACT_UPPER_BOUNDS_MB",
    "SUPPORT_VERSION",
    "FixtureRecord",
    "Impact",
    "MemoryReporter",
    "PhaseFigures",
    "ProfileSpec",
    "impact_for_mb",
    "memory_profile",
    "memory_reporter",
    "register",
]

SUPPORT_VERSION = 1
"""Bumped with every change of behaviour; ``conftest-codemods check`` compares it."""

PLUGIN_NAME = "conftest_support"
_CONTROLLER_NAME = "conftest-codemods-memory-profile"
_STATE_MODULE = "_conftest_codemods_support_state_v1"
_PARSER_GUARD = "_conftest_codemods_memory_options_added"
_MB = 1024 * 1024
_NOTABLE_MB = 0.5
"""RSS moves in pages and allocator arenas; smaller growth is noise in a limit message."""


class Impact(str, enum.Enum):
    """How much memory a fixture's setup takes, from MINIMAL to VERY_HIGH.

    A ``str`` enum so that ``impact="HIGH"`` and ``Impact.HIGH`` mean the same, and the JSON
    report and the ``profile --write`` transform can use the plain names.
    """

    MINIMAL = "MINIMAL"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    VERY_HIGH = "VERY_HIGH"

    @property
    def rank(self) -> int:
        """0 for MINIMAL up to 4 for VERY_HIGH, to compare declared and measured levels."""
        return list(Impact).index(self)


IMPACT_UPPER_BOUNDS_MB: tuple[tuple[Impact, float], ...] = (
    (Impact.MINIMAL, 1.0),
    (Impact.LOW, 10.0),
    (Impact.MEDIUM, 50.0),
    (Impact.HIGH, 200.0),
)
"""Each level holds figures below its bound; 200 MB and more is VERY_HIGH."""


_IMPACTS_BY_NAME = {level.value: level for level in Impact}


def impact_for_mb(mb: float) -> Impact:
    """The level a measured figure in MB belongs to (MINIMAL < 1 <= LOW < 10 <= MEDIUM < 50
    <= HIGH < 200 <= VERY_HIGH); negative figures (a fixture that freed memory) are MINIMAL."""
    for level, upper in IMPACT_UPPER_BOUNDS_MB:
        if mb < upper:
            return level
    return Impact.VERY_HIGH


def _as_impact(value: Impact | str) -> Impact:
    if isinstance(value, Impact):
        return value
    if isinstance(value, str) and value in _IMPACTS_BY_NAME:  # the spelling migrate writes
        return _IMPACTS_BY_NAME[value]
    try:
        return Impact[str(value).strip().upper()]
    except KeyError:
        names = ", ".join(level.name for level in Impact)
        raise ValueError(f"memory_profile: unknown impact {value!r} (use {names})") from None


# --------------------------------------------------------------------------- the decorator

_F = TypeVar("_F", bound=Callable[..., Any])

_ACTIVE = False
"""The only thing a decorated fixture looks at when measuring is off. Every copy of this
module has its own; the controller flips all of them (see ``_SharedState.namespaces``)."""


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
    and costs one global bool check per call while measuring is off.
    """
    if not isinstance(description, str):
        raise TypeError(f"memory_profile: description must be a str, not {description!r}")
    declared = _as_impact(impact)

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
        if not _ACTIVE:
            return fn(*args, **kwargs)
        controller = _SHARED.controller
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
        if not _ACTIVE:
            return (yield from fn(*args, **kwargs))
        controller = _SHARED.controller
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
        if not _ACTIVE:
            return await fn(*args, **kwargs)
        controller = _SHARED.controller
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
        controller = _SHARED.controller if _ACTIVE else None
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


# ----------------------------------------------------------------------- shared state


class _SharedState:
    """What every copy of this module in one process shares.

    A test tree can import this file twice (``conftest_support`` and
    ``tests.conftest_support``), or hold one copy per migrated conftest. Decorators of every
    copy must report to one controller, and options and hooks must act once, so the state
    lives in one place in ``sys.modules`` rather than in each copy's globals.
    """

    def __init__(self) -> None:
        self.controller: _Controller | None = None
        self.namespaces: list[dict[str, Any]] = []

    def set_active(self, active: bool) -> None:
        for namespace in self.namespaces:
            namespace["_ACTIVE"] = active


def _shared_state() -> _SharedState:
    holder = sys.modules.get(_STATE_MODULE)
    if holder is None:
        holder = types.ModuleType(_STATE_MODULE, "State shared by copies of conftest_support.")
        vars(holder)["state"] = _SharedState()
        sys.modules[_STATE_MODULE] = holder
    state: _SharedState = vars(holder)["state"]
    return state


_SHARED = _shared_state()
_SHARED.namespaces.append(globals())


# ----------------------------------------------------------------------- reading memory


def _page_size() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return 4096


_PAGE_SIZE = _page_size()


def _maxrss_bytes() -> int:
    """The process's RSS high-water mark from ``getrusage``, where there is no /proc."""
    try:
        import resource
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def _peak_rss_bytes() -> int:
    """The process's RSS high-water mark.

    ``VmHWM`` first: ``ru_maxrss`` survives ``exec`` on Linux, so a pytest started by a big
    parent would report the parent's peak as its own.
    """
    try:
        with Path("/proc/self/status").open("rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return _maxrss_bytes()


class _RssReader:
    """Current RSS through one open ``/proc/self/statm`` (about 2 us a read).

    Without /proc (macOS, Windows) it falls back to the high-water mark, so growth then
    means "the peak rose by".
    """

    def __init__(self) -> None:
        self._fd = -1
        try:
            self._fd = os.open("/proc/self/statm", os.O_RDONLY)
        except (OSError, AttributeError):
            self._fd = -1

    def read(self) -> int:
        if self._fd >= 0:
            try:
                return int(os.pread(self._fd, 128, 0).split()[1]) * _PAGE_SIZE
            except (OSError, ValueError, IndexError, AttributeError):
                pass
        return _peak_rss_bytes()

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def current_rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    reader = _RssReader()
    try:
        return reader.read() / _MB
    finally:
        reader.close()


class _Tracer:
    """tracemalloc peaks for nested measurements.

    tracemalloc has one global peak. A fixture body that calls ``getfixturevalue`` measures
    another fixture inside its own measurement; resetting the peak for the inner one must
    not lose the outer one's, so each open measurement keeps its running maximum here.
    """

    def __init__(self) -> None:
        self._running: list[int] = []

    def begin(self) -> tuple[int, int]:
        import tracemalloc

        current, peak = tracemalloc.get_traced_memory()
        if self._running:
            self._running[-1] = max(self._running[-1], peak)
        tracemalloc.reset_peak()
        self._running.append(current)
        return len(self._running) - 1, current

    def end(self, token: tuple[int, int]) -> tuple[int, int]:
        """``(net, peak)`` in bytes since ``begin`` returned ``token``."""
        import tracemalloc

        depth, start = token
        current, peak = tracemalloc.get_traced_memory()
        top = max([peak, *self._running[depth:]]) if len(self._running) > depth else peak
        del self._running[depth:]
        if self._running:
            self._running[-1] = max(self._running[-1], top)
        return current - start, top - start


# ----------------------------------------------------------------------- what is recorded


# Plain classes, not dataclasses: every conftest import would pay for making a dataclass
# (about 1 ms each), with measuring on or off.


class _Record:
    """Attribute access, a readable repr and a JSON-ready dict for the record classes."""

    __slots__ = ()
    FIELDS: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        values = ((name, getattr(self, name)) for name in self.FIELDS)
        return {k: v.as_dict() if isinstance(v, _Record) else v for k, v in values}

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__name__}({shown})"


class PhaseFigures(_Record):
    """One setup or teardown of one fixture instance.

    ``growth_mb`` is the backend's own figure (tracemalloc net, or RSS growth with the rss
    backend); ``peak_mb`` the tracemalloc peak above the start (rss backend: the RSS growth,
    floored at 0). ``error`` names the exception the phase raised, if any.
    """

    __slots__ = (
        "duration_ms",
        "error",
        "growth_mb",
        "peak_mb",
        "rss_growth_mb",
        "traced_net_mb",
        "traced_peak_mb",
    )
    FIELDS = (
        "duration_ms",
        "growth_mb",
        "peak_mb",
        "rss_growth_mb",
        "traced_net_mb",
        "traced_peak_mb",
        "error",
    )

    def __init__(
        self,
        *,
        duration_ms: float,
        growth_mb: float,
        peak_mb: float,
        rss_growth_mb: float,
        traced_net_mb: float | None,
        traced_peak_mb: float | None,
        error: str | None,
    ) -> None:
        self.duration_ms = duration_ms
        self.growth_mb = growth_mb
        self.peak_mb = peak_mb
        self.rss_growth_mb = rss_growth_mb
        self.traced_net_mb = traced_net_mb
        self.traced_peak_mb = traced_peak_mb
        self.error = error


class FixtureRecord(_Record):
    """One call of a decorated fixture: who it is, for which test, and what it cost.

    ``test`` is the test being set up when the fixture ran (for a wider scope: its first
    user); ``teardown`` stays None for a fixture without one (not a generator).
    """

    __slots__ = (
        "declared_impact",
        "description",
        "fixture",
        "function",
        "kind",
        "param_id",
        "scope",
        "setup",
        "teardown",
        "test",
        "test_module",
    )
    FIELDS = (
        "fixture",
        "function",
        "description",
        "declared_impact",
        "kind",
        "scope",
        "param_id",
        "test",
        "test_module",
        "setup",
        "teardown",
    )

    def __init__(
        self,
        *,
        fixture: str,
        function: str,
        description: str,
        declared_impact: str,
        kind: str,
        scope: str,
        param_id: str | None,
        test: str | None,
        test_module: str | None,
    ) -> None:
        self.fixture = fixture
        self.function = function
        self.description = description
        self.declared_impact = declared_impact
        self.kind = kind
        self.scope = scope
        self.param_id = param_id
        self.test = test
        self.test_module = test_module
        self.setup: PhaseFigures | None = None
        self.teardown: PhaseFigures | None = None


class _Frame:
    """A fixture being set up, as pytest's ``pytest_fixture_setup`` hook sees it."""

    __slots__ = ("fixturedef", "nested", "request", "rss")

    def __init__(self, fixturedef: pytest.FixtureDef[Any], request: SubRequest, rss: int) -> None:
        self.fixturedef = fixturedef
        self.request = request
        self.rss = rss
        self.nested = 0
        """RSS growth of the fixtures it needed, set up inside this one's hook call."""


class _ModuleFigures:
    """RSS over the tests of one test module, for its ``[MEMORY]`` line."""

    __slots__ = ("end_rss", "name", "peak_rss", "start_hwm", "start_rss")

    def __init__(self, name: str, rss: int, hwm: int) -> None:
        self.name = name
        self.start_rss = rss
        self.start_hwm = hwm
        self.peak_rss = rss
        self.end_rss = rss


# ----------------------------------------------------------------------- settings

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})
_BACKENDS = ("tracemalloc", "rss")


class _Option:
    """One switch: its command-line flag, its environment variable, and how to read it."""

    __slots__ = ("dest", "env", "flag", "help", "kind")

    def __init__(self, flag: str, env: str, kind: str, help: str) -> None:
        self.flag = flag
        self.env = env
        self.kind = kind
        """``flag``, ``mb`` (a positive number), ``int``, ``path`` or ``backend``."""
        self.help = help
        self.dest = "conftest_codemods_" + flag.lstrip("-").replace("-", "_")


_OPTIONS = (
    _Option("--memory-profile", "PYTEST_MEMORY_PROFILE", "flag", "measure decorated fixtures"),
    _Option(
        "--memory-profile-backend",
        "PYTEST_MEMORY_PROFILE_BACKEND",
        "backend",
        "tracemalloc (default: exact Python allocations) or rss (resident memory)",
    ),
    _Option("--memory-report", "PYTEST_MEMORY_REPORT", "path", "write the figures as JSON"),
    _Option(
        "--memory-limit-mb",
        "PYTEST_MEMORY_LIMIT_MB",
        "mb",
        "fail a test after whose call RSS is over N MB, naming the fixtures that grew it",
    ),
    _Option(
        "--collection-limit-mb",
        "PYTEST_COLLECTION_LIMIT_MB",
        "mb",
        "stop before the first test if the RSS peak after collection is over N MB",
    ),
    _Option(
        "--memory-gc-between-modules",
        "PYTEST_MEMORY_GC_BETWEEN_MODULES",
        "flag",
        "run gc.collect() after the last test of each test module",
    ),
    _Option(
        "--memory-skip-above-mb",
        "PYTEST_MEMORY_SKIP_ABOVE_MB",
        "mb",
        "skip a test (after a gc.collect()) while RSS is over N MB",
    ),
    _Option(
        "--memory-module-threshold-mb",
        "PYTEST_MEMORY_MODULE_THRESHOLD_MB",
        "mb",
        "print a [MEMORY] line for a test module whose RSS rose by N MB or more (10)",
    ),
    _Option("--memory-profile-top", "PYTEST_MEMORY_PROFILE_TOP", "int", "table rows (20)"),
)
_BY_FLAG = {option.flag: option for option in _OPTIONS}


class _Settings:
    """What this run asked for, from the options and the environment."""

    def __init__(
        self,
        *,
        profile: bool,
        backend: str,
        report_path: Path | None,
        limit_mb: float | None,
        collection_limit_mb: float | None,
        gc_between_modules: bool,
        skip_above_mb: float | None,
        module_threshold_mb: float,
        top: int,
    ) -> None:
        self.profile = profile
        self.backend = backend
        self.report_path = report_path
        self.limit_mb = limit_mb
        self.collection_limit_mb = collection_limit_mb
        self.gc_between_modules = gc_between_modules
        self.skip_above_mb = skip_above_mb
        self.module_threshold_mb = module_threshold_mb
        self.top = top

    @property
    def recording(self) -> bool:
        """Decorated fixtures are measured: for the table, or to explain a limit failure."""
        return self.profile or self.limit_mb is not None

    @property
    def needed(self) -> bool:
        return (
            self.recording
            or self.collection_limit_mb is not None
            or self.gc_between_modules
            or self.skip_above_mb is not None
        )

    @classmethod
    def from_config(cls, config: pytest.Config) -> _Settings:
        report = _setting(config, "--memory-report")
        report_path = None
        if report:
            report_path = config.invocation_params.dir / str(report)
        profile = bool(_setting(config, "--memory-profile")) or report_path is not None
        limit = _setting(config, "--memory-limit-mb")
        # A limit alone needs RSS only (to name fixtures); tracemalloc would slow the run.
        backend = _setting(config, "--memory-profile-backend") or (
            "tracemalloc" if profile or limit is None else "rss"
        )
        threshold = _setting(config, "--memory-module-threshold-mb")
        top = _setting(config, "--memory-profile-top")
        return cls(
            profile=profile,
            backend=str(backend),
            report_path=report_path,
            limit_mb=limit,
            collection_limit_mb=_setting(config, "--collection-limit-mb"),
            gc_between_modules=bool(_setting(config, "--memory-gc-between-modules")),
            skip_above_mb=_setting(config, "--memory-skip-above-mb"),
            module_threshold_mb=10.0 if threshold is None else float(threshold),
            top=20 if top is None else int(top),
        )


def _setting(config: pytest.Config, flag: str) -> Any:
    """The option's value if given on the command line, else its environment variable."""
    option = _BY_FLAG[flag]
    value = config.getoption(option.dest, None)
    source = option.flag
    if value is None:
        value = os.environ.get(option.env)
        source = option.env
        if value is None:
            return None
    return _parse(option, value, source)


def _parse(option: _Option, value: Any, source: str) -> Any:
    text = str(value).strip()
    if option.kind == "flag":
        if value is True or text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise pytest.UsageError(f"{source}={text!r}: expected 1/0, true/false, yes/no or on/off")
    if option.kind == "backend":
        if text.lower() not in _BACKENDS:
            raise pytest.UsageError(f"{source}={text!r}: expected tracemalloc or rss")
        return text.lower()
    if option.kind == "path":
        return text or None
    try:
        number = float(text) if option.kind == "mb" else int(text)
    except ValueError:
        raise pytest.UsageError(f"{source}={text!r}: expected a number") from None
    if number <= 0:
        raise pytest.UsageError(f"{source}={text!r}: expected a number above 0")
    return number


# ----------------------------------------------------------------------- the controller


class _Controller:
    """The plugin object that measures, enforces the limits and reports, for one session.

    Registered only when something was asked for, so that with everything off pytest calls
    none of these hooks and a decorated fixture costs only its ``_ACTIVE`` check.
    """

    def __init__(self, config: pytest.Config, settings: _Settings) -> None:
        self.config = config
        self.settings = settings
        self.backend = settings.backend
        self.tracing = False
        self.recording = False
        self.records: list[FixtureRecord] = []
        self.snapshots: list[dict[str, Any]] = []
        self.notices: list[str] = []
        self.limit_failures: list[dict[str, Any]] = []
        self.fixture_rss: dict[str, tuple[float, str]] = {}
        self.modules: list[_ModuleFigures] = []
        self.collection: dict[str, Any] = {}
        self.gc_runs = 0
        self.current_test: str | None = None
        self.current_module: _ModuleFigures | None = None
        self.frames: list[_Frame] = []
        """Fixtures being set up, innermost last (see ``_FixtureHook``)."""
        self._rss = _RssReader()
        self._tracer = _Tracer()
        self._started_tracemalloc = False

    # -- measuring (called by the wrappers)

    def open_record(self, spec: ProfileSpec, wrapper: Callable[..., Any]) -> FixtureRecord:
        fixture, scope, param_id = spec.function.rpartition(":")[2], "unknown", None
        frame = self.frames[-1] if self.frames else None
        if frame is not None and _defines(frame.fixturedef, wrapper):
            fixture = frame.fixturedef.argname
            scope = str(frame.fixturedef.scope)
            param_id = _param_id(frame.fixturedef, frame.request)
        record = FixtureRecord(
            fixture=fixture,
            function=spec.function,
            description=spec.description,
            declared_impact=spec.impact.value,
            kind=spec.kind,
            scope=scope,
            param_id=param_id,
            test=self.current_test,
            test_module=self.current_module.name if self.current_module else None,
        )
        self.records.append(record)
        return record

    def begin(self) -> tuple[float, int, tuple[int, int] | None]:
        import tracemalloc

        token = self._tracer.begin() if self.tracing and tracemalloc.is_tracing() else None
        return time.perf_counter(), self._rss.read(), token

    def finish(
        self,
        record: FixtureRecord,
        phase: str,
        probe: tuple[float, int, tuple[int, int] | None],
        error: str | None,
    ) -> None:
        import tracemalloc

        started, rss_before, token = probe
        seconds = time.perf_counter() - started
        rss = self._rss.read()
        rss_growth = (rss - rss_before) / _MB
        traced_net = traced_peak = None
        if token is not None and tracemalloc.is_tracing():
            net, peak = self._tracer.end(token)
            traced_net, traced_peak = net / _MB, peak / _MB
        figures = PhaseFigures(
            duration_ms=round(seconds * 1000, 3),
            growth_mb=_round(rss_growth if traced_net is None else traced_net),
            peak_mb=_round(max(rss_growth, 0.0) if traced_peak is None else traced_peak),
            rss_growth_mb=_round(rss_growth),
            traced_net_mb=None if traced_net is None else _round(traced_net),
            traced_peak_mb=None if traced_peak is None else _round(traced_peak),
            error=error,
        )
        setattr(record, phase, figures)
        self._sample(rss)

    def rss_bytes(self) -> int:
        return self._rss.read()

    def _sample(self, rss: int) -> None:
        module = self.current_module
        if module is not None and rss > module.peak_rss:
            module.peak_rss = rss

    # -- hooks

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        rss, peak = self._rss.read() / _MB, _peak_rss_bytes() / _MB
        self.collection = {"rss_mb": _round(rss), "peak_rss_mb": _round(peak)}
        self.collection["items"] = len(session.items)
        limit = self.settings.collection_limit_mb
        if limit is not None and peak > limit:
            pytest.exit(
                f"[MEMORY] collection peak RSS {peak:.1f} MB is over the collection limit "
                f"{limit:g} MB (PYTEST_COLLECTION_LIMIT_MB / --collection-limit-mb); stopping "
                f"before any test runs ({len(session.items)} collected). Select fewer tests "
                "(a path, -k or -m), make heavy imports lazy, or raise the limit.",
                returncode=pytest.ExitCode.INTERRUPTED,
            )

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> None:
        if self.settings.recording and not self.config.option.collectonly:
            self._start_recording()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(
        self, item: pytest.Item, nextitem: pytest.Item | None
    ) -> Generator[None, object, object]:
        name = _module_of(item.nodeid)
        if self.current_module is None or self.current_module.name != name:
            rss = self._rss.read()
            self.current_module = _ModuleFigures(name, rss, _peak_rss_bytes())
            self.modules.append(self.current_module)
        self.current_test = item.nodeid
        try:
            return (yield)
        finally:
            self.current_test = None
            if nextitem is None or _module_of(nextitem.nodeid) != name:
                self._end_module()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        threshold = self.settings.skip_above_mb
        if threshold is None:
            return
        rss = self._rss.read() / _MB
        if rss > threshold:
            gc.collect()
            rss = self._rss.read() / _MB
        if rss > threshold:
            pytest.skip(
                f"memory pressure: RSS {rss:.1f} MB is over {threshold:g} MB "
                "(PYTEST_MEMORY_SKIP_ABOVE_MB / --memory-skip-above-mb)"
            )

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, object, object]:
        before = self._rss.read()
        result = yield
        after = self._rss.read()
        self._sample(after)
        limit = self.settings.limit_mb
        if limit is not None and after / _MB > limit:
            pytest.fail(self._limit_message(item, after, after - before), pytrace=False)
        return result

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        import json

        path = self.settings.report_path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(self.report(), indent=2, sort_keys=False)
            path.write_text(text + "\n", encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.settings.profile and self.recording:
            terminalreporter.write_sep("=", f"memory profile ({self.backend} backend)")
            for line in self.summary_lines():
                terminalreporter.write_line(line)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        import tracemalloc

        _SHARED.set_active(False)
        self.recording = False
        if self._started_tracemalloc and tracemalloc.is_tracing():
            tracemalloc.stop()
        self._rss.close()
        if _SHARED.controller is self:
            _SHARED.controller = None

    # -- helpers of the hooks

    def _start_recording(self) -> None:
        import tracemalloc

        if self.backend == "tracemalloc":
            reason = _memray_reason(self.config)
            if reason is None and not tracemalloc.is_tracing():
                try:
                    tracemalloc.start()
                    self._started_tracemalloc = True
                except Exception as exc:  # pragma: no cover - depends on the interpreter
                    reason = f"tracemalloc could not start ({exc})"
            if reason is not None:
                self.backend = "rss"
                self._notice(f"{reason}; reporting RSS figures instead of tracemalloc")
        self.tracing = self.backend == "tracemalloc"
        self.recording = True
        _SHARED.set_active(True)

    def _notice(self, text: str) -> None:
        self.notices.append(text)
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"[MEMORY] notice: {text}")
        else:
            sys.stderr.write(f"[MEMORY] notice: {text}\n")

    def _end_module(self) -> None:
        module = self.current_module
        if module is None:
            return
        if self.settings.gc_between_modules:
            gc.collect()
            self.gc_runs += 1
        module.end_rss = self._rss.read()
        hwm = _peak_rss_bytes()
        module.peak_rss = max(module.peak_rss, module.end_rss, hwm if hwm > module.start_hwm else 0)
        self.current_module = None

    def _limit_message(self, item: pytest.Item, rss: int, call_growth: int) -> str:
        limit = self.settings.limit_mb
        grown = []
        for name in getattr(item, "fixturenames", ()):
            if name in self.fixture_rss and self.fixture_rss[name][0] >= _NOTABLE_MB:
                grown.append((self.fixture_rss[name][0], name, self.fixture_rss[name][1]))
        grown.sort(reverse=True)
        named = ", ".join(f"{n} (+{mb:.1f} MB, {scope} scope)" for mb, n, scope in grown[:8])
        self.limit_failures.append(
            {"test": item.nodeid, "rss_mb": _round(rss / _MB), "fixtures": [n for _, n, _ in grown]}
        )
        return (
            f"memory limit exceeded: RSS {rss / _MB:.1f} MB > {limit:g} MB "
            "(PYTEST_MEMORY_LIMIT_MB / --memory-limit-mb) after this test. "
            f"RSS grown by its fixtures: {named or 'none of them'}; by the test call: "
            f"{call_growth / _MB:+.1f} MB. Release memory at teardown, narrow those "
            "fixtures, or raise the limit."
        )

    # -- reporting

    def fixture_rows(self) -> list[dict[str, Any]]:
        """One row per fixture and param, the worst call's figures, worst first."""
        groups: dict[tuple[str, str | None, str], list[FixtureRecord]] = {}
        for record in self.records:
            key = (record.fixture, record.param_id, record.function)
            groups.setdefault(key, []).append(record)
        rows = [_row(records) for records in groups.values()]
        rows.sort(key=lambda row: (-row["peak_mb"], -row["setup_ms"], row["fixture"]))
        return rows

    def module_rows(self) -> list[dict[str, Any]]:
        rows = []
        for module in self.modules:
            worst: dict[str, float] = {}
            for r in self.records:
                if r.test_module == module.name and r.setup is not None:
                    worst[r.fixture] = max(
                        worst.get(r.fixture, r.setup.growth_mb), r.setup.growth_mb
                    )
            heaviest = sorted(((mb, name) for name, mb in worst.items()), reverse=True)
            growth = (module.peak_rss - module.start_rss) / _MB
            rows.append(
                {
                    "module": module.name,
                    "start_rss_mb": _round(module.start_rss / _MB),
                    "peak_rss_mb": _round(module.peak_rss / _MB),
                    "end_rss_mb": _round(module.end_rss / _MB),
                    "growth_mb": _round(growth),
                    "retained_mb": _round((module.end_rss - module.start_rss) / _MB),
                    "over_threshold": growth >= self.settings.module_threshold_mb,
                    "heaviest_fixtures": [
                        {"fixture": name, "growth_mb": mb}
                        for mb, name in heaviest[:3]
                        if mb >= 0.01
                    ],
                }
            )
        return rows

    def report(self) -> dict[str, Any]:
        """Everything measured, as the JSON ``--memory-report`` writes."""
        return {
            "support_version": SUPPORT_VERSION,
            "backend": self.backend,
            "notices": list(self.notices),
            "impact_upper_bounds_mb": {level.value: mb for level, mb in IMPACT_UPPER_BOUNDS_MB},
            "collection": dict(self.collection),
            "final": {
                "rss_mb": _round(self._rss.read() / _MB),
                "peak_rss_mb": _round(_peak_rss_bytes() / _MB),
            },
            "fixtures": self.fixture_rows(),
            "modules": self.module_rows(),
            "records": [record.as_dict() for record in self.records],
            "snapshots": list(self.snapshots),
            "limit_failures": list(self.limit_failures),
            "gc_between_modules": {
                "enabled": self.settings.gc_between_modules,
                "runs": self.gc_runs,
            },
        }

    def summary_lines(self) -> list[str]:
        """The table and ``[MEMORY]`` lines under the terminal summary's header."""
        rows = self.fixture_rows()
        lines = []
        if self.collection:
            lines.append(
                f"[MEMORY] after collection: RSS {self.collection['rss_mb']:.1f} MB "
                f"(peak {self.collection['peak_rss_mb']:.1f} MB, "
                f"{self.collection['items']} tests)"
            )
        lines.extend(_table(rows[: self.settings.top]))
        if len(rows) > self.settings.top:
            lines.append(f"... {len(rows) - self.settings.top} more rows in --memory-report")
        if any(row["measured"] != row["declared"] for row in rows):
            lines.append(
                "+/-: measured level above/below the declared impact "
                "(`conftest-codemods profile --write` updates impact=)"
            )
        for module in self.module_rows():
            if module["over_threshold"]:
                fixtures = ", ".join(
                    f"{f['fixture']} {f['growth_mb']:+.1f} MB" for f in module["heaviest_fixtures"]
                )
                lines.append(
                    f"[MEMORY] {module['module']}: peak RSS {module['peak_rss_mb']:.1f} MB, "
                    f"{module['growth_mb']:+.1f} MB during the module, "
                    f"{module['retained_mb']:+.1f} MB retained"
                    + (f"; heaviest fixtures: {fixtures}" if fixtures else "")
                )
        lines.append(
            f"[MEMORY] final RSS {self._rss.read() / _MB:.1f} MB, "
            f"peak {_peak_rss_bytes() / _MB:.1f} MB"
        )
        return lines


class _FixtureHook:
    """The one hook pytest calls per fixture setup, registered only while recording.

    It tells the wrappers which fixture (name, scope, param) they are measuring, and keeps
    every fixture's own RSS growth (that of the fixtures it needed subtracted), decorated or
    not, so that a limit failure can name whichever fixture grew RSS.
    """

    def __init__(self, controller: _Controller) -> None:
        self.controller = controller

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(
        self, fixturedef: pytest.FixtureDef[Any], request: SubRequest
    ) -> Generator[None, object, object]:
        controller = self.controller
        frames = controller.frames
        frame = _Frame(fixturedef, request, controller.rss_bytes())
        frames.append(frame)
        try:
            return (yield)
        finally:
            frames.pop()
            grown = controller.rss_bytes() - frame.rss
            if frames:
                frames[-1].nested += grown
            own = (grown - frame.nested) / _MB
            controller.fixture_rss[fixturedef.argname] = (own, str(fixturedef.scope))


def _row(records: list[FixtureRecord]) -> dict[str, Any]:
    measured = [r for r in records if r.setup is not None]
    worst = max(measured, key=lambda r: r.setup.peak_mb if r.setup else 0.0, default=records[0])
    setup, teardown = worst.setup, worst.teardown
    peak = max((r.setup.peak_mb for r in measured if r.setup), default=0.0)
    return {
        "fixture": worst.fixture,
        "param_id": worst.param_id,
        "function": worst.function,
        "description": worst.description,
        "scope": worst.scope,
        "kind": worst.kind,
        "calls": len(records),
        "declared": worst.declared_impact,
        "measured": impact_for_mb(peak).value,
        "setup_mb": setup.growth_mb if setup else 0.0,
        "peak_mb": peak,
        "teardown_mb": teardown.growth_mb if teardown else None,
        "rss_mb": max((r.setup.rss_growth_mb for r in measured if r.setup), default=0.0),
        "setup_ms": _round(sum(r.setup.duration_ms for r in measured if r.setup)),
        "teardown_ms": _round(sum(r.teardown.duration_ms for r in records if r.teardown)),
    }


_COLUMNS = (
    ("calls", "calls", "{:d}"),
    ("setup MB", "setup_mb", "{:+.2f}"),
    ("peak MB", "peak_mb", "{:.2f}"),
    ("teardown MB", "teardown_mb", "{:+.2f}"),
    ("RSS MB", "rss_mb", "{:+.2f}"),
    ("setup ms", "setup_ms", "{:.1f}"),
    ("teardown ms", "teardown_ms", "{:.1f}"),
)


def _table(rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return ["no decorated fixture ran"]
    names = [
        row["fixture"] + (f"[{row['param_id']}]" if row["param_id"] is not None else "")
        for row in rows
    ]
    width = min(max(len("fixture"), *(len(name) for name in names)), 48)
    header = f"{'fixture':<{width}}  {'scope':<8}"
    header += "".join(f"  {title:>{max(len(title), 7)}}" for title, _, _ in _COLUMNS)
    header += "  declared   measured"
    lines = [header]
    for index, row in enumerate(rows):
        name = names[index]
        line = f"{name[:width]:<{width}}  {row['scope']:<8}"
        for title, key, form in _COLUMNS:
            value = row[key]
            text = "-" if value is None else form.format(value)
            line += f"  {text:>{max(len(title), 7)}}"
        declared, measured = Impact(row["declared"]).rank, Impact(row["measured"]).rank
        flag = " +" if measured > declared else " -" if measured < declared else ""
        line += f"  {row['declared']:<9}  {row['measured']}{flag}"
        lines.append(line)
    return lines


def _round(value: float) -> float:
    return round(value, 3)


def _module_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _defines(fixturedef: pytest.FixtureDef[Any], wrapper: Callable[..., Any]) -> bool:
    """Whether ``fixturedef`` runs ``wrapper`` (maybe under pytest-asyncio's or another
    decorator's ``functools.wraps`` layer, or as a method)."""
    func: Any = fixturedef.func
    for _ in range(16):
        func = getattr(func, "__func__", func)
        if func is wrapper:
            return True
        func = getattr(func, "__wrapped__", None)
        if func is None:
            return False
    return False


def _param_id(fixturedef: pytest.FixtureDef[Any], request: SubRequest) -> str | None:
    """The id pytest shows for this param of this fixture (``ids=``, ``pytest.param(id=)``,
    the value itself, or ``<name><index>``)."""
    if not hasattr(request, "param"):
        return None
    param, index = request.param, getattr(request, "param_index", 0)
    params = fixturedef.params or ()
    raw = params[index] if 0 <= index < len(params) else param
    explicit = getattr(raw, "id", None) if isinstance(raw, tuple) else None
    if explicit is not None:
        return str(explicit)
    ids = fixturedef.ids
    made: object = None
    if callable(ids):
        try:
            made = ids(param)
        except Exception:
            made = None
    elif ids is not None and 0 <= index < len(ids):
        made = ids[index]
    if made is not None:
        return str(made)
    if param is None or isinstance(param, (str, int, float, bool, complex)):
        return str(param)
    return f"{fixturedef.argname}{index}"


def _memray_reason(config: pytest.Config) -> str | None:
    """Why tracemalloc must not start: memray tracks this process (both hook the allocator)."""
    if config.pluginmanager.has_plugin("memray_manager") or getattr(config.option, "memray", False):
        return "memray is tracking this run (pytest-memray --memray)"
    hooks = (sys.getprofile(), getattr(threading, "_profile_hook", None))
    if any(str(getattr(hook, "__module__", "")).startswith("memray") for hook in hooks):
        return "a memray Tracker is active"
    return None


# ----------------------------------------------------------------------- live figures


class MemoryReporter:
    """Live memory figures for a test, through the ``memory_reporter`` fixture.

    Works with measuring off too (RSS only, no fixture records), so a test can log its own
    memory without depending on how the run was started.
    """

    def __init__(self, controller: _Controller | None, nodeid: str) -> None:
        self._controller = controller
        self.nodeid = nodeid
        self.snapshots: list[dict[str, Any]] = []

    @property
    def enabled(self) -> bool:
        """Whether decorated fixtures are being measured in this run."""
        return self._controller is not None and self._controller.recording

    @property
    def backend(self) -> str | None:
        return self._controller.backend if self.enabled and self._controller else None

    def rss_mb(self) -> float:
        if self._controller is not None:
            return self._controller.rss_bytes() / _MB
        return current_rss_mb()

    def peak_rss_mb(self) -> float:
        return _peak_rss_bytes() / _MB

    def traced_mb(self) -> float | None:
        """Memory traced by tracemalloc now, or None when it is not running."""
        import tracemalloc

        if not tracemalloc.is_tracing():
            return None
        return tracemalloc.get_traced_memory()[0] / _MB

    def report(self, label: str) -> dict[str, Any]:
        """Take a labelled snapshot; it also goes into the JSON report's ``snapshots``."""
        traced = self.traced_mb()
        snapshot = {
            "test": self.nodeid,
            "label": label,
            "rss_mb": _round(self.rss_mb()),
            "peak_rss_mb": _round(self.peak_rss_mb()),
            "traced_mb": None if traced is None else _round(traced),
        }
        self.snapshots.append(snapshot)
        if self._controller is not None:
            self._controller.snapshots.append(snapshot)
        return snapshot

    @property
    def records(self) -> list[FixtureRecord]:
        """Every decorated fixture call measured so far in this run."""
        return list(self._controller.records) if self._controller else []

    def fixture(self, name: str) -> list[FixtureRecord]:
        return [record for record in self.records if record.fixture == name]

    def for_this_test(self) -> list[FixtureRecord]:
        """Calls made while this test was being set up (wider scopes: first user only)."""
        return [record for record in self.records if record.test == self.nodeid]

    def get_loaded_modules(self) -> list[str]:
        """The conftest layers the generated orchestrator loaded (its
        ``get_loaded_fixture_modules()``), or [] without one."""
        for module in list(sys.modules.values()):
            loaded = getattr(module, "get_loaded_fixture_modules", None)
            if callable(loaded) and getattr(module, "__name__", "").endswith("conftest"):
                return [str(name) for name in cast(Iterable[Any], loaded())]
        return []


@pytest.fixture
def memory_reporter(request: pytest.FixtureRequest) -> MemoryReporter:
    """Live memory figures: ``rss_mb()``, ``report(label)``, ``records``, ``fixture(name)``."""
    return MemoryReporter(_SHARED.controller, request.node.nodeid)


# ----------------------------------------------------------------------- plugin entry points
# Hook functions carry unique names and ``specname``: the orchestrator may copy this module's
# names into a conftest, where a plain ``pytest_configure`` would replace the conftest's own.


@pytest.hookimpl(specname="pytest_addoption")
def pytest_conftest_codemods_addoption(parser: pytest.Parser) -> None:
    """Add the options once per parser, however many copies are registered."""
    if getattr(parser, _PARSER_GUARD, False):
        return
    setattr(parser, _PARSER_GUARD, True)
    group = parser.getgroup("memory-profile", "memory profile of fixtures (conftest_support)")
    for option in _OPTIONS:
        help_text = f"{option.help} [env {option.env}]"
        if option.kind == "flag":
            group.addoption(
                option.flag, action="store_true", default=None, dest=option.dest, help=help_text
            )
        else:
            metavar = {"mb": "MB", "int": "N", "path": "PATH", "backend": "NAME"}[option.kind]
            group.addoption(
                option.flag, default=None, dest=option.dest, metavar=metavar, help=help_text
            )


@pytest.hookimpl(specname="pytest_configure")
def pytest_conftest_codemods_configure(config: pytest.Config) -> None:
    """Start one controller per session when anything was asked for; otherwise nothing."""
    current = _SHARED.controller
    if current is not None and current.config is config:
        return
    settings = _Settings.from_config(config)
    if not settings.needed or config.pluginmanager.has_plugin(_CONTROLLER_NAME):
        return
    controller = _Controller(config, settings)
    _SHARED.controller = controller
    config.pluginmanager.register(controller, _CONTROLLER_NAME)
    if settings.recording:
        config.pluginmanager.register(_FixtureHook(controller), _CONTROLLER_NAME + "-fixtures")


def register(pluginmanager: pytest.PytestPluginManager) -> None:
    """Register this module as the ``conftest_support`` plugin unless a copy already is.

    Call it from a conftest's ``pytest_addoption(parser, pluginmanager)`` so that the options
    reach the command line (``pytest_addoption`` is replayed for late plugins).
    """
    module = sys.modules.get(__name__)
    if module is None or vars(module) is not globals():
        raise RuntimeError(f"conftest_support: {__name__} is not the module in sys.modules")
    if pluginmanager.is_registered(module) or pluginmanager.has_plugin(PLUGIN_NAME):
        return
    pluginmanager.register(module, PLUGIN_NAME)
