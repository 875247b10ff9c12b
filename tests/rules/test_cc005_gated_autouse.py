"""CC005: an autouse fixture in a gated layer does not run by default."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found


def test_autouse_in_base_is_fine(split_project: Path) -> None:
    base = split_project / "tests" / "conftest_base.py"
    base.write_text(
        base.read_text().replace("@pytest.fixture\n", "@pytest.fixture(autouse=True)\n")
    )
    assert found(split_project, "CC005") == []


def test_autouse_in_services_is_reported(split_project: Path) -> None:
    services = split_project / "tests" / "conftest_services.py"
    text = services.read_text()
    services.write_text(text.replace("@pytest.fixture\n", "@pytest.fixture(autouse=True)\n"))
    line = text.splitlines().index("@pytest.fixture") + 1
    assert found(split_project, "CC005") == [("tests/conftest_services.py", line, "CC005")]
