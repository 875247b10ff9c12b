# conftest-codemods: mocks layer of conftest.py, always loaded.
from unittest import mock

import pytest


@pytest.fixture
def mock_billing(tenant):
    billing = mock.Mock(name=f"billing-{tenant}")
    billing.invoice.return_value = {"tenant": tenant, "status": "sent"}
    return billing
