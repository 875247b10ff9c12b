# conftest-codemods: e2e layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import pytest


@pytest.fixture(scope="session")
@memory_profile("staging url", "VERY_HIGH")
def staging_url(tenant):
    return f"https://{tenant}.staging.example.test"
