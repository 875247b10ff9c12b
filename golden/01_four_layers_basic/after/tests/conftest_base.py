# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Shared fixtures for the shop test suite: settings, mocks, services and e2e launchers."""

from conftest_codemods_runtime import memory_profile

import pytest

DEFAULT_CURRENCY = "EUR"  # every price in the fixtures is in euros


def pytest_configure(config):
    # Markers used across the suite (the run uses --strict-markers).
    config.addinivalue_line("markers", "integration: needs the real database or HTTP API")
    config.addinivalue_line("markers", "e2e: drives a launched server end to end")


# ---- Core fixtures ---------------------------------------------------------


@pytest.fixture(scope="session")
@memory_profile("settings", "LOW")
def settings():  # application settings shared by every layer
    return {"currency": DEFAULT_CURRENCY, "shop_name": "Golden Shop", "page_size": 2}


@pytest.fixture
@memory_profile("product factory", "MINIMAL")
def product_factory(settings):
    def make(name="widget", price_cents=250):
        return {"name": name, "price_cents": price_cents, "currency": settings["currency"]}

    return make
