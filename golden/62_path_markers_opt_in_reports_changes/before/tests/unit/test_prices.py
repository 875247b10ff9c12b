import pytest


def test_currency(settings):
    assert settings["currency"] == "EUR"


def test_mailer(mock_mailer):
    mock_mailer.send("hi")
    mock_mailer.send.assert_called_once_with("hi")


@pytest.mark.integration
def test_prices_against_the_database(db):
    assert db.execute("select 1").fetchone() == (1,)
