# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Weather service test fixtures.

The suite runs with --import-mode=importlib: test modules share basenames across
tests/unit, tests/integration and tests/e2e, and nothing here is importable by name.
"""

from conftest_codemods_runtime import memory_profile

import pytest

CITIES = {"paris": 18.5, "oslo": 4.0}  # degrees Celsius served by the fake upstream


@pytest.fixture
@memory_profile("city", "MINIMAL")
def city():
    return "paris"


@pytest.fixture
@memory_profile("forecast", "MINIMAL")
def forecast(city):
    # a pure-python forecast computed from the static table
    return {
        "city": city,
        "celsius": CITIES[city],
        "fahrenheit": CITIES[city] * 9 / 5 + 32,
    }
