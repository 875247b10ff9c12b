"""The measured figures as the terminal table, the ``[MEMORY]`` lines and the JSON report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from codemods import __version__
from codemods.runtime.impact import IMPACT_UPPER_BOUNDS_MB, Impact, impact_for_mb
from codemods.runtime.memory import MB, peak_rss_bytes
from codemods.runtime.records import FixtureRecord, rounded

if TYPE_CHECKING:
    from codemods.runtime.controller import Controller

__all__ = ["fixture_rows", "json_report", "module_rows", "summary_lines"]


def fixture_rows(records: list[FixtureRecord]) -> list[dict[str, Any]]:
    """One row per fixture and param, the worst call's figures, worst first."""
    groups: dict[tuple[str, str | None, str], list[FixtureRecord]] = {}
    for record in records:
        key = (record.fixture, record.param_id, record.function)
        groups.setdefault(key, []).append(record)
    rows = [_row(group) for group in groups.values()]
    rows.sort(key=lambda row: (-row["peak_mb"], -row["setup_ms"], row["fixture"]))
    return rows


def module_rows(controller: Controller) -> list[dict[str, Any]]:
    """RSS over each test module, with the fixtures that grew it most."""
    rows = []
    for module in controller.modules:
        worst: dict[str, float] = {}
        for r in controller.records:
            if r.test_module == module.name and r.setup is not None:
                worst[r.fixture] = max(worst.get(r.fixture, r.setup.growth_mb), r.setup.growth_mb)
        heaviest = sorted(((mb, name) for name, mb in worst.items()), reverse=True)
        growth = (module.peak_rss - module.start_rss) / MB
        rows.append(
            {
                "module": module.name,
                "start_rss_mb": rounded(module.start_rss / MB),
                "peak_rss_mb": rounded(module.peak_rss / MB),
                "end_rss_mb": rounded(module.end_rss / MB),
                "growth_mb": rounded(growth),
                "retained_mb": rounded((module.end_rss - module.start_rss) / MB),
                "over_threshold": growth >= controller.settings.module_threshold_mb,
                "heaviest_fixtures": [
                    {"fixture": name, "growth_mb": mb} for mb, name in heaviest[:3] if mb >= 0.01
                ],
            }
        )
    return rows


def json_report(controller: Controller) -> dict[str, Any]:
    """Everything measured, as the JSON ``--memory-report`` writes."""
    return {
        "plugin_version": __version__,
        "backend": controller.backend,
        "notices": list(controller.notices),
        "impact_upper_bounds_mb": {level.value: mb for level, mb in IMPACT_UPPER_BOUNDS_MB},
        "collection": dict(controller.collection),
        "final": {
            "rss_mb": rounded(controller.rss_bytes() / MB),
            "peak_rss_mb": rounded(peak_rss_bytes() / MB),
        },
        "fixtures": fixture_rows(controller.records),
        "modules": module_rows(controller),
        "records": [record.as_dict() for record in controller.records],
        "snapshots": list(controller.snapshots),
        "limit_failures": list(controller.limit_failures),
        "gc_between_modules": {
            "enabled": controller.settings.gc_between_modules,
            "runs": controller.gc_runs,
        },
    }


def summary_lines(controller: Controller) -> list[str]:
    """The table and ``[MEMORY]`` lines under the terminal summary's header."""
    rows = fixture_rows(controller.records)
    lines = []
    if controller.collection:
        lines.append(
            f"[MEMORY] after collection: RSS {controller.collection['rss_mb']:.1f} MB "
            f"(peak {controller.collection['peak_rss_mb']:.1f} MB, "
            f"{controller.collection['items']} tests)"
        )
    lines.extend(_table(rows[: controller.settings.top]))
    if len(rows) > controller.settings.top:
        lines.append(f"... {len(rows) - controller.settings.top} more rows in --memory-report")
    if any(row["measured"] != row["declared"] for row in rows):
        lines.append(
            "+/-: measured level above/below the declared impact "
            "(`conftest-codemods profile --write` updates impact=)"
        )
    for module in module_rows(controller):
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
        f"[MEMORY] final RSS {controller.rss_bytes() / MB:.1f} MB, "
        f"peak {peak_rss_bytes() / MB:.1f} MB"
    )
    return lines


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
        "setup_ms": rounded(sum(r.setup.duration_ms for r in measured if r.setup)),
        "teardown_ms": rounded(sum(r.teardown.duration_ms for r in records if r.teardown)),
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
