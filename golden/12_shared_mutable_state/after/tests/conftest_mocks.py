# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import _record

from unittest import mock

import pytest


@pytest.fixture
@memory_profile("mock payment", "LOW")
def mock_payment():
    _record("mock_payment")
    return mock.Mock(**{"charge.return_value": True})


@pytest.fixture
@memory_profile("checkout", "LOW")
def checkout(order, mock_payment, db_orders):
    def run():
        paid = mock_payment.charge(order["id"])
        db_orders.execute("INSERT INTO orders VALUES (?, ?)", (order["id"], int(paid)))
        return paid

    return run
