# conftest-codemods: mocks layer of conftest.py, always loaded.
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

from unittest import mock

import pytest


class FakeMailer:
    def __init__(self):
        self.outbox = []

    def send(self, to, subject):
        self.outbox.append((to, subject))


@pytest.fixture
@memory_profile("fake mailer", "LOW")
def fake_mailer():
    return FakeMailer()


@pytest.fixture
@memory_profile("mock smtp", "LOW")
def mock_smtp():
    with mock.patch("smtplib.SMTP", autospec=True) as smtp:
        yield smtp
