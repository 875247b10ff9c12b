"""Fixtures of the payments suite."""

from unittest import mock

import pytest

CURRENCY = "EUR"


@pytest.fixture
def config():
    return {"currency": CURRENCY, "retries": 2}


# The gateway talks to the payment provider's sandbox: keep it with the services.
# conftest: services
@pytest.fixture
def payment_gateway(config):
    return {"charged": [], "currency": config["currency"]}


@pytest.fixture
def checkout(payment_gateway):
    def pay(cents):
        payment_gateway["charged"].append(cents)
        return cents

    return pay


@pytest.fixture
def mock_clock():
    return mock.Mock(return_value=0)


@pytest.fixture
def report_dir(tmp_path):
    path = tmp_path / "reports"
    path.mkdir()
    return path
