"""A module-level value built by a call at import time (issue 13.4): it follows its readers
into a gated layer, where the call runs only when that layer loads, and the summary says so;
a call that may change state other import-time code reads keeps its place next to it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from codemods.api import compute_plan, summarize
from codemods.config import Settings
from codemods.io import read_source
from codemods.layers import Layer
from codemods.plan.planner import SplitPlan

CLIENT = """\
    import pytest

    from myapp.services import make_client

    _CLIENT = make_client()


    @pytest.fixture
    def settings():
        return {}


    # conftest: services
    @pytest.fixture
    def redis_client():
        return _CLIENT
    """


def plan_for(tmp_path: Path, source: str) -> SplitPlan:
    path = tmp_path / "conftest.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return compute_plan(read_source(path), Settings(), {})


def layers(plan: SplitPlan) -> dict[str, Layer]:
    return {plan.model.units[i].name: p.layer for i, p in plan.placements.items()}


def test_a_value_read_only_by_gated_fixtures_moves_with_them_and_is_reported(
    tmp_path: Path,
) -> None:
    plan = plan_for(tmp_path, CLIENT)
    assert layers(plan)["_CLIENT"] is Layer.SERVICES
    (import_unit,) = [u for u in plan.model.units if u.name.startswith("from myapp")]
    assert plan.import_layers[import_unit.index] == {Layer.SERVICES}
    assert (
        "line 5: _CLIENT is built at import time: it runs only when conftest_services loads "
        "(was: every run)"
    ) in summarize(plan)


def test_a_pin_keeps_the_value_where_it_was(tmp_path: Path) -> None:
    plan = plan_for(
        tmp_path, CLIENT.replace("    _CLIENT =", "    # conftest: base\n    _CLIENT =")
    )
    assert layers(plan)["_CLIENT"] is Layer.BASE
    assert not [line for line in summarize(plan) if "built at import time" in line]


def test_a_call_that_fills_a_registry_read_at_import_time_keeps_its_place(
    tmp_path: Path,
) -> None:
    """Moved with its only reader, ``register`` would fill REGISTRY only when services loads,
    and the default run would see ``backend`` without params."""
    plan = plan_for(
        tmp_path,
        """\
        import pytest

        REGISTRY = []


        def register(name):
            REGISTRY.append(name)
            return name


        _CLIENT = register("client")


        @pytest.fixture(params=REGISTRY)
        def backend(request):
            return request.param


        # conftest: services
        @pytest.fixture
        def client():
            return _CLIENT
        """,
    )
    placed = layers(plan)
    assert placed["_CLIENT"] is Layer.BASE and placed["register"] is Layer.BASE
    assert placed["client"] is Layer.SERVICES
