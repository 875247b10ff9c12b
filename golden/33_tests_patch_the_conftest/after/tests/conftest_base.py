# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import pytest

TIMEOUT = 5


@pytest.fixture
@memory_profile("timeout reader", "MINIMAL")
def timeout_reader():
    return lambda: TIMEOUT
