"""CC006: fixtures that request each other in a cycle."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found, write_tree

CYCLE = """\
import pytest


@pytest.fixture
def a(b):
    return b


@pytest.fixture
def b(a):
    return a


@pytest.fixture
def tmp_path(tmp_path):
    return tmp_path
"""


def test_override_requesting_its_own_name_is_not_a_cycle(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": CYCLE.replace("def b(a)", "def b()")})
    assert found(tmp_path, "CC006") == []


def test_mutual_requests_are_reported_on_each_fixture(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": CYCLE})
    assert found(tmp_path, "CC006") == [
        ("tests/conftest.py", 4, "CC006"),
        ("tests/conftest.py", 9, "CC006"),
    ]
