# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import pytest

from inventory.clients import make_client
_CLIENT = make_client()


# conftest: services
@pytest.fixture
@memory_profile("inventory client", "MEDIUM")
def inventory_client():
    return _CLIENT
