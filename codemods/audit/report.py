"""``audit``: every module-level import of a conftest with its measured cost, who uses it and
what ``lazy`` would do with it, plus what makes collection itself slow or fragile.

Costs are measured, not guessed (``codemods.plan.import_cost``); the action column is the very
decision ``lazy`` takes, so the audit explains a ``lazy`` run before it happens. Import-time
service connections and pytest-config risks come from the lint rules (CC008, CC010, CC011)
plus a check of ``python_files``, so ``check`` and ``audit`` never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from codemods.analysis.external_uses import scan_external_uses
from codemods.analysis.imports import ImportBinding, ImportsAnalysis, UseKind, analyse_imports
from codemods.config import load_settings
from codemods.generated import LEGACY_FILES, RUNTIME_FILE, is_orchestrator
from codemods.io import read_source
from codemods.lazy import judge_imports
from codemods.lint.selection import Choice
from codemods.plan.import_cost import ImportCost
from codemods.plan.lazy_imports import LazyOptions, Strategy, decide
from codemods.pytest_config import find_pytest_config

RISK_CODES = ("CC008", "CC010", "CC011")
"""Import-time connections, session-scoped asyncio loop, missing ``testpaths``."""
_SKIPPED_MODULES = frozenset(name.removesuffix(".py") for name in {*LEGACY_FILES, RUNTIME_FILE})


@dataclass(frozen=True)
class ImportRow:
    file: str
    line: int
    statement: str
    module: str
    self_ms: float
    cumulative_ms: float
    rss_mb: float
    measured: str
    """Empty when measured, else why not."""
    used_by: list[str]
    placement: str
    action: str
    reason: str


@dataclass(frozen=True)
class AuditReport:
    imports: list[ImportRow]
    risks: list[str]
    files: list[str]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    def table(self) -> str:
        """A plain-text table, costliest import first, then the risks."""
        rows = sorted(self.imports, key=lambda row: -row.cumulative_ms)
        header = ("import", "where", "cumul ms", "self ms", "RSS MB", "used by", "action")
        body = [
            (
                row.statement,
                f"{row.file}:{row.line}",
                f"{row.cumulative_ms:.1f}" if not row.measured else "-",
                f"{row.self_ms:.1f}" if not row.measured else "-",
                f"{row.rss_mb:.1f}" if not row.measured else "-",
                _shorten(row.used_by),
                row.action,
            )
            for row in rows
        ]
        widths = [max(len(str(line[i])) for line in [header, *body]) for i in range(len(header))]
        lines = [
            "  ".join(str(cell).ljust(w) for cell, w in zip(line, widths, strict=True))
            for line in [header, *body]
        ]
        lines.append("")
        for row in rows:
            if row.action == "keep eager":
                lines.append(f"{row.file}:{row.line}: {row.statement}: {row.action}: {row.reason}")
            if row.measured:
                lines.append(
                    f"{row.file}:{row.line}: {row.statement}: not measured: {row.measured}"
                )
        if self.risks:
            lines += ["", "collection risks:", *(f"  {risk}" for risk in self.risks)]
        lines += self.notes
        return "\n".join(lines).rstrip() + "\n"


def audit(
    path: Path,
    *,
    config: Path | None = None,
    python: str | None = None,
    threshold_ms: float | None = None,
    threshold_mb: float | None = None,
) -> AuditReport:
    """Audit the conftest at ``path`` (and its layer modules when it is an orchestrator)."""
    source = read_source(path)
    files = _files(path, source.text)
    settings = load_settings(path.parent, config)
    parsed = {file: _parse(file) for file in files}
    judge = judge_imports(
        [binding for analysis in parsed.values() for binding in analysis.bindings],
        path,
        settings,
        config=config,
        threshold_ms=threshold_ms,
        threshold_mb=threshold_mb,
        python=python,
        probe_warnings=True,
    )
    external = scan_external_uses(path, frozenset(f"{name}.py" for name in _SKIPPED_MODULES))
    options = judge.informed(
        LazyOptions(
            external_names=external.names, effect_imports=frozenset(settings.effect_imports)
        )
    )
    rows: list[ImportRow] = []
    for file, analysis in parsed.items():
        decisions = {
            (d.binding.statement, d.binding.alias): d
            for d in decide(analysis, judge.heavy, judge.available, options)
        }
        for binding in analysis.bindings:
            decision = decisions.get((binding.statement, binding.alias))
            cost = judge.costs.get(binding.module, ImportCost(binding.module, 0, 0, 0, "relative"))
            action, reason = (
                (_action(decision.strategy), decision.reason) if decision else ("light: leave", "")
            )
            rows.append(_row(file, path, binding, cost, action, reason))
    risks = _risks(files, path, config)
    return AuditReport(rows, risks, [_display(f, path) for f in files])


def _files(path: Path, text: str) -> list[Path]:
    """The conftest, plus the layer modules beside it when it is a generated orchestrator."""
    if not is_orchestrator(text):
        return [path]
    layers = sorted(p for p in path.parent.glob("conftest_*.py") if p.stem not in _SKIPPED_MODULES)
    return [path, *layers]


def _parse(file: Path) -> ImportsAnalysis:
    source = read_source(file)  # raises InputError on a syntax error
    return analyse_imports(source.tree, source.text)


def _row(
    file: Path,
    conftest: Path,
    binding: ImportBinding,
    cost: ImportCost,
    action: str,
    reason: str,
) -> ImportRow:
    users = sorted({use.function_name for use in binding.uses if use.function_name})
    if any(use.kind is UseKind.MODULE_LEVEL for use in binding.uses):
        users.append("<module level>")
    statement = (
        f"import {binding.module}" + (f" as {binding.name}" if binding.has_alias else "")
        if binding.imported is None
        else f"from {binding.module} import {binding.imported}"
        + (f" as {binding.name}" if binding.has_alias else "")
    )
    return ImportRow(
        _display(file, conftest),
        binding.line,
        statement,
        binding.module,
        round(cost.self_ms, 2),
        round(cost.cumulative_ms, 2),
        round(cost.rss_mb, 2),
        cost.error,
        users,
        binding.placement(),
        action,
        reason,
    )


def _action(strategy: Strategy) -> str:
    return {
        Strategy.MOVE_INTO_FUNCTIONS: "lazy: move into functions",
        Strategy.LAZY_PROXY: "lazy: module proxy",
        Strategy.TYPE_CHECKING: "lazy: TYPE_CHECKING",
        Strategy.LAZY_SYNTAX: "lazy: PEP 810",
        Strategy.LAZY_MODULES: "lazy: __lazy_modules__",
        Strategy.KEEP: "keep eager",
    }[strategy]


def _risks(files: Sequence[Path], conftest: Path, config: Path | None) -> list[str]:
    from codemods.lint import lint  # the lint engine imports every rule: only when auditing

    result = lint(list(files), config=config, choice=Choice(select=RISK_CODES))
    risks = [
        f"{_display(f.path, conftest)}:{f.line}: {f.code} {f.message}" for f in result.findings
    ]
    pytest_config = find_pytest_config(conftest.parent.resolve())
    if pytest_config is not None:
        broad = [p for p in pytest_config.values("python_files") if p in ("*.py", "*", "*_*.py")]
        if broad:
            risks.append(
                f"{pytest_config.path}:{pytest_config.line_of('python_files')}: python_files = "
                f"{broad[0]!r} makes pytest import every Python file under testpaths as a test "
                "module (use test_*.py)"
            )
    return risks


def _display(path: Path, conftest: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _shorten(names: Sequence[str], limit: int = 3) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" (+{len(names) - limit})" if len(names) > limit else "") or "-"
