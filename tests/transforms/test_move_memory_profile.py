"""``MoveMemoryProfileTransform``: ``@memory_profile`` above the fixture decorator wraps the
fixture marker and hides the fixture from pytest; it moves to directly under the decorator, and
nothing else about the function changes."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from codemods.transforms.move_memory_profile import MoveMemoryProfileTransform
from tests.transforms.tools import check_noop, check_transformed

FIXTURE = m.Attribute(value=m.Name("pytest"), attr=m.Name("fixture"))


def move(module: cst.Module) -> MoveMemoryProfileTransform:
    """The transform for every ``@pytest.fixture`` / ``@pytest.fixture(...)`` of ``module``
    (the rule hands it the fixture decorators the model found)."""
    found = m.findall(module, m.Decorator(decorator=FIXTURE | m.Call(func=FIXTURE)))
    return MoveMemoryProfileTransform({node for node in found if isinstance(node, cst.Decorator)})


def test_a_profile_above_the_fixture_decorator_moves_directly_under_it() -> None:
    check_transformed(
        """\
        @memory_profile("rows", "LOW")
        @pytest.fixture(scope="session")
        def rows():
            return [1]
        """,
        """\
        @pytest.fixture(scope="session")
        @memory_profile("rows", "LOW")
        def rows():
            return [1]
        """,
        move,
    )


def test_decorators_between_and_below_keep_their_order_around_the_moved_profile() -> None:
    check_transformed(
        """\
        @memory_profile("rows", "LOW")
        @other
        @pytest.fixture
        @inner
        def rows():
            return [1]
        """,
        """\
        @other
        @pytest.fixture
        @memory_profile("rows", "LOW")
        @inner
        def rows():
            return [1]
        """,
        move,
    )


def test_two_profiles_above_move_together_in_their_order() -> None:
    check_transformed(
        """\
        @memory_profile
        @tools.memory_profile("rows", "HIGH")
        @pytest.fixture
        def rows():
            return [1]
        """,
        """\
        @pytest.fixture
        @memory_profile
        @tools.memory_profile("rows", "HIGH")
        def rows():
            return [1]
        """,
        move,
    )


def test_a_profile_already_under_the_fixture_decorator_stays() -> None:
    check_noop(
        """\
        @pytest.fixture
        @memory_profile("rows", "LOW")
        def rows():
            return [1]
        """,
        move,
    )


def test_a_profiled_function_that_is_not_a_fixture_is_left_alone() -> None:
    check_noop(
        """\
        @memory_profile("helper", "LOW")
        @functools.cache
        def helper():
            return [1]
        """,
        move,
    )


def test_the_count_of_moved_decorators_is_reported() -> None:
    module = cst.parse_module(
        "@memory_profile\n@pytest.fixture\ndef a(): ...\n\n"
        "@pytest.fixture\n@memory_profile\ndef b(): ...\n"
    )
    transform = move(module)
    module.visit(transform)
    assert transform.moved == 1
