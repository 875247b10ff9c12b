"""``audit`` and the import-cost measurement behind it: figures parsed from ``-X importtime``,
cached per interpreter and version, and the JSON report of a small project."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods.cli import app
from codemods.interpreter import run_probe
from codemods.plan import import_cost

STDERR = """\
import time: self [us] | cumulative | imported package
import time:       900 |        900 | resource
@@conftest-codemods start
import time:       100 |        100 |   numpy._utils
import time:      2000 |      50000 | numpy
import time:       300 |        300 | numpy.extra
@@conftest-codemods result 0.05 30000 43312
"""


def test_the_roots_after_the_start_mark_make_the_cumulative_cost() -> None:
    figures = import_cost.parse_importtime("numpy", STDERR)
    assert (figures.self_ms, figures.cumulative_ms) == (2.0, 50.3)
    assert figures.rss_mb == pytest.approx(13.0)
    assert not figures.error


def test_a_failed_import_is_reported_not_measured() -> None:
    stderr = "Traceback...\nModuleNotFoundError: No module named 'x'\n"
    figures = import_cost.parse_importtime("x", stderr)
    assert figures.error == "ModuleNotFoundError: No module named 'x'"


def test_the_probe_reads_versions_only_when_asked(tmp_path: Path) -> None:
    """Versions cost the child a scan of every distribution; finding a module does not."""
    quick = run_probe(sys.executable, tmp_path, (), ["pytest", "no_such_module_here"])
    assert quick.available("pytest") and not quick.available("no_such_module_here")
    with pytest.raises(ValueError, match="versions=True"):
        quick.version("pytest")
    full = run_probe(sys.executable, tmp_path, (), ["pytest"], versions=True)
    assert full.version("pytest").startswith("pytest-")


def test_a_second_measurement_comes_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(import_cost.CACHE_ENV, str(tmp_path / "cache"))
    probe = run_probe(
        sys.executable, tmp_path, (), ["tarfile", "no_such_module_here"], versions=True
    )
    first = import_cost.measure(["tarfile", "no_such_module_here"], probe)
    assert first["tarfile"].cumulative_ms > 0
    assert first["no_such_module_here"].error
    monkeypatch.setattr(
        import_cost, "measure_one", lambda *args, **kwargs: pytest.fail("not cached")
    )
    assert import_cost.measure(["tarfile"], probe)["tarfile"] == first["tarfile"]


def test_audit_json_lists_each_import_with_its_users_and_action(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(import_cost.CACHE_ENV, str(tmp_path / "cache"))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\npython_files = ["*.py"]\n\n'
        '[tool.conftest-codemods]\nheavy-imports = ["fractions"]\n',
        encoding="utf-8",
    )
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "conftest.py").write_text(
        "import fractions\nimport sqlite3\n\nimport pytest\n\nDB = sqlite3.connect('app.db')\n\n"
        "@pytest.fixture\ndef money():\n    return fractions.Fraction(1)\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["audit", "tests/conftest.py", "--output-format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    rows = {row["module"]: row for row in report["imports"]}
    assert rows["fractions"]["used_by"] == ["money"]
    assert rows["fractions"]["action"] == "lazy: move into functions"
    assert rows["fractions"]["cumulative_ms"] > 0
    assert any("CC008" in risk for risk in report["risks"])
    assert any("CC011" in risk for risk in report["risks"])
    assert any("python_files = '*.py'" in risk for risk in report["risks"])
