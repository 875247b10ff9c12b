# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import pytest

BASE_URL = "http://default.example"


def pytest_addoption(parser):
    parser.addoption("--base-url", default=None)


def pytest_configure(config):
    global BASE_URL
    if config.getoption("--base-url"):
        BASE_URL = config.getoption("--base-url")


@pytest.fixture
@memory_profile("base url", "MINIMAL")
def base_url():
    return BASE_URL
