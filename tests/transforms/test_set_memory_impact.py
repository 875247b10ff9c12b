"""``SetMemoryImpactTransform``: ``profile --write`` sets the impact argument of
``@memory_profile(description, impact)`` to the measured level, and only that argument."""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from codemods.transforms.set_memory_impact import SetMemoryImpactTransform
from tests.transforms.tools import Transformer, check_noop, check_transformed


def setting(levels: Mapping[str, str]) -> Transformer:
    """The transform that sets the impact of each qualified name in ``levels``."""
    return lambda module: SetMemoryImpactTransform(levels)


def test_a_positional_impact_is_rewritten_in_its_own_quotes() -> None:
    check_transformed(
        """\
        @pytest.fixture
        @memory_profile('rows', 'LOW')
        def rows():
            return [1]
        """,
        """\
        @pytest.fixture
        @memory_profile('rows', 'HIGH')
        def rows():
            return [1]
        """,
        setting({"rows": "HIGH"}),
    )


def test_a_keyword_impact_is_rewritten_where_it_stands() -> None:
    check_transformed(
        """\
        @memory_profile(impact="LOW", description="rows")
        def rows():
            return [1]
        """,
        """\
        @memory_profile(impact="MEDIUM", description="rows")
        def rows():
            return [1]
        """,
        setting({"rows": "MEDIUM"}),
    )


def test_a_missing_impact_is_appended_after_the_description() -> None:
    check_transformed(
        """\
        @profiling.memory_profile("rows")
        def rows():
            return [1]
        """,
        """\
        @profiling.memory_profile("rows", "HIGH")
        def rows():
            return [1]
        """,
        setting({"rows": "HIGH"}),
    )


def test_an_impact_that_already_matches_is_left_alone() -> None:
    check_noop(
        """\
        @memory_profile("rows", "LOW")
        def rows():
            return [1]
        """,
        setting({"rows": "LOW"}),
    )


def test_only_the_functions_named_are_changed_and_methods_go_by_class_and_name() -> None:
    check_transformed(
        """\
        @memory_profile("rows", "LOW")
        def rows():
            return [1]


        class TestRows:
            @memory_profile("rows", "LOW")
            def rows(self):
                return [2]
        """,
        """\
        @memory_profile("rows", "LOW")
        def rows():
            return [1]


        class TestRows:
            @memory_profile("rows", "HIGH")
            def rows(self):
                return [2]
        """,
        setting({"TestRows.rows": "HIGH"}),
    )


def test_a_fixture_made_by_assignment_is_matched_by_the_function_it_wraps() -> None:
    check_transformed(
        """\
        def _rows():
            return [1]


        rows = pytest.fixture(memory_profile("rows", "LOW")(_rows))
        """,
        """\
        def _rows():
            return [1]


        rows = pytest.fixture(memory_profile("rows", "HIGH")(_rows))
        """,
        setting({"_rows": "HIGH"}),
    )


def test_other_decorators_and_calls_are_never_touched() -> None:
    check_noop(
        """\
        @functools.lru_cache("rows", "LOW")
        def rows():
            return wrap("rows", "LOW")(rows)
        """,
        setting({"rows": "HIGH"}),
    )


def test_the_changed_functions_are_listed_by_qualified_name() -> None:
    module = cst.parse_module(
        '@memory_profile("a", "LOW")\ndef a(): ...\n\n@memory_profile("b", "HIGH")\ndef b(): ...\n'
    )
    transform = SetMemoryImpactTransform({"a": "HIGH", "b": "HIGH"})
    module.visit(transform)
    assert transform.changed == ["a"]
