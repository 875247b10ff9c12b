def test_message(message):
    assert message.get_payload() == "hello"
