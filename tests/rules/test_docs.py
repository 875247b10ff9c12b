"""The rules' documentation is made from each rule's docstring and samples, and the README
holds exactly what ``python -m codemods.lint.docs --write`` makes of them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from codemods.lint import docs
from codemods.rule_base.rule import Rule
from codemods.rules import RULES

MARKDOWN_BLOCK_START = re.compile(r"(\s*[-+*>#]|\s*\d+[.)])(\s|$)")
"""What turns a wrapped prose line into a list item, quote or heading."""


def test_the_readme_rules_section_is_current() -> None:
    current = docs.README.read_text(encoding="utf-8")
    assert docs.refreshed(current) == current, (
        f"README.md's rules section is stale: run `{docs.REFRESH}`"
    )
    assert docs.main([]) == 0


def test_a_stale_readme_fails_naming_the_command_that_refreshes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n{docs.BEGIN}a hand edit\n{docs.END}more\n", encoding="utf-8")
    monkeypatch.setattr(docs, "README", readme)
    assert docs.main([]) == 1
    assert docs.REFRESH in capsys.readouterr().err
    assert docs.main(["--write"]) == 0
    assert docs.main([]) == 0
    assert readme.read_text(encoding="utf-8").endswith(f"{docs.END}more\n")


def test_no_wrapped_line_of_prose_starts_a_markdown_block() -> None:
    prose = re.sub(r"```diff\n.*?```\n", "", docs.readme_rules(), flags=re.DOTALL)
    lines = [line for line in prose.splitlines() if not line.startswith(("|", "### "))]
    assert [line for line in lines if MARKDOWN_BLOCK_START.match(line)] == []


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_a_rule_docstring_names_the_code_then_explains_then_says_how_to_fix(rule: Rule) -> None:
    docstring = sys.modules[type(rule).__module__].__doc__ or ""
    assert docstring.startswith(f"{rule.code}: ")
    assert rule.summary.endswith(".")
    assert rule.why not in (rule.summary, *rule.explanation)
    assert rule.explanation, f"{rule.code}: say why the finding matters"


def test_rule_command_text_ends_with_the_sample_diff_and_the_link() -> None:
    rule = RULES[6]  # CC007: fixable, its sample shows what `fix` writes
    text = docs.explain(rule)
    assert f"What `fix` changes:\n\n{docs.sample_diff(rule)}\nhttps://" in text
    assert "+    import fractions\n" in text
