import pytest


def test_plain(plain_value):
    assert plain_value == 42


def test_generator(generator_value, events):
    assert generator_value == "gen"
    assert events[-2:] == ["test:test_generator", "generator_value:setup"]


def test_generator_teardown_ran(events):
    assert "generator_value:teardown" in events


@pytest.mark.asyncio
async def test_coroutine(coroutine_value):
    assert coroutine_value == "coro"


@pytest.mark.asyncio
async def test_async_generator(async_generator_value):
    assert async_generator_value == "agen+coro"


def test_async_generator_teardown_ran(events):
    assert "async_generator_value:teardown" in events


def test_params(param_value):
    assert param_value in (1, "two", 3)


def test_alias(aliased):
    assert aliased == "aliased"


def test_autouse_saw_every_test(request, events):
    assert events.count(f"test:{request.node.name}") == 1


def test_session_value_is_shared(session_value, dependent_value):
    assert session_value["setups"] == 1
    assert dependent_value == "42:gen:aliased:1"


def test_stacked(stacked_value, events):
    assert stacked_value == 84
    assert "logged:stacked_value" in events


def test_mock(mock_mailer):
    assert mock_mailer() == "sent"


def test_unknown_names_are_not_fixtures(request):
    for name in ("_make_assigned", "_session_resource", "unused_binding", "_spelled"):
        with pytest.raises(pytest.FixtureLookupError):
            request.getfixturevalue(name)
