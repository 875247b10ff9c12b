# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from unittest import mock

import pytest


# Mocks: the upstream provider, patched out --------------------------------


@pytest.fixture
@memory_profile("mock upstream", "LOW")
def mock_upstream():
    with mock.patch("urllib.request.urlopen") as urlopen:
        urlopen.return_value.__enter__.return_value.read.return_value = (
            b'{"celsius": -1.0}'
        )
        yield urlopen
