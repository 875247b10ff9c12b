"""CC004: the orchestrator's map no longer matches the layer modules; `fix` regenerates it."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found, run
from tests.treeutil import snapshot


def test_freshly_generated_orchestrator_is_clean(split_project: Path) -> None:
    assert found(split_project, "CC004") == []


def test_renamed_gated_fixture_makes_the_map_stale_and_fix_regenerates(
    split_project: Path,
) -> None:
    services = split_project / "tests" / "conftest_services.py"
    services.write_text(services.read_text().replace("def db_conn(", "def database("))
    [finding] = run(split_project, "CC004").findings
    assert finding.fixable

    fixed = run(split_project, "CC004", fix=True)
    fixed.write()
    assert fixed.findings == ()
    orchestrator = (split_project / "tests" / "conftest.py").read_text()
    assert '"database": "conftest_services"' in orchestrator
    assert '"db_conn"' not in orchestrator

    before = snapshot(split_project)
    again = run(split_project, "CC004", fix=True)
    assert again.fixes == ()
    assert snapshot(split_project) == before


def test_hand_written_definitions_block_the_fix(split_project: Path) -> None:
    orchestrator = split_project / "tests" / "conftest.py"
    orchestrator.write_text(orchestrator.read_text() + "\n\ndef helper():\n    return 1\n")
    [finding] = run(split_project, "CC004").findings
    assert not finding.fixable
    assert run(split_project, "CC004", fix=True).fixes == ()


def test_runtime_from_another_version_is_reported_on_the_orchestrator_and_rewritten(
    split_project: Path,
) -> None:
    from codemods.generated import runtime_text

    runtime = split_project / "conftest_codemods_runtime.py"  # migrate wrote it at the root
    assert found(split_project, "CC004") == []
    runtime.write_text(runtime.read_text() + "\n# edited by hand\n")
    assert found(split_project, "CC004") == [("tests/conftest.py", 1, "CC004")]
    run(split_project, "CC004", fix=True).write()
    assert runtime.read_text() == runtime_text(split_project)
    runtime.unlink()
    assert found(split_project, "CC004") == [("tests/conftest.py", 1, "CC004")]
    run(split_project, "CC004", fix=True).write()
    assert runtime.read_text() == runtime_text(split_project)


def test_a_stale_runtime_leaves_the_orchestrator_as_the_formatter_left_it(
    split_project: Path,
) -> None:
    """Only the runtime is stale: the fix brings it and keeps the orchestrator's layout."""
    from codemods.generated import runtime_text

    orchestrator = split_project / "tests" / "conftest.py"
    formatted = orchestrator.read_text().replace('"conftest_services"', "'conftest_services'")
    assert formatted != orchestrator.read_text()
    orchestrator.write_text(formatted)
    (split_project / "conftest_codemods_runtime.py").unlink()
    result = run(split_project, "CC004", fix=True)
    assert [fix.path.name for fix in result.fixes] == ["conftest_codemods_runtime.py"]
    result.write()
    assert orchestrator.read_text() == formatted
    assert (split_project / "conftest_codemods_runtime.py").read_text() == runtime_text(
        split_project
    )


def test_a_runtime_we_did_not_write_is_never_overwritten(split_project: Path) -> None:
    runtime = split_project / "conftest_codemods_runtime.py"
    runtime.write_text("VALUE = 1\n")
    result = run(split_project, "CC004", fix=True)
    assert result.fixes == ()
    assert "conftest_codemods_runtime.py: exists and was not written by" in result.errors[0]
    assert runtime.read_text() == "VALUE = 1\n"


def test_a_nested_orchestrator_without_a_project_root_finds_the_shared_runtime(
    tmp_path: Path,
) -> None:
    """With no root marker, `migrate` puts the runtime beside the topmost conftest and a nested
    orchestrator loads it from there: `check` reads where, and `fix` writes nothing."""
    from codemods.api import migrate
    from codemods.generated import project_root

    fixture = "import pytest\n\n\n@pytest.fixture\ndef {name}():\n    return 1\n"
    nested = tmp_path / "suite" / "sub"
    nested.mkdir(parents=True)
    (nested.parent / "conftest.py").write_text(fixture.format(name="top"))
    (nested / "conftest.py").write_text(fixture.format(name="inner"))
    assert project_root(nested) is None
    migrate(nested.parent).write()
    assert not (nested / "conftest_codemods_runtime.py").exists()
    assert run(nested.parent, "CC004").findings == ()
    assert run(nested.parent, "CC004", fix=True).fixes == ()
