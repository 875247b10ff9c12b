"""How ``check`` prints its findings (text in ruff's style, JSON, GitHub annotations, SARIF
2.1.0) and the metadata ``rules --output-format json`` gives of a rule.

Every format carries the same facts: where a finding starts and ends, its rule and level, a
link to the rule's documentation, and whether and how ``fix`` repairs it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from codemods import __version__
from codemods.diffs import display_path
from codemods.rule_base.rule import Finding, Rule
from codemods.rules import BY_CODE, RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "https://github.com/conftest-codemods/conftest-codemods"
SRCROOT = "%SRCROOT%"
_ANNOTATION_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def rule_url(rule: Rule) -> str:
    """The rule's section of the README (GitHub's anchor for ``### CC003 layer-violation``)."""
    return f"{DOCS}#{rule.code.lower()}-{rule.name}"


def render(findings: Sequence[Finding], fmt: str, base: Path) -> str:
    """``findings`` in ``fmt``; paths relative to ``base``."""
    if fmt == "json":
        return json.dumps([_as_json(f, base) for f in findings], indent=2) + "\n"
    if fmt == "github":
        return "".join(_annotation(f, base) + "\n" for f in findings)
    if fmt == "sarif":
        return json.dumps(sarif(findings, base), indent=2) + "\n"
    return "".join(text_line(f, base) + "\n" for f in findings)


def text_line(finding: Finding, base: Path) -> str:
    mark = " [*]" if finding.fixable else ""
    return (
        f"{display_path(finding.path, base)}:{finding.line}:{finding.col}: "
        f"{finding.code}{mark} {finding.message}"
    )


def summary(findings: Sequence[Finding]) -> str:
    """One line: how many findings in how many files, how many ``fix`` can repair."""
    if not findings:
        return "All checks passed"
    files = len({finding.path for finding in findings})
    fixable = sum(finding.fixable for finding in findings)
    noun = "finding" if len(findings) == 1 else "findings"
    return (
        f"{len(findings)} {noun} in {files} file{'s' if files != 1 else ''}, "
        f"{fixable} fixable with `fix`"
    )


def statistics(findings: Sequence[Finding]) -> str:
    """Per code: count, code, ``[*]`` when any is fixable, and the rule name."""
    counts = Counter(finding.code for finding in findings)
    fixable = {finding.code for finding in findings if finding.fixable}
    return "".join(
        f"{count:>5}  {code}  {'[*]' if code in fixable else '   '}  {BY_CODE[code].name}\n"
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )


def _end(finding: Finding) -> tuple[int, int]:
    return finding.end_line or finding.line, finding.end_col or finding.col


def _fix(finding: Finding, base: Path) -> dict[str, str] | None:
    """How to apply the fix: fixes rewrite whole files (a regenerated orchestrator, deferred
    imports), so the fix is the command that applies exactly this rule to this file."""
    if not finding.fixable:
        return None
    unsafe = BY_CODE[finding.code].unsafe_fix
    option = " --unsafe-fixes" if unsafe else ""
    path = display_path(finding.path, base)
    return {
        "applicability": "unsafe" if unsafe else "safe",
        "command": f"conftest-codemods fix{option} --select {finding.code} {path}",
    }


def _as_json(finding: Finding, base: Path) -> dict[str, Any]:
    rule = BY_CODE[finding.code]
    end_line, end_col = _end(finding)
    return {
        "code": finding.code,
        "name": rule.name,
        "level": rule.level,
        "message": finding.message,
        "path": display_path(finding.path, base),
        "line": finding.line,
        "col": finding.col,
        "end_line": end_line,
        "end_col": end_col,
        "fixable": finding.fixable,
        "fix": _fix(finding, base),
        "url": rule_url(rule),
    }


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding, base: Path) -> str:
    """A workflow command; ``file`` and ``title`` escaped as properties must be."""
    rule = BY_CODE[finding.code]
    end_line, end_col = _end(finding)
    properties = {
        "file": display_path(finding.path, base),
        "line": finding.line,
        "endLine": end_line,
        "col": finding.col,
        "endColumn": end_col,
        "title": f"{finding.code} {rule.name}",
    }
    fields = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{_ANNOTATION_COMMANDS[rule.level]} {fields}::{_escape_data(finding.message)}"


def sarif(findings: Sequence[Finding], base: Path) -> dict[str, Any]:
    """A SARIF 2.1.0 log: every rule's metadata, then one result per finding, its location
    relative to ``%SRCROOT%`` (``base``, the working directory)."""
    index = {rule.code: position for position, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.why},
            "help": {"text": rule.why},
            "helpUri": rule_url(rule),
            "defaultConfiguration": {"enabled": rule.default, "level": rule.level},
            "properties": {"fixable": rule.fixable},
        }
        for rule in RULES
    ]
    results = [_sarif_result(finding, index[finding.code], base) for finding in findings]
    driver = {
        "name": "conftest-codemods",
        "version": __version__,
        "informationUri": DOCS,
        "rules": rules,
    }
    root = base.resolve().as_uri().rstrip("/") + "/"
    return {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {SRCROOT: {"uri": root}},
                "results": results,
            }
        ],
    }


def _sarif_result(finding: Finding, rule_index: int, base: Path) -> dict[str, Any]:
    end_line, end_col = _end(finding)
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": BY_CODE[finding.code].level,
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": quote(display_path(finding.path, base)),
                        "uriBaseId": SRCROOT,
                    },
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.col,
                        "endLine": end_line,
                        "endColumn": end_col,
                    },
                }
            }
        ],
        "properties": {"fixable": finding.fixable},
    }


def rule_data(rule: Rule) -> dict[str, Any]:
    """``rules``/``rule --output-format json``: one rule's metadata."""
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "explanation": "\n\n".join(rule.explanation),
        "why": rule.why,
        "fix": ("unsafe" if rule.unsafe_fix else "safe") if rule.fixable else None,
        "default": rule.default,
        "level": rule.level,
        "url": rule_url(rule),
    }
