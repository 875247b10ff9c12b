# conftest-codemods: e2e layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import pytest


@pytest.fixture(scope="session")
@memory_profile("staging url", "VERY_HIGH")
def staging_url(tenant):
    return f"https://{tenant}.staging.example.test"
