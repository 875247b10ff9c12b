"""Values, setup/teardown order and scopes, as every decorated shape must keep them."""

from __future__ import annotations

import pytest
from conftest import ASYNC_EVENTS, AUTO, CALLS, ORDER, SESSION_SETUPS, memory_profile


def test_plain(plain_fix: str) -> None:
    assert plain_fix == "plain_fix:True"


def test_order_setup(dependent_fix: str) -> None:
    assert dependent_fix == "gen+plain_fix:True"
    assert ORDER[-2:] == ["gen_fix setup", "dependent_fix setup"]
    ORDER.clear()


def test_order_teardown() -> None:
    assert ORDER == ["dependent_fix teardown", "gen_fix teardown"]


@pytest.mark.asyncio
async def test_async(agen_fix: str) -> None:
    assert agen_fix == "agen+async"
    assert ASYNC_EVENTS == ["agen setup"]


def test_async_teardown_ran() -> None:
    assert ASYNC_EVENTS == ["agen setup", "agen teardown"]


def test_param(param_fix: object, request: pytest.FixtureRequest) -> None:
    assert param_fix in (1, "two", 3)
    assert request.node.callspec.id in ("1", "two", "three")


def test_module_param(module_param_fix: str) -> None:
    assert module_param_fix in ("aa", "bb")


def test_alias(aliased: str) -> None:
    assert aliased == "aliased"


def test_autouse() -> None:
    assert AUTO[-1] == "test_autouse"


def test_session_first(session_fix: dict[str, int]) -> None:
    assert session_fix == {"setups": 1}


def test_session_again(session_fix: dict[str, int]) -> None:
    assert SESSION_SETUPS == [1]


def test_assigned(assigned_fix: str) -> None:
    assert assigned_fix == "assigned"


def test_stacked(stacked_outer: str) -> None:
    assert stacked_outer == "outer+stacked"
    assert CALLS[-2:] == ["stacked_fix", "stacked_outer"]


def test_dynamic(dynamic_fix: str) -> None:
    assert dynamic_fix == "gen!"


class TestInClass:
    @pytest.fixture
    @memory_profile("Bound to the test instance.", "LOW")
    def method_fix(self) -> object:
        return self

    def test_method(self, method_fix: object) -> None:
        assert isinstance(method_fix, TestInClass)
