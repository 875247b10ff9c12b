# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from unittest import mock

import pytest


@pytest.fixture
@memory_profile("mock billing", "LOW")
def mock_billing(tenant):
    billing = mock.Mock(name=f"billing-{tenant}")
    billing.invoice.return_value = {"tenant": tenant, "status": "sent"}
    return billing
