"""``profile-decorate`` on an already-split layer module: decorators, import, support, once."""

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
    assert names == {"conftest_services.py", "conftest_support.py"}
    new = next(change.new for change in changes if change.path == target)
    assert "    from conftest_support import memory_profile\n" in new
    assert new.count("@memory_profile(") == original.count("@pytest.fixture")
    import_block = new[new.index("if __package__:") : new.index("memory_profile\n\n") + 15]
    check_only_profiles_added(target, original, new.replace(import_block, ""))
    for change in changes:
        change.path.write_bytes(change.data)
    assert decorate.decorate_fixtures(target) == []
