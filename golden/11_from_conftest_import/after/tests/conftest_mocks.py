# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

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
