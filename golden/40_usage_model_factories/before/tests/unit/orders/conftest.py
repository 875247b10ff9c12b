import pytest


@pytest.fixture
def notified_order(order, mock_mailer):
    mock_mailer.send(order.customer.email)
    return order
