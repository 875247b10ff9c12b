def test_uses_tracked_resource(tracked_resource, module_session):
    module_session["requests"] += 1
    assert tracked_resource["open"]


def test_tracked_resource_was_closed(teardown_log, module_session):
    module_session["requests"] += 1
    assert "close:tracked" in teardown_log
    # the module-scoped fixture is still alive inside this module
    assert not any(entry.startswith("close:module_session") for entry in teardown_log)
