from __future__ import annotations

import pytest

from shop import notifications


def test_registry_starts_empty():
    # the autouse fixture in conftest.py resets it around every test
    assert notifications.REGISTRY == {}


def test_order_confirmation_lists_the_items(order, settings):
    message = notifications.order_confirmation(order, settings.mail_sender)
    assert message.to == order.customer.email
    assert "2 x Standard Widget" in message.body
    assert settings.mail_sender in message.subject


def test_notify_uses_every_registered_channel(
    fake_email_channel, mock_sms_channel, order, settings
):
    message = notifications.order_confirmation(order, settings.mail_sender)
    assert notifications.notify(message) == ["email", "sms"]
    assert fake_email_channel == [message]
    mock_sms_channel.assert_called_once_with(message)


def test_notify_only_the_named_channels(fake_email_channel, mock_sms_channel, order):
    message = notifications.order_confirmation(order, "shop")
    notifications.notify(message, channels=["sms"])
    assert fake_email_channel == []
    mock_sms_channel.assert_called_once()


def test_a_channel_cannot_be_registered_twice(fake_email_channel):
    with pytest.raises(ValueError, match="already registered"):
        notifications.register("email", print)


def test_mock_notify_replaces_the_module_function(mock_notify, order):
    assert notifications.notify(notifications.order_confirmation(order, "shop")) == ["email"]
    mock_notify.assert_called_once()


def test_mailer_uses_the_configured_sender(mock_mailer, settings, event_log):
    mock_mailer.send("hello")
    event_log.append(f"sent as {mock_mailer.sender}")
    assert event_log == ["sent as orders@shop.test"]
