# conftest-codemods: mocks layer of conftest.py, always loaded.
from unittest import mock

import pytest


# ---- Mocks -----------------------------------------------------------------


@pytest.fixture
def mock_mailer(settings):
    return mock.MagicMock(name="mailer", sender=f"noreply@{settings['shop_name']}.test")


@pytest.fixture
def fake_clock():
    # Freeze time.time() only; time.monotonic() keeps ticking.
    with mock.patch("time.time", return_value=1_700_000_000.0) as patched:
        yield patched
