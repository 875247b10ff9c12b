# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from unittest import mock

import pytest


# ---- Mocks -----------------------------------------------------------------


@pytest.fixture
@memory_profile("mock mailer", "LOW")
def mock_mailer(settings):
    return mock.MagicMock(name="mailer", sender=f"noreply@{settings['shop_name']}.test")


@pytest.fixture
@memory_profile("fake clock", "LOW")
def fake_clock():
    # Freeze time.time() only; time.monotonic() keeps ticking.
    with mock.patch("time.time", return_value=1_700_000_000.0) as patched:
        yield patched
