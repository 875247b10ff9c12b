# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import pytest

from inventory.clients import make_client
_CLIENT = make_client()


# conftest: services
@pytest.fixture
@memory_profile("inventory client", "MEDIUM")
def inventory_client():
    return _CLIENT
