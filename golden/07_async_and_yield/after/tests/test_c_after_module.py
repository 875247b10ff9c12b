import pytest


def test_module_session_closed_after_its_module(teardown_log):
    assert "close:module_session:2" in teardown_log


def test_teardown_order(teardown_log):
    assert teardown_log == [
        "close:async_queue",
        "close:echo_client",
        "close:tracked",
        "close:module_session:2",
    ]


@pytest.mark.skip(reason="needs a second event loop scope")
def test_session_loop(teardown_log):
    raise AssertionError("unreachable")
