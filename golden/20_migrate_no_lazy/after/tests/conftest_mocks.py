# conftest-codemods: mocks layer of conftest.py, always loaded.
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import json
from unittest import mock

import pytest


@pytest.fixture
@memory_profile("mock mailer", "LOW")
def mock_mailer():
    mailer = mock.Mock()
    mailer.render.side_effect = lambda payload: json.dumps(payload, sort_keys=True)
    return mailer
