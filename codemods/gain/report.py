"""The gain of a migration as data (``Gain``) and as the summary lines ``migrate`` prints.

Plain frozen dataclasses of strings and numbers, so ``dataclasses.asdict`` turns a ``Gain`` into
JSON as it is (``Gain.as_dict``), for ``--output-format json``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

TOP_BLOCKERS = 5
"""How many blockers the summary shows (all of them are in the data)."""


@dataclass(frozen=True)
class RunCost:
    """Medians of whole ``pytest --collect-only`` processes on one tree."""

    peak_rss_mb: float
    seconds: float


@dataclass(frozen=True)
class Measurement:
    """The default run's collection measured on copies of the project, before and after."""

    command: str
    """What was run in both copies, e.g. ``pytest --collect-only -q tests/unit``."""
    interpreter: str
    """The tests' interpreter and how it was found."""
    pairs: int
    before: RunCost
    after: RunCost
    rss_ratio: float
    """After over before, the median of the ratios of each pair (paired: same machine load)."""
    wall_ratio: float
    gated_loaded: tuple[str, ...] = ()
    """Gated layer modules that the migrated default run imported anyway (the safety net)."""
    gated_requests: tuple[tuple[str, int], ...] = ()
    """Gated fixtures that default-run tests request, with how many tests request each."""
    cached: bool = False
    """Read from the cache (same files, interpreter and tool version): nothing was run."""


@dataclass(frozen=True)
class EagerImport:
    """A heavy import that runs while a conftest module is imported."""

    module: str
    """What is imported (``numpy``, ``sqlalchemy.orm.Session``)."""
    where: str
    """``conftest_base.py:12``."""
    cost: str = ""
    """Its measured import cost (``57 ms, +12.0 MB``), when known."""


@dataclass(frozen=True)
class Blocker:
    """One thing that keeps the default run heavy, why, and the one-line remedy."""

    what: str
    why: str
    remedy: str
    cost: str = ""


@dataclass(frozen=True)
class Gain:
    """What ``migrate`` tells about the default run: measured or estimated, and its blockers."""

    paths: tuple[str, ...]
    """The default run: the paths collected, relative to the project root."""
    measurement: Measurement | None
    before: tuple[EagerImport, ...]
    """Heavy imports the monolith runs at import time (the static estimate)."""
    after: tuple[EagerImport, ...]
    """Heavy imports the always-loaded layers still run at import time."""
    blockers: tuple[Blocker, ...]
    note: str = ""
    """Why there is no measurement (``--no-measure``, no default-run tests, a failed run)."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        """The summary's closing lines: the cost before and after, then the top blockers."""
        shown = " ".join(self.paths) or "(none)"
        lines: list[str] = []
        measured = self.measurement
        if measured is not None:
            source = "cached" if measured.cached else f"median of {measured.pairs} pairs"
            lines += [
                f"default run: {measured.command} ({source}, {measured.interpreter})",
                f"  before: peak RSS {measured.before.peak_rss_mb:.0f} MB, "
                f"{measured.before.seconds:.2f} s; after: {measured.after.peak_rss_mb:.0f} MB, "
                f"{measured.after.seconds:.2f} s; after/before: RSS {measured.rss_ratio:.2f}x, "
                f"wall {measured.wall_ratio:.2f}x",
            ]
        else:
            lines += [
                f"default run: pytest --collect-only {shown} (static estimate: {self.note})",
                f"  heavy imports run at import time: before {_imports(self.before)}; "
                f"after {_imports(self.after)}",
            ]
        if self.blockers:
            lines.append(f"what keeps the default run heavy (top {TOP_BLOCKERS}):")
            for number, blocker in enumerate(self.blockers[:TOP_BLOCKERS], 1):
                cost = f" [{blocker.cost}]" if blocker.cost else ""
                lines.append(f"  {number}. {blocker.what}{cost}: {blocker.why} -> {blocker.remedy}")
        elif measured is not None or self.after == ():
            lines.append("what keeps the default run heavy: nothing the conftest imports")
        return lines


def _imports(found: tuple[EagerImport, ...]) -> str:
    if not found:
        return "none"
    names = list(
        dict.fromkeys(f"{item.module}{f' ({item.cost})' if item.cost else ''}" for item in found)
    )
    return f"{len(names)}: {', '.join(names)}"
