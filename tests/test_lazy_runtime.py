"""The runtime's ``lazy_module`` as a conftest uses it: a deferred module runs on first attribute
read, a missing one fails at once, and ``CONFTEST_EAGER_IMPORTS=1`` makes everything eager.

Each case runs in a fresh interpreter: what matters is ``sys.modules`` from start-up on.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

RUNTIME = Path(__file__).resolve().parent.parent / "codemods" / "runtime"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "heavy_probe.py").write_text(
        "import sys\nsys.modules['heavy_probe_ran'] = sys\nVALUE = 42\n", encoding="utf-8"
    )
    package = tmp_path / "heavy_pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        "import sys\nsys.modules['heavy_pkg_ran'] = sys\n", encoding="utf-8"
    )
    (package / "sub.py").write_text("VALUE = 3\n", encoding="utf-8")
    return tmp_path


def run(project: Path, code: str, **env: str) -> str:
    script = f"import sys\nsys.path[:0] = [{str(project)!r}, {str(RUNTIME)!r}]\n"
    script += "from conftest_codemods_runtime import lazy_module\n" + textwrap.dedent(code)
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )
    return (completed.stdout + completed.stderr).strip()


def test_the_module_runs_on_first_attribute_read(project: Path) -> None:
    output = run(
        project,
        """\
        module = lazy_module("heavy_probe")
        print("heavy_probe_ran" in sys.modules)
        print(module.VALUE, "heavy_probe_ran" in sys.modules, module is sys.modules["heavy_probe"])
        """,
    )
    assert output.splitlines() == ["False", "42 True True"]


def test_a_missing_module_fails_where_import_failed(project: Path) -> None:
    output = run(project, 'lazy_module("no_such_heavy_module")\n')
    assert "ModuleNotFoundError: No module named 'no_such_heavy_module'" in output


def test_the_escape_hatch_makes_it_eager(project: Path) -> None:
    code = 'lazy_module("heavy_probe")\nprint("heavy_probe_ran" in sys.modules)\n'
    assert run(project, code, CONFTEST_EAGER_IMPORTS="1") == "True"
    assert run(project, code, CONFTEST_EAGER_IMPORTS="0") == "False"


def test_a_submodule_proxy_runs_neither_package_nor_submodule_until_read(project: Path) -> None:
    output = run(
        project,
        """\
        sub = lazy_module("heavy_pkg.sub")
        print("heavy_pkg_ran" in sys.modules)
        print(sub.VALUE, "heavy_pkg_ran" in sys.modules)
        """,
    )
    assert output.splitlines() == ["False", "3 True"]


def test_pytest_probing_the_conftest_namespace_does_not_run_it(project: Path) -> None:
    """pytest 9 reads ``_mock_name`` and unwraps every object of a conftest's namespace while it
    collects: a lazy module answers as the loaded one would (it defines neither), unrun."""
    (project / "wrapped_probe.py").write_text(
        "import sys\nsys.modules['wrapped_probe_ran'] = sys\n__wrapped__ = None\n"
    )
    output = run(
        project,
        """\
        import inspect
        module = lazy_module("heavy_probe")
        print(getattr(module, "_mock_name", None), inspect.unwrap(module) is module)
        print("heavy_probe_ran" in sys.modules)
        module.LATER = 1
        print(module.VALUE, module.LATER, "heavy_probe_ran" in sys.modules)
        wrapped = lazy_module("wrapped_probe")
        print(hasattr(wrapped, "__wrapped__"), "wrapped_probe_ran" in sys.modules)
        """,
    )
    assert output.splitlines() == ["None True", "False", "42 1 True", "True True"]
