"""``migrate`` defers heavy imports of the layer modules it writes (``lazy``, on by default)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods import api, interpreter, lazy
from codemods.cli import app
from codemods.errors import ConfigError, ConftestCodemodsError
from codemods.generated import runtime_text
from codemods.layers import Layer
from codemods.lint import lint
from codemods.lint.selection import Choice
from codemods.plan.import_cost import ImportCost
from tests.treeutil import snapshot

PYPROJECT = """\
[tool.pytest.ini_options]

[tool.conftest-codemods]
heavy-imports = ["decimal", "fractions", "json"]
"""
CONFTEST = """\
import decimal
import fractions
import json
import statistics

import pytest

CODECS = [json]


@pytest.fixture
def price():
    return decimal.Decimal("1.50")


@pytest.fixture(params=[fractions.Fraction(1, 2)])
def half(request):
    return request.param


@pytest.fixture
def payload():
    return CODECS[0].dumps({"mean": statistics.mean([1, 2])})
"""
TEST = """\
from conftest import CODECS


def test_codecs(payload):
    assert CODECS and payload
"""


def write_project(root: Path, pyproject: str = PYPROJECT, test: str = TEST) -> Path:
    tests = root / "tests"
    tests.mkdir(parents=True)
    (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    (tests / "test_codecs.py").write_text(test, encoding="utf-8")
    conftest = tests / "conftest.py"
    conftest.write_text(CONFTEST, encoding="utf-8")
    return conftest


def texts(result: api.MigrationResult) -> dict[str, str]:
    return {change.path.name: change.new for change in result.changes}


def test_heavy_imports_are_deferred_and_each_decision_is_reported(tmp_path: Path) -> None:
    result = api.migrate(write_project(tmp_path))
    base = texts(result)["conftest_base.py"]
    assert "def price():\n    import decimal\n    return" in base
    assert 'json = _lazy_module("json")' in base
    assert "\nimport fractions\n" in base
    assert "\nimport statistics\n" in base, "not heavy: left alone"
    assert "from conftest_codemods_runtime import lazy_module as _lazy_module\n" in base
    assert texts(result)["conftest_codemods_runtime.py"] == runtime_text(tmp_path)
    assert any(
        line.startswith("conftest_base.py: `decimal` (decimal) -> move into the functions")
        for line in result.summary
    )
    assert any(
        line.startswith("conftest_base.py: `fractions` (fractions) kept eager: ")
        and "the decorator at line 22 reads it" in line
        for line in result.warnings
    )


def test_an_import_the_user_exempted_from_cc007_stays_eager(tmp_path: Path) -> None:
    """The lazy step is CC007's fix, so the comment that exempts an import from it holds."""
    conftest = write_project(tmp_path)
    exempt = "import decimal  # conftest-codemods: ignore[CC007]\n"
    conftest.write_text(CONFTEST.replace("import decimal\n", exempt), encoding="utf-8")
    base = texts(api.migrate(conftest))["conftest_base.py"]
    assert exempt in base
    assert 'json = _lazy_module("json")' in base, "the others are deferred as before"


def test_no_lazy_and_the_lazy_setting_leave_the_split_as_it_was(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    off = texts(api.migrate(conftest, lazy=False))
    assert "\nimport decimal\n" in off["conftest_base.py"]
    assert "conftest_lazy.py" not in off
    (tmp_path / "pyproject.toml").write_text(PYPROJECT + "lazy = false\n", encoding="utf-8")
    assert texts(api.migrate(conftest)) == off
    assert texts(api.migrate(conftest, lazy=True)) != off


def test_the_lazy_setting_must_be_a_boolean(tmp_path: Path) -> None:
    conftest = write_project(tmp_path, PYPROJECT + 'lazy = "yes"\n')
    with pytest.raises(ConfigError, match="lazy must be true or false"):
        api.migrate(conftest)


def test_lazy_on_the_migrated_layer_modules_changes_nothing(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    api.migrate(conftest).write()
    assert (tmp_path / "conftest_codemods_runtime.py").is_file()
    layers = [conftest.parent / f"{layer.module_stem}.py" for layer in Layer]
    for module in filter(Path.exists, layers):
        assert lint([module], choice=Choice(select=("CC007",)), fix=True).fixes == ()
    assert api.migrate(conftest).nothing_to_do


def test_names_tests_import_from_the_conftest_stay_bound(tmp_path: Path) -> None:
    test = "from conftest import decimal\n\n\ndef test_price(price):\n    assert price\n"
    base = texts(api.migrate(write_project(tmp_path, test=test)))["conftest_base.py"]
    assert 'decimal = _lazy_module("decimal")' in base


def test_a_runtime_we_did_not_write_is_refused(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    (tmp_path / "conftest_codemods_runtime.py").write_text("MINE = 1\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(ConftestCodemodsError, match=r"runtime\.py: exists and was not"):
        api.migrate(conftest)
    assert snapshot(tmp_path) == before


def test_measured_cost_counts_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conftest = write_project(tmp_path)

    def fake_measure(modules: list[str], probe: object) -> dict[str, ImportCost]:
        slow = {"statistics": 90.0}
        return {module: ImportCost(module, 1, slow.get(module, 1), 0) for module in modules}

    monkeypatch.setattr(lazy, "measure", fake_measure)
    assert "\nimport statistics\n" in texts(api.migrate(conftest))["conftest_base.py"]
    measured = api.migrate(conftest, measure_imports=True)
    assert "    import statistics\n" in texts(measured)["conftest_base.py"]
    assert any("statistics" in line and "measured 90 ms" in line for line in measured.summary)


def test_the_cli_defers_by_default_and_no_lazy_turns_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    default = CliRunner().invoke(app, ["migrate", "tests/conftest.py", "--dry-run"])
    assert default.exit_code == 1
    assert "lazy_module as _lazy_module" in default.stdout
    assert "-> move into the functions that use it" in default.stderr
    assert "warning: conftest_base.py: `fractions` (fractions) kept eager" in default.stderr
    off = CliRunner().invoke(app, ["migrate", "tests/conftest.py", "--dry-run", "--no-lazy"])
    assert off.exit_code == 1
    assert "lazy_module as _lazy_module" not in off.stdout
    assert "kept eager" not in off.stderr


def test_a_suite_without_heavy_imports_starts_no_probe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conftest = write_project(tmp_path, "[tool.pytest.ini_options]\n")

    def no_subprocess(*args: object, **kwargs: object) -> None:
        raise AssertionError("probed although nothing is heavy")

    monkeypatch.setattr(interpreter.subprocess, "run", no_subprocess)
    assert "\nimport json\n" in texts(api.migrate(conftest))["conftest_base.py"]


# --- which interpreter is asked: --python, VIRTUAL_ENV, the project's .venv, this one --------

ELSEWHERE_CONFTEST = """\
import elsewhere_heavy
import pytest


@pytest.fixture
def client():
    return elsewhere_heavy.Client()
"""
ELSEWHERE_PYPROJECT = """\
[tool.pytest.ini_options]

[tool.conftest-codemods]
heavy-imports = ["elsewhere_heavy"]
"""


def make_venv(where: Path, *, with_heavy: bool = True) -> Path:
    """A real venv (no pip: fast) whose site-packages has ``elsewhere_heavy``, a module the
    interpreter running these tests cannot import. Returns its ``python``, unresolved."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    if with_heavy:
        package = site_packages(python) / "elsewhere_heavy"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("class Client: ...\n", encoding="utf-8")
    return python


def site_packages(python: Path) -> Path:
    """Where ``python`` installs pure-Python packages."""
    return Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )


def elsewhere_project(root: Path) -> Path:
    tests = root / "tests"
    tests.mkdir(parents=True)
    (root / "pyproject.toml").write_text(ELSEWHERE_PYPROJECT, encoding="utf-8")
    conftest = tests / "conftest.py"
    conftest.write_text(ELSEWHERE_CONFTEST, encoding="utf-8")
    return conftest


DEFERRED = "    import elsewhere_heavy\n"
"""``elsewhere_heavy`` moved into the fixture: the interpreter asked has it installed."""


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_venv(tmp_path_factory.mktemp("venv") / "env")


def test_python_is_the_interpreter_asked_what_is_installed(tmp_path: Path, venv: Path) -> None:
    conftest = elsewhere_project(tmp_path)
    own = api.migrate(conftest)
    assert DEFERRED not in texts(own)["conftest_base.py"]
    assert any("not installed" in w or "cannot" in w for w in own.warnings), own.warnings
    assert own.lazy == ()
    assert own.asked == interpreter.Interpreter(sys.executable, "this interpreter")

    theirs = api.migrate(conftest, python=str(venv))
    assert DEFERRED in texts(theirs)["conftest_base.py"]
    assert [d.binding.module for d in theirs.lazy] == ["elsewhere_heavy"]
    assert theirs.asked == interpreter.Interpreter(str(venv), "--python")
    assert f"heavy modules installed where the tests run: asked {venv} (--python)" in (
        theirs.summary
    )


def test_an_active_virtualenv_then_the_project_venv_are_found_without_python(
    tmp_path: Path, venv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conftest = elsewhere_project(tmp_path / "project")
    monkeypatch.setenv("VIRTUAL_ENV", str(venv.parent.parent))
    active = api.migrate(conftest)
    assert active.asked == interpreter.Interpreter(str(venv), "VIRTUAL_ENV")
    assert DEFERRED in texts(active)["conftest_base.py"]

    monkeypatch.delenv("VIRTUAL_ENV")
    local = make_venv(tmp_path / "project" / ".venv")
    found = api.migrate(conftest)
    assert found.asked == interpreter.Interpreter(str(local), ".venv")
    assert DEFERRED in texts(found)["conftest_base.py"]

    # --python wins over both; an explicit interpreter without the module keeps it eager.
    monkeypatch.setenv("VIRTUAL_ENV", str(venv.parent.parent))
    explicit = api.migrate(conftest, python=sys.executable)
    assert explicit.asked == interpreter.Interpreter(sys.executable, "--python")
    assert DEFERRED not in texts(explicit)["conftest_base.py"]


def test_discovery_order_and_what_is_not_a_venv(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    own = interpreter.Interpreter(sys.executable, "this interpreter")
    assert interpreter.find_interpreter(root, environ={}) == own
    # A VIRTUAL_ENV or .venv that is not a venv (no pyvenv.cfg, no interpreter) is skipped.
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "python").write_text("", encoding="utf-8")
    gone = {"VIRTUAL_ENV": str(tmp_path / "gone")}
    assert interpreter.find_interpreter(root, environ=gone) == own
    assert interpreter.find_interpreter(root, "/opt/py", environ={}) == interpreter.Interpreter(
        "/opt/py", "--python"
    )


def test_the_cli_takes_python_and_names_the_interpreter_asked(
    tmp_path: Path, venv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    argv = ["migrate", "tests/conftest.py", "--dry-run", "--python", str(venv)]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 1, result.output
    assert "+    import elsewhere_heavy" in result.stdout
    assert f"asked {venv} (--python)" in result.stderr
    broken = CliRunner().invoke(app, [*argv[:-1], str(tmp_path / "no-python")])
    assert broken.exit_code == 2
    assert "cannot run the interpreter (--python)" in broken.stderr


def test_lazy_uses_the_same_discovery(
    tmp_path: Path, venv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conftest = elsewhere_project(tmp_path)
    monkeypatch.setenv("VIRTUAL_ENV", str(venv.parent.parent))
    result = lint([conftest], choice=Choice(select=("CC007",)), fix=True)
    assert DEFERRED in result.fixes[0].new


@pytest.mark.parametrize("pyproject", [True, False], ids=["pyproject", "no-pyproject"])
def test_a_package_conftest_whose_subpackages_shadow_the_stdlib_is_probed(
    tmp_path: Path, pyproject: bool
) -> None:
    """numpy's conftest sits in ``numpy/`` beside ``numpy/random`` and ``numpy/typing``: the
    probe put that directory on the path (and ran there without a pyproject), so the stdlib's
    ``random`` and ``typing`` were numpy's and migrate refused. pytest puts the directory above
    the package on the path; so does the probe now."""
    package = tmp_path / "pkg"
    (package / "json").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "json" / "__init__.py").write_text("raise ImportError('shadowed')\n", "utf-8")
    if pyproject:
        (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", "utf-8")
    conftest = package / "conftest.py"
    conftest.write_text(
        "import pandas\nimport pytest\n\n\n@pytest.fixture\ndef frame():\n"
        "    return pandas.DataFrame()\n",
        encoding="utf-8",
    )
    assert interpreter.import_base(conftest) == tmp_path.resolve()
    result = api.migrate(conftest)
    assert result.asked is not None
    assert result.changes


def test_verify_runs_pytest_with_the_tests_interpreter(tmp_path: Path) -> None:
    """The tool's own interpreter cannot import ``elsewhere_heavy``, so ``--verify`` can only
    pass if pytest runs in the venv ``--python`` names (given pytest through a ``.pth``)."""
    venv = make_venv(tmp_path / "env")
    ours = next(Path(p) for p in sys.path if (Path(p) / "pytest").is_dir())
    (site_packages(venv) / "borrowed_pytest.pth").write_text(f"{ours}\n", encoding="utf-8")
    project = tmp_path / "project"
    elsewhere_project(project)
    (project / "tests" / "test_client.py").write_text(
        "def test_client(client):\n    assert client\n", encoding="utf-8"
    )
    before = snapshot(project)
    argv = ["migrate", str(project / "tests" / "conftest.py"), "--verify-level", "run"]
    own = CliRunner().invoke(app, [*argv, "--python", sys.executable])
    assert own.exit_code == 2, own.output
    assert snapshot(project) == before

    result = CliRunner().invoke(app, [*argv, "--python", str(venv)])
    assert result.exit_code == 0, result.output
    assert f"verifying with {venv} (--python)" in result.stderr
    assert DEFERRED in (project / "tests" / "conftest_base.py").read_text(encoding="utf-8")
