"""Compare two pytest runs of the same suite, before and after a migration.

A migration that loses one test, flips one outcome or silently changes which fixtures a test
gets is data loss, so everything observable per test is compared, and the report names the
tests rather than only counting them. The golden tests and ``migrate --verify`` share this
one implementation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from codemods.verify.results import SuiteResult

T = TypeVar("T")


@dataclass(frozen=True)
class Change(Generic[T]):
    """One test (or collector) whose recorded value differs between the two runs."""

    nodeid: str
    before: T
    after: T


@dataclass(frozen=True)
class Comparison:
    """Every difference between two runs; empty everywhere means the migration kept behaviour."""

    before: SuiteResult
    after: SuiteResult
    lost_ids: tuple[str, ...] = ()
    new_ids: tuple[str, ...] = ()
    changed_outcomes: tuple[Change[str | None], ...] = ()
    changed_markers: tuple[Change[tuple[str, ...]], ...] = ()
    changed_closures: tuple[Change[tuple[str, ...]], ...] = ()
    changed_collection_errors: tuple[Change[str | None], ...] = ()
    """Collectors whose error appeared, vanished or changed; ``None`` means "no error"."""
    ignored_outcomes: tuple[Change[str | None], ...] = ()
    """Outcome changes of tests listed as flaky: reported, never a difference."""

    @property
    def exit_status_changed(self) -> bool:
        statuses = {self.before.exit_status, self.after.exit_status}
        if self.ignored_outcomes and statuses <= {0, 1}:
            # "some test failed" or not: a flaky test alone may flip that.
            return False
        return self.before.exit_status != self.after.exit_status

    @property
    def ok(self) -> bool:
        return not (
            self.lost_ids
            or self.new_ids
            or self.changed_outcomes
            or self.changed_markers
            or self.changed_closures
            or self.changed_collection_errors
            or self.exit_status_changed
        )

    def report(self, limit: int = 20) -> str:
        """A report for humans: a summary line, then the first ``limit`` entries of each kind."""
        if self.ok:
            flaky = len(self.ignored_outcomes)
            return (
                f"pytest behaviour unchanged: {len(self.before.items)} tests, "
                f"{_counts_text(self.before)}, exit status {self.before.exit_status}"
                + (f" ({flaky} flaky outcome changes ignored)" if flaky else "")
            )
        sections = [
            ("lost test ids", list(self.lost_ids)),
            ("new test ids", list(self.new_ids)),
            ("changed outcomes", [_arrow(c) for c in self.changed_outcomes]),
            ("changed markers", [_set_change(c) for c in self.changed_markers]),
            ("changed fixture closures", [_set_change(c) for c in self.changed_closures]),
            ("changed collection errors", [_arrow(c) for c in self.changed_collection_errors]),
        ]
        present = [(title, lines) for title, lines in sections if lines]
        summary = ", ".join(f"{len(lines)} {title}" for title, lines in present)
        out = [f"pytest behaviour differs: {summary or 'only the exit status'}"]
        out.append(
            f"before: {len(self.before.items)} tests, {_counts_text(self.before)}, "
            f"exit status {self.before.exit_status}"
        )
        out.append(
            f"after:  {len(self.after.items)} tests, {_counts_text(self.after)}, "
            f"exit status {self.after.exit_status}"
        )
        for title, lines in present:
            out.append(f"{title} ({len(lines)}):")
            out.extend(f"  {line}" for line in lines[:limit])
            if len(lines) > limit:
                out.append(f"  ... and {len(lines) - limit} more")
        return "\n".join(out)


def compare(
    before: SuiteResult,
    after: SuiteResult,
    *,
    closures: bool,
    ignore_fixtures: Collection[str] = (),
    ignore_outcomes: Collection[str] = (),
    ignore_markers: Collection[str] = (),
) -> Comparison:
    """Compare ``after`` against ``before``, test by test.

    ``closures=False`` skips fixture closures (for callers that only care about ids and
    outcomes). ``ignore_fixtures`` are left out of closures: fixtures a migration adds on
    purpose. ``ignore_outcomes`` lists flaky node ids (or their unparametrized base ids)
    whose outcome is not compared; they must still exist on both sides. ``ignore_markers``
    are left out of marker lists: markers a migration adds on purpose (by test directory).
    """
    old, new = before.by_id, after.by_id
    common = [nodeid for nodeid in old if nodeid in new]
    ignored = frozenset(ignore_fixtures)
    unmarked = frozenset(ignore_markers)
    return Comparison(
        before=before,
        after=after,
        lost_ids=tuple(nodeid for nodeid in old if nodeid not in new),
        new_ids=tuple(nodeid for nodeid in new if nodeid not in old),
        changed_outcomes=_changes(
            (n, old[n].outcome, new[n].outcome)
            for n in common
            if not _is_listed(n, ignore_outcomes)
        ),
        ignored_outcomes=_changes(
            (n, old[n].outcome, new[n].outcome) for n in common if _is_listed(n, ignore_outcomes)
        ),
        changed_markers=_changes(
            (n, _without(old[n].markers, unmarked), _without(new[n].markers, unmarked))
            for n in common
        ),
        changed_closures=_changes(
            (n, _without(old[n].fixtures, ignored), _without(new[n].fixtures, ignored))
            for n in common
            if closures
        ),
        changed_collection_errors=_error_changes(before.errors_by_id, after.errors_by_id),
    )


def _changes(triples: Iterable[tuple[str, T, T]]) -> tuple[Change[T], ...]:
    return tuple(Change(nodeid, a, b) for nodeid, a, b in triples if a != b)


def _error_changes(old: dict[str, str], new: dict[str, str]) -> tuple[Change[str | None], ...]:
    nodeids = list(old) + [nodeid for nodeid in new if nodeid not in old]
    return _changes((n, old.get(n), new.get(n)) for n in nodeids)


def _without(names: tuple[str, ...], ignored: frozenset[str]) -> tuple[str, ...]:
    return tuple(name for name in names if name not in ignored)


def _is_listed(nodeid: str, listed: Collection[str]) -> bool:
    return nodeid in listed or nodeid.split("[", 1)[0] in listed


def _arrow(change: Change[str | None]) -> str:
    return f"{change.nodeid}: {_show(change.before)} -> {_show(change.after)}"


def _show(value: str | None) -> str:
    return "(none)" if value is None else value


def _set_change(change: Change[tuple[str, ...]]) -> str:
    """``nodeid: -removed +added``, as multisets so a duplicated marker is visible."""
    removed = Counter(change.before) - Counter(change.after)
    added = Counter(change.after) - Counter(change.before)
    parts = [f"-{name}" for name in sorted(removed.elements())]
    parts += [f"+{name}" for name in sorted(added.elements())]
    return f"{change.nodeid}: {' '.join(parts)}"


def _counts_text(suite: SuiteResult) -> str:
    counts = suite.outcome_counts()
    if suite.collect_only or not counts:
        return "collected only" if suite.collect_only else "no outcomes"
    return " ".join(f"{count} {name}" for name, count in counts.items())
