import sys

import pytest

import app_settings
import helpers


def test_mode_was_set_before_import(settings_module):
    assert settings_module.MODE == "test"
    assert app_settings.DEBUG is True


def test_src_is_on_sys_path():
    assert any(entry.endswith("src") for entry in sys.path)


def test_health(health):
    assert health["body"] == "ok (test)"


def test_helpers_are_rewritten():
    with pytest.raises(AssertionError) as excinfo:
        helpers.assert_status({"status": 500}, 200)
    assert "500 == 200" in str(excinfo.value)


def test_mock_app(mock_app):
    response = mock_app.handle("/health")
    helpers.assert_status(response, 503)
    helpers.assert_body_contains(response, "maintenance")


@pytest.mark.skip(reason="production mode is never used in tests")
def test_production_mode():
    assert app_settings.MODE == "production"
