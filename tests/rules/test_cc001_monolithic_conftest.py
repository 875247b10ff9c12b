"""CC001: a hand-written conftest over the size threshold points at `migrate`."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found, write_tree

FIXTURE = "@pytest.fixture\ndef f{n}():\n    return {n}\n\n\n"


def test_small_conftest_is_clean(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": "import pytest\n\n\n" + FIXTURE.format(n=1)})
    assert found(tmp_path, "CC001") == []


def test_too_many_fixtures_is_reported(tmp_path: Path) -> None:
    body = "".join(FIXTURE.format(n=n) for n in range(30))
    write_tree(tmp_path, {"tests/conftest.py": "import pytest\n\n\n" + body})
    assert found(tmp_path, "CC001") == [("tests/conftest.py", 1, "CC001")]


def test_thresholds_come_from_the_configuration(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": "[tool.conftest-codemods]\nmax-lines = 5\n",
            "tests/conftest.py": "import pytest\n\n\n" + FIXTURE.format(n=1),
        },
    )
    assert found(tmp_path, "CC001") == [("tests/conftest.py", 1, "CC001")]
