# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from unittest import mock

import pytest


# ---- autouse: no real network in unit tests (mocks) ---------------------


@pytest.fixture(autouse=True)
@memory_profile("block network", "LOW")
def block_network():
    def refuse(*args, **kwargs):
        raise RuntimeError("network access is disabled in tests")

    with mock.patch("urllib.request.urlopen", side_effect=refuse) as guard:
        yield guard
