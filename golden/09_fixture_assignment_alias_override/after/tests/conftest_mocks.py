# conftest-codemods: mocks layer of conftest.py, always loaded.
from unittest import mock

import pytest


def _make_user():
    return {"name": "fake-user", "roles": ["reader"]}


fake_user = pytest.fixture(scope="module")(_make_user)  # decorator called by hand


@pytest.fixture(name="mocked_service")
def _service_mock():
    return mock.Mock(name="service", return_value="mocked")
