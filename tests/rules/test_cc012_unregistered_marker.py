"""CC012: markers used in conftests or tests but never registered."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found, write_tree

CONFTEST = """\
import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "network: needs the network")


@pytest.fixture(params=[pytest.param(1, marks=pytest.mark.slow)])
def number(request):
    return request.param
"""
TESTS = """\
import pytest


@pytest.mark.network
@pytest.mark.parametrize("x", [1])
def test_a(x):
    pass


@pytest.mark.intgration
def test_b():
    pass
"""


def test_registered_builtin_and_configured_markers_are_fine(tmp_path: Path) -> None:
    tests = TESTS.replace("intgration", "slow")
    write_tree(tmp_path, {"tests/conftest.py": CONFTEST, "tests/test_a.py": tests})
    assert found(tmp_path, "CC012") == []


def test_typo_in_a_test_module_is_reported(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": CONFTEST, "tests/unit/test_a.py": TESTS})
    assert found(tmp_path, "CC012") == [("tests/unit/test_a.py", 10, "CC012")]


def test_markers_registered_in_a_loop_are_registered(tmp_path: Path) -> None:
    conftest = """\
    def pytest_configure(config):
        for key, value in [
            ("markers", "backend: tests of one backend"),
            ("markers", "network(host): needs the network"),
        ]:
            config.addinivalue_line(key, value)
    """
    tests = TESTS.replace(
        "@pytest.mark.parametrize", "@pytest.mark.backend\n@pytest.mark.parametrize"
    )
    write_tree(tmp_path, {"tests/conftest.py": conftest, "tests/test_a.py": tests})
    assert found(tmp_path, "CC012") == [("tests/test_a.py", 11, "CC012")]  # only the typo
