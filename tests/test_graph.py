"""``graph``: the fixture graph of a real migrated suite, and of small hand-made hierarchies."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods.cli import app
from codemods.graph import FixtureGraph, load_graph
from codemods.graph_render import render_graph
from tests.treeutil import copy_tree

GOLDEN = Path(__file__).parent.parent / "golden" / "01_four_layers_basic" / "after"
runner = CliRunner()


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    """A copy of the four-layer golden output: its ``tests`` directory."""
    copy_tree(GOLDEN, tmp_path / "project")
    return tmp_path / "project" / "tests"


def write(path: Path, source: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def test_text_lists_fixtures_with_their_layers(suite: Path) -> None:
    result = runner.invoke(app, ["graph", str(suite)])

    assert result.exit_code == 0, result.output
    text = result.stdout
    for line in (
        "product_repo [services, MEDIUM] tests/conftest_services.py:",
        "settings [base, session, LOW] tests/conftest_base.py:",
        "mock_mailer [mocks, LOW]",
        "browser [e2e, HIGH]",
        "tmp_path [external]",
    ):
        assert line in text
    assert "Cycles: none" in text
    assert "Layer violations: none" in text
    assert re.search(r"^\s+16  browser \[e2e\] -> live_server \[e2e\]", text, re.MULTILINE)


def test_a_conftest_path_gives_the_graph_of_its_directory(suite: Path) -> None:
    by_directory = load_graph(suite)

    assert load_graph(suite / "conftest_mocks.py") == by_directory
    assert by_directory.files[0] == "tests/conftest.py"


def test_dot_is_well_formed(suite: Path) -> None:
    result = runner.invoke(app, ["graph", str(suite), "--output-format", "dot"])

    assert result.exit_code == 0, result.output
    dot = result.stdout
    assert dot.startswith("digraph fixtures {")
    assert dot.count("{") == dot.count("}")
    declared = set(re.findall(r"^\s+(n\d+) \[label=", dot, re.MULTILINE))
    edges = re.findall(r"^\s+(n\d+) -> (n\d+)", dot, re.MULTILINE)
    assert edges
    assert {end for edge in edges for end in edge} <= declared
    assert {"cluster_base", "cluster_services", "cluster_external"} <= set(
        re.findall(r"subgraph (\w+)", dot)
    )


def test_mermaid_is_well_formed(suite: Path) -> None:
    result = runner.invoke(app, ["graph", str(suite), "--output-format", "mermaid"])

    assert result.exit_code == 0, result.output
    mermaid = result.stdout
    assert mermaid.startswith("graph TD\n")
    assert mermaid.count("subgraph ") == mermaid.count("  end\n")
    declared = set(re.findall(r"^\s+(n\d+)\[", mermaid, re.MULTILINE))
    edges = re.findall(r"^\s+(n\d+) --> (n\d+)", mermaid, re.MULTILINE)
    assert {end for edge in edges for end in edge} <= declared


def test_json_round_trips(suite: Path) -> None:
    result = runner.invoke(app, ["graph", str(suite), "--output-format", "json"])

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert FixtureGraph.from_dict(data) == load_graph(suite)
    assert {node["layer"] for node in data["nodes"]} == {
        "base",
        "mocks",
        "services",
        "e2e",
        "external",
    }


def test_cycle_and_layer_violation_are_reported(suite: Path) -> None:
    base = suite / "conftest_base.py"
    base.write_text(
        base.read_text(encoding="utf-8")
        + textwrap.dedent(
            """

            @pytest.fixture
            def needs_db(db_conn):
                return db_conn


            @pytest.fixture
            def egg(chicken):
                return egg


            @pytest.fixture
            def chicken(egg):
                return chicken
            """
        ),
        encoding="utf-8",
    )

    graph = load_graph(suite)
    text = render_graph(graph, "text")
    dot = render_graph(graph, "dot")
    mermaid = render_graph(graph, "mermaid")

    assert graph.cycles == (
        (
            "tests/conftest_base.py::chicken",
            "tests/conftest_base.py::egg",
            "tests/conftest_base.py::chicken",
        ),
    )
    assert "chicken [base] -> egg [base] -> chicken [base]" in text
    assert [(edge.source, edge.target) for edge in graph.violations] == [
        ("tests/conftest_base.py::needs_db", "tests/conftest_services.py::db_conn")
    ]
    assert "needs_db [base] requests db_conn [services]" in text
    assert "color=red" in dot
    assert "stroke:red" in mermaid


def test_overrides_resolve_to_the_closest_directory(tmp_path: Path) -> None:
    write(tmp_path / "pytest.ini", "[pytest]\n")
    write(
        tmp_path / "conftest.py",
        """
        import pytest

        @pytest.fixture
        def user():
            return "root"
        """,
    )
    write(
        tmp_path / "api" / "conftest.py",
        """
        import pytest

        @pytest.fixture
        def user(user, monkeypatch):
            return user + "-api"

        @pytest.fixture
        def client(user):
            return user
        """,
    )

    graph = load_graph(tmp_path / "api")

    edges = {(edge.source, edge.target) for edge in graph.edges}
    assert edges == {
        ("api/conftest.py::user", "conftest.py::user"),
        ("api/conftest.py::user", "monkeypatch"),
        ("api/conftest.py::client", "api/conftest.py::user"),
    }
    assert graph.nodes["api/conftest.py::user"].layer == "conftest"
    assert graph.nodes["monkeypatch"].external


def test_bad_input_exits_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["graph", str(tmp_path / "missing")])
    empty = runner.invoke(app, ["graph", str(tmp_path)])
    not_conftest = runner.invoke(app, ["graph", str(write(tmp_path / "test_x.py", "x = 1\n"))])

    for result in (missing, empty, not_conftest):
        assert result.exit_code == 2
        assert result.stderr.startswith("error: ")


def test_a_fixture_made_by_a_factory_from_a_lower_layer_is_in_the_graph(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n')
    conftest = write(
        tmp_path / "tests" / "conftest.py",
        """\
        import subprocess

        import pytest


        def make_fixture(value):
            @pytest.fixture
            def _fixture():
                return value

            return _fixture


        base_value = make_fixture(1)
        e2e_customer_email = make_fixture(subprocess.list2cmdline(["a@b"]))
        """,
    )
    before = {node.name for node in load_graph(conftest).nodes.values()}
    assert before == {"base_value", "e2e_customer_email"}
    result = runner.invoke(app, ["migrate", str(conftest), "--no-backup"])
    assert result.exit_code == 0, result.output
    assert "make_fixture(" in (conftest.parent / "conftest_e2e.py").read_text()

    graph = load_graph(conftest)
    assert {node.name: node.layer for node in graph.nodes.values()} == {
        "base_value": "base",
        "e2e_customer_email": "e2e",
    }
