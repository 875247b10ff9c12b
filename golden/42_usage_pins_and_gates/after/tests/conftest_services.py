# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

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
