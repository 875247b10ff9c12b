import pytest


@pytest.mark.unit
def test_legacy_marked_unit_by_hand():
    assert True
