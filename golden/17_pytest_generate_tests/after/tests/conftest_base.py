# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Parametrization driven by the conftest: a generate-tests hook and indirect fixtures."""

from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest

REGIONS = [
    "eu-west",
    "us-east",
]  # every test that asks for `region` runs once per region
LOCALES = ["en_GB", "fr_FR", "de_DE"]
ENDPOINTS = {"eu-west": "https://eu.example.test", "us-east": "https://us.example.test"}


def _region_id(name):
    """Test ids use underscores: eu-west -> eu_west."""
    return name.replace("-", "_")


def pytest_generate_tests(metafunc):
    # Parametrize plain arguments that no fixture provides.
    if "region" in metafunc.fixturenames:
        metafunc.parametrize("region", REGIONS, ids=_region_id)
    if "locale" in metafunc.fixturenames:
        metafunc.parametrize("locale", LOCALES, scope="module")


@pytest.fixture
@memory_profile("region config", "MINIMAL")
def region_config(region):
    # `region` comes from pytest_generate_tests, not from a fixture
    return {"region": region, "endpoint": ENDPOINTS[region]}


# ---- fixtures meant for indirect parametrization -----------------------------


@pytest.fixture
@memory_profile(
    "A key/value backend; tests pick the kind with indirect parametrization.", "MINIMAL"
)
def backend(request):
    """A key/value backend; tests pick the kind with indirect parametrization."""
    kind = getattr(request, "param", "memory")  # default when not parametrized
    if kind == "sqlite":
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT)")
        request.addfinalizer(conn.close)
        return {"kind": kind, "conn": conn}
    return {"kind": kind, "data": {}}
