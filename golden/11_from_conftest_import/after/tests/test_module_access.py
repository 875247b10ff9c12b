import smtplib

import conftest


def test_helper_via_module():
    assert conftest.helper() == "helped"


def test_patch_conftest_attribute(monkeypatch):
    monkeypatch.setattr(conftest, "helper", lambda: "patched")
    assert conftest.helper() == "patched"


def test_fake_mailer_class_is_shared(fake_mailer):
    assert isinstance(fake_mailer, conftest.FakeMailer)
    fake_mailer.send("bob@example.test", "hi")
    assert fake_mailer.outbox == [("bob@example.test", "hi")]


def test_mock_smtp(mock_smtp):
    smtplib.SMTP("mail.example.test").sendmail("a", ["b"], "body")
    mock_smtp.return_value.sendmail.assert_called_once_with("a", ["b"], "body")
