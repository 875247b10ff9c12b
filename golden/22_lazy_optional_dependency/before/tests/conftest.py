import decimal

import pytest

try:
    import vendor_heavy
except ImportError:  # optional: the tests that need it skip without it
    vendor_heavy = None

try:
    import not_installed_heavy
except ImportError:
    not_installed_heavy = None


@pytest.fixture
def vendor():
    if vendor_heavy is None:
        pytest.skip("vendor_heavy is not usable here")
    return vendor_heavy.connect()


@pytest.fixture
def optional_client():
    client = pytest.importorskip("not_installed_heavy")
    return client.Client()


@pytest.fixture
def amount():
    return decimal.Decimal("2.50")
