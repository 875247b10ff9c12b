# conftest-codemods: e2e layer of conftest.py, loaded when asked (see conftest.py).

import pytest


@pytest.fixture(scope="session")
def staging_url(tenant):
    return f"https://{tenant}.staging.example.test"
