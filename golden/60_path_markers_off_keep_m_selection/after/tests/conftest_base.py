# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import pytest


def pytest_collection_modifyitems(config, items):
    """Skip e2e-marked tests unless -m chooses: a user hook that reads markers."""
    if config.getoption("markexpr"):
        return
    skip = pytest.mark.skip(reason="e2e-marked tests run only with -m")
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


@pytest.fixture
@memory_profile("settings", "MINIMAL")
def settings():
    return {"db": ":memory:", "currency": "EUR"}
