# conftest-codemods: mocks layer of conftest.py, always loaded.
if __package__:
    from .conftest_base import _record
else:
    from conftest_base import _record

from unittest import mock

import pytest


@pytest.fixture
def mock_payment():
    _record("mock_payment")
    return mock.Mock(**{"charge.return_value": True})
