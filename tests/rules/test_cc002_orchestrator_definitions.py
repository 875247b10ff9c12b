"""CC002: definitions written by hand into the generated orchestrator."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found


def test_generated_orchestrator_is_clean(split_project: Path) -> None:
    assert found(split_project, "CC002") == []


def test_fixture_added_to_the_orchestrator_is_reported(split_project: Path) -> None:
    orchestrator = split_project / "tests" / "conftest.py"
    text = orchestrator.read_text()
    orchestrator.write_text(text + "\n\n@pytest.fixture\ndef extra():\n    return 1\n")
    line = len(text.splitlines()) + 3
    assert found(split_project, "CC002") == [("tests/conftest.py", line, "CC002")]
