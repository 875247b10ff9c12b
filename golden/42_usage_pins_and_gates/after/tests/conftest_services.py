# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

from unittest import mock

import pytest


# The gateway talks to the payment provider's sandbox: keep it with the services.
# conftest: services
@pytest.fixture
@memory_profile("payment gateway", "MEDIUM")
def payment_gateway(config):
    return {"charged": [], "currency": config["currency"]}


@pytest.fixture
@memory_profile("checkout", "MEDIUM")
def checkout(payment_gateway):
    def pay(cents):
        payment_gateway["charged"].append(cents)
        return cents

    return pay


@pytest.fixture
@memory_profile("mock clock", "MEDIUM")
def mock_clock():
    return mock.Mock(return_value=0)
