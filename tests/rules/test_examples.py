"""Every rule's ``VALID``/``INVALID`` samples, run through the real ``check``/``fix`` engine.

Each sample is written to disk and linted with only its rule selected, as ``conftest-codemods
check --select CODE`` would: a valid sample yields no finding of the rule, an invalid one at
least one; a fixable invalid sample is fixed and must become exactly its ``fixed`` text (every
file the fix writes, nothing else), and fixing it again changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods.config import load_settings
from codemods.generated import runtime_text
from codemods.lint import LintResult, lint
from codemods.lint.selection import Choice
from codemods.rule_base.context import load_group
from codemods.rule_base.examples import ORCHESTRATOR, RUNTIME, Code, Invalid, Valid, as_tree
from codemods.rule_base.rule import Rule
from codemods.rules import RULES
from tests.treeutil import snapshot

VALID = [
    pytest.param(rule, sample, id=f"{rule.code}-valid-{number}")
    for rule in RULES
    for number, sample in enumerate(rule.VALID, 1)
]
INVALID = [
    pytest.param(rule, sample, id=f"{rule.code}-invalid-{number}")
    for rule in RULES
    for number, sample in enumerate(rule.INVALID, 1)
]


def write_sample(root: Path, code: Code) -> Path:
    """Write ``code`` under ``root``, then the stand-ins it holds as the files they stand for."""
    tree = as_tree(code)
    for name, text in tree.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name, text in expand(root, tree).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def expand(root: Path, tree: dict[str, str]) -> dict[str, str]:
    """``tree`` with each stand-in replaced by what this version generates for the tree on
    disk at ``root``: the runtime, or the orchestrator of the layer modules beside it."""
    expanded = {}
    for name, text in tree.items():
        directory = (root / name).parent
        if RUNTIME in text:
            text = text.replace(RUNTIME, runtime_text(directory))
        if ORCHESTRATOR in text:
            group = load_group(directory, load_settings(directory))
            text = text.replace(ORCHESTRATOR, group.expected_orchestrator)
        expanded[name] = text
    return expanded


def run(root: Path, rule: Rule, *, fix: bool = False) -> LintResult:
    return lint([root], choice=Choice(select=(rule.code,)), fix=fix, unsafe_fixes=rule.unsafe_fix)


def test_every_rule_has_samples_and_a_fixable_rule_shows_its_fix_first() -> None:
    """The docs show the first invalid sample: for a fixable rule, what ``fix`` makes of it."""
    missing = [rule.code for rule in RULES if not rule.VALID or not rule.INVALID]
    assert missing == []
    wrong = [rule.code for rule in RULES if rule.fixable != (rule.INVALID[0].fixed is not None)]
    assert wrong == []


@pytest.mark.parametrize(("rule", "sample"), VALID)
def test_valid_sample_is_not_reported(rule: Rule, sample: Valid, tmp_path: Path) -> None:
    root = write_sample(tmp_path, sample.code)
    result = run(root, rule)
    assert result.errors == ()
    assert [finding for finding in result.findings if finding.code == rule.code] == []


@pytest.mark.parametrize(("rule", "sample"), INVALID)
def test_invalid_sample_is_reported_and_fixed_as_documented(
    rule: Rule, sample: Invalid, tmp_path: Path
) -> None:
    root = write_sample(tmp_path, sample.code)
    result = run(root, rule)
    assert result.errors == ()
    findings = [finding for finding in result.findings if finding.code == rule.code]
    assert findings, f"{rule.code} reports nothing in its invalid sample"
    assert any(finding.fixable for finding in findings) == (sample.fixed is not None)
    if sample.fixed is None:
        return
    before = snapshot(root)
    run(root, rule, fix=True).write()
    after = snapshot(root)
    written = {name: data.decode() for name, data in after.items() if before.get(name) != data}
    assert written == expand(root, as_tree(sample.fixed))
    assert run(root, rule, fix=True).fixes == ()
