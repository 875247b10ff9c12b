# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import json
from unittest import mock

import pytest


@pytest.fixture
@memory_profile("mock mailer", "LOW")
def mock_mailer():
    mailer = mock.Mock()
    mailer.render.side_effect = lambda payload: json.dumps(payload, sort_keys=True)
    return mailer
