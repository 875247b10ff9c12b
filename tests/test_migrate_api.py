"""``codemods.api.migrate`` on small projects: what lands where, and what never changes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from codemods import api
from codemods.errors import ConftestCodemodsError
from codemods.generated import LAYER_FILES, runtime_text
from codemods.layers import Layer
from tests.treeutil import snapshot

CONFTEST = '''\
"""Suite configuration."""
from __future__ import annotations

import sqlite3  # the real database
from unittest import mock

import pytest

# --- data -------------------------------------------------------------------
USERS = ["ada", "grace"]


def make_user(name):
    """A user record."""
    return {"name": name}


@pytest.fixture
def user():
    return make_user(USERS[0])


@pytest.fixture
def mock_mailer():  # never sends
    return mock.MagicMock()


@pytest.fixture
def db(user):
    connection = sqlite3.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def e2e_app(db):
    return db
# end of file
'''


def write_project(root: Path, conftest: str = CONFTEST) -> Path:
    tests = root / "tests"
    tests.mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    path = tests / "conftest.py"
    path.write_text(conftest, encoding="utf-8")
    return path


def test_each_unit_goes_to_the_layer_its_signals_and_dependencies_ask_for(
    tmp_path: Path,
) -> None:
    result = api.migrate(write_project(tmp_path))
    assert result.plan is not None
    fixtures = result.plan.gated_fixtures()
    assert fixtures == {"db": Layer.SERVICES, "e2e_app": Layer.E2E}
    texts = {change.path.name: change.new for change in result.changes}
    assert "def user()" in texts["conftest_base.py"]
    assert "def mock_mailer()" in texts["conftest_mocks.py"]
    assert "import sqlite3  # the real database" in texts["conftest_services.py"]
    assert "import sqlite3" not in texts["conftest_base.py"]
    assert texts["conftest.py.orig"] == CONFTEST
    assert texts["conftest.py"].startswith("# conftest-codemods: generated orchestrator")


def test_every_statement_and_comment_lands_in_exactly_one_layer_module(tmp_path: Path) -> None:
    result = api.migrate(write_project(tmp_path), backup=False)
    layers = [
        c.new
        for c in result.changes
        if c.path.name.startswith("conftest_") and c.path.name != "conftest_codemods_runtime.py"
    ]
    comments = [line.strip() for text in layers for line in text.splitlines()]
    for comment in ("# the real database", "# never sends", "# end of file"):
        assert comments.count(comment) == 1 or sum(comment in c for c in comments) == 1
    defined = [
        node.name
        for text in layers
        for node in ast.parse(text).body
        if isinstance(node, ast.FunctionDef)
    ]
    assert sorted(defined) == ["db", "e2e_app", "make_user", "mock_mailer", "user"]


def test_dry_run_leaves_the_tree_alone_and_write_then_rerun_is_a_no_op(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    before = snapshot(tmp_path)
    result = api.migrate(conftest)
    assert "+++ b/" in result.diff(tmp_path)
    assert snapshot(tmp_path) == before
    result.write()
    after = snapshot(tmp_path)
    assert set(after) - set(before) == {
        "tests/conftest.py.orig",
        "conftest_codemods_runtime.py",  # at the project root
        *(f"tests/{layer.module_stem}.py" for layer in Layer),
    }
    again = api.migrate(conftest)
    assert again.nothing_to_do
    assert snapshot(tmp_path) == after


def test_every_fixture_gets_a_memory_profile_unless_asked_not_to(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    profiled = api.migrate(conftest)
    texts = {change.path.name: change.new for change in profiled.changes}
    assert (
        '@pytest.fixture\n@memory_profile("mock mailer", "LOW")\ndef mock_mailer'
        in (texts["conftest_mocks.py"])
    )
    assert "from conftest_codemods_runtime import memory_profile\n" in texts["conftest_mocks.py"]
    assert texts["conftest_codemods_runtime.py"] == runtime_text(conftest.parent)
    plain = api.migrate(conftest, profile=False)
    layers = [c for c in plain.changes if c.path.name in LAYER_FILES]
    assert layers and all("memory_profile" not in change.new for change in layers)


def test_a_memory_profile_above_the_fixture_decorator_stays_where_it_was(
    tmp_path: Path,
) -> None:
    """There pytest does not see the fixture; moving the decorator would change that, so
    migrate leaves it to `check` (CC013) to report."""
    conftest = write_project(tmp_path)
    hidden = (
        "from tools import memory_profile\n\n\n"
        '@memory_profile("hidden", "LOW")\n@pytest.fixture\ndef hidden():\n    return 1\n'
    )
    conftest.write_text(CONFTEST + "\n\n" + hidden, encoding="utf-8")
    base = {c.path.name: c.new for c in api.migrate(conftest).changes}["conftest_base.py"]
    assert '@memory_profile("hidden", "LOW")\n@pytest.fixture\ndef hidden():' in base


def test_a_runtime_the_formatter_laid_out_is_left_as_it_is(tmp_path: Path) -> None:
    """The runtime comes from CC004's fix, which never undoes the user's formatter."""
    conftest = write_project(tmp_path)
    laid_out = runtime_text(tmp_path).replace("import os\n", "import os\n\n", 1)
    assert laid_out != runtime_text(tmp_path)
    (tmp_path / "conftest_codemods_runtime.py").write_text(laid_out, encoding="utf-8")
    changed = {change.path.name for change in api.migrate(conftest).changes}
    assert "conftest_codemods_runtime.py" not in changed
    assert "conftest_base.py" in changed


def test_crlf_and_encoding_cookie_survive(tmp_path: Path) -> None:
    text = "# -*- coding: latin-1 -*-\n" + CONFTEST.replace("ada", "Zoë")
    conftest = write_project(tmp_path, "")
    conftest.write_bytes(text.replace("\n", "\r\n").encode("latin-1"))
    api.migrate(conftest).write()
    for path in conftest.parent.glob("conftest*.py"):
        raw = path.read_bytes()
        assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), path.name
    base = (conftest.parent / "conftest_base.py").read_bytes()
    assert base.startswith(b"# -*- coding: latin-1 -*-\r\n")
    assert "Zoë".encode("latin-1") in base
    services = (conftest.parent / "conftest_services.py").read_bytes()
    assert services.startswith(b"# -*- coding: latin-1 -*-\r\n")


def test_names_tests_import_from_conftest_stay_always_loaded(tmp_path: Path) -> None:
    conftest = write_project(
        tmp_path,
        CONFTEST + "\n\ndef e2e_helper():\n    return subprocess_free()\n\n\n"
        "def subprocess_free():\n    return 1\n",
    )
    (conftest.parent / "test_it.py").write_text(
        "from conftest import e2e_helper\n\ndef test_it(request):\n"
        "    assert request.getfixturevalue('db')\n",
        encoding="utf-8",
    )
    result = api.migrate(conftest)
    assert result.plan is not None
    gated = result.plan.gated_fixtures()
    assert "db" not in gated  # requested by name at run time: must always be there
    always = [
        c.new for c in result.changes if c.path.name in ("conftest_base.py", "conftest_mocks.py")
    ]
    assert any("def e2e_helper" in text for text in always)
    assert any("stays in mocks: tests import e2e_helper" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"def broken(:\n    pass\n", "syntax error at line 1"),
        (b"x = '\xff\xfe'\n", "cannot decode"),
        (b"   \n", "file is empty"),
    ],
    ids=["syntax-error", "not-utf8", "empty"],
)
def test_bad_input_is_refused_with_one_line_and_nothing_touched(
    tmp_path: Path, content: bytes, message: str
) -> None:
    conftest = write_project(tmp_path, "")
    conftest.write_bytes(content)
    before = snapshot(tmp_path)
    with pytest.raises(ConftestCodemodsError) as error:
        api.migrate(conftest)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert snapshot(tmp_path) == before


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConftestCodemodsError, match="no such file"):
        api.migrate(tmp_path / "nope" / "conftest.py")
    with pytest.raises(ConftestCodemodsError, match=r"has no conftest\.py"):
        api.migrate(tmp_path)


def test_a_layer_file_we_did_not_write_is_never_overwritten(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    (conftest.parent / "conftest_base.py").write_text("X = 1\n", encoding="utf-8")
    with pytest.raises(ConftestCodemodsError, match="not written by conftest-codemods"):
        api.migrate(conftest)


def test_a_target_that_cannot_be_replaced_stops_the_write_before_anything_changes(
    tmp_path: Path,
) -> None:
    conftest = write_project(tmp_path)
    result = api.migrate(conftest)
    blocker = conftest.parent / "conftest_services.py"
    blocker.mkdir()  # a directory where a layer module must go
    (blocker / "keep").write_text("", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(ConftestCodemodsError, match="cannot"):
        result.write()
    assert snapshot(tmp_path) == before
    assert not [p for p in conftest.parent.iterdir() if p.name.startswith(".")]


def test_a_rename_failing_half_way_rolls_every_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conftest = write_project(tmp_path)
    (conftest.parent / "conftest_mocks.py").write_text(
        "# conftest-codemods: mocks layer of conftest.py, always loaded.\nOLD = 1\n",
        encoding="utf-8",
    )
    result = api.migrate(conftest)
    before = snapshot(tmp_path)
    real_replace = Path.replace
    calls = []

    def replace_failing_on_the_fourth(self: Path, target: Path) -> Path:
        calls.append(target)
        if len(calls) == 4:
            raise OSError(30, "Read-only file system")  # the disk fails mid-way
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace_failing_on_the_fourth)
    with pytest.raises(ConftestCodemodsError, match="cannot replace"):
        result.write()
    monkeypatch.undo()
    assert snapshot(tmp_path) == before
    assert not [p for p in conftest.parent.iterdir() if p.name.startswith(".")]


def test_plan_file_round_trip_moves_a_unit(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    plan_path = tmp_path / "plan.toml"
    api.write_plan_file(conftest, plan_path)
    text = plan_path.read_text(encoding="utf-8")
    assert '"mock_mailer" = "mocks"' in text
    plan_path.write_text(text.replace('"user" = "base"', '"user" = "mocks"'), encoding="utf-8")
    result = api.migrate(conftest, overrides=api.read_plan_file(plan_path))
    mocks = next(c.new for c in result.changes if c.path.name == "conftest_mocks.py")
    assert "def user()" in mocks
    assert "pinned: user" in "\n".join(result.summary)


def test_getfixturevalue_of_request_param_follows_the_literal_params(tmp_path: Path) -> None:
    conftest = write_project(
        tmp_path,
        CONFTEST + '\n\n@pytest.fixture(params=["db", "user"])\n'
        "def any_source(request):\n    return request.getfixturevalue(request.param)\n",
    )
    result = api.migrate(conftest)
    assert result.plan is not None
    assert result.plan.gated_fixtures()["any_source"] is Layer.SERVICES


def test_a_computed_getfixturevalue_keeps_every_fixture_always_loaded(tmp_path: Path) -> None:
    conftest = write_project(
        tmp_path,
        CONFTEST + "\n\n@pytest.fixture\ndef by_name(request):\n"
        "    return request.getfixturevalue(request.node.name.split('_')[-1])\n",
    )
    result = api.migrate(conftest)
    assert result.plan is not None
    assert result.plan.gated_fixtures() == {}
    assert any("computed name: every fixture stays always loaded" in w for w in result.warnings)


def test_a_star_import_whose_names_are_used_is_refused(tmp_path: Path) -> None:
    conftest = write_project(
        tmp_path,
        "from os.path import *\nimport pytest\n\n\n@pytest.fixture\ndef here():\n"
        "    return join('a', 'b')\n",
    )
    before = snapshot(tmp_path)
    with pytest.raises(ConftestCodemodsError, match=r"line 1: cannot tell which names `import \*`"):
        api.migrate(conftest)
    assert snapshot(tmp_path) == before


def test_a_name_nobody_reads_stays_in_base_when_the_rest_of_its_import_moves(
    tmp_path: Path,
) -> None:
    # Seen on a generated application suite: `Customer` was cut from every layer's copy and
    # the conservation check refused the split.
    conftest = tmp_path / "conftest.py"
    conftest.write_text(
        "import pytest\n"
        "from decimal import Context, Decimal\n\n\n"
        "# conftest: services\n"
        "@pytest.fixture\n"
        "def price():\n"
        '    return Decimal("1")\n',
        encoding="utf-8",
    )
    result = api.migrate(conftest, lazy=False, profile=False)
    texts = {change.path.name: change.new for change in result.changes}
    assert "from decimal import Context\n" in texts["conftest_base.py"]
    assert "from decimal import Decimal\n" in texts["conftest_services.py"]
