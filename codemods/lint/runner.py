"""Check (and fix) the conftest modules of one directory; the unit of parallel work.

A worker process gets a ``GroupJob`` and returns a ``GroupOutcome`` of plain data, so results
travel back cheaply and errors arrive as messages instead of unpicklable exceptions.
Within a directory, layer modules are fixed before the orchestrator that is generated from them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from codemods.config import Settings
from codemods.errors import ConftestCodemodsError
from codemods.io import FileChange, encode_text, lf_newlines
from codemods.lint.selection import per_file_ignored
from codemods.rule_base.context import (
    FileContext,
    FileRole,
    GroupContext,
    context_for,
    load_group,
)
from codemods.rule_base.rule import Finding, Rule
from codemods.rule_base.suppression import Suppressions, read_suppressions
from codemods.rules import RULES
from codemods.rules.unused_suppression import UnusedSuppression

MAX_FIX_PASSES = 10
"""A fix that keeps changing the file after this many passes is a bug; stop rather than loop."""
_FIX_ORDER = {
    FileRole.LAYER: 0,
    FileRole.RUNTIME: 1,
    FileRole.SUPPORT: 2,
    FileRole.CONFTEST: 3,
    FileRole.ORCHESTRATOR: 4,
}


@dataclass(frozen=True)
class GroupJob:
    directory: Path
    paths: tuple[Path, ...]
    """The files to report on (their siblings are read for context only)."""
    settings: Settings
    settings_root: Path | None
    """The directory of the ``pyproject.toml`` the settings came from (for per-file globs)."""
    enabled: frozenset[str]
    fix: bool = False
    unsafe_fixes: bool = False


@dataclass(frozen=True)
class FileFix(FileChange):
    """One file ``fix`` rewrote or created, with how many fixes of each code it got."""

    codes: dict[str, int] = field(default_factory=dict)
    """Empty for a companion file (written because a fixed file needs it)."""


@dataclass(frozen=True)
class GroupOutcome:
    findings: tuple[Finding, ...] = ()
    fixes: tuple[FileFix, ...] = ()
    errors: tuple[str, ...] = ()


def run_group(job: GroupJob) -> GroupOutcome:
    """Findings left in ``job.paths`` (after fixing them, if asked)."""
    try:
        group = load_group(job.directory, job.settings)
        contexts = _in_fix_order(group, job.paths)
    except ConftestCodemodsError as error:
        return GroupOutcome(errors=(str(error),))
    findings: list[Finding] = []
    fixes: list[FileFix] = []
    errors: list[str] = []
    for context in contexts:
        rules = _rules_for(job, context.path)
        try:
            if job.fix:
                context, changed = _fix_file(context, rules, job.unsafe_fixes)
                _add_fixes(fixes, changed)
            findings.extend(_check_file(context, rules))
        except ConftestCodemodsError as error:
            errors.append(str(error))
    return GroupOutcome(tuple(findings), tuple(fixes), tuple(errors))


def fix_files(group: GroupContext, paths: Sequence[Path], rules: Sequence[Rule]) -> list[FileFix]:
    """Apply the safe fixes of ``rules`` to ``paths`` of ``group``, which then holds the fixed
    files: how ``migrate`` runs its fixers over the files it is about to write (laid over the
    disk as the group's overlay). Raises ``ConftestCodemodsError`` on a fix it cannot make."""
    fixes: list[FileFix] = []
    for context in _in_fix_order(group, paths):
        _add_fixes(fixes, _fix_file(context, rules, unsafe=False)[1])
    return fixes


def _in_fix_order(group: GroupContext, paths: Sequence[Path]) -> list[FileContext]:
    """Layer modules before the orchestrator that is generated from them."""
    return sorted((context_for(path, group) for path in paths), key=lambda c: _FIX_ORDER[c.role])


def _add_fixes(fixes: list[FileFix], changed: Sequence[FileFix]) -> None:
    """Add ``changed`` to ``fixes``; a companion several files need is written once."""
    written = {fix.path for fix in fixes}
    fixes.extend(fix for fix in changed if fix.path not in written)


def _rules_for(job: GroupJob, path: Path) -> list[Rule]:
    codes = [rule.code for rule in RULES]
    ignored = per_file_ignored(job.settings, path, job.settings_root, codes)
    return [rule for rule in RULES if rule.code in job.enabled and rule.code not in ignored]


def _check_file(context: FileContext, rules: Sequence[Rule]) -> list[Finding]:
    """The findings no comment hides, each with its end; CC017 last, told what was hidden."""
    suppressions = _suppressions(context)
    findings: list[Finding] = []
    hidden: set[tuple[int, str]] = set()
    for rule in rules:
        for finding in rule.check(context):
            covering = suppressions.hiding(finding) if finding.path == context.path else set()
            hidden |= covering
            if not covering:
                findings.append(finding)
    ran = {rule.code for rule in rules}
    for rule in rules:
        if isinstance(rule, UnusedSuppression):
            findings.extend(rule.unused(context, suppressions, hidden, ran))
    return _with_ends(findings, context)


def _with_ends(findings: list[Finding], context: FileContext) -> list[Finding]:
    """A finding in the checked file without an end ends with its line."""
    if not findings:
        return findings
    lines = context.source.text.splitlines()
    return [
        replace(finding, end_line=finding.line, end_col=len(lines[finding.line - 1]) + 1)
        if finding.end_line is None
        and finding.path == context.path
        and 0 < finding.line <= len(lines)
        else finding
        for finding in findings
    ]


def _suppressions(context: FileContext) -> Suppressions:
    return read_suppressions(context.source.text, lambda: [unit.line for unit in context.units])


def _fix_file(
    context: FileContext, rules: Sequence[Rule], unsafe: bool
) -> tuple[FileContext, list[FileFix]]:
    """Apply every available fix until the file stops changing; the file's own ``FileFix``
    comes first, then the companion files the applied fixes need."""
    original = context.source
    applied: Counter[str] = Counter()
    asked: set[str] = set()
    """Rules with a fix for the file, even one that leaves it as it is (a companion may not be)."""
    fixers = [rule for rule in rules if rule.fixable and (unsafe or not rule.unsafe_fix)]
    for _ in range(MAX_FIX_PASSES):
        changed = False
        for rule in fixers:
            suppressions = _suppressions(context)
            fixable = [
                finding
                for finding in rule.check(context)
                if finding.fixable
                and finding.path == context.path
                and not suppressions.hides(finding)
            ]
            new = rule.fix(context, fixable) if fixable else None
            if new is not None:
                asked.add(rule.code)
            if new is not None and lf_newlines(new) != lf_newlines(context.source.text):
                context = context.group.reload(context.path, new)
                applied[rule.code] += len(fixable)
                changed = True
        if not changed:
            break
    new_text = context.source.text
    data = encode_text(new_text, original)
    changes = (
        [FileFix(context.path, original.text, new_text, data, dict(applied))] if applied else []
    )
    for rule in fixers:
        if rule.code in asked:
            for path, text in rule.companions(context).items():
                old = context.group.current_text(path)
                if old is None or lf_newlines(old) != lf_newlines(text):
                    changes.append(FileFix(path, old, text, encode_text(text, original)))
                    context.group.overlay[path] = text
    return context, changes
