import pytest


def test_assigned(assigned):
    assert assigned == "assigned"


def test_session_resource(session_resource):
    assert session_resource == {"open": True}


def test_session_resource_again(session_resource, events):
    assert events.count("session_resource:setup") == 1


def test_name_alias_wins_over_the_attribute(alias_by_assignment):
    assert alias_by_assignment == "alias_by_assignment"


def test_imported_fixture_spelling(spelled):
    assert spelled == "spelled"


@pytest.mark.asyncio
async def test_async_assigned(async_assigned):
    assert async_assigned == "async-assigned"


def test_assigned_mock(mock_clock):
    assert mock_clock() == 1700000000


def test_parametrized_request_of_an_assigned_fixture(request):
    assert request.getfixturevalue("assigned") == "assigned"
