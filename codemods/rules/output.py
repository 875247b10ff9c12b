"""How ``check`` prints its findings: text (ruff style), json, GitHub annotations, SARIF 2.1.0."""

from __future__ import annotations

import enum
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from codemods import __version__
from codemods.diffs import display_path
from codemods.rules import BY_CODE, RULES
from codemods.rules.base import Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


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


def _as_json(finding: Finding, base: Path) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": BY_CODE[finding.code].name,
        "message": finding.message,
        "path": display_path(finding.path, base),
        "line": finding.line,
        "col": finding.col,
        "fixable": finding.fixable,
    }


def _annotation(finding: Finding, base: Path) -> str:
    message = finding.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    title = f"{finding.code} {BY_CODE[finding.code].name}"
    return (
        f"::error file={display_path(finding.path, base)},line={finding.line},col={finding.col},"
        f"title={title}::{message}"
    )


def sarif(findings: Sequence[Finding], base: Path) -> dict[str, Any]:
    """A SARIF 2.1.0 log: every rule's metadata, then one result per finding."""
    index = {rule.code: position for position, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.why},
            "help": {"text": rule.why},
            "defaultConfiguration": {"enabled": rule.default, "level": "error"},
            "properties": {"fixable": rule.fixable},
        }
        for rule in RULES
    ]
    results = [
        {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": "error",
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": display_path(finding.path, base)},
                        "region": {"startLine": finding.line, "startColumn": finding.col},
                    }
                }
            ],
            "properties": {"fixable": finding.fixable},
        }
        for finding in findings
    ]
    driver = {
        "name": "conftest-codemods",
        "version": __version__,
        "informationUri": "https://pypi.org/project/conftest-codemods/",
        "rules": rules,
    }
    return {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


class OutputFormat(str, enum.Enum):
    """The ``--output-format`` choices."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
