# conftest-codemods: base layer of conftest.py, always loaded.
"""Root fixtures; tests/sub/conftest.py overrides and extends some of them."""

import pytest

# Base ----------------------------------------------------------------------


@pytest.fixture
def settings():
    return {"region": "eu-root", "retries": 3}


@pytest.fixture
def region(settings):
    # resolves against whichever `settings` is closest to the test
    return settings["region"]
