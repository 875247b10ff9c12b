import pytest


@pytest.fixture
def sent(notified_order, mock_mailer):
    return mock_mailer.send.call_args


def test_mail_goes_to_the_customer(sent):
    assert sent.args == ("ada@example.org",)
