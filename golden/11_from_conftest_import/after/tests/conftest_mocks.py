# conftest-codemods: mocks layer of conftest.py, always loaded.
from unittest import mock

import pytest


class FakeMailer:
    def __init__(self):
        self.outbox = []

    def send(self, to, subject):
        self.outbox.append((to, subject))


@pytest.fixture
def fake_mailer():
    return FakeMailer()


@pytest.fixture
def mock_smtp():
    with mock.patch("smtplib.SMTP", autospec=True) as smtp:
        yield smtp
