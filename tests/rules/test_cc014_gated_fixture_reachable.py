"""CC014: a test that the orchestrator runs without the services layer requests its fixtures.

``split_project`` has ``db_conn`` in conftest_services.py, ``settings`` in base and
``mock_mailer`` in mocks.
"""

from __future__ import annotations

from pathlib import Path

from codemods.lint import lint
from codemods.lint.selection import Choice
from tests.rules.lintutil import PYPROJECT, found, write_tree

CLEAN = {
    "tests/integration/test_db.py": """\
        def test_in_a_gated_directory(db_conn):
            pass
        """,
    "tests/unit/test_marked.py": """\
        import pytest
        from pytest import mark

        pytestmark = [pytest.mark.slow]


        @mark.integration
        def test_marked(db_conn):
            pass


        @pytest.mark.e2e
        class TestHigherLayer:
            def test_method(self, db_conn):
                pass
        """,
    "tests/unit/test_module_marked.py": """\
        import pytest

        pytestmark = pytest.mark.real_services


        def test_module_marker(db_conn):
            pass
        """,
    "tests/unit/test_plain.py": """\
        import pytest


        @pytest.fixture
        def db_conn():
            return "a local override"


        @pytest.mark.parametrize("mock_mailer", [1])
        def test_own_db_and_always_loaded_fixtures(db_conn, settings, mock_mailer, value=1):
            pass


        def helper(db_conn):
            pass
        """,
}


def test_covered_overridden_and_always_loaded_requests_are_fine(split_project: Path) -> None:
    write_tree(split_project, CLEAN)
    assert found(split_project, "CC014") == []


def test_opt_in_only(split_project: Path) -> None:
    write_tree(split_project, {"tests/unit/test_a.py": "def test_a(db_conn):\n    pass\n"})
    assert [f.code for f in lint([split_project]).findings] == []


VIOLATING = """\
import pytest


@pytest.fixture
def row(db_conn):
    return db_conn


@pytest.mark.usefixtures("db_conn")
def test_usefixtures():
    pass


def test_argument(settings, db_conn):
    pass


def test_getfixturevalue(request):
    request.getfixturevalue("db_conn")


@pytest.mark.parametrize("db_conn", ["a.db"], indirect=True)
def test_indirect(db_conn):
    pass


@pytest.mark.parametrize(("db_conn", "x"), [("a.db", 1)], indirect=["db_conn"])
def test_indirect_list(db_conn, x):
    pass


class TestThrough:
    def test_module_fixture(self, row):
        pass

    def test_suppressed(self, db_conn):  # conftest-codemods: ignore[CC014]
        pass
"""


def test_every_kind_of_request_is_reported_at_its_site(split_project: Path) -> None:
    write_tree(split_project, {"tests/test_flat.py": VIOLATING})
    lines = [line for _, line, _ in found(split_project, "CC014")]
    assert lines == [9, 14, 19, 22, 27, 33]


def test_message_names_the_chain_and_the_marker_to_use(split_project: Path) -> None:
    write_tree(split_project, {"tests/test_flat.py": VIOLATING})
    findings = lint([split_project], choice=Choice(select=("CC014",))).findings
    assert findings[-1].message.startswith(
        "test_module_fixture requests row -> db_conn from the gated services layer"
    )
    assert "mark the test `integration`" in findings[-1].message
    assert (findings[-1].line, findings[-1].col) == (33, 35)


def test_an_always_loaded_fixture_reaching_the_layer_is_followed(split_project: Path) -> None:
    base = split_project / "tests" / "conftest_base.py"
    base.write_text(base.read_text() + "\n\n@pytest.fixture\ndef report(db_conn):\n    pass\n")
    write_tree(split_project, {"tests/unit/test_report.py": "def test_r(report):\n    pass\n"})
    assert found(split_project, "CC014") == [("tests/unit/test_report.py", 1, "CC014")]


def test_marker_layers_from_the_configuration(split_project: Path) -> None:
    config = '\n[tool.conftest-codemods]\nmarker-layers = { database = "services" }\n'
    write_tree(
        split_project,
        {
            "pyproject.toml": PYPROJECT + config,
            "tests/database/test_a.py": "def test_a(db_conn):\n    pass\n",
            "tests/integration/test_b.py": "def test_b(db_conn):\n    pass\n",
        },
    )
    assert found(split_project, "CC014") == [("tests/integration/test_b.py", 1, "CC014")]


def test_nested_conftests_override_or_reach_and_autouse_fixtures_count(
    split_project: Path,
) -> None:
    fixtures = """\
        import pytest


        @pytest.fixture
        def db_conn():
            return "overridden below tests/"


        @pytest.fixture
        def events(settings):
            return settings
        """
    write_tree(
        split_project,
        {
            "tests/own/conftest.py": fixtures,
            "tests/own/test_a.py": "def test_a(db_conn, events):\n    pass\n",
            "tests/reach/conftest.py": fixtures.replace("def db_conn", "def other"),
            "tests/reach/test_b.py": "def test_b(events, db_conn):\n    pass\n",
            "tests/reach/test_c.py": """\
                import pytest


                @pytest.fixture(autouse=True)
                def _clean(db_conn):
                    pass


                def test_c():
                    pass
                """,
        },
    )
    assert found(split_project, "CC014") == [
        ("tests/reach/test_b.py", 1, "CC014"),
        ("tests/reach/test_c.py", 5, "CC014"),
    ]
