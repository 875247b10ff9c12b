"""What the plugin records: one fixture call's figures, and RSS over one test module.

Plain classes with ``__slots__``: one is made per fixture call while a session measures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pytest
    from _pytest.fixtures import SubRequest

__all__ = ["FixtureRecord", "Frame", "ModuleFigures", "PhaseFigures", "rounded"]


def rounded(value: float) -> float:
    """Figures in MB and ms to three decimals, as the report and the table show them."""
    return round(value, 3)


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


class Frame:
    """A fixture being set up, as pytest's ``pytest_fixture_setup`` hook sees it."""

    __slots__ = ("fixturedef", "nested", "request", "rss")

    def __init__(self, fixturedef: pytest.FixtureDef[Any], request: SubRequest, rss: int) -> None:
        self.fixturedef = fixturedef
        self.request = request
        self.rss = rss
        self.nested = 0
        """RSS growth of the fixtures it needed, set up inside this one's hook call."""


class ModuleFigures:
    """RSS over the tests of one test module, for its ``[MEMORY]`` line."""

    __slots__ = ("end_rss", "name", "peak_rss", "start_hwm", "start_rss")

    def __init__(self, name: str, rss: int, hwm: int) -> None:
        self.name = name
        self.start_rss = rss
        self.start_hwm = hwm
        self.peak_rss = rss
        self.end_rss = rss
