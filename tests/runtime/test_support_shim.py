"""The ``conftest_support.py`` that ``migrate`` writes: the plugin's decorator when the plugin
is loaded, a checked no-op without it, and the memory options accepted either way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codemods import __version__
from codemods.runtime import support_module_text
from codemods.runtime.options import OPTIONS
from codemods.verify import PytestRunError, run_pytest

CONFTEST = """\
import pytest

import conftest_support
from conftest_support import memory_profile


def pytest_addoption(parser, pluginmanager):
    conftest_support.register(pluginmanager)  # as the orchestrator does


@pytest.fixture
@memory_profile("Holds 20 MiB.", "MEDIUM")
def buffer():
    data = bytearray(20 * 1024 * 1024)
    yield data
    del data
"""
MISSING = (
    "conftest-codemods: memory profiling needs the conftest-codemods pytest plugin: "
    "pip install conftest-codemods"
)
CLEAN = {"PYTEST_MEMORY_PROFILE": None, "PYTEST_MEMORY_REPORT": None}
QUICK = ("-p", "no:hypothesispytest")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "conftest_support.py").write_text(support_module_text(), encoding="utf-8")
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_it.py").write_text(
        "def test_buffer(buffer):\n    assert buffer\n", encoding="utf-8"
    )
    return tmp_path


def test_the_shim_carries_the_package_version() -> None:
    first = support_module_text().splitlines()[0]
    assert (
        first
        == f"# conftest-codemods support module, version {__version__} (generated; do not edit)"
    )


def test_the_shim_offers_the_plugin_options() -> None:
    text = support_module_text()
    for option in OPTIONS:
        assert f'("{option.flag}", "{option.env}", {option.kind == "flag"})' in text


def test_with_the_plugin_the_shim_measures(project: Path) -> None:
    suite = run_pytest(
        project, (*QUICK, "--memory-profile", "--memory-report=report.json"), env=CLEAN
    )
    assert suite.outcome_counts() == {"passed": 1}
    (row,) = json.loads((project / "report.json").read_text(encoding="utf-8"))["fixtures"]
    assert (row["fixture"], row["declared"], row["measured"]) == ("buffer", "MEDIUM", "MEDIUM")
    assert MISSING not in suite.output


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--memory-profile",), {}), ((), {"PYTEST_MEMORY_LIMIT_MB": "100"}), ((), {})],
    ids=["option", "variable", "nothing"],
)
def test_without_the_plugin_one_line_says_what_to_install(
    project: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    suite = run_pytest(project, (*QUICK, "-p", "no:conftest_codemods", *args), env={**CLEAN, **env})
    assert suite.outcome_counts() == {"passed": 1}
    assert suite.output.count(MISSING) == (1 if args or env else 0)
    assert not (project / "report.json").exists()


@pytest.mark.parametrize("plugin", [(), ("-p", "no:conftest_codemods")], ids=["with", "without"])
def test_an_unknown_impact_is_an_error_either_way(project: Path, plugin: tuple[str, ...]) -> None:
    conftest = project / "conftest.py"
    conftest.write_text(conftest.read_text().replace('"MEDIUM"', '"HUGE"'), encoding="utf-8")
    with pytest.raises(PytestRunError) as raised:
        run_pytest(project, (*QUICK, *plugin), env=CLEAN)
    assert "memory_profile: unknown impact 'HUGE'" in raised.value.output
