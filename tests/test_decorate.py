"""``profile-decorate`` (``fix --select CC013`` binding ``memory_profile`` from the runtime)
on a conftest that is not migrated: decorators, runtime binding, runtime, once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods.cli import app
from codemods.render.conservation import check_only_profiles_added

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_a_conftest_is_decorated_once_with_its_binding_and_runtime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tests").mkdir()
    target = tmp_path / "tests" / "conftest.py"
    shutil.copyfile(GOLDEN / "01_four_layers_basic" / "before" / "tests" / "conftest.py", target)
    original = target.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    dry = CliRunner().invoke(app, ["profile-decorate", "tests/conftest.py", "--dry-run"])
    assert dry.exit_code == 1, dry.output
    assert "+++ b/tests/conftest_codemods_runtime.py" in dry.stdout  # no project root marker
    assert target.read_text(encoding="utf-8") == original
    done = CliRunner().invoke(app, ["profile-decorate", "tests/conftest.py"])
    assert done.exit_code == 0, done.output
    assert "wrote 2 files" in done.stderr
    new = target.read_text(encoding="utf-8")
    binding = "memory_profile = _conftest_codemods_runtime().memory_profile\n"
    assert binding in new  # not written by migrate: the runtime is loaded by path
    assert new.count("@memory_profile(") == original.count("@pytest.fixture")
    assert (tmp_path / "tests" / "conftest_codemods_runtime.py").is_file()
    import_block = new[
        new.index("def _conftest_codemods_runtime") : new.index(binding) + len(binding)
    ]
    check_only_profiles_added(target, original, new.replace(import_block, ""))
    again = CliRunner().invoke(app, ["profile-decorate", "tests/conftest.py", "--dry-run"])
    assert (again.exit_code, again.stdout) == (0, "")
    assert "nothing to change" in again.stderr
