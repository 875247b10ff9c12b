"""``profile-decorate`` on an already-split layer module: decorators, runtime binding, once."""

from __future__ import annotations

import shutil
from pathlib import Path

from codemods import decorate
from codemods.render.conservation import check_only_profiles_added

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_a_layer_module_is_decorated_once_with_its_import_and_support(tmp_path: Path) -> None:
    target = tmp_path / "conftest_services.py"
    shutil.copyfile(GOLDEN / "01_four_layers_basic" / "before" / "tests" / "conftest.py", target)
    original = target.read_text(encoding="utf-8")
    changes = decorate.decorate_fixtures(target)
    names = {change.path.name for change in changes}
    assert names == {"conftest_services.py", "conftest_codemods_runtime.py"}
    new = next(change.new for change in changes if change.path == target)
    binding = "memory_profile = _conftest_codemods_runtime().memory_profile\n"
    assert binding in new  # not written by migrate: the runtime is loaded by path
    assert new.count("@memory_profile(") == original.count("@pytest.fixture")
    import_block = new[
        new.index("def _conftest_codemods_runtime") : new.index(binding) + len(binding)
    ]
    check_only_profiles_added(target, original, new.replace(import_block, ""))
    for change in changes:
        change.path.write_bytes(change.data)
    assert decorate.decorate_fixtures(target) == []
