"""Usage-driven placement (DESIGN.md section 3): who needs a unit first, what it touches second.

Each test writes a small application with its tests and plans the split through the library
API, as ``migrate`` does.
"""

from __future__ import annotations

from pathlib import Path

from codemods import api
from codemods.layers import Layer
from codemods.plan.planner import SplitPlan
from tests.rules.lintutil import write_tree

APP = {
    "shop/__init__.py": "",
    "shop/models.py": "class Product:\n    def __init__(self, name):\n        self.name = name\n",
}

CONFTEST = """\
    import sqlite3
    import subprocess
    from unittest import mock

    import pytest

    from shop.models import Product

    DB_NAME = ":memory:"


    def make_product(name):
        return Product(name)


    @pytest.fixture
    def product_factory():
        return make_product


    @pytest.fixture
    def product(product_factory):
        return product_factory("mug")


    @pytest.fixture
    def db():
        connection = sqlite3.connect(DB_NAME)
        yield connection
        connection.close()


    @pytest.fixture
    def mailer():
        return mock.MagicMock()


    @pytest.fixture
    def seeded(db, product):
        return db


    @pytest.fixture
    def launcher():
        return subprocess


    @pytest.fixture
    def staging_url():
        return "https://staging.example"


    @pytest.fixture
    def unused_client():
        return sqlite3
    """

TESTS = {
    "tests/unit/test_models.py": """\
        def test_product(product):
            pass


        def test_mail(mailer):
            pass
        """,
    "tests/integration/test_db.py": """\
        def test_seeded(seeded, launcher):
            pass
        """,
    "tests/e2e/test_site.py": "def test_site(staging_url, product):\n    pass\n",
}


def plan_of(root: Path, conftest: str = CONFTEST, tests: dict[str, str] | None = None) -> SplitPlan:
    write_tree(root, {**APP, "tests/conftest.py": conftest, **(TESTS if tests is None else tests)})
    result = api.migrate(root / "tests" / "conftest.py")
    assert result.plan is not None
    return result.plan


def layers(plan: SplitPlan) -> dict[str, Layer]:
    units = plan.model.units
    return {units[index].name: placement.layer for index, placement in plan.placements.items()}


def test_model_factories_of_unit_tests_stay_in_base_and_mocks_by_signal(tmp_path: Path) -> None:
    placed = layers(plan_of(tmp_path))
    assert placed["product_factory"] is Layer.BASE, "first-party code is no services signal"
    assert placed["product"] is Layer.BASE
    assert placed["make_product"] is Layer.BASE, "a helper follows its lowest user"
    assert placed["mailer"] is Layer.MOCKS


def test_what_only_gated_tests_need_is_gated_and_signals_choose_which(tmp_path: Path) -> None:
    placed = layers(plan_of(tmp_path))
    assert placed["db"] is Layer.SERVICES
    assert placed["seeded"] is Layer.SERVICES
    assert placed["DB_NAME"] is Layer.SERVICES
    assert placed["launcher"] is Layer.E2E, "subprocess means e2e, even for integration tests"
    assert placed["staging_url"] is Layer.E2E, "no signal: the only group that needs it"
    assert placed["unused_client"] is Layer.SERVICES, "no test needs it: its signal decides"


def test_a_services_looking_fixture_of_the_default_run_is_always_loaded_and_said(
    tmp_path: Path,
) -> None:
    tests = {**TESTS, "tests/unit/test_repo.py": "def test_repo(seeded):\n    pass\n"}
    write_tree(tmp_path, {**APP, "tests/conftest.py": CONFTEST, **tests})
    result = api.migrate(tmp_path / "tests" / "conftest.py")
    assert result.plan is not None
    placed = layers(result.plan)
    assert placed["db"] is Layer.BASE
    assert placed["seeded"] is Layer.BASE
    assert placed["DB_NAME"] is Layer.BASE
    summary = [line for line in result.summary if line.startswith("always loaded because")]
    assert summary == [
        "always loaded because default-run tests need them, their heavy imports deferred: "
        "db (services)"
    ]


def test_pins_win_and_dependencies_move_units_up(tmp_path: Path) -> None:
    conftest = CONFTEST.replace(
        "    @pytest.fixture\n    def db():",
        "    # conftest: services\n    @pytest.fixture\n    def db():",
    )
    tests = {**TESTS, "tests/unit/test_repo.py": "def test_repo(seeded):\n    pass\n"}
    plan = plan_of(tmp_path, conftest, tests)
    placed = layers(plan)
    assert placed["db"] is Layer.SERVICES
    assert placed["seeded"] is Layer.SERVICES, "it needs db, so it moves up with it"
    assert placed["product"] is Layer.BASE
    pinned = [plan.model.units[i].name for i, p in plan.placements.items() if p.wish.pinned]
    assert pinned == ["db"]


def test_without_tests_signals_alone_place_the_units(tmp_path: Path) -> None:
    placed = layers(plan_of(tmp_path, tests={}))
    assert placed["db"] is Layer.SERVICES
    assert placed["launcher"] is Layer.E2E
    assert placed["mailer"] is Layer.MOCKS
    assert placed["product_factory"] is Layer.BASE
