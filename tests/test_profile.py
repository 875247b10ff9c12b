"""``profile --write`` on a migrated project: only ``impact=`` arguments change, once.

A fixture made by assignment (``table = pytest.fixture(_make_table)``) is measured through the
function it wraps and gets its impact rewritten in place like a decorated one.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from codemods import api, profiling
from codemods.io import write_atomically

CONFTEST = '''\
import pytest


@pytest.fixture
def big_buffer():
    """Holds 30 MB for the duration of a test."""
    data = bytearray(30 * 1024 * 1024)
    yield data
    del data


@pytest.fixture(scope="session")
def small():
    return [1, 2, 3]


def _make_table():
    """A 20 MB table built without a decorator."""
    return bytearray(20 * 1024 * 1024)


table = pytest.fixture(_make_table)
'''


def test_profile_write_changes_only_impacts_and_is_idempotent(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    (tests / "test_it.py").write_text(
        "def test_big(big_buffer, small, table):\n    assert len(big_buffer) > len(table)\n",
        encoding="utf-8",
    )
    (tests / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    api.migrate(tests / "conftest.py").write()
    base = tests / "conftest_base.py"
    before = base.read_text(encoding="utf-8")
    assert '@memory_profile("Holds 30 MB for the duration of a test.", "MINIMAL")' in before
    wrapped = 'memory_profile("A 20 MB table built without a decorator.", '
    assert wrapped + '"MINIMAL")(_make_table)' in before

    measured = profiling.measure(tmp_path, ["-p", "no:hypothesispytest"])
    levels = {row.fixture: row.measured for row in measured}
    assert levels["big_buffer"] == "MEDIUM"  # 30 MB: between 10 and 50 MB
    assert levels["table"] == "MEDIUM"
    changes = profiling.impact_changes(tmp_path, measured)
    write_atomically({change.path: change.data for change in changes})

    after = base.read_text(encoding="utf-8")
    assert '@memory_profile("Holds 30 MB for the duration of a test.", "MEDIUM")' in after
    assert wrapped + '"MEDIUM")(_make_table)' in after
    strip = re.compile(r'"(MINIMAL|LOW|MEDIUM|HIGH|VERY_HIGH)"\)')
    assert strip.sub(")", after) == strip.sub(")", before)  # nothing but the levels changed
    again = profiling.impact_changes(tmp_path, profiling.measure(tmp_path, []))
    assert again == []


PARAMETRIZED = '''\
import pytest


@pytest.fixture(params=[0, 30], ids=["empty", "thirty"])
def buffer(request):
    """Holds N MB for the duration of a test."""
    data = bytearray(request.param * 1024 * 1024)
    yield data
    del data
'''


def test_profile_lists_params_and_loads_the_plugin_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With entry points off the interpreter has no plugin: ``profile`` brings it along."""
    tests = tmp_path / "tests"
    tests.mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    (tests / "test_it.py").write_text(
        "def test_it(buffer):\n    assert buffer is not None\n", encoding="utf-8"
    )
    (tests / "conftest.py").write_text(PARAMETRIZED, encoding="utf-8")
    api.migrate(tests / "conftest.py").write()
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")

    completed = subprocess.run(
        [sys.executable, "-m", "codemods", "profile", "--write"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {line.split()[0]: line.split()[1:3] for line in completed.stdout.splitlines()[1:]}
    assert rows == {
        "buffer[thirty]": ["MINIMAL", "MEDIUM"],
        "buffer[empty]": ["MINIMAL", "MINIMAL"],
    }
    base = (tests / "conftest_base.py").read_text(encoding="utf-8")
    assert '@memory_profile("Holds N MB for the duration of a test.", "MEDIUM")' in base


def test_profile_needs_no_support_module_in_the_tree(tmp_path: Path) -> None:
    """Fixtures decorated with the plugin's own ``memory_profile``: nothing vendored at all."""
    (tmp_path / "conftest.py").write_text(
        "import pytest\n"
        "from codemods.runtime.plugin import memory_profile\n\n\n"
        "@pytest.fixture\n"
        '@memory_profile("Twelve MiB.", "LOW")\n'
        "def twelve():\n"
        "    return bytearray(12 * 1024 * 1024)\n",
        encoding="utf-8",
    )
    (tmp_path / "test_it.py").write_text("def test_it(twelve):\n    assert twelve\n", "utf-8")
    (row,) = profiling.measure(tmp_path, ["-p", "no:hypothesispytest"])
    assert (row.label, row.declared, row.measured) == ("twelve", "LOW", "MEDIUM")
