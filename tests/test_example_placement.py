"""The bundled example, migrated: a unit run collects and runs without any gated layer.

The check runs pytest for real, in a subprocess, and asks the migrated orchestrator itself
which layers it loaded (``get_loaded_fixture_modules()``, its public API) once the session is
over, from a tiny plugin passed with ``-p``. That signal does not depend on how the
orchestrator loads a layer (its own module, or names executed into one namespace), only on
its answer; the safety net, which loads a gated layer when a collected test needs one of its
fixtures, would show up in it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codemods.api import migrate
from codemods.layers import Layer
from codemods.lint import lint
from codemods.lint.selection import Choice
from tests.treeutil import copy_tree

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"
PROBE = """\
import json
import os


def pytest_sessionfinish(session):
    for plugin in session.config.pluginmanager.get_plugins():
        loaded = getattr(plugin, "get_loaded_fixture_modules", None)
        if callable(loaded) and os.path.basename(getattr(plugin, "__file__", "")) == "conftest.py":
            with open(os.environ["LAYERS_PROBE_OUT"], "w") as out:
                json.dump(loaded(), out)
"""


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_tree(EXAMPLE, tmp_path_factory.mktemp("example") / "shop")
    migrate(root / "tests" / "conftest.py").write()
    return root


def loaded_layers(root: Path, *args: str) -> tuple[list[str], str]:
    probe = root.parent / "probe"
    probe.mkdir(exist_ok=True)
    (probe / "layers_probe.py").write_text(PROBE, encoding="utf-8")
    out = probe / "layers.json"
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("USE_REAL_SERVICES", "RUN_E2E_TESTS", "ENVIRONMENT", "PYTEST_ADDOPTS")
    }
    env.update(PYTHONPATH=str(probe), LAYERS_PROBE_OUT=str(out))
    command = [sys.executable, "-m", "pytest", "-p", "layers_probe", "-p", "no:cacheprovider"]
    run = subprocess.run(
        [*command, *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads(out.read_text(encoding="utf-8")), run.stdout


@pytest.mark.parametrize("args", [("--collect-only", "-q"), ("-q",)], ids=["collect", "run"])
def test_a_unit_run_loads_no_gated_layer(migrated: Path, args: tuple[str, ...]) -> None:
    layers, output = loaded_layers(migrated, *args, "tests/unit")
    assert sorted(layers) == ["base", "mocks"], output
    assert ("98 tests collected" if "--collect-only" in args else "98 passed") in output


def test_the_integration_run_still_loads_services(migrated: Path) -> None:
    layers, output = loaded_layers(migrated, "--collect-only", "-q", "tests/integration")
    assert "services" in layers, output


def test_the_plan_keeps_unit_fixtures_always_loaded_and_cc014_finds_nothing(
    migrated: Path,
) -> None:
    services = (migrated / "tests" / f"{Layer.SERVICES.module_stem}.py").read_text()
    for fixture in ("product_factory", "products", "product", "customer", "cart", "order"):
        assert f"def {fixture}(" not in services
    assert lint([migrated], choice=Choice(select=("CC014",))).findings == ()


def test_the_probe_sees_a_gated_layer_when_one_is_loaded(migrated: Path) -> None:
    """The check above could pass vacuously if the probe saw nothing: a unit test that asks
    for a services fixture makes the safety net load the layer, and the probe says so."""
    extra = migrated / "tests" / "unit" / "test_probe_needs_services.py"
    extra.write_text("def test_cache(cache_client):\n    pass\n", encoding="utf-8")
    try:
        layers, output = loaded_layers(migrated, "--collect-only", "-q", str(extra))
    finally:
        extra.unlink()
    assert "services" in layers, output
