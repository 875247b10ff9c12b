"""CC003: a lower layer needs a fixture or module of a gated one."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found

NEEDS_DB = "\n\n@pytest.fixture\ndef report(db_conn):\n    return db_conn\n"


def test_split_layers_are_clean(split_project: Path) -> None:
    assert found(split_project, "CC003") == []


def test_base_fixture_requesting_a_services_fixture_is_reported(split_project: Path) -> None:
    base = split_project / "tests" / "conftest_base.py"
    text = base.read_text()
    base.write_text(text + NEEDS_DB)
    line = len(text.splitlines()) + 3
    assert found(split_project, "CC003") == [("tests/conftest_base.py", line, "CC003")]


def test_services_fixture_requesting_a_base_fixture_is_fine(split_project: Path) -> None:
    services = split_project / "tests" / "conftest_services.py"
    services.write_text(services.read_text() + NEEDS_DB.replace("db_conn", "settings"))
    assert found(split_project, "CC003") == []


def test_import_from_a_higher_layer_is_reported(split_project: Path) -> None:
    mocks = split_project / "tests" / "conftest_mocks.py"
    mocks.write_text("from conftest_services import db_conn\n" + mocks.read_text())
    assert found(split_project, "CC003") == [("tests/conftest_mocks.py", 1, "CC003")]
