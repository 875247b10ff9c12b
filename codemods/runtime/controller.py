"""The controller: the plugin object that measures, enforces the limits and reports.

Imported and registered only when a session asks for something (see ``plugin``), so a run with
measuring off loads none of this.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

import pytest

from codemods.runtime.decorator import ProfileSpec, start_recording, stop_recording
from codemods.runtime.memory import MB, RssReader, Tracer, peak_rss_bytes
from codemods.runtime.options import Settings
from codemods.runtime.records import FixtureRecord, Frame, ModuleFigures, PhaseFigures, rounded
from codemods.runtime.report import json_report, summary_lines

if TYPE_CHECKING:
    from _pytest.fixtures import SubRequest

__all__ = ["Controller", "FixtureHook"]

NOTABLE_MB = 0.5
"""RSS moves in pages and allocator arenas; smaller growth is noise in a limit message."""


class Controller:
    """The plugin object that measures, enforces the limits and reports, for one session.

    Registered only when something was asked for, so that with everything off pytest calls
    none of these hooks and a decorated fixture costs one global lookup.
    """

    def __init__(self, config: pytest.Config, settings: Settings) -> None:
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
        self.modules: list[ModuleFigures] = []
        self.collection: dict[str, Any] = {}
        self.gc_runs = 0
        self.current_test: str | None = None
        self.current_module: ModuleFigures | None = None
        self.frames: list[Frame] = []
        """Fixtures being set up, innermost last (see ``FixtureHook``)."""
        self._rss = RssReader()
        self._tracer = Tracer()
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
        rss_growth = (rss - rss_before) / MB
        traced_net = traced_peak = None
        if token is not None and tracemalloc.is_tracing():
            net, peak = self._tracer.end(token)
            traced_net, traced_peak = net / MB, peak / MB
        figures = PhaseFigures(
            duration_ms=round(seconds * 1000, 3),
            growth_mb=rounded(rss_growth if traced_net is None else traced_net),
            peak_mb=rounded(max(rss_growth, 0.0) if traced_peak is None else traced_peak),
            rss_growth_mb=rounded(rss_growth),
            traced_net_mb=None if traced_net is None else rounded(traced_net),
            traced_peak_mb=None if traced_peak is None else rounded(traced_peak),
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
        rss, peak = self._rss.read() / MB, peak_rss_bytes() / MB
        self.collection = {"rss_mb": rounded(rss), "peak_rss_mb": rounded(peak)}
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
            self.current_module = ModuleFigures(name, rss, peak_rss_bytes())
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
        rss = self._rss.read() / MB
        if rss > threshold:
            gc.collect()
            rss = self._rss.read() / MB
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
        if limit is not None and after / MB > limit:
            pytest.fail(self._limit_message(item, after, after - before), pytrace=False)
        return result

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        import json

        path = self.settings.report_path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(json_report(self), indent=2, sort_keys=False)
            path.write_text(text + "\n", encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.settings.profile and self.recording:
            terminalreporter.write_sep("=", f"memory profile ({self.backend} backend)")
            for line in summary_lines(self):
                terminalreporter.write_line(line)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        import tracemalloc

        stop_recording(self)
        self.recording = False
        if self._started_tracemalloc and tracemalloc.is_tracing():
            tracemalloc.stop()
        self._rss.close()

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
        start_recording(self)

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
        hwm = peak_rss_bytes()
        module.peak_rss = max(module.peak_rss, module.end_rss, hwm if hwm > module.start_hwm else 0)
        self.current_module = None

    def _limit_message(self, item: pytest.Item, rss: int, call_growth: int) -> str:
        limit = self.settings.limit_mb
        grown = []
        for name in getattr(item, "fixturenames", ()):
            if name in self.fixture_rss and self.fixture_rss[name][0] >= NOTABLE_MB:
                grown.append((self.fixture_rss[name][0], name, self.fixture_rss[name][1]))
        grown.sort(reverse=True)
        named = ", ".join(f"{n} (+{mb:.1f} MB, {scope} scope)" for mb, n, scope in grown[:8])
        self.limit_failures.append(
            {"test": item.nodeid, "rss_mb": rounded(rss / MB), "fixtures": [n for _, n, _ in grown]}
        )
        return (
            f"memory limit exceeded: RSS {rss / MB:.1f} MB > {limit:g} MB "
            "(PYTEST_MEMORY_LIMIT_MB / --memory-limit-mb) after this test. "
            f"RSS grown by its fixtures: {named or 'none of them'}; by the test call: "
            f"{call_growth / MB:+.1f} MB. Release memory at teardown, narrow those "
            "fixtures, or raise the limit."
        )


class FixtureHook:
    """The one hook pytest calls per fixture setup, registered only while recording.

    It tells the wrappers which fixture (name, scope, param) they are measuring, and keeps
    every fixture's own RSS growth (that of the fixtures it needed subtracted), decorated or
    not, so that a limit failure can name whichever fixture grew RSS.
    """

    def __init__(self, controller: Controller) -> None:
        self.controller = controller

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(
        self, fixturedef: pytest.FixtureDef[Any], request: SubRequest
    ) -> Generator[None, object, object]:
        controller = self.controller
        frames = controller.frames
        frame = Frame(fixturedef, request, controller.rss_bytes())
        frames.append(frame)
        try:
            return (yield)
        finally:
            frames.pop()
            grown = controller.rss_bytes() - frame.rss
            if frames:
                frames[-1].nested += grown
            own = (grown - frame.nested) / MB
            controller.fixture_rss[fixturedef.argname] = (own, str(fixturedef.scope))


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
