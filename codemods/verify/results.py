"""What one pytest run looked like, as recorded by ``outcomes_plugin`` in the child process.

These types cross a process boundary as JSON, so this module owns both the shape and the
parsing; it imports nothing from pytest, so the tool can compare runs without importing the
test framework it is verifying.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

OUTCOMES_ENV = "CONFTEST_CODEMODS_OUTCOMES"
"""Names the file the child's plugin writes; unset means the plugin stays silent."""

SCHEMA_VERSION = 1
"""Bumped whenever the JSON shape changes, so a stale plugin copy fails loudly, not subtly."""

Outcome = Literal["passed", "failed", "skipped", "xfailed", "xpassed", "error"]
OUTCOMES: tuple[Outcome, ...] = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")


@dataclass(frozen=True)
class ItemResult:
    """One collected test: what pytest attached to it and how it ended.

    ``markers`` keeps duplicates (a marker applied twice is a different test from one applied
    once); ``outcome`` is ``None`` for a collect-only run or a test that never ran.
    """

    nodeid: str
    markers: tuple[str, ...]
    fixtures: tuple[str, ...]
    outcome: Outcome | None


@dataclass(frozen=True)
class CollectionError:
    """A collector that failed, with the last line of its error (rootdir shown as ``<rootdir>``)."""

    nodeid: str
    message: str


@dataclass(frozen=True)
class SuiteResult:
    """One pytest run on one project tree: the unit that ``compare`` compares."""

    project: Path
    items: tuple[ItemResult, ...]
    collection_errors: tuple[CollectionError, ...]
    exit_status: int
    """The session exit status pytest reported to ``pytest_sessionfinish``."""
    collect_only: bool
    returncode: int = 0
    """The child process's own exit code (normally equal to ``exit_status``)."""
    output: str = field(default="", repr=False, compare=False)
    """Combined stdout and stderr of the child, for reports and debugging."""
    collection_peak_rss_mb: float | None = None
    """The child's peak RSS when collection finished (``None`` where it cannot be read)."""

    @property
    def by_id(self) -> dict[str, ItemResult]:
        return {item.nodeid: item for item in self.items}

    @property
    def errors_by_id(self) -> dict[str, str]:
        return {error.nodeid: error.message for error in self.collection_errors}

    def outcome_counts(self) -> dict[str, int]:
        """``{"passed": 3, ...}`` in a fixed order, leaving out outcomes that did not occur."""
        counts = dict.fromkeys(OUTCOMES, 0)
        for item in self.items:
            if item.outcome is not None:
                counts[item.outcome] += 1
        return {name: count for name, count in counts.items() if count}


def suite_from_json(
    data: Mapping[str, Any], *, project: Path, returncode: int, output: str
) -> SuiteResult:
    """Build a ``SuiteResult`` from the plugin's JSON; ``ValueError`` if it is not ours."""
    if data.get("schema") != SCHEMA_VERSION:
        raise ValueError(
            f"outcomes file has schema {data.get('schema')!r}, expected {SCHEMA_VERSION} "
            "(the child imported a different copy of codemods.verify)"
        )
    return SuiteResult(
        project=project,
        items=tuple(_item(raw) for raw in data["items"]),
        collection_errors=tuple(
            CollectionError(str(raw["nodeid"]), str(raw["message"]))
            for raw in data["collection_errors"]
        ),
        exit_status=int(data["exit_status"]),
        collect_only=bool(data["collect_only"]),
        returncode=returncode,
        output=output,
        collection_peak_rss_mb=_optional_number(data.get("collection_peak_rss_mb")),
    )


def _optional_number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _item(raw: Mapping[str, Any]) -> ItemResult:
    outcome = raw["outcome"]
    if outcome is not None and outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r} for {raw['nodeid']}")
    return ItemResult(
        nodeid=str(raw["nodeid"]),
        markers=tuple(str(name) for name in raw["markers"]),
        fixtures=tuple(str(name) for name in raw["fixtures"]),
        outcome=cast("Outcome | None", outcome),
    )
