"""``codemods.analysis.fixture_usage``: which conftest fixtures each gate group of tests reaches.

Each test writes a small suite to disk and reads it the way ``migrate`` does: the real
conftest's fixture facts, pytest's configuration, the default marker and path words.
"""

from __future__ import annotations

import ast
from pathlib import Path

from codemods.analysis.fixture_usage import Gates, Suite, Usage, fixture_scope, read_usage
from codemods.analysis.fixtures import module_fixtures
from codemods.config import Settings
from codemods.layers import Layer
from tests.rules.lintutil import write_tree

CONFTEST = """\
    import pytest


    @pytest.fixture
    def settings():
        return {"currency": "EUR"}


    @pytest.fixture
    def product_factory(settings):
        return lambda name: {"name": name, "currency": settings["currency"]}


    @pytest.fixture
    def customer():
        return "ada"


    @pytest.fixture
    def cart(customer, product_factory):
        return [product_factory("mug")]


    @pytest.fixture
    def db():
        return "sqlite"


    @pytest.fixture
    def repository(db):
        return db


    @pytest.fixture
    def browser():
        return "chromium"


    @pytest.fixture
    def clock():
        return 0


    @pytest.fixture
    def audit(clock):
        return clock
    """


def usage_of(root: Path, files: dict[str, str], conftest: str = CONFTEST) -> Usage:
    write_tree(root, {"tests/conftest.py": conftest, **files})
    path = root / "tests" / "conftest.py"
    source = path.read_text(encoding="utf-8")
    found = module_fixtures(ast.parse(source), source)
    scope = fixture_scope(f for unit in found.units for f in unit.fixtures)
    settings = Settings()
    suite = Suite(path.parent, root)
    return read_usage(suite, scope, Gates.from_settings(settings))


def default_run(usage: Usage) -> set[str]:
    return {name for name, groups in usage.users.items() if None in groups}


def gated(usage: Usage, layer: Layer) -> set[str]:
    return {name for name, groups in usage.users.items() if layer in groups}


def test_closure_through_conftest_fixtures_from_plain_functions_and_methods(
    tmp_path: Path,
) -> None:
    usage = usage_of(
        tmp_path,
        {
            "tests/unit/test_cart.py": """\
                def test_total(cart):
                    pass


                class TestCustomer:
                    def test_name(self, customer):
                        pass

                    class TestNested:
                        def test_deeper(self, clock, value=3):
                            pass
                """,
        },
    )
    assert default_run(usage) == {"cart", "customer", "product_factory", "settings", "clock"}
    assert usage.users["clock"][None] == "unit/test_cart.py::TestCustomer::TestNested::test_deeper"


def test_usefixtures_on_a_class_and_a_pytestmark_list(tmp_path: Path) -> None:
    usage = usage_of(
        tmp_path,
        {
            "tests/test_marks.py": """\
                import pytest

                pytestmark = [pytest.mark.usefixtures("clock"), pytest.mark.slow]


                @pytest.mark.usefixtures("customer")
                class TestMarked:
                    def test_method(self):
                        pass
                """,
        },
    )
    assert default_run(usage) == {"clock", "customer"}


def test_gate_groups_by_path_marker_and_module_marker(tmp_path: Path) -> None:
    usage = usage_of(
        tmp_path,
        {
            "tests/integration/test_db.py": "def test_repo(repository, settings):\n    pass\n",
            "tests/unit/test_marked.py": """\
                import pytest

                pytestmark = pytest.mark.e2e


                def test_browser(browser):
                    pass


                @pytest.mark.integration
                def test_one_marked(db):
                    pass
                """,
            "tests/unit/test_plain.py": "def test_settings(settings):\n    pass\n",
        },
    )
    assert default_run(usage) == {"settings"}
    assert gated(usage, Layer.SERVICES) == {"repository", "db", "settings"}
    # A test marked both e2e (module) and integration belongs to the higher gate.
    assert gated(usage, Layer.E2E) == {"browser", "db"}
    assert usage.gated_groups(["db"]) == {
        Layer.SERVICES: "integration/test_db.py::test_repo",
        Layer.E2E: "unit/test_marked.py::test_one_marked",
    }


def test_indirect_parametrization_and_getfixturevalue_literals(tmp_path: Path) -> None:
    usage = usage_of(
        tmp_path,
        {
            "tests/test_params.py": """\
                import pytest


                @pytest.mark.parametrize("db", ["a.db"], indirect=True)
                def test_indirect(db):
                    pass


                @pytest.mark.parametrize("customer", ["grace"])
                def test_direct_parameter_is_no_request(customer):
                    pass


                def test_by_name(request):
                    request.getfixturevalue("repository")
                """,
        },
    )
    assert default_run(usage) == {"db", "repository"}


def test_fixtures_of_test_modules_classes_and_sub_conftests_lead_back(tmp_path: Path) -> None:
    usage = usage_of(
        tmp_path,
        {
            "tests/sub/conftest.py": """\
                import pytest


                @pytest.fixture
                def order(cart):
                    return cart


                @pytest.fixture
                def db():
                    return "overridden below tests/sub"
                """,
            "tests/sub/test_order.py": """\
                import pytest


                @pytest.fixture
                def receipt(order, audit):
                    return order


                def test_receipt(receipt, db):
                    pass


                class TestWithClassFixture:
                    @pytest.fixture
                    def local(self, repository):
                        return repository

                    def test_local(self, local):
                        pass
                """,
        },
    )
    # db is overridden in tests/sub; repository requests it there, so conftest's db is not used.
    assert default_run(usage) == {
        "cart",
        "customer",
        "product_factory",
        "settings",
        "audit",
        "clock",
        "repository",
    }


def test_autouse_fixtures_apply_to_every_test_where_they_are_defined(tmp_path: Path) -> None:
    conftest = CONFTEST + (
        "\n\n    @pytest.fixture(autouse=True)\n    def _frozen(audit):\n        return audit\n"
    )
    usage = usage_of(
        tmp_path,
        {
            "tests/unit/conftest.py": """\
                import pytest


                @pytest.fixture(autouse=True)
                def _seed(customer):
                    pass
                """,
            "tests/unit/test_a.py": "def test_a():\n    pass\n",
            "tests/integration/test_b.py": """\
                import pytest


                class TestB:
                    @pytest.fixture(autouse=True)
                    def _schema(self, db):
                        pass

                    def test_b(self):
                        pass
                """,
        },
        conftest,
    )
    assert default_run(usage) == {"_frozen", "audit", "clock", "customer"}
    assert gated(usage, Layer.SERVICES) == {"_frozen", "audit", "clock", "db"}


def test_a_fixture_requesting_its_own_name_gets_the_one_further_out(tmp_path: Path) -> None:
    usage = usage_of(
        tmp_path,
        {
            "tests/test_own.py": """\
                import pytest


                @pytest.fixture
                def settings(settings):
                    return {**settings, "currency": "USD"}


                def test_usd(settings):
                    pass
                """,
        },
    )
    assert default_run(usage) == {"settings"}


def test_configured_test_file_patterns(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/check_cart.py": "def test_cart(cart):\n    pass\n"})
    path = tmp_path / "tests" / "conftest.py"
    path.write_text("import pytest\n\n\n@pytest.fixture\ndef cart():\n    pass\n")
    source = path.read_text()
    found = module_fixtures(ast.parse(source), source)
    scope = fixture_scope(f for unit in found.units for f in unit.fixtures)
    gates = Gates(Settings().marker_layers)
    assert read_usage(Suite(path.parent, tmp_path), scope, gates).users == {}
    suite = Suite(path.parent, tmp_path, ("check_*.py",))
    assert read_usage(suite, scope, gates).users == {"cart": {None: "check_cart.py::test_cart"}}
