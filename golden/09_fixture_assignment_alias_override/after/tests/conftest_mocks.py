# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from unittest import mock

import pytest


def _make_user():
    return {"name": "fake-user", "roles": ["reader"]}


fake_user = pytest.fixture(scope="module")(
    memory_profile("fake user", "MEDIUM")(_make_user)
)  # decorator called by hand


@pytest.fixture(name="mocked_service")
@memory_profile("mocked service", "LOW")
def _service_mock():
    return mock.Mock(name="service", return_value="mocked")
