# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Command-line options, hooks and tenant-aware fixtures for the multi-tenant suite."""

from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest

KNOWN_TENANTS = ("acme", "globex", "initech")


# ---- command line -------------------------------------------------------


def pytest_addoption(parser):
    group = parser.getgroup("tenants", "multi-tenant test options")
    group.addoption(
        "--runslow", action="store_true", default=False, help="run tests marked slow"
    )
    group.addoption(
        "--tenant",
        action="store",
        default="acme",
        choices=KNOWN_TENANTS,
        help="tenant to run the suite against (default: acme)",
    )


def pytest_configure(config):
    # Registered here rather than in pyproject.toml; the suite runs with --strict-markers.
    config.addinivalue_line("markers", "slow: takes a while; needs --runslow")
    config.addinivalue_line("markers", "tenant(name): only runs when --tenant=name")


def pytest_report_header(config):
    return f"tenant: {config.getoption('--tenant')}"


# ---- collection and setup hooks ---------------------------------------


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return  # --runslow given: do not skip slow tests
    skip_slow = pytest.mark.skip(reason="need --runslow option to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


def pytest_runtest_setup(item):
    current = item.config.getoption("--tenant")
    for marker in item.iter_markers(name="tenant"):
        if marker.args[0] != current:
            pytest.skip(f"only for tenant {marker.args[0]} (running as {current})")


# ---- fixtures ------------------------------------------------------------


@pytest.fixture(scope="session")
@memory_profile("tenant", "LOW")
def tenant(request):
    return request.config.getoption("--tenant")


@pytest.fixture
@memory_profile("tenant db", "MINIMAL")
def tenant_db(tenant):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE tenants (name TEXT PRIMARY KEY, active INTEGER)")
    conn.executemany(
        "INSERT INTO tenants VALUES (?, ?)",
        [(name, int(name == tenant)) for name in KNOWN_TENANTS],
    )
    yield conn
    conn.close()


@pytest.fixture(scope="session")
@memory_profile("staging url", "LOW")
def staging_url(tenant):
    return f"https://{tenant}.staging.example.test"
