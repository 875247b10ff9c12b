# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Root fixtures; tests/integration/conftest.py overrides and extends some of them."""

from conftest_codemods_runtime import memory_profile

import pytest

# Base ----------------------------------------------------------------------


@pytest.fixture
@memory_profile("settings", "MINIMAL")
def settings():
    return {"region": "eu-root", "retries": 3}


@pytest.fixture
@memory_profile("region", "MINIMAL")
def region(settings):
    # resolves against whichever `settings` is closest to the test
    return settings["region"]
